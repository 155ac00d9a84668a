"""Custom galleries and filtered tags (the 2014 ``/3/g`` variant, legacy)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur
from pyimgur.models.custom_gallery import Custom_gallery

GALLERY_JSON = {
    "id": "abc",
    "name": "My cats",
    "account_url": "Bob",
    "link": "https://imgur.com/g/abc",
    "tags": ["cats", "kittens"],
    "item_count": 2,
    "items": [{"id": "g1", "is_album": False}, {"id": "g2", "is_album": True}],
    "datetime": 1406935917,
}


def form(call):
    return {key: values[0] for key, values in parse_qs(call.text or "").items()}


def path(call):
    return urlsplit(call.url).path


def test_get_custom_gallery_is_lazy_and_loads_once(user_im, api):
    api.add("GET", "3/g/abc/viral/week/0", GALLERY_JSON)
    gallery = user_im.get_custom_gallery("abc")
    assert api.count == 0
    assert isinstance(gallery, Custom_gallery)
    assert gallery.name == "My cats"
    assert api.count == 1
    assert path(api.calls[0]) == "/3/g/abc/viral/week/0"
    assert gallery.tags == ["cats", "kittens"]
    assert gallery.item_count == 2
    assert gallery.author == user_im.get_user("bob")
    first, second = gallery.items
    assert isinstance(first, pyimgur.Gallery_image)
    assert isinstance(second, pyimgur.Gallery_album)
    assert api.count == 1


def test_get_custom_gallery_fetch_true_404_is_not_found_with_imgurs_message(user_im, api):
    api.add("GET", "3/g/abc/viral/week/0",
            {"error": "Custom galleries are gone", "request": "/3/g/abc/viral/week/0",
             "method": "GET"}, status=404)
    with pytest.raises(pyimgur.NotFound, match="Custom galleries are gone"):
        user_im.get_custom_gallery("abc", fetch=True)
    assert api.count == 1


def test_get_custom_galleries(user_im, api):
    api.add("GET", "3/g", [GALLERY_JSON, dict(GALLERY_JSON, id="def", name="Dogs")])
    galleries = user_im.get_custom_galleries()
    assert api.count == 0
    assert [g.name for g in galleries] == ["My cats", "Dogs"]
    assert api.count == 1
    assert (api.calls[0].method, path(api.calls[0])) == ("GET", "/3/g")


def test_get_items_pages_with_sort_and_window(user_im, api):
    api.add("GET", "3/g/abc/top/all/0", {"items": [{"id": "g1"}, {"id": "g2", "is_album": True}]})
    api.add("GET", "3/g/abc/top/all/1", {"items": []})
    items = list(user_im.get_custom_gallery("abc").get_items(sort="top", window="all"))
    assert [type(i) for i in items] == [pyimgur.Gallery_image, pyimgur.Gallery_album]
    assert [path(c) for c in api.calls] == ["/3/g/abc/top/all/0", "/3/g/abc/top/all/1"]


def test_get_items_rejects_bad_sort_or_window(user_im, api):
    gallery = user_im.get_custom_gallery("abc")
    with pytest.raises(ValueError):
        gallery.get_items(sort="hot")
    with pytest.raises(ValueError):
        gallery.get_items(window="decade")
    assert api.count == 0


def test_create_custom_gallery(user_im, api):
    api.add("POST", "3/g", {"id": "new1"})
    gallery = user_im.create_custom_gallery("Birds", ["parrots", pyimgur.Tag({"name": "owls"},
                                                                             user_im)])
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/g")
    assert form(call) == {"name": "Birds", "tags": "parrots,owls"}
    assert gallery.id == "new1" and gallery.name == "Birds"
    assert api.count == 1


def test_create_custom_gallery_without_tags_and_an_id_answer(user_im, api):
    api.add("POST", "3/g", "new2")
    gallery = user_im.create_custom_gallery("Empty")
    assert form(api.calls[0]) == {"name": "Empty"}
    assert gallery.id == "new2"


@pytest.mark.parametrize("name, tags, error", [
    ("", None, ValueError),
    ("ok", [], ValueError),
    ("ok", ["a,b"], ValueError),
    ("ok", [3], TypeError),
])
def test_create_custom_gallery_rejects_bad_input(user_im, api, name, tags, error):
    with pytest.raises(error):
        user_im.create_custom_gallery(name, tags)
    assert api.count == 0


def test_update_add_remove_delete(user_im, api):
    api.add("POST", "3/g/abc", True)
    api.add("PUT", "3/g/abc/add_tags", True)
    api.add("DELETE", "3/g/abc/remove_tags", True)
    api.add("DELETE", "3/g/abc", True)
    gallery = user_im.get_custom_gallery("abc")
    gallery.update("Cats only")
    assert gallery.name == "Cats only"
    gallery.add_tags(["lions", "tigers"])
    gallery.remove_tags("kittens")
    gallery.delete()
    calls = [(c.method, path(c), form(c)) for c in api.calls]
    assert calls == [
        ("POST", "/3/g/abc", {"id": "abc", "name": "Cats only"}),
        ("PUT", "/3/g/abc/add_tags", {"tags": "lions,tigers"}),
        ("DELETE", "/3/g/abc/remove_tags", {"tags": "kittens"}),
        ("DELETE", "/3/g/abc", {}),
    ]


def test_changing_tags_makes_the_next_read_reload(user_im, api):
    api.add("GET", "3/g/abc/viral/week/0", GALLERY_JSON)
    api.add("PUT", "3/g/abc/add_tags", True)
    gallery = user_im.get_custom_gallery("abc")
    assert gallery.tags == ["cats", "kittens"]
    gallery.add_tags("lions")
    api.add("GET", "3/g/abc/viral/week/0", dict(GALLERY_JSON, tags=["cats", "kittens", "lions"]))
    assert gallery.tags == ["cats", "kittens", "lions"]
    assert [c.method for c in api.calls] == ["GET", "PUT", "GET"]


def test_filtered_out_tags(user_im, api):
    api.add("GET", "3/g/filtered_out", {"tags": ["spiders"], "items": []})
    filtered = user_im.get_filtered_out_tags()
    assert filtered.tags == ["spiders"]
    assert filtered.items == []
    assert path(api.calls[0]) == "/3/g/filtered_out"
    assert api.count == 1


def test_block_and_unblock_tag(user_im, api):
    api.add("POST", "3/g/block_tag", True)
    api.add("POST", "3/g/unblock_tag", True)
    user_im.block_tag("spiders")
    user_im.unblock_tag(pyimgur.Tag({"name": "spiders"}, user_im))
    assert [(c.method, path(c), form(c)) for c in api.calls] == [
        ("POST", "/3/g/block_tag", {"tag": "spiders"}),
        ("POST", "/3/g/unblock_tag", {"tag": "spiders"}),
    ]


def test_block_tag_404_is_not_found(user_im, api):
    api.add("POST", "3/g/block_tag", {"error": "Not found", "request": "/3/g/block_tag",
                                      "method": "POST"}, status=404)
    with pytest.raises(pyimgur.NotFound, match="Not found"):
        user_im.block_tag("spiders")


@pytest.mark.parametrize("call", [
    lambda im: list(im.get_custom_galleries()),
    lambda im: im.get_custom_gallery("abc").name,
    lambda im: list(im.get_custom_gallery("abc").get_items()),
    lambda im: im.create_custom_gallery("x", ["y"]),
    lambda im: im.get_custom_gallery("abc").update("x"),
    lambda im: im.get_custom_gallery("abc").add_tags("x"),
    lambda im: im.get_custom_gallery("abc").remove_tags("x"),
    lambda im: im.get_custom_gallery("abc").delete(),
    lambda im: im.get_filtered_out_tags(),
    lambda im: im.block_tag("x"),
    lambda im: im.unblock_tag("x"),
])
def test_custom_galleries_need_a_logged_in_user(im, api, call):
    with pytest.raises(pyimgur.AuthenticationError):
        call(im)
    assert api.count == 0
