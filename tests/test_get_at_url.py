"""get_at_url and is_imgur_url on Imgur: request counts and types."""

from __future__ import annotations

import pytest

import pyimgur


@pytest.mark.parametrize(("url", "cls", "ident"), [
    ("https://imgur.com/S1jmapR", pyimgur.Image, "S1jmapR"),
    ("https://i.imgur.com/S1jmapRs.jpg", pyimgur.Image, "S1jmapR"),
    ("imgur.com/a/lDRB2", pyimgur.Album, "lDRB2"),
    ("https://imgur.com/a/lDRB2#S1jmapR", pyimgur.Image, "S1jmapR"),
    ("https://imgur.com/user/tester", pyimgur.User, "tester"),
    ("https://imgur.com/r/pics/S1jmapR", pyimgur.Gallery_image, "S1jmapR"),
    ("https://imgur.com/gallery/OUHDm/comment/123456", pyimgur.Comment, 123456),
    ("https://imgur.com/t/cats", pyimgur.Tag, "cats"),
])
def test_types_known_from_the_url_cost_no_request(im, api, url, cls, ident):
    obj = im.get_at_url(url)
    assert type(obj) is cls
    assert obj._identity == ident
    assert obj._has_fetched is False
    assert api.count == 0


@pytest.mark.parametrize(("is_album", "cls"), [(False, pyimgur.Gallery_image),
                                               (True, pyimgur.Gallery_album)])
def test_gallery_post_costs_exactly_one_request(im, api, is_album, cls):
    api.add("GET", "3/gallery/AbC12dE", {"id": "AbC12dE", "is_album": is_album, "title": "T"})
    obj = im.get_at_url("https://imgur.com/gallery/some-title-words-AbC12dE")
    assert type(obj) is cls
    assert obj._has_fetched is True
    assert obj.title == "T"
    assert api.count == 1


def test_gallery_post_that_does_not_exist_is_none(im, api):
    api.add("GET", "3/gallery/AbC12dE", status=404,
            json={"data": {"error": "Unable to find an image with the id, AbC12dE"},
                  "success": False, "status": 404})
    assert im.get_at_url("https://imgur.com/gallery/AbC12dE") is None
    assert api.count == 1


def test_fetch_true_loads_and_maps_not_found_to_none(im, api):
    api.add("GET", "3/image/S1jmapR", status=404,
            json={"data": {"error": "not found"}, "success": False, "status": 404})
    assert im.get_at_url("https://imgur.com/S1jmapR", fetch=True) is None
    assert api.count == 1


@pytest.mark.parametrize(("url", "path"), [
    ("https://imgur.com/r/pics", "/3/gallery/r/pics/time/week/0"),
    ("https://imgur.com/user/tester/favorites", "/3/account/tester/gallery_favorites/0/newest"),
    ("https://imgur.com/topic/funny", "/3/topics/funny/viral/week/0"),
])
def test_list_kinds_return_lazy_listings(im, api, url, path):
    api.add("GET", path[1:], [{"id": "AbC12dE", "is_album": False}])
    listing = im.get_at_url(url)
    assert isinstance(listing, pyimgur.Listing)
    assert api.count == 0
    assert isinstance(listing[0], pyimgur.Gallery_image)
    assert api.calls[0].path == path


@pytest.mark.parametrize("url", ["https://example.com/S1jmapR", "https://imgur.com/upload",
                                 "imgur.com.example.net/S1jmapR", "", "not a url"])
def test_non_imgur_urls_give_none_without_request(im, api, url):
    assert im.get_at_url(url) is None
    assert im.is_imgur_url(url) is False
    assert api.count == 0


@pytest.mark.parametrize("bad", [None, b"https://imgur.com/S1jmapR", 42])
def test_non_strings_raise_type_error(im, bad):
    with pytest.raises(TypeError):
        im.get_at_url(bad)
    with pytest.raises(TypeError):
        im.is_imgur_url(bad)


def test_is_imgur_url_agrees_with_parse_url(im):
    for url in ("https://imgur.com/a/lDRB2", "https://imgur.com/about"):
        assert im.is_imgur_url(url) is (pyimgur.parse_url(url) is not None)
