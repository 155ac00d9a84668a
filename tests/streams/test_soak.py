"""Soak: a paced bot watching three streams for a simulated day, with faults.

New posts, comments, replies and messages arrive at varying rates (quiet
hours, busy hours, bursts); 5xx bursts, a 429, dropped answers and a token
expiry are injected.  Nothing may be missed, nothing yielded twice, and no
request may go over budget (the only 429 is the injected one).
"""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from pyimgur.testing import (
    SEED_GALLERY_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
    SimulatedTime,
)

HOURS = 24
#: the arrival rate (items per hour) of each hour of the day: quiet nights, busy evenings
RATES = [2, 1, 1, 1, 2, 4, 8, 12, 20, 20, 15, 12, 25, 40, 30, 15, 12, 20, 60, 90, 60, 30, 10, 4]


def schedule(sim: SimulatedTime, fake: FakeImgur, rng: random.Random) -> dict[str, set[str]]:
    """Schedule every arrival and fault; returns the ids each stream must yield
    (filled in as the events run)."""
    expected: dict[str, set[str]] = {"tag": set(), "comments": set(), "notes": set()}
    mine = sim.comment(SEED_GALLERY_IMAGE_ID, SEED_USER, "the bot's own comment")

    def new_post() -> None:
        expected["tag"].add(sim.post(rng.choice(SEED_OTHER_USERS), tags=[SEED_TAG]).id)

    def new_comment() -> None:
        author = rng.choice(SEED_OTHER_USERS)
        if rng.random() < 0.5:
            made = sim.comment(SEED_GALLERY_IMAGE_ID, author, "a comment")
        else:
            made = sim.reply(mine.id, author, "a reply to the bot")
            expected["notes"].add(_newest_note(fake))
        expected["comments"].add(str(made.id))

    def new_message() -> None:
        sim.message(rng.choice(SEED_OTHER_USERS), SEED_USER, "hello bot")
        expected["notes"].add(_newest_note(fake))

    for hour, rate in enumerate(RATES[:HOURS]):
        for action in (new_post, new_comment, new_message):
            for _ in range(rng.randint(rate // 2, rate)):
                sim.at(hour * 3600 + rng.uniform(0, 3600), action)
        if hour % 6 == 3:  # a burst: many posts within a minute, more than a page
            start = hour * 3600 + rng.uniform(0, 3000)
            for n in range(70):
                sim.at(start + n * 0.5, new_post)
    faults = fake.faults
    for hour in (2, 9, 15, 21):  # 5xx bursts longer than the transport's retries
        sim.at(hour * 3600, lambda: faults.add(status=503, times=7, method="GET"))
    sim.at(5 * 3600, lambda: faults.add("over_capacity", times=4, method="GET"))
    sim.at(7 * 3600, lambda: faults.add("rate_limit", bucket="user", method="GET"))
    for hour in (4, 11, 18):
        sim.at(hour * 3600 + 17, lambda: faults.add("drop_after_apply", times=2, method="GET"))
        sim.at(hour * 3600 + 900, lambda: faults.add("timeout", times=1, method="GET"))
    sim.at(13 * 3600, fake.expire_all_tokens)
    return expected


def _newest_note(fake: FakeImgur) -> str:
    return str(max(fake.state.notifications))


def run_bot(fake: FakeImgur, sim: SimulatedTime) -> tuple[dict[str, list[str]], list[Any]]:
    refreshed: list[Any] = []
    im = sim.install(fake.user_client(pace=True, on_token_refresh=lambda *t: refreshed.append(1)))
    streams = {
        "tag": im.get_tag(SEED_TAG).stream(pause_after=0, skip_existing=True),
        "comments": im.get_gallery_image(SEED_GALLERY_IMAGE_ID).stream.comments(
            pause_after=0, skip_existing=True),
        "notes": im.stream.notifications(pause_after=0, skip_existing=True, mark_viewed=True),
    }
    seen: dict[str, list[str]] = {name: [] for name in streams}
    end = HOURS * 3600 + 3600  # an hour after the last arrival: everything is in
    while sim.elapsed < end:
        for name, stream in streams.items():
            for item in stream:
                if item is None:
                    break
                seen[name].append(str(item.__dict__["id"]))
    return seen, refreshed


@pytest.mark.slow
def test_a_simulated_day_misses_nothing_repeats_nothing_and_stays_in_budget() -> None:
    started = time.perf_counter()
    fake = FakeImgur(user_limit=500)  # Imgur's 2025 user budget per hour
    sim = SimulatedTime(fake)
    rng = random.Random(17)
    expected = schedule(sim, fake, rng)
    seen, refreshed = run_bot(fake, sim)

    for name, ids in seen.items():
        assert len(ids) == len(set(ids)), f"{name}: duplicates"
        assert set(ids) == expected[name], f"{name}: missed {expected[name] - set(ids)}"
    records = fake.requests
    refused = [r for r in records if r.status == 429]
    assert len(refused) == 1 and refused[0].fault == "rate_limit"  # only the injected one
    assert refreshed  # the expired token was renewed and the bot went on
    per_hour: dict[int, int] = {}
    for record in records:
        hour = int((record.time - sim.start) // 3600)
        per_hour[hour] = per_hour.get(hour, 0) + 1
    figures = {
        "simulated_hours": round(sim.elapsed / 3600, 1),
        "items": {name: len(ids) for name, ids in seen.items()},
        "requests": len(records),
        "busiest_hour_requests": max(per_hour.values()),
        "faults_hit": sum(1 for r in records if r.fault),
        "wall_seconds": round(time.perf_counter() - started, 2),
    }
    print("\nsoak figures:", figures)
    assert figures["busiest_hour_requests"] <= 500
