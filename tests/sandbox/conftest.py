"""Fixtures for the sandbox's own tests: a fresh sandbox and a raw HTTP helper.

``api`` talks to the sandbox with plain ``requests`` through the in-process
adapter (no pyimgur client logic), so each test sees exactly what the
sandbox answers.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sandbox_helpers import RawAPI

from pyimgur.testing import FakeImgur


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


@pytest.fixture
def api(fake: FakeImgur) -> Iterator[RawAPI]:
    raw = RawAPI(fake)
    yield raw
    raw.close()
