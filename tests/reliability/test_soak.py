"""10,000 calls on one Imgur object over HTTP on 127.0.0.1: memory and sockets stay flat.

The calls cycle through a bot's daily fare (images, gallery pages, gallery
posts, users, credits), each costing one request.  Every 1,000 requests the
open sockets of this process are counted from ``/proc/self/fd`` (the client's
pooled connection, the server's end of it and its listening socket: they must
not grow) and the process's resident memory is read.  The resident memory
must stay flat from 2,000 to 8,000 requests, and the last 1,500 requests run
under :mod:`tracemalloc` (which slows every allocation of the process, the
in-process server's included, about six-fold, so the first 8,500 run at full
speed): after the first 500 of them (which replace what was allocated before
tracing began), the memory they leave allocated must not grow.  The sandbox's own
request log is emptied at each checkpoint, since it grows by design.
"""

from __future__ import annotations

import gc
import logging
import time
import tracemalloc
from typing import Any, Callable

import pytest

import pyimgur
from pyimgur.testing import SEED_CLIENT_ID, SEED_CLIENT_SECRET, SEED_USER, FakeImgur

from .conftest import open_sockets, record_figure

TOTAL = 10_000
CHECK_EVERY = 1_000
TRACED = 1_500
TRACE_CHECK_EVERY = 250
#: the first traced requests replace what was allocated before tracing began
#: (cached JSON, counters): growth is measured after them
TRACE_WARM_UP = 500
#: allowed growth of traced memory over the last 1,000 requests (noise: the
#: answer in flight, cached JSON of other sizes); a leak of 64 bytes per request
#: would reach it
MAX_GROWTH = 64 * 1024
#: allowed growth of the resident memory from 2,000 to 8,000 requests (a leak of 300
#: bytes per request would reach it)
MAX_RESIDENT_GROWTH = 2 * 1024 * 1024


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    import resource

    return pages * resource.getpagesize()


@pytest.mark.slow
def test_ten_thousand_calls_keep_memory_and_sockets_flat(
    big_budget_fake: FakeImgur, served: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Logging at its default level: pytest keeps every captured record in memory,
    # which would show as growth (and an earlier test may have left DEBUG on).
    for name in ("pyimgur", "urllib3"):
        caplog.set_level(logging.WARNING, logger=name)
    fake = big_budget_fake
    token = fake.issue_token()
    im = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, token.access_token,
                       token.refresh_token, base_url=served)
    ids = [post.id for post in fake.state.posts.values() if not post.is_album]
    operations: list[Callable[[int], Any]] = [
        lambda n: im.get_image(ids[n % len(ids)]).refresh().title,
        lambda n: im.get_gallery(limit=5)[0].id,
        lambda n: im.get_gallery_image(ids[(n * 7) % len(ids)]).refresh().points,
        lambda n: im.get_user(SEED_USER).refresh().reputation,
        lambda n: im.get_credits(),
    ]
    sockets: list[int] = []
    resident: list[int] = []
    traced: list[int] = []
    n = 0
    started = time.perf_counter()
    untraced_end = started
    while im.transport.request_count < TOTAL:
        operations[n % len(operations)](n)
        n += 1
        count = im.transport.request_count
        if count % CHECK_EVERY == 0:
            sockets.append(open_sockets())
        if count % TRACE_CHECK_EVERY:
            continue
        fake.reset_log()  # the sandbox's request log grows by design
        gc.collect()
        if tracemalloc.is_tracing():
            traced.append(tracemalloc.get_traced_memory()[0])
        elif count % CHECK_EVERY == 0:
            resident.append(_resident_bytes())
        if count == TOTAL - TRACED:
            untraced_end = time.perf_counter()
            tracemalloc.start()
            traced.append(0)
    finished = time.perf_counter()
    tracemalloc.stop()
    im.close()

    assert im.transport.request_count == TOTAL and n == TOTAL  # one request per call
    assert max(sockets) - min(sockets) == 0 and max(sockets) <= 4, sockets
    settled = traced[TRACE_WARM_UP // TRACE_CHECK_EVERY:]
    growth = max(settled) - settled[0]
    assert growth < MAX_GROWTH, traced
    resident_growth = resident[-1] - resident[1]
    assert resident_growth < MAX_RESIDENT_GROWTH, resident
    rate = (TOTAL - TRACED) / (untraced_end - started)
    record_figure(
        "10,000 calls on one client over loopback",
        f"{rate:.0f} calls/s untraced; sockets open at every 1,000: {sorted(set(sockets))}; "
        f"resident memory {resident[1] // 1024} KiB at 2,000 -> {resident[-1] // 1024} KiB "
        f"at {len(resident) * CHECK_EVERY:,} ({resident_growth // 1024:+d} KiB); traced memory "
        f"over requests {TOTAL - TRACED + TRACE_WARM_UP:,}-{TOTAL:,}: {growth:+d} bytes "
        f"({finished - started:.0f} s in all)",
    )
