"""A sandbox on simulated time, and a client whose sleeps advance it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pyimgur import Imgur
from pyimgur.testing import FakeImgur, SimulatedTime


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


@pytest.fixture
def sim(fake: FakeImgur) -> SimulatedTime:
    return SimulatedTime(fake)


@pytest.fixture
def im(fake: FakeImgur, sim: SimulatedTime) -> Iterator[Imgur]:
    client = sim.install(fake.user_client())
    yield client
    client.close()
