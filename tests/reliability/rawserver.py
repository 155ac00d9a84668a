"""A raw HTTP server on 127.0.0.1 for what only real sockets show: a body that
drips, stops, is cut mid-chunk or mid-gzip, or a request body that is short or
too long.  Each connection is handed to a script, ``script(conn, head)``,
after the request line and headers were read.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Head:
    """The request line, the headers (lower-case names) and body bytes read with them."""

    line: str
    headers: dict[str, str]
    extra: bytes


@dataclass
class Served:
    url: str
    requests: list[Head] = field(default_factory=list)
    notes: dict[str, object] = field(default_factory=dict)


Script = Callable[[socket.socket, Head, Served], None]


def read_head(conn: socket.socket) -> Head:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("the client closed before its headers ended")
        data += chunk
    raw, _, extra = data.partition(b"\r\n\r\n")
    line, *rest = raw.decode("latin-1").split("\r\n")
    headers = {}
    for text in rest:
        name, _, value = text.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Head(line, headers, extra)


def read_body(conn: socket.socket, head: Head, wait: float = 5.0) -> tuple[bytes, bytes]:
    """The body as announced by Content-Length, and any bytes sent after it
    (within ``wait`` seconds, or until the client closes)."""
    wanted = int(head.headers.get("content-length", "0"))
    data = head.extra
    conn.settimeout(wait)
    try:
        while len(data) < wanted:
            chunk = conn.recv(1 << 20)
            if not chunk:
                return data, b""
            data += chunk
        body, after = data[:wanted], data[wanted:]
        conn.settimeout(0.3)
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            after += chunk
    except (socket.timeout, OSError):
        body, after = data[:wanted], data[wanted:]
    return body, after


def send_head(conn: socket.socket, status: str = "200 OK", **headers: str) -> None:
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def drip(conn: socket.socket, every: float, size: int = 1, stop: float = 30.0) -> None:
    """Send ``size`` bytes every ``every`` seconds until the client goes away."""
    ends = time.monotonic() + stop
    try:
        while time.monotonic() < ends:
            conn.sendall(b"x" * size)
            time.sleep(every)
    except OSError:
        pass


@contextmanager
def raw_server(script: Script) -> Iterator[Served]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    served = Served(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    stopping = threading.Event()
    workers: list[threading.Thread] = []

    def handle(conn: socket.socket) -> None:
        with conn:
            try:
                head = read_head(conn)
                served.requests.append(head)
                script(conn, head, served)
            except OSError:
                pass

    def accept() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(None)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            worker = threading.Thread(target=handle, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield served
    finally:
        stopping.set()
        acceptor.join(5)
        listener.close()
        for worker in workers:
            worker.join(5)
