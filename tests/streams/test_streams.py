"""Every stream against the sandbox on simulated time, with requests counted."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, Callable, Optional

import pytest

import pyimgur
from pyimgur import Imgur
from pyimgur.streams import Stream
from pyimgur.testing import (
    SEED_COMMENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_SUBREDDIT,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
    SimulatedTime,
)

OTHER = SEED_OTHER_USERS[0]


def take(stream: Stream[Any], count: int, max_polls: int = 200) -> list[Any]:
    """The next ``count`` items of a stream (``None`` pauses skipped)."""
    got: list[Any] = []
    polls = 0
    for item in stream:
        if item is None:
            polls += 1
            assert polls < max_polls, f"only {len(got)} of {count} items came"
            continue
        got.append(item)
        if len(got) == count:
            break
    return got


def drain(stream: Stream[Any]) -> list[Any]:
    """Everything the stream yields before its next pause (needs ``pause_after``)."""
    got: list[Any] = []
    for item in stream:
        if item is None:
            return got
        got.append(item)
    raise AssertionError("unreachable: streams are endless")


def ident(item: Any) -> str:
    return str(item.__dict__["id"])


# -- one new item per stream kind --------------------------------------------------------------
Maker = Callable[[Imgur, FakeImgur, SimulatedTime], tuple[Stream[Any], Callable[[], str]]]


def _gallery(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    return im.stream.gallery(pause_after=0, skip_existing=True), lambda: sim.post(OTHER).id


def _subreddit(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.stream.subreddit(SEED_SUBREDDIT, pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, subreddit=SEED_SUBREDDIT).id


def _tag(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.get_tag(SEED_TAG).stream(pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, tags=[SEED_TAG]).id


def _submissions(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.get_user(OTHER).stream.submissions(pause_after=0, skip_existing=True)
    return stream, lambda: sim.post(OTHER, album=True).id


def _user_comments(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.get_user(OTHER).stream.comments(pause_after=0, skip_existing=True)
    return stream, lambda: str(sim.comment(SEED_GALLERY_IMAGE_ID, OTHER, "new one").id)


def _post_comments(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    post = im.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    stream = post.stream.comments(pause_after=0, skip_existing=True)
    counter = iter(range(1000))

    def make() -> str:
        # alternately a top-level comment and a reply inside the seeded tree
        if next(counter) % 2:
            return str(sim.reply(SEED_COMMENT_ID, SEED_USER, "a reply").id)
        return str(sim.comment(SEED_GALLERY_IMAGE_ID, OTHER, "top").id)

    return stream, make


def _images(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.get_current_user().stream.images(pause_after=0, skip_existing=True)
    return stream, lambda: fake.add_image(owner=SEED_USER).id


def _albums(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
    stream = im.get_current_user().stream.albums(pause_after=0, skip_existing=True)
    return stream, lambda: fake.add_album(owner=SEED_USER).id


def _notifications(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> Any:
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


MAKERS = {
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
def test_each_stream_yields_new_items_oldest_first_once_one_request_per_poll(
    kind: str, im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream, make = MAKERS[kind](im, fake, sim)
    fake.reset_log()
    assert drain(stream) == []  # skip_existing: what was there is not new
    assert fake.request_count == 1
    made = []
    for burst in (1, 3, 2):
        for _ in range(burst):
            made.append(make())
            sim.sleep(2)  # distinct times, so "oldest first" is well defined
        before = fake.request_count
        got = [ident(item) for item in drain(stream)]
        assert got == made[-burst:]
        # the poll that found them, and the next one (nothing new: the pause)
        assert fake.request_count - before == 2
    before = fake.request_count
    assert drain(stream) == [] and fake.request_count - before == 1


def test_without_skip_existing_the_first_poll_yields_what_is_there_oldest_first(
    im: Imgur, fake: FakeImgur
) -> None:
    stream = im.get_tag(SEED_TAG).stream(pause_after=0)
    expected = [ident(p) for p in im.get_tag(SEED_TAG).get_items(sort="time")][::-1]
    fake.reset_log()
    got = [ident(p) for p in drain(stream)]
    assert got == expected and len(got) > 3
    assert fake.request_count == 2  # the first poll, then one with nothing new


def test_making_a_stream_costs_nothing_and_checks_arguments_first(
    im: Imgur, fake: FakeImgur
) -> None:
    fake.reset_log()
    streams: list[Any] = [
        im.stream.gallery(), im.stream.subreddit("aww"), im.stream.notifications(),
        im.get_tag(SEED_TAG).stream(), im.get_user(OTHER).stream.comments(),
        im.get_gallery_image(SEED_GALLERY_IMAGE_ID).stream.comments(),
        im.get_current_user().stream.images(),
    ]
    for stream in streams:
        assert "Stream" in repr(stream) and stream.state["seen"] == []
    repr(im.stream), repr(im.get_user(OTHER).stream)
    with pytest.raises(ValueError):
        im.stream.gallery(section="nope")
    with pytest.raises(ValueError):
        im.stream.subreddit("")
    with pytest.raises(ValueError):
        im.get_user(OTHER).stream.images()
    with pytest.raises(TypeError):
        im.stream.gallery(pause_after="1")
    assert fake.request_count == 0


def test_the_wait_doubles_while_idle_up_to_the_maximum_and_resets(
    im: Imgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    stream.core.backoff.jitter = 0.0
    drain(stream)
    for _ in range(6):
        drain(stream)
    assert sim.sleeps == pytest.approx([30, 60, 120, 240, 300, 300], abs=0.01)
    sim.post(OTHER)
    assert len(drain(stream)) == 1
    assert sim.sleeps[-2:] == pytest.approx([300, 30], abs=0.01)


def test_idle_cost_is_one_request_per_interval(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    fake.reset_log()
    while sim.elapsed < 4 * 3600:
        assert drain(stream) == []
    # 30 + 60 + 120 + 240 s, then one poll per 300 s (+-10%)
    assert 45 <= fake.request_count <= 56


def test_a_loop_that_goes_straight_back_after_a_pause_still_waits(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=-1, skip_existing=True)
    fake.reset_log()
    for _ in range(10):
        assert next(stream) is None
    assert fake.request_count == 10
    # nine waits between ten polls: 30, 60, 120, 240, then 300 five times (-10% at worst)
    assert sim.elapsed >= 0.9 * (30 + 60 + 120 + 240 + 5 * 300)


def test_time_spent_elsewhere_after_a_pause_is_not_waited_again(
    im: Imgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    stream.core.backoff.jitter = 0.0
    drain(stream)
    sim.sleep(1000)  # the bot did other work for longer than the interval
    drain(stream)
    assert sim.sleeps == [1000]


def test_state_resumes_a_restarted_bot_with_nothing_repeated_or_skipped(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    im = sim.install(fake.user_client())
    first = im.get_tag(SEED_TAG).stream(pause_after=0, skip_existing=True)
    drain(first)
    made = []
    for _ in range(3):
        made.append(sim.post(OTHER, tags=[SEED_TAG]).id)
        sim.sleep(1)
    handled = take(first, 2)  # the bot handles two, saves, and dies
    saved = json.dumps(first.state)
    for _ in range(2):
        made.append(sim.post(OTHER, tags=[SEED_TAG]).id)
        sim.sleep(1)
    im.close()

    again = sim.install(fake.user_client())
    resumed = again.get_tag(SEED_TAG).stream(pause_after=0, state=json.loads(saved))
    rest = drain(resumed)
    assert [ident(p) for p in handled + rest] == made


def test_a_gap_of_more_than_a_page_is_walked(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    drain(stream)
    made = []
    for _ in range(130):  # two pages and more arrive between two polls
        made.append(sim.post(OTHER).id)
        sim.sleep(1)
    fake.reset_log()
    got = [ident(p) for p in drain(stream)]
    assert got == made
    assert fake.request_count == 3 + 1  # pages 0, 1 and 2, then an empty poll


def test_notifications_marked_viewed_once_handled(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
    stream = im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True)
    drain(stream)
    sim.reply(mine.id, OTHER, "one")
    sim.sleep(1)
    sim.message(OTHER, SEED_USER, "two")
    fake.reset_log()
    got = take(stream, 2)
    assert [n.kind for n in got] == ["reply", "message"]
    assert fake.count_applied("POST") == 0  # not handled yet: the loop has not moved on
    assert drain(stream) == []
    marks = fake.find_requests("POST", r"^3/notification$")
    assert len(marks) == 1 and sorted(marks[0].form["ids"].split(",")) == sorted(
        ident(n) for n in got
    )
    assert all(fake.state.notifications[int(ident(n))].viewed for n in got)


def test_close_marks_what_was_handled(im: Imgur, fake: FakeImgur, sim: SimulatedTime) -> None:
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
    stream = im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True)
    drain(stream)
    reply = sim.reply(mine.id, OTHER, "one")
    (note,) = take(stream, 1)
    stream.close()
    assert fake.state.notifications[int(ident(note))].viewed
    assert reply.id == note.content.id


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
def test_transient_trouble_never_ends_a_stream(
    fault: dict[str, Any], im: Imgur, fake: FakeImgur, sim: SimulatedTime,
    caplog: pytest.LogCaptureFixture,
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    drain(stream)
    post = sim.post(OTHER)
    kind = fault.pop("kind")
    fake.faults.add(kind, method="GET", path_regex=r"^3/gallery/", **fault)
    with caplog.at_level(logging.WARNING, logger="pyimgur"):
        got = take(stream, 1)
    assert [ident(p) for p in got] == [post.id]
    assert any("stream gallery/user/time" in r.getMessage() for r in caplog.records)


def test_a_429_waits_until_the_reset_and_goes_on(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    drain(stream)
    reset_in = fake.budgets.bucket(pyimgur.testing.SEED_CLIENT_ID, "user", fake.now()).reset_at
    post = sim.post(OTHER)
    fake.faults.add("rate_limit", bucket="user", method="GET", path_regex=r"^3/gallery/")
    start = sim.now()
    got = take(stream, 1)
    assert [ident(p) for p in got] == [post.id]
    assert sim.now() >= reset_in and sim.now() - start < 3700


def test_an_authentication_error_ends_the_stream(fake: FakeImgur, sim: SimulatedTime) -> None:
    anonymous = sim.install(fake.client())
    with pytest.raises(pyimgur.AuthenticationError):
        next(anonymous.stream.notifications())
    im = sim.install(fake.user_client(refresh_token=None))
    stream = im.stream.notifications(pause_after=0)
    drain(stream)
    fake.expire_all_tokens()
    with pytest.raises(pyimgur.AuthenticationError):
        drain(stream)


def test_an_expired_token_is_refreshed_and_the_stream_goes_on(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    drain(stream)
    fake.expire_all_tokens()
    post = sim.post(OTHER)
    assert [ident(p) for p in drain(stream)] == [post.id]


def test_other_errors_end_the_stream(im: Imgur, fake: FakeImgur) -> None:
    stream = im.get_gallery_image("NoSuchPost").stream.comments()
    with pytest.raises(pyimgur.NotFound):
        next(stream)


def test_a_custom_sleep_and_clock_are_used(fake: FakeImgur) -> None:
    im = fake.user_client()
    slept: list[float] = []
    stream = im.stream.gallery(
        pause_after=0, skip_existing=True, sleep=slept.append, clock=lambda: 0.0,
        min_interval=5, max_interval=5,
    )
    drain(stream)
    drain(stream)
    assert len(slept) == 1 and 4.5 <= slept[0] <= 5.5


def iterate(stream: Stream[Any]) -> Iterator[Optional[Any]]:
    return iter(stream)


def test_a_stream_is_its_own_iterator(im: Imgur) -> None:
    stream = im.stream.gallery()
    assert iterate(stream) is stream


def test_marking_viewed_that_fails_is_tried_again_before_the_next_poll(
    im: Imgur, fake: FakeImgur, sim: SimulatedTime
) -> None:
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "mine")
    stream = im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True)
    drain(stream)
    sim.reply(mine.id, OTHER, "one")
    (note,) = take(stream, 1)
    fake.faults.add(status=503, times=3, method="POST", path_regex=r"^3/notification$")
    assert drain(stream) == []  # the report failed: the stream went on
    assert not fake.state.notifications[int(ident(note))].viewed
    drain(stream)
    assert fake.state.notifications[int(ident(note))].viewed


def test_close_ends_the_loop_and_a_new_iteration_goes_on_from_the_state(
    im: Imgur, sim: SimulatedTime
) -> None:
    stream = im.stream.gallery(pause_after=0, skip_existing=True)
    drain(stream)
    first = sim.post(OTHER)
    assert [ident(p) for p in take(stream, 1)] == [first.id]
    stream.close()
    second = sim.post(OTHER)
    assert [ident(p) for p in drain(stream)] == [second.id]


def test_after_an_error_ends_it_iterating_again_goes_on_from_the_same_place(
    fake: FakeImgur, sim: SimulatedTime
) -> None:
    im = sim.install(fake.user_client(refresh_token=None))
    stream = im.get_tag(SEED_TAG).stream(pause_after=0, skip_existing=True)
    drain(stream)
    fake.expire_all_tokens()
    post = sim.post(OTHER, tags=[SEED_TAG])
    with pytest.raises(pyimgur.AuthenticationError):
        next(stream)
    im.change_authentication(access_token=fake.issue_token().access_token)  # logs in again
    assert [ident(p) for p in drain(stream)] == [post.id]
