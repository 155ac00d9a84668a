"""Pacing in the async flavour: ``AsyncImgur(pace=True)`` on the sandbox, on simulated time."""

from __future__ import annotations

import logging

import anyio
import pytest
from aio.conftest import user_client

import pyimgur
from pyimgur.pacing import Pacer
from pyimgur.testing import SEED_IMAGE_ID, FakeImgur, SimulatedTime

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def hammer(fake: FakeImgur, pace: bool, tasks: int = 4, each: int = 150) -> tuple[int, float]:
    """``tasks`` tasks reading as fast as they can; returns (429s seen, simulated seconds)."""
    sim = SimulatedTime(fake)
    errors: list[Exception] = []
    async with sim.install(user_client(fake, pace=pace)) as im:

        async def work() -> None:
            for _ in range(each):
                try:
                    await (await im.get_image(SEED_IMAGE_ID, fetch=False)).refresh()
                except pyimgur.RateLimitError as error:
                    errors.append(error)

        async with anyio.create_task_group() as group:
            for _ in range(tasks):
                group.start_soon(work)
    refused = sum(1 for r in fake.requests if r.status == 429)
    assert len(errors) == refused
    return refused, sim.elapsed


async def test_paced_tasks_never_get_a_429_from_their_own_traffic() -> None:
    fake = FakeImgur(user_limit=200)
    refused, elapsed = await hammer(fake, pace=True)
    assert refused == 0
    assert fake.request_count == 600
    # 600 credits of a 200/hour budget: at least two resets; the simulated clock
    # moves by the longest of the concurrent sleeps, not by their sum
    assert 2 * 3600 <= elapsed <= 3 * 3600 + 600


async def test_the_same_traffic_unpaced_is_refused() -> None:
    fake = FakeImgur(user_limit=200)
    refused, _ = await hammer(fake, pace=False)
    assert refused > 0


async def test_tasks_take_their_turns_in_order_spaced_by_the_pace() -> None:
    fake = FakeImgur(user_limit=100)
    sim = SimulatedTime(fake)
    async with sim.install(user_client(fake, pace=True)) as im:
        image = await im.get_image(SEED_IMAGE_ID, fetch=False)
        for _ in range(60):  # below half the budget: the pace has begun
            await image.refresh()
        fake.reset_log()

        async with anyio.create_task_group() as group:
            for _ in range(5):
                group.start_soon(image.refresh)
    times = [r.time for r in fake.requests]
    assert len(times) == 5 and not any(r.status == 429 for r in fake.requests)
    gaps = [b - a for a, b in zip(times, times[1:])]
    # 40 of 100 credits left, an hour to the reset: about 36 s between turns, and growing
    assert min(gaps) >= 30 and gaps == sorted(gaps)


async def test_credits_show_the_pace_and_a_debug_line_names_the_budget(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeImgur(user_limit=100)
    sim = SimulatedTime(fake)
    async with sim.install(user_client(fake, pace=True)) as im:
        async with user_client(fake) as unpaced:
            assert "PaceDelay" not in unpaced.credits
        image = await im.get_image(SEED_IMAGE_ID, fetch=False)
        with caplog.at_level(logging.DEBUG, logger="pyimgur"):
            for _ in range(80):
                await image.refresh()
        assert im.credits["PaceDelay"] > 0
    lines = [r.getMessage() for r in caplog.records if "pacing" in r.getMessage()]
    assert lines and "for the user budget" in lines[-1]
    assert sim.slept > 0 and not any(r.status == 429 for r in fake.requests)


async def test_oauth_calls_are_not_paced() -> None:
    fake = FakeImgur(user_limit=10)
    sim = SimulatedTime(fake)
    async with sim.install(user_client(fake, pace=True)) as im:
        image = await im.get_image(SEED_IMAGE_ID, fetch=False)
        for _ in range(9):
            await image.refresh()
        slept = sim.slept
        await im.refresh_access_token()
        assert sim.slept == slept


async def test_a_wait_past_max_wait_raises_without_sending() -> None:
    fake = FakeImgur(user_limit=10)
    sim = SimulatedTime(fake)
    pacer = Pacer(max_wait=5)
    async with sim.install(user_client(fake, pace=pacer)) as im:
        assert im.transport.pacer is pacer
        image = await im.get_image(SEED_IMAGE_ID, fetch=False)
        with pytest.raises(pyimgur.RateLimitError, match="max_wait"):
            for _ in range(20):
                await image.refresh()
        sent = fake.request_count
        assert sent <= 10 and not any(r.status == 429 for r in fake.requests)


async def test_a_paced_stream_stays_in_budget() -> None:
    fake = FakeImgur(user_limit=60)
    sim = SimulatedTime(fake)
    async with sim.install(user_client(fake, pace=True)) as im:
        stream = im.stream.gallery(pause_after=0, skip_existing=True, min_interval=1,
                                   max_interval=1)
        polls = 0
        async for item in stream:
            if item is None:
                polls += 1
                if polls == 150:
                    break
    assert fake.request_count == 150
    assert not any(r.status == 429 for r in fake.requests)
    assert sim.elapsed > 3600  # 150 polls of a 60/hour budget: the pace spread them


async def test_answers_that_yield_to_the_loop_before_being_read_still_get_no_429(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over a real network a task's answer is read after the loop ran others (their
    turns taken, their requests counted).  An answer observed late must not make the
    budget look fuller than it is: 4 x 150 reads of a 200/hour budget, no 429."""
    from pyimgur.testing import httpx_transport

    async def chunks_with_a_checkpoint_after_each(self):  # type: ignore[no-untyped-def]
        for chunk in self._chunks():
            yield chunk
            await anyio.sleep(0)

    monkeypatch.setattr(httpx_transport._Body, "__aiter__", chunks_with_a_checkpoint_after_each)
    fake = FakeImgur(user_limit=200)
    refused, _ = await hammer(fake, pace=True)
    assert refused == 0
    assert fake.request_count == 600
