"""The bot of docs/async.rst (docs/examples/async_bot.py, included by the page) runs against
the sandbox through the ``async_imgur`` fixture, so the documented code cannot rot."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

import pytest

from pyimgur import AsyncImgur
from pyimgur.testing import (
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_USER,
    FakeImgur,
)

EXAMPLE = pathlib.Path(__file__).parents[1] / "docs" / "examples" / "async_bot.py"
ADA, GRACE = SEED_OTHER_USERS[:2]


@pytest.fixture
def bot() -> ModuleType:
    spec = importlib.util.spec_from_file_location("async_bot", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # the bot sleeps with asyncio.sleep, as asyncio bots do


def thanks_replies(fake: FakeImgur) -> list[tuple[int, str]]:
    return sorted((c.parent_id, c.comment) for c in fake.state.comments.values()
                  if c.author == SEED_USER and c.comment.startswith("Thanks, "))


@pytest.mark.anyio
async def test_the_documented_async_bot(
    bot: ModuleType, async_imgur: AsyncImgur, fake_imgur: FakeImgur, tmp_path: pathlib.Path
) -> None:
    card_file = tmp_path / "thank-you.png"
    card_file.write_bytes(fake_imgur.state.images[SEED_IMAGE_ID].data)
    asks = fake_imgur.add_comment(SEED_GALLERY_IMAGE_ID, ADA, "Lovely! !THANKS")
    fake_imgur.add_comment(SEED_GALLERY_IMAGE_ID, GRACE, "no trigger here")
    gone = fake_imgur.add_comment(SEED_GALLERY_IMAGE_ID, GRACE, "!thanks, then deleted")
    gone.deleted = True
    # the first reply is refused: the post budget is spent for 900 s
    fake_imgur.faults.add("rate_limit", bucket="post", method="POST", path_regex=r"^3/comment")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    answered: set[int] = set()
    async with async_imgur as im:
        card = await bot.upload_card(im, str(card_file), sleep)
        assert await bot.thank(im, SEED_GALLERY_IMAGE_ID, card, answered, sleep) == 1
        assert await bot.thank(im, SEED_GALLERY_IMAGE_ID, card, answered, sleep) == 0

    assert card.startswith("https://i.imgur.com/")
    assert thanks_replies(fake_imgur) == [(asks.id, f"Thanks, {ADA}! {card}")]
    assert waits == [900.0]  # what X-Post-Rate-Limit-Reset asked for
    assert fake_imgur.count_applied("POST", r"^3/(image|upload)$") == 1
    assert len(fake_imgur.find_requests("POST", r"^3/comment")) == 2  # the 429, then the reply
    assert fake_imgur.count_applied("POST", r"^3/comment") == 1
