"""Tags: lazy fields, the paginated gallery of a tag, follow/unfollow, the tag list."""

from __future__ import annotations

import copy
import pickle

import pytest

import pyimgur

TAG_INFO = {
    "name": "cats",
    "display_name": "Cats",
    "followers": 1200,
    "total_items": 90000,
    "following": False,
    "is_whitelisted": False,
    "is_promoted": True,
    "description": "meow",
    "accent": "4F4FFF",
    "background_hash": "bg12345",
    "background_is_animated": False,
    "thumbnail_hash": "th12345",
    "thumbnail_is_animated": False,
    "logo_hash": None,
    "logo_destination_url": None,
    "description_annotations": {},
}


def items_page(start: int, size: int) -> dict:
    posts = [{"id": f"t{n}", "is_album": n % 2 == 0} for n in range(start, start + size)]
    return dict(TAG_INFO, items=posts)


def test_get_tag_is_lazy_and_loads_its_fields_once(im, api):
    api.add("GET", "3/gallery/tag_info/cats", TAG_INFO)
    tag = im.get_tag("cats")
    assert api.count == 0
    assert repr(tag) == "<Tag name='cats'>"
    assert tag.followers == 1200 and tag.display_name == "Cats"
    assert tag.total_items == 90000 and tag.description == "meow"
    assert tag.following is False and tag.is_promoted is True
    assert tag.accent == "4F4FFF" and tag.background_hash == "bg12345"
    assert tag.thumbnail_hash == "th12345" and tag.description_annotations == {}
    assert api.count == 1
    assert api.calls[0].method == "GET" and api.calls[0].path == "/3/gallery/tag_info/cats"


def test_tag_items_are_paginated_lazily_with_the_right_classes(im, api):
    api.add("GET", "3/gallery/t/cats/viral/week/0", items_page(0, 60))
    api.add("GET", "3/gallery/t/cats/viral/week/1", items_page(60, 3))
    api.add("GET", "3/gallery/t/cats/viral/week/2", dict(TAG_INFO, items=[]))
    tag = im.get_tag("cats")
    items = tag.items
    assert api.count == 0
    assert type(items[0]) is pyimgur.Gallery_album and type(items[1]) is pyimgur.Gallery_image
    assert api.count == 1
    assert tag.items is items  # the same listing: what is loaded stays loaded
    assert len(items) == 63
    assert api.count == 3
    assert [c.path for c in api.calls] == [
        "/3/gallery/t/cats/viral/week/0",
        "/3/gallery/t/cats/viral/week/1",
        "/3/gallery/t/cats/viral/week/2",
    ]


def test_get_tag_sort_window_and_limit_shape_its_items(im, api):
    api.add("GET", "3/gallery/t/cats/top/all/0", items_page(0, 60))
    tag = im.get_tag("cats", sort="top", window="all", limit=5)
    assert [i.id for i in tag.items] == ["t0", "t1", "t2", "t3", "t4"]
    assert api.count == 1 and api.calls[0].path == "/3/gallery/t/cats/top/all/0"


def test_get_items_gives_other_orders(im, api):
    api.add("GET", "3/gallery/t/cats/time/day/0", items_page(0, 2))
    api.add("GET", "3/gallery/t/cats/time/day/1", dict(TAG_INFO, items=[]))
    items = im.get_tag("cats").get_items(sort="time", window="day")
    assert [i.id for i in items] == ["t0", "t1"]
    assert api.count == 2


@pytest.mark.parametrize("kwargs", [{"sort": "best"}, {"window": "forever"}, {"limit": -3}])
def test_get_tag_validates_before_any_request(im, api, kwargs):
    with pytest.raises(ValueError):
        im.get_tag("cats", **kwargs)
    with pytest.raises(ValueError):
        im.get_tag("")
    assert api.count == 0


def test_get_items_validates_before_any_request(im, api):
    tag = im.get_tag("cats")
    with pytest.raises(ValueError):
        tag.get_items(sort="rising")
    with pytest.raises(ValueError):
        tag.get_items(window="hour")
    assert api.count == 0


def test_follow_and_unfollow(user_im, api):
    api.add("POST", "3/account/me/follow/tag/cats", {"status": True})
    api.add("DELETE", "3/account/me/follow/tag/cats", {"status": True})
    tag = user_im._make(pyimgur.Tag, dict(TAG_INFO), has_fetched=True)
    tag.follow()
    assert tag.following is True
    tag.unfollow()
    assert tag.following is False
    assert [(c.method, c.path) for c in api.calls] == [
        ("POST", "/3/account/me/follow/tag/cats"),
        ("DELETE", "/3/account/me/follow/tag/cats"),
    ]


def test_follow_needs_a_user_before_any_request(im, api):
    tag = im.get_tag("cats")
    with pytest.raises(pyimgur.AuthenticationError):
        tag.follow()
    with pytest.raises(pyimgur.AuthenticationError):
        tag.unfollow()
    assert api.count == 0


def test_get_tags_lists_tag_objects_in_one_request(im, api):
    api.add(
        "GET",
        "3/tags",
        {
            "tags": [
                {"id": "32179", "name": "embroidery", "followers": 0, "total_items": 270},
                {"name": "cats", "followers": 5},
            ],
            "featured": "cats",
            "galleries": [],
        },
    )
    tags = im.get_tags()
    assert api.count == 0
    assert [(type(t), t.name) for t in tags] == [(pyimgur.Tag, "embroidery"), (pyimgur.Tag, "cats")]
    assert tags[0].total_items == 270 and tags[1].followers == 5
    assert api.count == 1
    assert api.calls[0].method == "GET" and api.calls[0].path == "/3/tags"


def test_a_tag_with_loaded_items_copies_and_pickles_without_requests(im, api):
    api.add("GET", "3/gallery/t/cats/viral/week/0", items_page(0, 2))
    tag = im._make(pyimgur.Tag, dict(TAG_INFO), has_fetched=True)
    assert tag.items[0].id == "t0"
    assert api.count == 1
    clone = pickle.loads(pickle.dumps(tag))
    assert clone == tag and clone.followers == 1200
    assert copy.deepcopy(tag).display_name == "Cats"
    assert repr(tag) == "<Tag name='cats' followers=1200 total_items=90000>"
    assert api.count == 1


def test_tags_compare_case_insensitively_and_keep_their_hash_when_loaded(im, api):
    api.add("GET", "3/gallery/tag_info/Cats", TAG_INFO)  # Imgur answers "cats"
    upper = im.get_tag("Cats")
    lower = im.get_tag("cats")
    assert upper == lower and hash(upper) == hash(lower)
    before = hash(upper)
    seen = {upper}
    assert upper.followers == 1200
    assert api.count == 1
    assert upper.name == "cats"
    assert hash(upper) == before and upper in seen
    assert upper == lower == im.get_tag("CATS")
    assert upper != im.get_tag("dogs")
