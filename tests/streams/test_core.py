"""The I/O-free stream core: dedupe, order, skip_existing, pause_after, backoff, state."""

from __future__ import annotations

import json
import random

import pytest

import pyimgur
from pyimgur.streams.core import (
    MAX_GAP_PAGES,
    MIN_SEEN,
    Backoff,
    BoundedSet,
    Entry,
    StreamCore,
)


def page(*numbers: int) -> list[Entry]:
    """A newest-first page of entries whose id and time are ``number``."""
    return [Entry(str(n), float(n), f"item{n}") for n in numbers]


def keys(entries: list[Entry]) -> list[str]:
    return [e.key for e in entries]


def run_round(core: StreamCore[str], *pages: list[Entry]) -> list[str]:
    fresh = core.new_items(list(pages))
    for entry in fresh:
        core.mark(entry)
    return keys(fresh)


def test_new_items_come_oldest_first_and_once() -> None:
    core: StreamCore[str] = StreamCore(rng=random.Random(1))
    assert run_round(core, page(3, 2, 1)) == ["1", "2", "3"]
    core.end_round()
    assert run_round(core, page(5, 4, 3, 2)) == ["4", "5"]
    core.end_round()
    assert run_round(core, page(5, 4, 3)) == []


def test_an_item_not_marked_is_offered_again() -> None:
    core: StreamCore[str] = StreamCore()
    fresh = core.new_items([page(2, 1)])
    core.mark(fresh[0])  # the caller took only the first one
    core.end_round()
    assert keys(core.new_items([page(2, 1)])) == ["2"]


def test_duplicates_inside_one_round_count_once() -> None:
    core: StreamCore[str] = StreamCore()
    assert run_round(core, page(3, 2), page(2, 1)) == ["1", "2", "3"]


def test_skip_existing_remembers_the_first_poll_and_yields_nothing() -> None:
    core: StreamCore[str] = StreamCore(skip_existing=True)
    assert run_round(core, page(3, 2, 1)) == []
    core.end_round()
    assert run_round(core, page(4, 3, 2, 1)) == ["4"]


def test_skip_existing_keeps_old_items_old_even_when_forgotten() -> None:
    core: StreamCore[str] = StreamCore(skip_existing=True, seen_size=1)
    run_round(core, page(*range(400, 0, -1)))  # more than the memory holds
    core.end_round()
    # item 1 was evicted from memory, but is older than what was there at the start
    assert run_round(core, page(401, 1)) == ["401"]


def test_memory_is_bounded_and_evicted_items_stay_old() -> None:
    seen = BoundedSet(3)
    for n in range(1, 6):
        seen.add(str(n), float(n))
    assert len(seen) == 3 and "1" not in seen and "2" not in seen and "5" in seen
    assert seen.floor == 2.0
    assert seen.is_old(2.0) and not seen.is_old(3.0) and not seen.is_old(None)


def test_memory_is_at_least_min_seen() -> None:
    core: StreamCore[str] = StreamCore(seen_size=5)
    assert core.seen.capacity == MIN_SEEN
    assert StreamCore(seen_size=1000).seen.capacity == 1000


@pytest.mark.parametrize(
    ("pause_after", "empty_polls_per_pause"),
    [(0, 1), (1, 2), (3, 4)],
)
def test_pause_after_n_yields_none_after_n_plus_one_empty_polls(
    pause_after: int, empty_polls_per_pause: int
) -> None:
    core: StreamCore[str] = StreamCore(pause_after=pause_after)
    run_round(core, page(1))
    assert not core.end_round().pause  # a productive round never pauses
    pauses = []
    for poll in range(1, 3 * empty_polls_per_pause + 1):
        run_round(core, page(1))
        if core.end_round().pause:
            pauses.append(poll)
    assert pauses == [empty_polls_per_pause * k for k in (1, 2, 3)]


def test_pause_after_none_never_pauses_and_negative_always_pauses() -> None:
    never: StreamCore[str] = StreamCore(pause_after=None)
    always: StreamCore[str] = StreamCore(pause_after=-1)
    for n in range(1, 6):
        run_round(never, page(1))
        run_round(always, page(n))  # new items every time: still a pause
        assert not never.end_round().pause
        assert always.end_round().pause


