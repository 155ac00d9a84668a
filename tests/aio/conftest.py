"""Fixtures of the async flavour's tests: a sandbox and AsyncImgur clients on it.

Clients reach the sandbox in process through ``FakeImgur.async_transport()``
when the sandbox has it, else through a small httpx mock transport into the
same engine (``FakeImgur.handle``), so every request is counted by the sandbox.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

import pyimgur
from pyimgur.testing import FakeImgur
from pyimgur.testing import seed as _seed
from pyimgur.testing.adapter import SandboxAdapter
from pyimgur.testing.engine import Interrupt
from pyimgur.testing.protocol import SandboxRequest


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every async test runs under asyncio and under trio (anyio's pytest plugin)."""
    return str(request.param)


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


def bridge(fake: FakeImgur, base_url: str = pyimgur.IMGUR_BASE) -> httpx.AsyncBaseTransport:
    """An in-process httpx transport into ``fake``."""
    if hasattr(fake, "async_transport"):
        return fake.async_transport(base_url)  # type: ignore[no-any-return]
    paths = SandboxAdapter(fake, base_url)

    async def handler(request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        url = str(request.url)
        sandbox_request = SandboxRequest(
            method=request.method,
            path=paths.path_of(url),
            query=parse_qs(urlsplit(url).query, keep_blank_values=True),
            headers=dict(request.headers),
            body=body,
        )
        started = time.monotonic()
        try:
            answer = fake.handle(sandbox_request)
        except Interrupt as stop:
            kind = stop.fault.kind
            if kind == "timeout":
                raise httpx.ReadTimeout("sandbox timeout", request=request) from None
            if kind == "refused":
                raise httpx.ConnectError("sandbox refused", request=request) from None
            if kind == "reset_before_read":
                raise httpx.ReadError("sandbox reset", request=request) from None
            raise httpx.RemoteProtocolError("sandbox dropped", request=request) from None
        read = (request.extensions.get("timeout") or {}).get("read")
        if read is not None and time.monotonic() - started > read:
            raise httpx.ReadTimeout("sandbox: the answer came too late", request=request)
        return httpx.Response(answer.status, headers=list(answer.headers.items()),
                              content=answer.body)

    return httpx.MockTransport(handler)


def client(fake: FakeImgur, access_token: Any = None, **kwargs: Any) -> pyimgur.AsyncImgur:
    """An unentered AsyncImgur on ``fake`` with the seeded client id and secret."""
    kwargs.setdefault("backoff_factor", 0.0)
    kwargs.setdefault("client_secret", _seed.SEED_CLIENT_SECRET)
    kwargs.setdefault("http_transport", bridge(fake, kwargs.get("base_url", pyimgur.IMGUR_BASE)))
    return pyimgur.AsyncImgur(_seed.SEED_CLIENT_ID, access_token=access_token, **kwargs)


def user_client(fake: FakeImgur, **kwargs: Any) -> pyimgur.AsyncImgur:
    """A client logged in as the seeded user, with fresh tokens."""
    token = fake._issue(fake.default_user, _seed.SEED_CLIENT_ID)
    kwargs.setdefault("refresh_token", token.refresh_token)
    return client(fake, token.access_token, **kwargs)
