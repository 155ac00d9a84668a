"""The pytest plugin of :mod:`pyimgur.testing` (entry point ``pyimgur`` in ``pytest11``).

With pyimgur installed, every test suite gets these fixtures, no set-up needed::

    def test_my_bot(imgur, fake_imgur):
        my_bot.run(imgur)                       # talks to the sandbox, in process
        assert fake_imgur.count_applied("POST", r"^3/comment$") == 1

``fake_imgur``
    a fresh seeded :class:`~pyimgur.testing.FakeImgur` per test.
``imgur``
    a :class:`pyimgur.Imgur` attached to it, logged in as the seeded test
    user (``SEED_USER``) with tokens the sandbox issued.
``fake_imgur_url``
    the same sandbox served on 127.0.0.1 for the test (its base URL; the
    server stops at the end of the test).
``async_imgur``
    a :class:`pyimgur.AsyncImgur` on ``fake_imgur`` (in process, logged in
    like ``imgur``), not entered yet: the test enters it, so that the client
    lives in the test's own event loop, whichever runner made it
    (pytest-asyncio or anyio, asyncio or trio)::

        @pytest.mark.anyio            # or @pytest.mark.asyncio
        async def test_my_async_bot(async_imgur, fake_imgur):
            async with async_imgur as im:
                await my_bot.run(im)
            assert fake_imgur.count_applied("POST", r"^3/comment$") == 1

    Needs ``pip install "pyimgur[async]"``; without httpx the plugin still
    loads, and only a test that asks for this fixture fails (with that advice).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..aio import AsyncImgur
    from ..imgur import Imgur
    from .fake import FakeImgur, ServedURL


@pytest.fixture
def fake_imgur() -> FakeImgur:
    """A fresh, seeded sandbox Imgur."""
    from .fake import FakeImgur

    return FakeImgur()


@pytest.fixture
def imgur(fake_imgur: FakeImgur) -> Iterator[Imgur]:
    """A client logged in as the seeded test user, attached to ``fake_imgur`` (no sockets)."""
    client = fake_imgur.user_client()
    yield client
    client.close()


@pytest.fixture
def fake_imgur_url(fake_imgur: FakeImgur) -> Iterator[ServedURL]:
    """``fake_imgur`` served over HTTP on 127.0.0.1 for the duration of the test."""
    with fake_imgur.serve(lifetime=600.0) as url:
        yield url


@pytest.fixture
def async_imgur(fake_imgur: FakeImgur) -> AsyncImgur:
    """An unentered ``pyimgur.AsyncImgur`` logged in as the seeded test user, attached to
    ``fake_imgur``; ``async with async_imgur as im:`` in the test (same loop, no sockets)."""
    return fake_imgur.async_user_client()
