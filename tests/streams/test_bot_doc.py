"""The bot of docs/bot.rst (docs/examples/hello_bot.py, included by the page) runs
against the sandbox fixtures, so the documented code cannot rot."""

from __future__ import annotations

import importlib.util
import json
import pathlib
from types import ModuleType

import pytest

from pyimgur import Imgur
from pyimgur.testing import (
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_GALLERY_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_USER,
    FakeImgur,
)
from pyimgur.testing.timeline import SimulatedTime

EXAMPLE = pathlib.Path(__file__).parents[2] / "docs" / "examples" / "hello_bot.py"
ADA, GRACE = SEED_OTHER_USERS[:2]


@pytest.fixture
def bot() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hello_bot", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replies_by_bot(fake: FakeImgur) -> list[tuple[int, str]]:
    return sorted(
        (c.parent_id, c.comment) for c in fake.state.comments.values()
        if c.author == SEED_USER and c.comment.startswith("Hello, ")
    )


def test_the_documented_bot_answers_each_mention_once_across_restarts(
    bot: ModuleType, imgur: Imgur, fake_imgur: FakeImgur, tmp_path: pathlib.Path
) -> None:
    sim = SimulatedTime(fake_imgur)
    sim.install(imgur)
    state = tmp_path / "state.json"
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "I say hello to whoever asks")
    bot.run(imgur, state, pause_after=0)  # the seeded notifications: none asks
    assert replies_by_bot(fake_imgur) == []
    old_notes = set(fake_imgur.state.notifications)

    asks = sim.reply(mine.id, ADA, "Hi bot! !HELLO")
    sim.reply(mine.id, GRACE, "no trigger here")
    gone = sim.reply(mine.id, GRACE, "!hello from a comment about to vanish")
    fake_imgur.state.comments[gone.id].deleted = True
    sim.message(GRACE, SEED_USER, "!hello in a message")
    bot.run(imgur, state, pause_after=0)
    assert replies_by_bot(fake_imgur) == [(asks.id, f"Hello, {ADA}!")]
    assert json.loads(state.read_text())["seen"]  # the position is saved

    # a restart (a new session, the saved state) answers only what is new
    again = SimulatedTime(fake_imgur).install(fake_imgur.user_client())
    later = sim.reply(mine.id, GRACE, "!hello again")
    bot.run(again, state, pause_after=0)
    assert replies_by_bot(fake_imgur) == sorted(
        [(asks.id, f"Hello, {ADA}!"), (later.id, f"Hello, {GRACE}!")]
    )
    # every handled notification was marked viewed
    new_notes = [n for key, n in fake_imgur.state.notifications.items()
                 if key not in old_notes and n.account == SEED_USER]
    assert len(new_notes) == 5 and all(n.viewed for n in new_notes)
    assert not list(tmp_path.glob("*.partial"))


def test_the_token_file_is_written_whole(bot: ModuleType, tmp_path: pathlib.Path) -> None:
    target = tmp_path / "tokens.json"
    bot.save(target, ["a", "b"])
    bot.save(target, ["c", "d"])
    assert json.loads(target.read_text()) == ["c", "d"]
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.json"]


def test_the_documented_session_keeps_its_tokens_across_restarts(
    bot: ModuleType, fake_imgur: FakeImgur, tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = fake_imgur.issue_token()
    monkeypatch.setenv("IMGUR_CLIENT_ID", SEED_CLIENT_ID)
    monkeypatch.setenv("IMGUR_CLIENT_SECRET", SEED_CLIENT_SECRET)
    monkeypatch.setenv("IMGUR_REFRESH_TOKEN", token.refresh_token)
    tokens = tmp_path / "tokens.json"

    first = bot.connect(tokens)
    fake_imgur.attach(first)
    assert first.transport.pacer is not None  # a bot paces
    assert first.get_current_user(fetch=True).name == SEED_USER  # gets an access token first
    access, refresh = json.loads(tokens.read_text())
    assert access == first.access_token

    fake_imgur.reset_log()
    second = bot.connect(tokens)  # a restart starts from the saved pair
    fake_imgur.attach(second)
    assert second.get_current_user(fetch=True).name == SEED_USER
    assert fake_imgur.find_requests(path_regex=r"oauth2") == []
    assert (second.access_token, second.refresh_token) == (access, refresh)
