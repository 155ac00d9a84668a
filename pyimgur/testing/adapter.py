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

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from .engine import Interrupt
from .exchange import CDN_HOST, body_bytes, sandbox_path, sandbox_request, too_late

if TYPE_CHECKING:
    from .fake import FakeImgur

__all__ = ["CDN_HOST", "SandboxAdapter", "body_bytes"]


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
        path = sandbox_path(url, self.base_url)
        if path is None:  # requests mounts this adapter on the base URL and the CDN only
            raise ValueError(f"the sandbox does not serve {url}")
        return path

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
        sandboxed = sandbox_request(request.method or "GET", url, self.path_of(url),
                                    request.headers, body_bytes(request.body))
        started = time.monotonic()
        try:
            answer = self.fake.handle(sandboxed)
        except Interrupt as stop:
            raise self._failure(stop, request) from None
        if too_late(time.monotonic() - started, _read_timeout(timeout)):
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
