"""The in-process transports for httpx: an ``httpx.AsyncClient`` (or ``httpx.Client``) that
talks to a :class:`~pyimgur.testing.FakeImgur` without a socket.

::

    client = httpx.AsyncClient(transport=fake.async_transport())
    response = await client.get("https://api.imgur.com/3/image/SbxImg1", headers=...)

One transport serves the API base URL and the CDN (``i.imgur.com``); any other
host fails as an unreachable one would (``httpx.ConnectError``), nothing
leaves the process.  The request and answer go through the same engine and the
same conversion (:mod:`~pyimgur.testing.exchange`) as the requests adapter.
Connection-level faults become the exceptions httpx raises on a real network:

=====================  ===========================
fault                  httpx exception
=====================  ===========================
``timeout``            ``httpx.ReadTimeout``
``refused``            ``httpx.ConnectError``
``reset_before_read``  ``httpx.ReadError``
``drop_after_apply``   ``httpx.RemoteProtocolError``
=====================  ===========================

A ``slow`` fault never blocks the event loop: the engine hands its delay to
the async transport, which waits with ``anyio.sleep`` (asyncio and trio); the
sandbox has already applied the request by then, as it has when a slow answer
misses the client's read timeout (``httpx.ReadTimeout`` after ``read``
seconds).  Answers are streamed to the client in 64 KiB chunks, with a
checkpoint between chunks, so reading a big CDN file lets other tasks run.
Needs httpx (``pip install "pyimgur[async]"``).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Optional

import anyio
import httpx

from ..transport import API_BASE
from .engine import Interrupt
from .exchange import Pauses, sandbox_path, sandbox_request, too_late
from .protocol import SandboxRequest, SandboxResponse, reason

if TYPE_CHECKING:
    from .fake import FakeImgur

__all__ = ["AsyncSandboxTransport", "SandboxTransport"]

#: bytes per chunk of a streamed answer
CHUNK = 64 * 1024

_FAILURES: dict[str, tuple[type[httpx.TransportError], str]] = {
    "timeout": (httpx.ReadTimeout, "read timed out"),
    "refused": (httpx.ConnectError, "connection refused"),
    "reset_before_read": (httpx.ReadError, "connection reset by peer"),
    "drop_after_apply": (httpx.RemoteProtocolError,
                         "server disconnected without sending a response"),
}


class _Body(httpx.AsyncByteStream, httpx.SyncByteStream):
    """An answer's bytes in :data:`CHUNK`-sized pieces."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def _chunks(self) -> Iterator[bytes]:
        view = memoryview(self.data)
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start:start + CHUNK])

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for number, chunk in enumerate(self._chunks()):
            if number:
                await anyio.sleep(0)  # a checkpoint: other tasks run between chunks
            yield chunk


class _Sandboxed:
    """What both transports share: the request in, the answer or the failure out."""

    def __init__(self, fake: FakeImgur, base_url: str = API_BASE) -> None:
        self.fake = fake
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.base_url} -> {self.fake!r}>"

    def _request(self, request: httpx.Request, body: bytes) -> SandboxRequest:
        url = str(request.url)
        path = sandbox_path(url, self.base_url)
        if path is None:
            raise httpx.ConnectError(
                f"sandbox: no such host (it serves {self.base_url} and the CDN only)",
                request=request)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw}
        return sandbox_request(request.method, url, path, headers, body)

    @staticmethod
    def _read_timeout(request: httpx.Request) -> Optional[float]:
        read = (request.extensions.get("timeout") or {}).get("read")
        return None if read is None else float(read)

    @staticmethod
    def _failure(stop: Interrupt, request: httpx.Request) -> httpx.TransportError:
        kind, text = _FAILURES[stop.fault.kind]
        return kind(f"sandbox: {text} (injected fault)", request=request)

    @staticmethod
    def _too_late(request: httpx.Request) -> httpx.ReadTimeout:
        return httpx.ReadTimeout("sandbox: the answer came too late", request=request)

    @staticmethod
    def _response(answer: SandboxResponse, request: httpx.Request) -> httpx.Response:
        headers = {**answer.headers, "Content-Length": str(len(answer.body))}
        return httpx.Response(
            answer.status, headers=headers, stream=_Body(answer.body), request=request,
            extensions={"reason_phrase": (answer.reason or reason(answer.status)).encode(),
                        "http_version": b"HTTP/1.1"},
        )


class AsyncSandboxTransport(_Sandboxed, httpx.AsyncBaseTransport):
    """``httpx.AsyncClient(transport=fake.async_transport())``: the sandbox in the event loop."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        sandboxed = self._request(request, await request.aread())
        pauses = Pauses()
        try:
            answer = self.fake.handle(sandboxed, pause=pauses)
        except Interrupt as stop:
            raise self._failure(stop, request) from None
        if pauses.seconds:
            limit = self._read_timeout(request)
            if too_late(pauses.seconds, limit):
                await anyio.sleep(limit or 0.0)
                raise self._too_late(request)
            await anyio.sleep(pauses.seconds)
        return self._response(answer, request)


class SandboxTransport(_Sandboxed, httpx.BaseTransport):
    """``httpx.Client(transport=fake.transport())``: the sandbox for a blocking httpx client."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sandboxed = self._request(request, request.read())
        started = time.monotonic()
        try:
            answer = self.fake.handle(sandboxed)
        except Interrupt as stop:
            raise self._failure(stop, request) from None
        if too_late(time.monotonic() - started, self._read_timeout(request)):
            raise self._too_late(request)
        return self._response(answer, request)
