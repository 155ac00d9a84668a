"""Fixtures of the async flavour's tests: a sandbox and AsyncImgur clients on it.

Clients reach the sandbox in process through ``FakeImgur.async_transport()``
(the engine the sync adapter uses), so every request is counted by the sandbox.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import pyimgur
from pyimgur.testing import FakeImgur
from pyimgur.testing import seed as _seed


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every async test runs under asyncio and under trio (anyio's pytest plugin)."""
    return str(request.param)


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


def bridge(fake: FakeImgur, base_url: str = pyimgur.IMGUR_BASE) -> httpx.AsyncBaseTransport:
    """The sandbox's in-process httpx transport."""
    return fake.async_transport(base_url)


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
