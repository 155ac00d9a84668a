"""Issue 13, section 3: a server that drips its answer cannot keep a call alive.

Only real sockets show it (requests-mock and the in-process sandbox hand over
the body at once), so a raw TCP server on 127.0.0.1 sends the headers, then
the body one byte every 50 ms.  Each read is well within the read timeout, so
only the per-attempt deadline ends the call.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import pyimgur

from .conftest import record_figure

BODY = json.dumps({"data": {"id": "abc1234", "title": "x" * 200}, "success": True,
                   "status": 200}).encode()
DRIP = 0.05


class DripServer:
    """Answers every request on its connection, dripping the body ``per_byte`` apart."""

    def __init__(self, per_byte: float, chunked: bool = False) -> None:
        self.per_byte = per_byte
        self.chunked = chunked
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.requests = 0
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/"

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        self.connections += 1
        with connection:
            connection.settimeout(5)
            try:
                while self._answer_one(connection):
                    pass
            except OSError:  # the client gave up: what the test wants
                return

    def _answer_one(self, connection: socket.socket) -> bool:
        request = b""
        while b"\r\n\r\n" not in request:
            piece = connection.recv(4096)
            if not piece:
                return False
            request += piece
        self.requests += 1
        if self.chunked:
            head = b"Transfer-Encoding: chunked\r\n"
            pieces = [b"1\r\n" + BODY[i:i + 1] + b"\r\n" for i in range(len(BODY))]
            pieces.append(b"0\r\n\r\n")
        else:
            head = b"Content-Length: %d\r\n" % len(BODY)
            pieces = [BODY[i:i + 1] for i in range(len(BODY))] if self.per_byte else [BODY]
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           + head + b"\r\n")
        for piece in pieces:
            if self.stop.is_set():
                return False
            connection.sendall(piece)
            if self.per_byte:
                time.sleep(self.per_byte)
        return True

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(timeout=2)


@pytest.fixture(params=[False, True], ids=["content-length", "chunked"])
def dripping(request: Any) -> Iterator[DripServer]:
    server = DripServer(DRIP, chunked=request.param)
    yield server
    server.close()


def test_a_dripping_answer_is_cut_at_the_deadline(dripping: DripServer) -> None:
    """The body takes about 12 s to drip; timeout=(1, 0.5) never fires; the 1 s
    deadline ends the attempt, and a GET is retried as for any timeout."""
    im = pyimgur.Imgur("cid", base_url=dripping.url, timeout=(1, 0.5), deadline=1.0,
                       max_retries=1, backoff_factor=0)
    started = time.monotonic()
    with pytest.raises(pyimgur.TransportError) as raised:
        im.get_image("abc1234", fetch=True)
    elapsed = time.monotonic() - started
    assert "deadline" in str(raised.value)
    assert dripping.requests == 2  # one try, one retry, each cut after about 1 s
    assert elapsed < 2 * (1.0 + 0.5) + 1.0, f"the call lasted {elapsed:.1f} s"
    record_figure(f"dripping answer ({'chunked' if dripping.chunked else 'content-length'}), "
                  "deadline=1, 2 attempts", f"raised after {elapsed:.2f} s (the body needs "
                  f"{len(BODY) * DRIP:.0f} s)")
    im.close()


def test_a_write_cut_at_the_deadline_is_never_sent_again() -> None:
    server = DripServer(DRIP)
    try:
        im = pyimgur.Imgur("cid", base_url=server.url, timeout=(1, 0.5), deadline=0.5,
                           backoff_factor=0)
        with pytest.raises(pyimgur.TransportError):
            im.create_album(title="once")
        assert server.requests == 1  # a creation may have been applied: raised, not resent
        im.close()
    finally:
        server.close()


def test_a_prompt_answer_is_read_whole_over_one_kept_alive_connection() -> None:
    server = DripServer(0)
    try:
        im = pyimgur.Imgur("cid", base_url=server.url, timeout=(1, 0.5), deadline=1.0,
                           cache_ttl=0)
        for _ in range(3):
            assert im.get_image("abc1234", fetch=True).title == "x" * 200
        assert server.requests == 3 and server.connections == 1
        im.close()
    finally:
        server.close()


def test_the_deadline_is_settable_and_checked() -> None:
    assert pyimgur.Imgur("cid").transport.deadline == 60.0
    assert pyimgur.Imgur("cid", deadline=5).transport.deadline == 5.0
    for bad in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            pyimgur.Imgur("cid", deadline=bad)
    with pytest.raises(TypeError):
        pyimgur.Imgur("cid", deadline="60")
