"""The in-process transport: a requests adapter that hands each request to the sandbox.

Mounted on a client's session (:meth:`FakeImgur.attach`), it replaces only the
socket: everything above it (the session, auth headers, retries, parsing) is
the real client code.  Connection-level faults become the exceptions requests
raises for them on a real network.
"""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from http.client import RemoteDisconnected
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from .engine import Interrupt
from .protocol import SandboxRequest

if TYPE_CHECKING:
    from .fake import FakeImgur

CDN_HOST = "i.imgur.com"


def body_bytes(body: Any) -> bytes:
    """The bytes of a prepared request's body (bytes, text, a stream or chunks)."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)


def _read_timeout(timeout: Any) -> Optional[float]:
    if isinstance(timeout, tuple):
        return timeout[1] if len(timeout) > 1 else None
    return float(timeout) if timeout is not None else None


class SandboxAdapter(BaseAdapter):
    """Answers requests for ``base_url`` and the CDN from a :class:`FakeImgur`."""

    def __init__(self, fake: FakeImgur, base_url: str) -> None:
        super().__init__()
        self.fake = fake
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def path_of(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.hostname == CDN_HOST:
            return "cdn/" + parts.path.lstrip("/")
        base_path = urlsplit(self.base_url).path
        path = parts.path
        if path.startswith(base_path):
            path = path[len(base_path):]
        return path.lstrip("/")

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Union[float, tuple[float, float], tuple[float, None], None] = None,
        verify: Union[bool, str] = True,
        cert: Union[bytes, str, tuple[Union[bytes, str], Union[bytes, str]], None] = None,
        proxies: Optional[Mapping[str, str]] = None,
    ) -> requests.Response:
        url = request.url or ""
        sandbox_request = SandboxRequest(
            method=(request.method or "GET").upper(),
            path=self.path_of(url),
            query=parse_qs(urlsplit(url).query, keep_blank_values=True),
            headers=dict(request.headers),
            body=body_bytes(request.body),
        )
        started = time.monotonic()
        try:
            answer = self.fake.handle(sandbox_request)
        except Interrupt as stop:
            raise self._failure(stop, request) from None
        limit = _read_timeout(timeout)
        if limit is not None and time.monotonic() - started > limit:
            raise requests.ReadTimeout("sandbox: the answer came too late", request=request)
        response = requests.Response()
        response.status_code = answer.status
        response.headers = CaseInsensitiveDict(answer.headers)
        response.raw = io.BytesIO(answer.body)
        response.reason = answer.reason
        response.url = url
        response.request = request
        response.encoding = get_encoding_from_headers(response.headers)
        response.connection = self  # type: ignore[assignment]
        return response

    def _failure(self, stop: Interrupt, request: requests.PreparedRequest) -> Exception:
        kind = stop.fault.kind
        if kind == "timeout":
            return requests.ReadTimeout("sandbox: read timed out (injected fault)",
                                        request=request)
        if kind == "refused":
            reason = NewConnectionError(None, "sandbox: connection refused (injected fault)")  # type: ignore[arg-type]
            return requests.ConnectionError(MaxRetryError(None, request.url or "", reason),  # type: ignore[arg-type]
                                            request=request)
        if kind == "reset_before_read":
            cause: Exception = ConnectionResetError(104, "Connection reset by peer")
        else:
            cause = RemoteDisconnected("Remote end closed connection without response")
        return requests.ConnectionError(ProtocolError("Connection aborted.", cause),
                                        request=request)

    def close(self) -> None:
        """Nothing to close: no sockets."""
