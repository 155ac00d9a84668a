"""Soak of the async flavour: a paced bot watching three streams in three tasks
for a simulated day, with the arrivals and faults of the sync soak
(:mod:`test_soak`).  Nothing may be missed, nothing yielded twice, and no
request may go over budget (the only 429 is the injected one)."""

from __future__ import annotations

import random
import time
from typing import Any

import anyio
import pytest
from aio.conftest import user_client

from pyimgur.streams import AsyncStream
from pyimgur.testing import SEED_GALLERY_IMAGE_ID, SEED_TAG, FakeImgur, SimulatedTime

from .test_soak import HOURS, schedule

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def run_bot(fake: FakeImgur, sim: SimulatedTime) -> tuple[dict[str, list[str]], list[Any]]:
    refreshed: list[Any] = []

    async def saved(access: str, refresh: Any) -> None:
        refreshed.append(1)

    end = HOURS * 3600 + 3600  # an hour after the last arrival: everything is in
    seen: dict[str, list[str]] = {}
    async with sim.install(user_client(fake, pace=True, on_token_refresh=saved)) as im:
        tag = await im.get_tag(SEED_TAG)
        post = await im.get_gallery_image(SEED_GALLERY_IMAGE_ID, fetch=False)
        streams: dict[str, AsyncStream[Any]] = {
            "tag": tag.stream(pause_after=0, skip_existing=True),
            "comments": post.stream.comments(pause_after=0, skip_existing=True),
            "notes": im.stream.notifications(pause_after=0, skip_existing=True,
                                             mark_viewed=True),
        }

        async def watch(name: str, stream: AsyncStream[Any]) -> None:
            got = seen.setdefault(name, [])
            async for item in stream:
                if item is not None:
                    got.append(str(item.__dict__["id"]))
                elif sim.elapsed >= end:
                    await stream.aclose()
                    return

        async with anyio.create_task_group() as tasks:
            for name, stream in streams.items():
                tasks.start_soon(watch, name, stream)
    return seen, refreshed


@pytest.mark.slow
async def test_a_simulated_day_in_three_tasks_misses_nothing_and_stays_in_budget() -> None:
    started = time.perf_counter()
    fake = FakeImgur(user_limit=500)
    sim = SimulatedTime(fake)
    expected = schedule(sim, fake, random.Random(17))
    seen, refreshed = await run_bot(fake, sim)

    for name, ids in seen.items():
        assert len(ids) == len(set(ids)), f"{name}: duplicates"
        assert set(ids) == expected[name], f"{name}: missed {expected[name] - set(ids)}"
    records = fake.requests
    refused = [r for r in records if r.status == 429]
    assert len(refused) == 1 and refused[0].fault == "rate_limit"  # only the injected one
    assert refreshed  # the expired token was renewed (one refresh for three tasks)
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
        "refreshes": len(refreshed),
        "wall_seconds": round(time.perf_counter() - started, 2),
    }
    print("\nasync soak figures:", figures)
    assert figures["busiest_hour_requests"] <= 500
