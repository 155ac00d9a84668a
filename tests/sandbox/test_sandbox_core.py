"""The route table, the request log, determinism and thread safety of the sandbox."""

from __future__ import annotations

import threading

import pytest
from sandbox_helpers import RawAPI

from pyimgur import endpoints as ep
from pyimgur.testing import (
    SEED_CLIENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_USER,
    FakeImgur,
)
from pyimgur.testing import media as m
from pyimgur.testing.dispatch import ROUTES, find

ALL_ENDPOINTS = {name: value for name, value in vars(ep).items()
                 if isinstance(value, ep.Endpoint)}


def test_every_endpoint_of_the_table_is_served() -> None:
    served = {(r.endpoint.method, r.endpoint.path) for r in ROUTES}
    missing = [name for name, e in ALL_ENDPOINTS.items() if (e.method, e.path) not in served]
    assert missing == []


@pytest.mark.parametrize("name", sorted(ALL_ENDPOINTS))
def test_each_endpoint_path_reaches_its_own_route(name: str) -> None:
    endpoint = ALL_ENDPOINTS[name]
    values = {"page": "0", "offset": "0", "vote": "up", "sort": "newest", "window": "week",
              "section": "hot", "username": "someone"}
    path = endpoint.path
    for key in [p[1:-1] for p in path.split("/") if p.startswith("{")]:
        path = path.replace("{" + key + "}", values.get(key, "x1y2z3"))
    route, _, _ = find(endpoint.method, path)
    assert route is not None
    assert (route.endpoint.method, route.endpoint.path) == (endpoint.method, endpoint.path)


def test_unknown_routes_and_methods(api: RawAPI) -> None:
    assert api.call("GET", "3/nothing/here").status_code == 404
    assert api.call("PATCH", f"3/image/{SEED_IMAGE_ID}").status_code == 405


def test_etag_and_if_none_match(api: RawAPI, fake: FakeImgur) -> None:
    first = api.call("GET", f"3/image/{SEED_IMAGE_ID}")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    same = api.call("GET", f"3/image/{SEED_IMAGE_ID}", headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert int(same.headers["X-RateLimit-UserRemaining"]) == (
        int(first.headers["X-RateLimit-UserRemaining"]) - 1)  # a 304 still costs a credit
    api.data("POST", f"3/image/{SEED_IMAGE_ID}", auth="user", data={"title": "changed"})
    changed = api.call("GET", f"3/image/{SEED_IMAGE_ID}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_request_log(api: RawAPI, fake: FakeImgur) -> None:
    api.call("GET", f"3/image/{SEED_IMAGE_ID}", params={"a": "1", "b": ["2", "3"]})
    api.call("POST", "3/comment", auth="user",
             data={"image_id": SEED_GALLERY_IMAGE_ID, "comment": "logged"})
    api.call("POST", "3/album", json={"title": "json body"})
    api.call("POST", "3/image", files={"image": ("a.png", m.png(2, 2))}, data={"title": "t"})
    first, comment, album, upload = fake.requests
    assert (first.method, first.path, first.query) == ("GET", f"3/image/{SEED_IMAGE_ID}",
                                                       {"a": "1", "b": ["2", "3"]})
    assert first.auth == "client" and first.status == 200 and first.applied
    assert all(k.lower() != "authorization" for k in first.headers)
    assert comment.form == {"image_id": SEED_GALLERY_IMAGE_ID, "comment": "logged"}
    assert comment.auth == "bearer"
    assert album.json == {"title": "json body"}
    assert upload.files["image"][0] == "a.png" and upload.form == {"title": "t"}
    assert fake.request_count == 4
    assert fake.count_applied("POST") == 3
    assert len(fake.find_requests("POST", r"^3/(album|image)$")) == 2
    fake.reset_log()
    assert fake.request_count == 0 and fake.requests == []


def test_log_never_keeps_tokens(fake: FakeImgur) -> None:
    client = fake.user_client()
    client.transport.request(ep.ACCOUNT, username="me")
    token = client.access_token
    assert token is not None
    assert all(token not in repr(r.headers) for r in fake.requests)


def test_same_seed_same_world() -> None:
    one, two = FakeImgur(seed=7), FakeImgur(seed=7)
    assert sorted(one.state.images) == sorted(two.state.images)
    assert one.populate_gallery(5, 2) == two.populate_gallery(5, 2)
    other = FakeImgur(seed=8)
    assert sorted(other.state.images) != sorted(one.state.images)


def test_populate_gallery_for_benchmarks() -> None:
    fake = FakeImgur(seeded=False)
    ids = fake.populate_gallery(120, 10)
    assert len(ids) == 120 == len(fake.state.posts)
    authors = {fake.state.images[i].owner for i in ids}
    assert len(authors) == 10
    assert all(any(c.image_id == i and c.children for c in fake.state.comments.values())
               for i in ids[:5])


def test_unseeded_sandbox_has_only_the_client() -> None:
    fake = FakeImgur(seeded=False)
    assert fake.state.images == {} and SEED_CLIENT_ID in fake.state.clients


def test_thread_safety_in_process(fake: FakeImgur) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            client = fake.user_client()
            for _ in range(20):
                client.transport.request(ep.GALLERY_VOTE, id=SEED_GALLERY_IMAGE_ID, vote="up")
                client.transport.request(ep.IMAGE_UPLOAD, files={"image": ("a.png", m.png(3, 3))})
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    before = len(fake.state.images)
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(fake.state.images) == before + 160
    assert fake.request_count == 8 * 40 and fake.count_applied() == 8 * 40
    assert fake.state.posts[SEED_GALLERY_IMAGE_ID].votes.get(SEED_USER) is None
