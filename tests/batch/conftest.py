"""A seeded sandbox served on 127.0.0.1 and a client that talks to it over HTTP,
so the threads of the many-at-once calls share real pooled connections."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import pyimgur
from pyimgur.testing import SEED_CLIENT_ID, SEED_CLIENT_SECRET, FakeImgur


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


@pytest.fixture
def served(fake: FakeImgur) -> Iterator[str]:
    with fake.serve(lifetime=300.0) as url:
        yield url


@pytest.fixture
def client(fake: FakeImgur, served: str) -> Iterator[pyimgur.Imgur]:
    token = fake.issue_token()
    im = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, token.access_token,
                       token.refresh_token, base_url=served, backoff_factor=0.0)
    yield im
    im.close()


@pytest.fixture
def anonymous(fake: FakeImgur, served: str) -> Iterator[pyimgur.Imgur]:
    im = pyimgur.Imgur(SEED_CLIENT_ID, base_url=served, backoff_factor=0.0)
    yield im
    im.close()


def count(fake: FakeImgur, method: str, path_regex: str) -> int:
    """How many requests the sandbox received (applied or not)."""
    return len(fake.find_requests(method, path_regex))


def new_images(fake: FakeImgur, n: int) -> list[str]:
    return [fake.add_image(title=f"picture {k}").id for k in range(n)]
