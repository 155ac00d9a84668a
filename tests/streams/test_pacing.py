"""Pacing by the credit budgets, on simulated time: the formula, the gate, the session."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

import pyimgur
from pyimgur.pacing import EVEN, PLENTIFUL, Pacer, pace_delay
from pyimgur.testing import SEED_GALLERY_IMAGE_ID, SEED_IMAGE_ID, FakeImgur, SimulatedTime


# -- the formula ----------------------------------------------------------------------------------
def test_no_delay_while_the_budget_is_plentiful() -> None:
    assert pace_delay(500, 500, 3600) == 0.0
    assert pace_delay(int(500 * PLENTIFUL) + 1, 500, 3600) == 0.0


def test_the_delay_grows_as_the_budget_runs_out() -> None:
    shares = [0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.1, 0.02]
    delays = [pace_delay(int(1000 * s), 1000, 3600) for s in shares]
    assert delays[0] == 0.0
    assert all(a < b for a, b in zip(delays, delays[1:]))


def test_at_a_quarter_or_less_the_credits_are_spread_evenly_until_the_reset() -> None:
    remaining = int(1000 * EVEN)
    assert pace_delay(remaining, 1000, 3600) == pytest.approx(3600 / remaining)
    assert pace_delay(10, 1000, 100, cost=2) == pytest.approx(20.0)


def test_a_spent_budget_waits_for_its_reset_and_oauth_costs_nothing() -> None:
    assert pace_delay(0, 500, 120) == 121.0
    assert pace_delay(5, 500, 120, cost=10) == 121.0
    assert pace_delay(0, 500, 120, cost=0) == 0.0
    assert pace_delay(0, 500, -5) == 1.0


# -- the gate with a fake clock --------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.slept.append(seconds)
            self.now += seconds


def credits(remaining: int, limit: int = 1000, reset_in: float = 3600.0, now: float = 0) -> Any:
    return {"UserRemaining": remaining, "UserLimit": limit, "UserReset": int(now + reset_in),
            "ClientRemaining": 12000, "ClientLimit": 12500, "ClientReset": 86400}


def test_the_gate_waits_by_the_scarcest_budget_and_counts_credits_before_answers() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    pacer.observe(credits(100, now=clock.now))  # a tenth left: even spacing, 36 s
    pacer.before(1, False)
    assert clock.slept == []  # the first request of a run goes at once
    pacer.before(1, False)
    pacer.before(1, False)
    assert clock.slept == pytest.approx([3600 / 99, 3600 / 98], rel=0.02)
    assert pacer.last_bucket == "user"
    # an answer that still says 100 left does not undo the two counted in flight
    pacer.observe(credits(100, now=clock.now))
    assert pacer._budgets["user"].remaining == 97


def test_a_spent_budget_waits_until_its_reset_then_goes_at_full_speed() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    pacer.observe(credits(0, reset_in=600, now=clock.now))
    pacer.before(1, False)
    assert clock.slept == [pytest.approx(601.0)]
    pacer.before(1, False)
    assert len(clock.slept) == 1  # after the reset the budget is full again


def test_a_wait_past_max_wait_raises_without_sending() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep, max_wait=60)
    pacer.observe(credits(0, reset_in=600, now=clock.now))
    with pytest.raises(pyimgur.RateLimitError) as caught:
        pacer.before(1, False)
    assert caught.value.bucket == "user" and caught.value.retry_after == pytest.approx(601)
    assert clock.slept == []


def test_posts_also_wait_for_the_post_budget() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    pacer.observe(dict(credits(1000), PostRemaining=0, PostLimit=1250, PostReset=300), True)
    pacer.before(1, False)
    assert clock.slept == []  # a GET does not draw on the POST budget
    pacer.before(1, True)
    assert clock.slept == [pytest.approx(301)] and pacer.last_bucket == "post"


def test_the_gate_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        Pacer(plentiful=0.2, even=0.3)
    with pytest.raises(ValueError):
        Pacer(max_wait=-1)


def test_threads_take_turns_spaced_by_the_pace() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    pacer.observe(credits(100, now=clock.now))
    starts: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(5):
            wait, _ = pacer.reserve(1, False)  # the clock stands still: start = now + wait
            with lock:
                starts.append(clock() + wait)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(starts)
    assert len(set(ordered)) == 40  # every request got its own turn
    gaps = [b - a for a, b in zip(ordered, ordered[1:])]
    assert min(gaps) >= 3600 / 100 * 0.99
    assert pacer._budgets["user"].remaining == 60


# -- the session on the sandbox -------------------------------------------------------
def hammer(fake: FakeImgur, pace: bool, threads: int = 4, each: int = 150) -> tuple[int, float]:
    """``threads`` threads reading as fast as they can; returns (429s seen, seconds)."""
    sim = SimulatedTime(fake)
    lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with lock:
            sim.sleep(seconds)

    im = sim.install(fake.user_client(pace=pace))
    im.transport.sleep = sleep
    if im.transport.pacer is not None:
        im.transport.pacer.sleep = sleep
    errors: list[Exception] = []

    def work() -> None:
        for _ in range(each):
            try:
                im.get_image(SEED_IMAGE_ID).refresh()
            except pyimgur.RateLimitError as error:
                errors.append(error)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    refused = sum(1 for r in fake.requests if r.status == 429)
    return refused, sim.elapsed


def test_paced_threads_never_get_a_429_from_their_own_traffic() -> None:
    fake = FakeImgur(user_limit=200)
    refused, elapsed = hammer(fake, pace=True)
    assert refused == 0
    assert fake.request_count == 600
    # 600 credits of a 200/hour budget: at least two resets (simulated sleeps of
    # concurrent threads add up, so the clock runs ahead of a real one)
    assert 2 * 3600 <= elapsed <= 4 * 3600


def test_the_same_traffic_unpaced_is_refused() -> None:
    fake = FakeImgur(user_limit=200)
    refused, _ = hammer(fake, pace=False)
    assert refused > 0


def test_credits_show_the_pace_and_a_debug_line_names_the_budget(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeImgur(user_limit=100)
    sim = SimulatedTime(fake)
    im = sim.install(fake.user_client(pace=True))
    assert "PaceDelay" not in fake.user_client().credits
    with caplog.at_level(logging.DEBUG, logger="pyimgur"):
        for _ in range(80):
            im.get_image(SEED_IMAGE_ID).refresh()
    assert im.credits["PaceDelay"] > 0
    lines = [r.getMessage() for r in caplog.records if "pacing" in r.getMessage()]
    assert lines and "for the user budget" in lines[-1]
    assert not any(r.status == 429 for r in fake.requests)


def test_oauth_calls_are_not_paced() -> None:
    fake = FakeImgur(user_limit=10)
    sim = SimulatedTime(fake)
    im = sim.install(fake.user_client(pace=True))
    for _ in range(9):
        im.get_gallery_image(SEED_GALLERY_IMAGE_ID).refresh()
    slept = sim.slept
    im.refresh_access_token()
    assert sim.slept == slept


def test_a_pacer_instance_sets_the_options() -> None:
    fake = FakeImgur()
    pacer = Pacer(max_wait=5)
    im = fake.user_client(pace=pacer)
    assert im.transport.pacer is pacer
    assert fake.user_client().transport.pacer is None
    assert "Pacer" in repr(pacer)


def test_reserve_gives_the_wait_without_sleeping() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    pacer.observe(credits(0, reset_in=50, now=clock.now))
    assert pacer.reserve(1, False) == (pytest.approx(51.0), "user")
    assert pacer.reserve(0, True) == (0.0, None)  # free calls take no turn
    assert clock.slept == []
    assert pacer.delay == pytest.approx(51.0) and pacer.pace_seconds() == 51
