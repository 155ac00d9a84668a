"""What every in-process transport shares: a client's request in, the sandbox's answer out.

The requests adapter (:mod:`~pyimgur.testing.adapter`) and the httpx
transports (:mod:`~pyimgur.testing.httpx_transport`) differ only in the
classes they read and build; the URL-to-path rule, the body reading and the
"answer came too late" rule are here, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

from .protocol import SandboxRequest

#: the host of Imgur's CDN; its files are ``cdn/<name>`` to the sandbox
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


def sandbox_path(url: str, base_url: str) -> Optional[str]:
    """The sandbox path of ``url`` (``3/image/abc`` or ``cdn/abc.png``), or None when the
    URL is neither under ``base_url`` nor on the CDN."""
    parts = urlsplit(url)
    if parts.hostname == CDN_HOST:
        return "cdn/" + parts.path.lstrip("/")
    base = urlsplit(base_url)
    if (parts.scheme.lower(), parts.netloc.lower()) != (base.scheme.lower(), base.netloc.lower()):
        return None
    base_path = base.path.rstrip("/") + "/"
    path = parts.path if parts.path + "/" != base_path else base_path
    if not path.startswith(base_path):
        return None
    return path[len(base_path):].lstrip("/")


def sandbox_request(
    method: str, url: str, path: str, headers: Mapping[str, str], body: bytes
) -> SandboxRequest:
    """The :class:`SandboxRequest` of one client request (``path`` from :func:`sandbox_path`)."""
    return SandboxRequest(
        method=method.upper(),
        path=path,
        query=parse_qs(urlsplit(url).query, keep_blank_values=True),
        headers=dict(headers),
        body=body,
    )


def too_late(waited: float, read_timeout: Optional[float]) -> bool:
    """Whether an answer that took ``waited`` seconds misses the client's read timeout."""
    return read_timeout is not None and waited > read_timeout


class Pauses:
    """Collects the pauses the engine asks for (``slow`` faults) instead of sleeping, so
    that an event loop can wait for them with its own sleep."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, seconds: float) -> None:
        self.seconds += seconds