def test_pause_after_rejects_non_integers() -> None:
    with pytest.raises(TypeError):
        StreamCore(pause_after=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        StreamCore(pause_after=True)
    with pytest.raises(TypeError):
        StreamCore(skip_existing=1)  # type: ignore[arg-type]


def test_backoff_doubles_to_the_maximum_and_resets() -> None:
    backoff = Backoff(30, 300, 0.0, random.Random(0))
    assert [backoff.next() for _ in range(6)] == [30, 60, 120, 240, 300, 300]
    backoff.reset()
    assert backoff.next() == 30


def test_backoff_jitter_stays_within_ten_percent_and_varies() -> None:
    backoff = Backoff(100, 100, 0.1, random.Random(7))
    waits = [backoff.next() for _ in range(200)]
    assert all(90 <= w <= 110 for w in waits)
    assert len({round(w, 3) for w in waits}) > 100


@pytest.mark.parametrize(("low", "high", "jitter"), [(0, 10, 0.1), (20, 10, 0.1), (1, 2, 1.0)])
def test_backoff_rejects_bad_settings(low: float, high: float, jitter: float) -> None:
    with pytest.raises(ValueError):
        Backoff(low, high, jitter, random.Random())


def test_empty_rounds_back_off_and_new_items_reset_the_wait() -> None:
    core: StreamCore[str] = StreamCore(min_interval=10, max_interval=40, jitter=0.0)
    run_round(core, page(1))
    plans = [core.end_round().sleep]
    for _ in range(4):
        run_round(core, page(1))
        plans.append(core.end_round().sleep)
    assert plans == [10, 20, 40, 40, 40]
    run_round(core, page(2, 1))
    assert core.end_round().sleep == 10


def test_after_error_waits_for_a_429_reset_or_backs_off() -> None:
    core: StreamCore[str] = StreamCore(min_interval=10, max_interval=40, jitter=0.0)
    assert core.after_error() == 10
    assert core.after_error() == 20
    assert core.after_error(retry_after=500.0) == 501.0


def test_gap_walk_only_when_a_whole_page_is_new_and_at_most_three_pages() -> None:
    core: StreamCore[str] = StreamCore()
    assert not core.wants_page([page(3, 2, 1)], paged=True)  # first round: never
    run_round(core, page(3, 2, 1))
    core.end_round()
    assert core.wants_page([page(9, 8, 7)], paged=True)
    assert not core.wants_page([page(9, 8, 7)], paged=False)
    assert not core.wants_page([page(9, 8, 3)], paged=True)  # reached a known item
    assert not core.wants_page([page(9, 8, 7), []], paged=True)
    many = [page(100 + n) for n in range(MAX_GAP_PAGES + 1)]
    assert core.wants_page(many[:MAX_GAP_PAGES], paged=True)
    assert not core.wants_page(many, paged=True)


def test_state_is_json_and_resumes_without_repeats_or_skips() -> None:
    core: StreamCore[str] = StreamCore(skip_existing=True)
    run_round(core, page(3, 2, 1))
    core.end_round()
    assert run_round(core, page(4, 3, 2, 1)) == ["4"]
    saved = json.loads(json.dumps(core.state))
    resumed: StreamCore[str] = StreamCore(skip_existing=True, state=saved)
    # what arrived while stopped comes out (skip_existing does not apply on resume)
    assert run_round(resumed, page(6, 5, 4, 3)) == ["5", "6"]
    assert not resumed.first_round  # and the gap walk is on at once
    assert resumed.wants_page([page(9, 8, 7)], paged=True)


def test_state_keeps_the_floor_of_forgotten_items() -> None:
    core: StreamCore[str] = StreamCore(seen_size=0)
    run_round(core, page(*range(MIN_SEEN + 10, 0, -1)))
    saved = json.loads(json.dumps(core.state))
    assert saved["floor"] == 10.0 and len(saved["seen"]) == MIN_SEEN
    resumed: StreamCore[str] = StreamCore(state=saved)
    assert run_round(resumed, page(MIN_SEEN + 11, 5)) == [str(MIN_SEEN + 11)]


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"version": 99, "seen": [], "floor": None},
        {"version": 1, "seen": "abc", "floor": None},
        {"version": 1, "seen": [["1"]], "floor": None},
        {"version": 1, "seen": [["1", "x"]], "floor": None},
        {"version": 1, "seen": [], "floor": "x"},
        [],
    ],
)
def test_a_bad_state_is_a_value_error(state: object) -> None:
    with pytest.raises(ValueError):
        StreamCore(state=state)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "error",
    [
        pyimgur.ServerError("boom", status=503),
        pyimgur.OverCapacity("busy", status=403),
        pyimgur.TransportError("no answer"),
        pyimgur.InvalidResponse("garbled"),
    ],
)
def test_transient_failures_back_off(error: pyimgur.ImgurError) -> None:
    core: StreamCore[str] = StreamCore(min_interval=10, max_interval=40, jitter=0.0)
    assert [core.after_failure(error, now=0.0) for _ in range(4)] == [10, 20, 40, 40]


def test_a_429_waits_for_its_reset_on_the_streams_clock() -> None:
    core: StreamCore[str] = StreamCore()
    # the reset time wins over a retry_after computed on another clock
    error = pyimgur.RateLimitError("spent", status=429, reset_at=1_000.0, retry_after=9_999.0)
    assert core.after_failure(error, now=400.0) == 601.0
    assert core.after_failure(pyimgur.RateLimitError("spent", retry_after=30.0), 0.0) == 31.0


@pytest.mark.parametrize(
    "error",
    [
        pyimgur.AuthenticationError("who are you", status=401),
        pyimgur.NotFound("gone", status=404),
        pyimgur.ServerError("not implemented", status=501),
    ],
)
def test_other_failures_end_the_stream(error: pyimgur.ImgurError) -> None:
    core: StreamCore[str] = StreamCore()
    with pytest.raises(type(error)):
        core.after_failure(error, now=0.0)
