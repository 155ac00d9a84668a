"""Loading is single-flight (issue 13, section 3), counted in requests.

16 threads released together by a barrier read a field of a lazy object
while Imgur takes its time to answer:

* one shared object: exactly 1 GET, with the shared-fetch cache on or off;
* 16 objects for the same image (one per thread): exactly 1 GET;
* a failed load: 1 GET, every waiter gets the failure (its own copy of it),
  and the next access tries again (1 more GET);
* ``refresh()`` is never folded into a flight: it always costs 1 request.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

import pytest

import pyimgur
from pyimgur.cache import FetchCache

THREADS = 16
SLOW = 0.3  # seconds Imgur takes to answer: every thread arrives during the flight
URL = "https://api.imgur.com/3/image/abc1234"


def _slow_answer(api: Any, answers: list[tuple[int, Any]]) -> None:
    """Answer each GET of the image after ``SLOW`` seconds, with the next of ``answers``."""
    remaining = list(answers)

    def answer(request: Any, context: Any) -> Any:
        time.sleep(SLOW)
        status, data = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        context.status_code = status
        return {"data": data, "success": status < 400, "status": status}

    api.mocker.get(URL, json=answer)


def _together(work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(n)`` in 16 threads started together; return results or exceptions."""
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = work(n)
        except Exception as error:  # collected and checked by the test
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


IMAGE = {"id": "abc1234", "title": "shared", "views": 3}


@pytest.mark.parametrize("ttl", [60, 0], ids=["cache on", "cache off"])
def test_sixteen_threads_reading_one_lazy_object_make_one_get(api: Any, ttl: float) -> None:
    _slow_answer(api, [(200, IMAGE)])
    im = pyimgur.Imgur("flight-client-id", cache_ttl=ttl)
    image = im.get_image("abc1234")
    assert _together(lambda n: image.title) == ["shared"] * THREADS
    assert api.count == 1
    assert image.views == 3 and api.count == 1


def test_sixteen_objects_for_the_same_image_make_one_get(api: Any) -> None:
    _slow_answer(api, [(200, IMAGE)])
    im = pyimgur.Imgur("flight-client-id")
    images = [im.get_image("abc1234") for _ in range(THREADS)]
    assert _together(lambda n: images[n].title) == ["shared"] * THREADS
    assert api.count == 1


def test_a_failed_flight_is_shared_by_its_waiters_then_tried_again(api: Any) -> None:
    _slow_answer(api, [(404, {"error": "Unable to find an image with the id, abc1234"}),
                       (200, IMAGE)])
    im = pyimgur.Imgur("flight-client-id")
    image = im.get_image("abc1234")
    results = _together(lambda n: image.title)
    assert all(isinstance(result, pyimgur.NotFound) for result in results), results
    assert len({id(result) for result in results}) == THREADS  # each its own copy
    assert {str(result) for result in results} == {str(results[0])}
    assert api.count == 1
    assert image.title == "shared"  # the next access tries again
    assert api.count == 2


def test_refresh_is_never_folded_into_a_flight(api: Any) -> None:
    _slow_answer(api, [(200, IMAGE)])
    im = pyimgur.Imgur("flight-client-id")
    image = im.get_image("abc1234")
    _together(lambda n: image.refresh() if n < 4 else image.title)
    assert 4 <= api.count <= 5  # each refresh is one request; the lazy reads share one


def test_waiters_try_again_when_the_fetching_thread_is_interrupted() -> None:
    cache = FetchCache(ttl=0)
    started = threading.Event()
    release = threading.Event()
    fetches: list[str] = []

    def interrupted() -> Any:
        fetches.append("interrupted")
        started.set()
        release.wait(5)
        raise KeyboardInterrupt

    def leader() -> None:
        try:
            cache.load("key", interrupted)
        except KeyboardInterrupt:
            pass

    first = threading.Thread(target=leader)
    first.start()
    started.wait(5)
    results: list[Any] = []

    def waiter() -> None:
        results.append(cache.load("key", lambda: fetches.append("again") or {"ok": 1}))

    second = threading.Thread(target=waiter)
    second.start()
    time.sleep(0.05)
    release.set()
    first.join(5)
    second.join(5)
    assert results == [{"ok": 1}]
    assert fetches == ["interrupted", "again"]
