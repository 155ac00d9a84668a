"""The sandbox over real HTTP(S) on 127.0.0.1, for benchmarks and other languages.

One :class:`SandboxServer` serves one :class:`~pyimgur.testing.FakeImgur`:
the API at ``http://127.0.0.1:PORT/`` (so ``3/image/abc`` is
``/3/image/abc``) and the CDN under ``/cdn/``.  Each connection gets a daemon
thread; :meth:`SandboxServer.stop` closes every open connection and joins
every thread, and a timer calls it after ``lifetime`` seconds.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import struct
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import parse_qs, urlsplit

from . import tls
from .engine import Interrupt
from .protocol import SandboxRequest, reason

if TYPE_CHECKING:
    from .fake import FakeImgur

#: idle keep-alive connections are closed after this many seconds
IDLE_TIMEOUT = 5.0
#: bytes per write of an answer's body
WRITE_CHUNK = 1024 * 1024
MAX_BODY = 256 * 1024 * 1024
#: seconds stop() waits for each connection thread
JOIN_TIMEOUT = 5.0


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # the listen backlog: socketserver's 5 drops the connections of 50 concurrent tasks,
    # which then wait a full second for the SYN retransmit
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: SandboxServer) -> None:
        self.owner = owner
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """One daemon thread per connection, remembered so that stop() can join it."""
        thread = threading.Thread(target=self.process_request_thread,
                                  args=(request, client_address), daemon=True,
                                  name=f"pyimgur-sandbox-conn-{client_address[1]}")
        with self.sockets_lock:
            self.open_sockets.add(request)
            self.threads = [t for t in self.threads if t.is_alive()]
            self.threads.append(thread)
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Connection errors of clients that went away are not news."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in separate writes: without this, Nagle's
    # algorithm and delayed ACKs add about 40 ms to every response
    disable_nagle_algorithm = True
    timeout = IDLE_TIMEOUT
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the sandbox keeps its own request log."""

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("request body too large")
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        request = SandboxRequest(
            method=self.command.upper(),
            path=parts.path.lstrip("/"),
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=dict(self.headers.items()),
            body=self._body(),
        )
        try:
            answer = owner.fake.handle(request, cdn=owner.cdn_url)
        except Interrupt as stop:
            self._interrupt(stop)
            return
        self.send_response_only(answer.status, reason(answer.status))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD" and answer.body:
            # in pieces: a socket timeout bounds each whole write, and one write
            # of a 200 MB file to a busy client can take longer than IDLE_TIMEOUT
            body = memoryview(answer.body)
            for start in range(0, len(body), WRITE_CHUNK):
                self.wfile.write(body[start : start + WRITE_CHUNK])
        self.wfile.flush()

    def _interrupt(self, stop: Interrupt) -> None:
        """Fail the connection the way the fault says: wait first for a timeout."""
        if stop.fault.kind == "timeout":
            self.server.owner.stopping.wait(stop.fault.delay)
        self.close_connection = True
        try:
            # SO_LINGER 0: close with a reset, not a polite FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve


class SandboxServer:
    """Serve a sandbox on loopback until :meth:`stop` (or ``lifetime`` seconds)."""

    def __init__(
        self,
        fake: FakeImgur,
        host: str = "127.0.0.1",
        port: int = 0,
        https: bool = False,
        lifetime: Optional[float] = 600.0,
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the sandbox only binds loopback addresses")
        self.fake = fake
        self.https = https
        self.lifetime = lifetime
        self.stopping = threading.Event()
        self.cert_path: Optional[str] = None
        self._tempdir: Optional[str] = None
        self._httpd = _HTTPServer((host, port), self)
        self.port: int = self._httpd.server_address[1]
        scheme = "https" if https else "http"
        self.base_url = f"{scheme}://{host}:{self.port}/"
        self.cdn_url = self.base_url + "cdn/"
        if https:
            self._enable_tls()
        self._thread: Optional[threading.Thread] = None
        self._timer: Optional[threading.Timer] = None
        self._stop_lock = threading.Lock()
        self.stopped = threading.Event()

    def __repr__(self) -> str:
        return f"<SandboxServer {self.base_url} {'stopped' if self.stopped.is_set() else 'up'}>"

    def _enable_tls(self) -> None:
        self._tempdir = tempfile.mkdtemp(prefix="pyimgur-sandbox-")
        try:
            cert, key = tls.make_certificate(self._tempdir)
        except Exception:
            self._httpd.server_close()
            shutil.rmtree(self._tempdir, ignore_errors=True)
            raise
        self.cert_path = cert
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._httpd.socket = context.wrap_socket(
            self._httpd.socket, server_side=True, do_handshake_on_connect=False
        )

    def start(self) -> SandboxServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"pyimgur-sandbox-{self.port}", daemon=True,
        )
        self._thread.start()
        if self.lifetime is not None:
            self._timer = threading.Timer(self.lifetime, self.stop)
            self._timer.daemon = True
            self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection, join every thread (idempotent)."""
        with self._stop_lock:
            if self.stopped.is_set():
                return
            self.stopping.set()
            if self._timer is not None and self._timer is not threading.current_thread():
                self._timer.cancel()
                self._timer.join()
            if self._thread is not None:
                self._httpd.shutdown()
                self._thread.join()
            with self._httpd.sockets_lock:
                sockets = list(self._httpd.open_sockets)
            for sock in sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self._httpd.server_close()
            with self._httpd.sockets_lock:
                threads = list(self._httpd.threads)
            for thread in threads:
                if thread is not threading.current_thread():
                    thread.join(JOIN_TIMEOUT)
            if self._tempdir:
                shutil.rmtree(self._tempdir, ignore_errors=True)
            self.stopped.set()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until the server stopped (by :meth:`stop` or its lifetime)."""
        return self.stopped.wait(timeout)

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
