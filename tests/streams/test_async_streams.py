"""Every stream of the async flavour against the in-process sandbox on simulated
time, with requests counted: the same semantics as the sync streams."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any, Callable

import anyio
import pytest
from aio.conftest import client, user_client

import pyimgur
import pyimgur.aio
from pyimgur import AsyncImgur
from pyimgur.streams import AsyncStream
from pyimgur.testing import (
    SEED_CLIENT_ID,
    SEED_COMMENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_SUBREDDIT,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
    SimulatedTime,
)

pytestmark = pytest.mark.anyio
OTHER = SEED_OTHER_USERS[0]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@asynccontextmanager
async def session(fake: FakeImgur, sim: SimulatedTime, **kwargs: Any) -> AsyncIterator[AsyncImgur]:
    """An AsyncImgur logged in as the seeded user, sleeping on ``sim``."""
    async with sim.install(user_client(fake, **kwargs)) as im:
        yield im


async def take(stream: AsyncStream[Any], count: int, max_polls: int = 200) -> list[Any]:
    """The next ``count`` items of a stream (``None`` pauses skipped)."""
    got: list[Any] = []
    polls = 0
    async for item in stream:
        if item is None:
            polls += 1
            assert polls < max_polls, f"only {len(got)} of {count} items came"
            continue
        got.append(item)
        if len(got) == count:
            break
    return got


async def drain(stream: AsyncStream[Any]) -> list[Any]:
    """Everything the stream yields before its next pause (needs ``pause_after``)."""
    got: list[Any] = []
    async for item in stream:
        if item is None:
            return got
        got.append(item)
    raise AssertionError("unreachable: streams are endless")


def ident(item: Any) -> str:
    return str(item.__dict__["id"])


# -- one new item per stream kind --------------------------------------------------------------
Made = tuple[AsyncStream[Any], Callable[[], str]]
Maker = Callable[[AsyncImgur, FakeImgur, SimulatedTime], Awaitable[Made]]


async def _gallery(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    return im.stream.gallery(pause_after=0, skip_existing=True), lambda: sim.post(OTHER).id


async def _subreddit(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    stream = im.stream.subreddit(SEED_SUBREDDIT, pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, subreddit=SEED_SUBREDDIT).id


async def _tag(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    stream = (await im.get_tag(SEED_TAG)).stream(pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, tags=[SEED_TAG]).id


async def _submissions(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    user = await im.get_user(OTHER, fetch=False)
    stream = user.stream.submissions(pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, album=True).id


async def _user_comments(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    user = await im.get_user(OTHER, fetch=False)
    stream = user.stream.comments(pause_after=0, skip_existing=True)
    return stream, lambda: str(sim.comment(SEED_GALLERY_IMAGE_ID, OTHER, "new one").id)


async def _post_comments(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    post = await im.get_gallery_image(SEED_GALLERY_IMAGE_ID, fetch=False)
    stream = post.stream.comments(pause_after=0, skip_existing=True)
    counter = iter(range(1000))

    def make() -> str:
        # alternately a top-level comment and a reply inside the seeded tree
        if next(counter) % 2:
            return str(sim.reply(SEED_COMMENT_ID, SEED_USER, "a reply").id)
        return str(sim.comment(SEED_GALLERY_IMAGE_ID, OTHER, "top").id)

    return stream, make


async def _images(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    me = await im.get_current_user(fetch=False)
    stream = me.stream.images(pause_after=0, skip_existing=True)
    return stream, lambda: fake.add_image(owner=SEED_USER).id


async def _albums(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    me = await im.get_current_user(fetch=False)
    stream = me.stream.albums(pause_after=0, skip_existing=True)
    return stream, lambda: fake.add_album(owner=SEED_USER).id


async def _notifications(im: AsyncImgur, fake: FakeImgur, sim: SimulatedTime) -> Made:
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
    stream = im.stream.notifications(pause_after=0, skip_existing=True)
    counter = iter(range(1000))

    def make() -> str:
        before = set(fake.state.notifications)
        if next(counter) % 2:
            sim.message(OTHER, SEED_USER, "hello")
        else:
            sim.reply(mine.id, OTHER, "hi")
        (new,) = set(fake.state.notifications) - before
        return str(new)

    return stream, make


MAKERS: dict[str, Maker] = {
    "gallery": _gallery,
    "subreddit": _subreddit,
    "tag": _tag,
    "user.submissions": _submissions,
    "user.comments": _user_comments,
    "post.comments": _post_comments,
    "me.images": _images,
    "me.albums": _albums,
    "notifications": _notifications,
}


@pytest.mark.parametrize("kind", MAKERS)
async def test_each_stream_yields_new_items_oldest_first_once_one_request_per_poll(
    kind: str, fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        stream, make = await MAKERS[kind](im, fake, sim)
        assert isinstance(stream, AsyncStream)
        fake.reset_log()
        assert await drain(stream) == []  # skip_existing: what was there is not new
        assert fake.request_count == 1
        made = []
        for burst in (1, 3, 2):
            for _ in range(burst):
                made.append(make())
                sim.sleep(2)  # distinct times, so "oldest first" is well defined
            before = fake.request_count
            got = [ident(item) for item in await drain(stream)]
            assert got == made[-burst:]
            # the poll that found them, and the next one (nothing new: the pause)
            assert fake.request_count - before == 2
        before = fake.request_count
        assert await drain(stream) == [] and fake.request_count - before == 1


async def test_without_skip_existing_the_first_poll_yields_what_is_there_oldest_first(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        tag = await im.get_tag(SEED_TAG)
        expected = [ident(p) for p in await tag.get_items(sort="time").all()][::-1]
        stream = tag.stream(pause_after=0)
        fake.reset_log()
        got = [ident(p) for p in await drain(stream)]
        assert got == expected and len(got) > 3
        assert fake.request_count == 2  # the first poll, then one with nothing new


async def test_making_a_stream_costs_nothing_and_checks_arguments_first(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        user = await im.get_user(OTHER, fetch=False)
        post = await im.get_gallery_image(SEED_GALLERY_IMAGE_ID, fetch=False)
        me = await im.get_current_user(fetch=False)
        fake.reset_log()
        streams: list[Any] = [
            im.stream.gallery(), im.stream.subreddit("aww"), im.stream.notifications(),
            user.stream.comments(), user.stream.submissions(), post.stream.comments(),
            me.stream.images(), me.stream.albums(),
        ]
        for stream in streams:
            assert isinstance(stream, AsyncStream)
            assert "AsyncStream" in repr(stream) and stream.state["seen"] == []
        repr(im.stream), repr(user.stream), repr(post.stream)
        with pytest.raises(ValueError):
            im.stream.gallery(section="nope")
        with pytest.raises(ValueError):
            im.stream.subreddit("")
        with pytest.raises(ValueError):
            user.stream.images()
        with pytest.raises(TypeError):
            im.stream.gallery(pause_after="1")
        assert fake.request_count == 0


async def test_pause_after_n_yields_none_after_n_plus_one_empty_polls(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=2, skip_existing=True)
        fake.reset_log()
        assert await stream.__anext__() is None
        assert fake.request_count == 3  # the first poll and two more with nothing new
        post = sim.post(OTHER)
        assert [ident(p) for p in await take(stream, 1)] == [post.id]
        assert fake.request_count == 4


async def test_the_wait_doubles_while_idle_up_to_the_maximum_and_resets(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        stream.core.backoff.jitter = 0.0
        await drain(stream)
        for _ in range(6):
            await drain(stream)
        assert sim.sleeps == pytest.approx([30, 60, 120, 240, 300, 300], abs=0.01)
        sim.post(OTHER)
        assert len(await drain(stream)) == 1
        assert sim.sleeps[-2:] == pytest.approx([300, 30], abs=0.01)


async def test_idle_cost_is_one_request_per_interval(fake: FakeImgur, sim: SimulatedTime) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        fake.reset_log()
        while sim.elapsed < 4 * 3600:
            assert await drain(stream) == []
        # 30 + 60 + 120 + 240 s, then one poll per 300 s (+-10%)
        assert 45 <= fake.request_count <= 56


async def test_state_resumes_a_restarted_bot_with_nothing_repeated_or_skipped(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        first = (await im.get_tag(SEED_TAG)).stream(pause_after=0, skip_existing=True)
        await drain(first)
        made = []
        for _ in range(3):
            made.append(sim.post(OTHER, tags=[SEED_TAG]).id)
            sim.sleep(1)
        handled = await take(first, 2)  # the bot handles two, saves, and dies
        saved = json.dumps(first.state)
    for _ in range(2):
        made.append(sim.post(OTHER, tags=[SEED_TAG]).id)
        sim.sleep(1)
    async with session(fake, sim) as again:
        tag = await again.get_tag(SEED_TAG)
        fake.reset_log()
        resumed = tag.stream(pause_after=0, state=json.loads(saved))
        rest = await drain(resumed)
        assert fake.request_count == 2  # what came while it was down, then nothing new
    assert [ident(p) for p in handled + rest] == made


async def test_the_state_of_one_flavour_resumes_the_other(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    sync_im = sim.install(fake.user_client())
    first = sync_im.stream.gallery(pause_after=0, skip_existing=True)
    assert list(iter(first.__next__, None)) == []
    post = sim.post(OTHER)
    assert [ident(p) for p in iter(first.__next__, None)] == [post.id]
    later = sim.post(OTHER)
    sync_im.close()
    async with session(fake, sim) as im:
        resumed = im.stream.gallery(pause_after=0, state=first.state)
        assert [ident(p) for p in await drain(resumed)] == [later.id]


async def test_a_gap_of_more_than_a_page_is_walked(fake: FakeImgur, sim: SimulatedTime) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        await drain(stream)
        made = []
        for _ in range(130):  # two pages and more arrive between two polls
            made.append(sim.post(OTHER).id)
            sim.sleep(1)
        fake.reset_log()
        got = [ident(p) for p in await drain(stream)]
        assert got == made
        assert fake.request_count == 3 + 1  # pages 0, 1 and 2, then an empty poll


async def test_notifications_marked_viewed_once_handled(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
        stream = im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True)
        await drain(stream)
        sim.reply(mine.id, OTHER, "one")
        sim.sleep(1)
        sim.message(OTHER, SEED_USER, "two")
        fake.reset_log()
        got = await take(stream, 2)
        assert [n.kind for n in got] == ["reply", "message"]
        assert fake.count_applied("POST") == 0  # not handled yet: the loop has not moved on
        assert await drain(stream) == []
        marks = fake.find_requests("POST", r"^3/notification$")
        assert len(marks) == 1 and sorted(marks[0].form["ids"].split(",")) == sorted(
            ident(n) for n in got
        )
        assert all(fake.state.notifications[int(ident(n))].viewed for n in got)


async def test_aclose_marks_what_was_handled_and_a_new_iteration_goes_on(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
        stream = im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True)
        await drain(stream)
        reply = sim.reply(mine.id, OTHER, "one")
        (note,) = await take(stream, 1)
        fake.reset_log()
        await stream.aclose()
        assert fake.request_count == 1  # the mark, and no poll
        assert fake.state.notifications[int(ident(note))].viewed
        assert reply.id == note.content.id
        second = sim.reply(mine.id, OTHER, "two")
        assert [n.content.id for n in await drain(stream)] == [second.id]


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 503, "times": 6},
        {"kind": "over_capacity", "times": 6},
        {"kind": "timeout", "times": 6},
        {"kind": "drop_after_apply", "times": 6},
        {"kind": "status", "status": 200, "body_shape": "truncated", "times": 6},
    ],
)
async def test_transient_trouble_never_ends_a_stream(
    fault: dict[str, Any], fake: FakeImgur, sim: SimulatedTime,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        await drain(stream)
        post = sim.post(OTHER)
        kind = fault.pop("kind")
        fake.faults.add(kind, method="GET", path_regex=r"^3/gallery/", **fault)
        fake.reset_log()
        with caplog.at_level(logging.WARNING, logger="pyimgur"):
            got = await take(stream, 1)
        assert [ident(p) for p in got] == [post.id]
        assert fake.request_count == 7  # 3 tries, 3 tries, then the answer
        assert any("stream gallery/user/time" in r.getMessage() for r in caplog.records)


async def test_a_429_waits_until_the_reset_and_goes_on(fake: FakeImgur, sim: SimulatedTime) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        await drain(stream)
        reset_at = fake.budgets.bucket(SEED_CLIENT_ID, "user", fake.now()).reset_at
        post = sim.post(OTHER)
        fake.faults.add("rate_limit", bucket="user", method="GET", path_regex=r"^3/gallery/")
        start = sim.now()
        fake.reset_log()
        got = await take(stream, 1)
        assert [ident(p) for p in got] == [post.id]
        assert fake.request_count == 2  # the refused poll, then the next after the reset
        assert sim.now() >= reset_at and sim.now() - start < 3700


async def test_an_authentication_error_ends_the_stream(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with sim.install(client(fake)) as anonymous:
        with pytest.raises(pyimgur.AuthenticationError):
            await anonymous.stream.notifications().__anext__()
    async with session(fake, sim, refresh_token=None) as im:
        stream = im.stream.notifications(pause_after=0)
        await drain(stream)
        fake.expire_all_tokens()
        with pytest.raises(pyimgur.AuthenticationError):
            await drain(stream)


async def test_after_an_error_ends_it_iterating_again_goes_on_from_the_same_place(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim, refresh_token=None) as im:
        stream = (await im.get_tag(SEED_TAG)).stream(pause_after=0, skip_existing=True)
        await drain(stream)
        fake.expire_all_tokens()
        post = sim.post(OTHER, tags=[SEED_TAG])
        with pytest.raises(pyimgur.AuthenticationError):
            await stream.__anext__()
        im.change_authentication(access_token=fake.issue_token().access_token)  # logs in again
        assert [ident(p) for p in await drain(stream)] == [post.id]


async def test_an_expired_token_is_refreshed_and_the_stream_goes_on(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        await drain(stream)
        fake.expire_all_tokens()
        post = sim.post(OTHER)
        assert [ident(p) for p in await drain(stream)] == [post.id]


async def test_other_errors_end_the_stream(fake: FakeImgur, sim: SimulatedTime) -> None:
    async with session(fake, sim) as im:
        post = await im.get_gallery_image("NoSuchPost", fetch=False)
        with pytest.raises(pyimgur.NotFound):
            await post.stream.comments().__anext__()


async def test_a_custom_async_sleep_and_clock_are_used(fake: FakeImgur) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async with user_client(fake) as im:
        stream = im.stream.gallery(
            pause_after=0, skip_existing=True, sleep=sleep, clock=lambda: 0.0,
            min_interval=5, max_interval=5,
        )
        await drain(stream)
        await drain(stream)
        assert len(slept) == 1 and 4.5 <= slept[0] <= 5.5


async def test_a_cancelled_task_leaves_the_stream_where_it_was(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True)
        await drain(stream)
        first = sim.post(OTHER)
        assert [ident(p) for p in await take(stream, 1)] == [first.id]
        with anyio.move_on_after(0) as scope:  # cancelled at its first await
            await stream.__anext__()
        assert scope.cancelled_caught
        second = sim.post(OTHER)
        assert [ident(p) for p in await drain(stream)] == [second.id]


@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
async def test_streams_of_one_session_run_side_by_side_in_tasks(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim, pace=True) as im:
        tag = await im.get_tag(SEED_TAG)
        gallery = im.stream.gallery(skip_existing=True)
        tagged = tag.stream(skip_existing=True)
        made: dict[str, list[str]] = {"gallery": [], "tag": []}
        got: dict[str, list[str]] = {"gallery": [], "tag": []}

        def post(tagged: bool) -> None:
            made_id = sim.post(OTHER, tags=[SEED_TAG] if tagged else []).id
            made["gallery"].append(made_id)  # the gallery of new posts has them all
            if tagged:
                made["tag"].append(made_id)

        for n in range(6):
            sim.at(100 + 200 * n, lambda: post(False))
            sim.at(150 + 250 * n, lambda: post(True))

        async def watch(name: str, stream: AsyncStream[Any]) -> None:
            async for item in stream:
                got[name].append(ident(item))
                if len(got[name]) == 6:
                    return

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch, "tag", tagged)
            tasks.start_soon(watch, "gallery", gallery)
        assert got["tag"] == made["tag"]
        assert got["gallery"] == made["gallery"][:6]


async def test_notifications_of_an_async_session_are_async_objects(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    async with session(fake, sim) as im:
        mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
        stream = im.stream.notifications(pause_after=0, skip_existing=True)
        await drain(stream)
        sim.reply(mine.id, OTHER, "one")
        (note,) = await take(stream, 1)
        assert isinstance(note, pyimgur.aio.AsyncNotification)
        assert isinstance(note.content, pyimgur.aio.AsyncComment)
        fake.reset_log()
        answer = await note.content.reply("thanks")  # a coroutine, as on every async object
        assert isinstance(answer, pyimgur.Comment) and fake.count_applied("POST") == 1
        assert fake.state.comments[int(answer.__dict__["id"])].comment == "thanks"


async def test_simulated_async_sleeps_wake_in_order_and_overlap(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    woke: list[tuple[str, float]] = []
    sim.at(50, lambda: woke.append(("event", sim.elapsed)))

    async def nap(name: str, seconds: float) -> None:
        await sim.asleep(seconds)
        woke.append((name, sim.elapsed))

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(nap, "long", 100)
        tasks.start_soon(nap, "short", 30)
        tasks.start_soon(nap, "middle", 60)
    assert [name for name, _ in woke] == ["short", "event", "middle", "long"]
    assert [at for _, at in woke] == pytest.approx([30, 50, 60, 100], abs=0.5)
    # the clock moved by the longest sleep, not by the sum of the three
    assert sim.elapsed == pytest.approx(100, abs=0.5)
