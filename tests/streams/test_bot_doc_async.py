"""The async bot of docs/bot.rst (docs/examples/hello_bot_async.py, included by the
page) runs against the in-process sandbox on simulated time, so the documented
code cannot rot."""

from __future__ import annotations

import importlib.util
import json
import pathlib
from types import ModuleType

import pytest
from aio.conftest import bridge, user_client

from pyimgur.testing import (
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_GALLERY_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_USER,
    FakeImgur,
    SimulatedTime,
)

EXAMPLE = pathlib.Path(__file__).parents[2] / "docs" / "examples" / "hello_bot_async.py"
ADA, GRACE = SEED_OTHER_USERS[:2]
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def bot() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hello_bot_async", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replies_by_bot(fake: FakeImgur) -> list[tuple[int, str]]:
    return sorted(
        (c.parent_id, c.comment) for c in fake.state.comments.values()
        if c.author == SEED_USER and c.comment.startswith("Hello, ")
    )


async def test_the_documented_async_bot_answers_each_mention_once_across_restarts(
    bot: ModuleType, fake: FakeImgur, tmp_path: pathlib.Path
) -> None:
    sim = SimulatedTime(fake)
    state = tmp_path / "state.json"
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "I say hello to whoever asks")
    async with sim.install(user_client(fake)) as im:
        await bot.run(im, state, pause_after=0)  # the seeded notifications: none asks
        assert replies_by_bot(fake) == []
        old_notes = set(fake.state.notifications)

        asks = sim.reply(mine.id, ADA, "Hi bot! !HELLO")
        sim.reply(mine.id, GRACE, "no trigger here")
        gone = sim.reply(mine.id, GRACE, "!hello from a comment about to vanish")
        fake.state.comments[gone.id].deleted = True
        sim.message(GRACE, SEED_USER, "!hello in a message")
        await bot.run(im, state, pause_after=0)
        assert replies_by_bot(fake) == [(asks.id, f"Hello, {ADA}!")]
        assert json.loads(state.read_text())["seen"]  # the position is saved

    # a restart (a new session, the saved state) answers only what is new
    async with SimulatedTime(fake).install(user_client(fake)) as again:
        later = sim.reply(mine.id, GRACE, "!hello again")
        await bot.run(again, state, pause_after=0)
    assert replies_by_bot(fake) == sorted(
        [(asks.id, f"Hello, {ADA}!"), (later.id, f"Hello, {GRACE}!")]
    )
    # every handled notification was marked viewed
    new_notes = [n for key, n in fake.state.notifications.items()
                 if key not in old_notes and n.account == SEED_USER]
    assert len(new_notes) == 5 and all(n.viewed for n in new_notes)
    assert not list(tmp_path.glob("*.partial"))


async def test_the_documented_async_session_paces_and_keeps_its_tokens(
    bot: ModuleType, fake: FakeImgur, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = fake.issue_token()
    monkeypatch.setenv("IMGUR_CLIENT_ID", SEED_CLIENT_ID)
    monkeypatch.setenv("IMGUR_CLIENT_SECRET", SEED_CLIENT_SECRET)
    monkeypatch.setenv("IMGUR_REFRESH_TOKEN", token.refresh_token)
    tokens = tmp_path / "tokens.json"

    first = bot.connect(tokens)
    first.transport._http_transport = bridge(fake)  # the sandbox in place of Imgur
    async with first:
        assert first.transport.pacer is not None  # a bot paces
        assert (await first.get_current_user()).name == SEED_USER  # gets a token first
    access, refresh = json.loads(tokens.read_text())
    assert access == first.access_token

    fake.reset_log()
    second = bot.connect(tokens)  # a restart starts from the saved pair
    second.transport._http_transport = bridge(fake)
    async with second:
        assert (await second.get_current_user()).name == SEED_USER
    assert fake.find_requests(path_regex=r"oauth2") == []
    assert (second.access_token, second.refresh_token) == (access, refresh)
