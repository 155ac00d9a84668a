"""Imgur(lazy=False): every factory loads its object at once, as PyImgur did.

With the default (lazy) session a factory makes no request; on a
``lazy=False`` session it makes exactly one, so a missing object raises
NotFound at the factory call (``try: im.get_image(x) except NotFound``).
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
import requests_mock

import pyimgur

JSON = {"id": 5, "url": "bob", "name": "cats", "title": "t", "is_album": False}


def answer(request: Any, context: Any) -> dict[str, Any]:
    """The envelope of JSON, its id being the one asked for (the last part of the path)."""
    parts = [part for part in request.path.split("/") if part]
    # the object's id follows its area (paged paths add sort/window/page parts)
    area = next((i for i, part in enumerate(parts) if part in {"conversations", "g"}), None)
    asked = parts[area + 1] if area is not None else parts[-1]
    data = dict(JSON, id=int(asked) if asked.isdigit() else asked)
    if not asked.isdigit() and asked.lower() not in {"bob", "me", "cats"}:
        data["id"] = next(
            (part for part in request.url.split("/") if part.lower() == asked), data["id"]
        )
    return {"data": data, "success": True, "status": 200}

# factory call -> the path it loads (a prefix, for paged endpoints)
FACTORIES: list[tuple[str, Callable[[pyimgur.Imgur], Any], str]] = [
    ("get_image", lambda im: im.get_image("abc"), "/3/image/abc"),
    ("get_album", lambda im: im.get_album("abc"), "/3/album/abc"),
    ("get_gallery_image", lambda im: im.get_gallery_image("abc"), "/3/gallery/image/abc"),
    ("get_gallery_album", lambda im: im.get_gallery_album("abc"), "/3/gallery/album/abc"),
    ("get_user", lambda im: im.get_user("bob"), "/3/account/bob"),
    ("get_current_user", lambda im: im.get_current_user(), "/3/account/me"),
    ("get_comment", lambda im: im.get_comment(5), "/3/comment/5"),
    ("get_message", lambda im: im.get_message(5), "/3/message/5"),
    ("get_notification", lambda im: im.get_notification(5), "/3/notification/5"),
    ("get_conversation", lambda im: im.get_conversation(5), "/3/conversations/5/"),
    ("get_custom_gallery", lambda im: im.get_custom_gallery(5), "/3/g/5/"),
    ("get_tag", lambda im: im.get_tag("cats"), "/3/gallery/tag_info/cats"),
    ("get_at_url image", lambda im: im.get_at_url("https://imgur.com/S1jmapR"), "/3/image/S1jmapR"),
    ("get_at_url album", lambda im: im.get_at_url("https://imgur.com/a/SbxAlb1"),
     "/3/album/SbxAlb1"),
    ("get_at_url user", lambda im: im.get_at_url("https://imgur.com/user/bob"),
     "/3/account/bob"),
]
IDS = [name for name, _, _ in FACTORIES]


def session(lazy: bool) -> pyimgur.Imgur:
    return pyimgur.Imgur("test-client-id", access_token="token", lazy=lazy)


@pytest.fixture
def mocker() -> Any:
    with requests_mock.Mocker() as m:
        yield m


@pytest.mark.parametrize(("name", "make", "path"), FACTORIES, ids=IDS)
def test_a_lazy_session_makes_no_request(mocker, name, make, path):
    mocker.get(requests_mock.ANY, json=answer)
    obj = make(session(lazy=True))
    assert obj is not None
    assert mocker.call_count == 0


@pytest.mark.parametrize(("name", "make", "path"), FACTORIES, ids=IDS)
def test_an_eager_session_loads_at_once(mocker, name, make, path):
    mocker.get(requests_mock.ANY, json=answer)
    obj = make(session(lazy=False))
    assert mocker.call_count == 1
    assert mocker.request_history[0].path.startswith(path.lower())  # as requests-mock has it
    assert obj._has_fetched
    repr(obj), obj.__dict__.get("id")  # reading what was loaded costs nothing
    assert mocker.call_count == 1


@pytest.mark.parametrize(("name", "make", "path"), FACTORIES, ids=IDS)
def test_an_eager_session_raises_not_found_at_the_call(mocker, name, make, path):
    mocker.get(requests_mock.ANY, status_code=404,
               json={"data": {"error": "Not found"}, "success": False, "status": 404})
    im = session(lazy=False)
    if name.startswith("get_at_url"):
        assert make(im) is None  # get_at_url says "no such object" with None
    else:
        with pytest.raises(pyimgur.NotFound):
            make(im)
    assert mocker.call_count == 1


@pytest.mark.parametrize("lazy", [True, False])
def test_a_gallery_link_is_loaded_once_either_way(mocker, lazy):
    """The post's kind is only known by asking, and that answer is the whole post."""
    mocker.get(requests_mock.ANY, json=answer)
    post = session(lazy).get_at_url("https://imgur.com/gallery/Sb0xGal", fetch=True)
    assert isinstance(post, pyimgur.Gallery_image) and post._has_fetched
    assert mocker.call_count == 1


def test_fetch_true_loads_on_a_lazy_session(mocker):
    mocker.get(requests_mock.ANY, json=answer)
    im = session(lazy=True)
    im.get_image("abc", fetch=True)
    assert mocker.call_count == 1


def test_objects_reached_from_a_loaded_object_stay_lazy(mocker):
    """Only the factories load at once: a loaded image's album is not loaded with it."""
    image = {"id": "abc", "title": "t", "account_url": "bob"}
    mocker.get(requests_mock.ANY, json={"data": image, "success": True, "status": 200})
    im = session(lazy=False)
    loaded = im.get_image("abc")
    assert mocker.call_count == 1
    assert im.lazy is False and session(lazy=True).lazy is True
    assert loaded.title == "t"
    assert mocker.call_count == 1
