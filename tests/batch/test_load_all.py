"""Imgur.load_all, get_images, get_albums: many lazy objects loaded at once.

Against the sandbox over loopback: results in order, exact request counts (no
duplicates, nothing already loaded fetched again), errors per object, and the
connection pool sized for the threads."""

from __future__ import annotations

import json
import logging
import threading

import pytest
import requests
import requests.adapters

import pyimgur
from pyimgur.batch import NOT_RUN, run_each
from pyimgur.testing import FakeImgur

from .conftest import count, new_images

IMAGE_GETS = r"^3/image/[^/]+$"


def test_load_all_loads_in_order_one_request_each(fake: FakeImgur, client: pyimgur.Imgur
                                                  ) -> None:
    ids = new_images(fake, 30)
    objects = [client.get_image(i) for i in ids]
    assert fake.request_count == 0  # lazy
    fake.reset_log()
    loaded = client.load_all(objects, workers=8)
    assert loaded == objects and all(a is b for a, b in zip(loaded, objects))
    assert count(fake, "GET", IMAGE_GETS) == 30 == fake.request_count
    assert sorted(r.path for r in fake.requests) == sorted(f"3/image/{i}" for i in ids)
    assert [o.title for o in loaded] == [f"picture {k}" for k in range(30)]
    assert fake.request_count == 30  # the fields were loaded: reading them is free


def test_loaded_and_repeated_objects_cost_nothing_more(fake: FakeImgur, client: pyimgur.Imgur
                                                       ) -> None:
    ids = new_images(fake, 6)
    first = client.get_image(ids[0]).refresh()  # already loaded
    twin_a, twin_b = client.get_image(ids[1]), client.get_image(ids[1])  # same Imgur thing
    repeated = client.get_image(ids[2])
    rest = [client.get_image(i) for i in ids[3:]]
    fake.reset_log()
    objects = [first, twin_a, repeated, twin_b, repeated, *rest]
    out = client.load_all(objects, workers=4)
    assert out == objects
    # ids[1] once, ids[2] once, three more; ids[0] not at all
    assert sorted(r.path for r in fake.requests) == sorted(f"3/image/{i}" for i in ids[1:])
    assert twin_b.title == "picture 1" and fake.request_count == 5
    fake.reset_log()
    client.load_all(objects, workers=4)  # everything loaded now
    assert fake.request_count == 0


