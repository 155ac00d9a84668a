"""8 threads share one Imgur object: 2,000 calls over HTTP on 127.0.0.1.

Halfway through, the sandbox expires the access token.  Every call must
succeed; the token is refreshed exactly once (one ``POST /oauth2/token``
however many threads saw it refused); the calls refused for the old token
were not charged and were sent once more; and ``im.credits`` stays a
complete, consistent countdown: it never shows more credits than the budget
had at the start, it lags the sandbox's count by at most the calls in flight,
and after one more call it is exact.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any, Callable

import pytest

import pyimgur
from pyimgur.testing import SEED_ALBUM_ID, SEED_CLIENT_ID, SEED_CLIENT_SECRET, FakeImgur

from .conftest import open_sockets, record_figure

THREADS = 8
CALLS = 2_000
EXPIRE_AT = CALLS // 2
KEYS = {"UserLimit", "UserRemaining", "UserReset", "ClientLimit", "ClientRemaining"}


def _operations(im: pyimgur.Imgur, ids: list[str]) -> list[Callable[[int], Any]]:
    """Calls that each cost exactly one request to the API (no shared-fetch shortcut)."""
    return [
        lambda n: im.get_image(ids[n % len(ids)]).refresh().title,
        lambda n: im.get_gallery(limit=3)[0].id,
        lambda n: im.get_gallery_image(ids[(n * 7) % len(ids)]).refresh().points,
        lambda n: im.get_user("sandboxtester").refresh().reputation,
        lambda n: im.get_album(SEED_ALBUM_ID).update(description=f"call {n}"),
    ]


@pytest.mark.slow
def test_eight_threads_share_one_client(big_budget_fake: FakeImgur, served: str) -> None:
    fake = big_budget_fake
    token = fake.issue_token()
    im = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, token.access_token,
                       token.refresh_token, base_url=served)
    ids = [post.id for post in fake.state.posts.values() if not post.is_album]
    operations = _operations(im, ids)
    limit = fake.budgets.user_limit
    counter = itertools.count()
    errors: list[BaseException] = []
    snapshots: list[dict[str, int]] = []
    done = threading.Event()

    def worker() -> None:
        while True:
            n = next(counter)
            if n >= CALLS:
                return
            if n == EXPIRE_AT:
                fake.expire_token(token.access_token)
            try:
                operations[n % len(operations)](n)
            except Exception as error:  # every failure is a finding
                errors.append(error)

    def sampler() -> None:
        while not done.is_set():
            snapshots.append(im.credits)
            time.sleep(0.002)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    watcher = threading.Thread(target=sampler)
    started = time.perf_counter()
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    watcher.join()

    assert errors == []
    # one refresh, whatever the number of threads that found the token refused
    assert im.credentials.refresh_count == 1
    assert len(fake.find_requests("POST", r"^oauth2/token$")) == 1
    refused = [r for r in fake.requests if r.status == 403]
    api_calls = [r for r in fake.requests if r.path.startswith("3/")]
    assert 1 <= len(refused) <= THREADS
    assert len(api_calls) == CALLS + len(refused)  # each refused call sent once more
    # credits: the sandbox charged the 2,000 calls, not the refused ones
    remaining = fake.budgets.bucket(SEED_CLIENT_ID, "user", fake.now()).remaining
    assert remaining == limit - CALLS
    seen = [s for s in snapshots if s]
    assert seen and all(KEYS <= s.keys() and s["UserLimit"] == limit for s in seen)
    assert all(remaining <= s["UserRemaining"] < limit for s in seen)
    last = im.credits
    assert remaining <= last["UserRemaining"] <= remaining + THREADS - 1
    assert im.get_credits()["UserRemaining"] == remaining  # exact after a quiet call
    sockets = open_sockets()
    assert sockets <= 2 * THREADS + 1  # client and server ends of <= 8 connections, listener
    im.close()
    record_figure(
        "8 threads, 1 client, 2,000 calls over loopback",
        f"{CALLS / elapsed:.0f} calls/s, {len(refused)} refused for the expired token and "
        f"resent, 1 refresh, 0 errors, {sockets} sockets open at the end "
        f"(client and server ends), im.credits behind by {last['UserRemaining'] - remaining} "
        f"at the end, exact after one more call",
    )
