"""Each story runs twice: against the sandbox in process, and over loopback HTTP.

``sandbox`` gives the :class:`~pyimgur.testing.FakeImgur` (for assertions
and set-up) and makes real :class:`pyimgur.Imgur` clients talking to it the
chosen way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from story_helpers import Sandbox

from pyimgur.testing import FakeImgur


@pytest.fixture(params=["in_process", "loopback"])
def sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    fake = FakeImgur()
    if request.param == "in_process":
        box = Sandbox(fake, "in_process")
        yield box
        box.close()
        return
    with fake.serve(lifetime=120) as url:
        box = Sandbox(fake, "loopback", url)
        yield box
        box.close()