def test_one_failure_keeps_the_others(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    ids = new_images(fake, 5)
    objects = [client.get_image(i) for i in ids[:2]] + [client.get_image("missing1")] + \
        [client.get_image(i) for i in ids[2:]]
    fake.reset_log()
    with pytest.raises(pyimgur.BatchError) as caught:
        client.load_all(objects, workers=3)
    error = caught.value
    assert isinstance(error, pyimgur.ImgurError)
    assert list(error.errors) == [2] and isinstance(error.errors[2], pyimgur.NotFound)
    assert error.results[:2] == objects[:2] and error.results[3:] == objects[3:]
    assert error.results[2] is error.errors[2]
    assert "1 of 6 loads failed" in str(error)
    assert fake.request_count == 6  # nothing tried twice
    assert [o.title for o in error.results[3:]] == ["picture 2", "picture 3", "picture 4"]


def test_return_exceptions_puts_them_in_place(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    ids = new_images(fake, 3)
    missing = client.get_image("missing1")
    objects = [client.get_image(ids[0]), missing, client.get_image(ids[1]), missing]
    fake.reset_log()
    out = client.load_all(objects, workers=4, return_exceptions=True)
    assert out[0] is objects[0] and out[2] is objects[2]
    assert isinstance(out[1], pyimgur.NotFound) and out[3] is out[1]
    assert fake.request_count == 3  # the missing one is asked for once, not twice


def test_bad_arguments_fail_before_any_request(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    fake.reset_log()
    with pytest.raises(TypeError):
        client.load_all([client.get_image("abc"), "abc"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        client.load_all([client.get_image("abc")], workers=0)
    with pytest.raises(TypeError):
        client.load_all([client.get_image("abc")], workers=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.get_images("abc")
    with pytest.raises(ValueError):
        client.get_images(["abc", ""])
    with pytest.raises(TypeError):
        client.get_albums(["abc", 3])  # type: ignore[list-item]
    assert fake.request_count == 0


def test_get_images_in_order_with_repeats(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    ids = new_images(fake, 4)
    wanted = [ids[2], ids[0], ids[2], ids[3], ids[1], ids[0]]
    fake.reset_log()
    images = client.get_images(wanted, workers=4)
    assert [i.id for i in images] == wanted
    assert images[0] is images[2] and images[1] is images[5]
    assert fake.request_count == 4
    assert [i.title for i in images] == [f"picture {k}" for k in (2, 0, 2, 3, 1, 0)]
    assert fake.request_count == 4


def test_get_images_reports_missing_ones(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    ids = new_images(fake, 2)
    fake.reset_log()
    out = client.get_images([ids[0], "gone123", ids[1], "gone123"], return_exceptions=True)
    assert out[0].id == ids[0] and out[2].id == ids[1]
    assert isinstance(out[1], pyimgur.NotFound) and out[3] is out[1]
    assert fake.request_count == 3
    with pytest.raises(pyimgur.BatchError) as caught:
        client.get_images([ids[0], "gone123"])
    assert sorted(caught.value.errors) == [1]
    assert caught.value.results[0].id == ids[0]


def test_get_albums_loads_images_too(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    albums = [fake.add_album(3, title=f"album {k}") for k in range(5)]
    fake.reset_log()
    out = client.get_albums([a.id for a in albums], workers=5)
    assert [a.title for a in out] == [f"album {k}" for k in range(5)]
    assert [len(a.images or []) for a in out] == [3] * 5
    assert count(fake, "GET", r"^3/album/[^/]+$") == 5 == fake.request_count


def test_workers_1_runs_in_the_calling_thread() -> None:
    seen: list[str] = []
    out = run_each(lambda n: seen.append(threading.current_thread().name) or n * 2,
                   [1, 2, 3], 1)
    assert out == [2, 4, 6]
    assert set(seen) == {threading.current_thread().name}


def test_run_each_stops_starting_new_items_after_a_failure() -> None:
    def work(n: int) -> int:
        if n == 2:
            raise OSError("disk full")
        return n

    out = run_each(work, [1, 2, 3, 4], 1, stop_on_error=True)
    assert out[0] == 1 and isinstance(out[1], OSError) and out[2] is NOT_RUN and out[3] is NOT_RUN
    out = run_each(work, [1, 2, 3, 4], 1)
    assert out[2:] == [3, 4]


class BarrierAdapter(requests.adapters.BaseAdapter):
    """Answers each image GET only once ``parties`` requests are waiting at once."""

    def __init__(self, parties: int, timeout: float = 10.0) -> None:
        super().__init__()
        self.barrier = threading.Barrier(parties, timeout=timeout)
        self.calls = 0
        self._lock = threading.Lock()

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        with self._lock:
            self.calls += 1
        self.barrier.wait()  # BrokenBarrierError if fewer are in flight
        image_id = str(request.path_url).rsplit("/", 1)[-1]
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        body = {"data": {"id": image_id, "title": image_id.upper()}, "success": True,
                "status": 200}
        response._content = json.dumps(body).encode()
        response.request = request
        response.url = str(request.url)
        return response

    def close(self) -> None:
        pass


def test_requests_really_overlap() -> None:
    """Eight loads are in flight at once: each answer waits until all eight
    arrived (a barrier), so a sequential load would fail instead of returning."""
    im = pyimgur.Imgur("cid", backoff_factor=0.0, max_retries=0)
    adapter = BarrierAdapter(8)
    im.transport.session.mount(im.transport.base_url, adapter)
    out = im.get_images([f"img{k}" for k in range(8)], workers=8)
    assert [i.title for i in out] == [f"IMG{k}" for k in range(8)]
    assert adapter.calls == 8
    im.transport.session.mount(im.transport.base_url, BarrierAdapter(2, timeout=0.5))
    with pytest.raises(pyimgur.BatchError):  # one after the other: the barrier breaks
        im.get_images(["one", "two"], workers=1)


def test_pool_is_sized_for_the_workers(fake: FakeImgur, client: pyimgur.Imgur,
                                       caplog: pytest.LogCaptureFixture) -> None:
    """requests keeps 10 connections per host; 24 threads would throw connections
    away (urllib3 warns "Connection pool is full") unless the pool grows first."""
    ids = new_images(fake, 96)
    caplog.set_level(logging.WARNING, logger="urllib3")
    fake.reset_log()
    for _ in range(2):
        objects = [client.get_image(i) for i in ids]
        client.load_all(objects, workers=24)
        client.cache.clear()
    assert fake.request_count == 192
    adapter = client.transport.session.get_adapter(client.transport.base_url)
    assert adapter.poolmanager.connection_pool_kw["maxsize"] >= 24
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]


def test_credits_stay_consistent(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    ids = new_images(fake, 40)
    client.get_image(ids[0]).refresh()
    before = client.credits["UserRemaining"]
    client.load_all([client.get_image(i) for i in ids[1:]], workers=8)
    after = client.credits["UserRemaining"]
    # answers arrive out of order: the figure lags by at most the calls in flight
    assert before - 39 <= after <= before - 39 + 8
    client.get_image(ids[0]).refresh()
    assert client.credits["UserRemaining"] == before - 40


def test_batch_error_pickles_and_holds_no_secret(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    import pickle

    ids = new_images(fake, 2)
    with pytest.raises(pyimgur.BatchError) as caught:
        client.get_images([ids[0], "gone123", ids[1]])
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is pyimgur.BatchError and str(copy) == str(error)
    assert [getattr(r, "id", None) for r in copy.results] == [ids[0], None, ids[1]]
    assert isinstance(copy.errors[1], pyimgur.NotFound)
    text = repr(error) + str(error) + repr(error.results) + repr(error.errors)
    token = client.access_token
    assert token and token not in text and str(client.client_secret) not in text


def test_growing_the_pool_keeps_an_in_process_sandbox_attached() -> None:
    fake = FakeImgur()
    im = fake.user_client()
    ids = new_images(fake, 40)
    fake.reset_log()
    out = im.get_images(ids, workers=16)
    assert [i.title for i in out] == [f"picture {k}" for k in range(40)]
    assert fake.request_count == 40  # every call still went to the sandbox
    adapter = im.transport.session.get_adapter(im.transport.base_url)
    assert type(adapter).__name__ == "SandboxAdapter"
