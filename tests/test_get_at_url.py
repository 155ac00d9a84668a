"""get_at_url and is_imgur_url on Imgur: request counts and types."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import requests_mock
from hypothesis import given, settings
from test_urls import ACCEPTED, REFUSED, any_text

import pyimgur


@pytest.mark.parametrize(("url", "cls", "ident"), [
    ("https://imgur.com/S1jmapR", pyimgur.Image, "S1jmapR"),
    ("https://i.imgur.com/S1jmapRs.jpg", pyimgur.Image, "S1jmapR"),
    ("imgur.com/a/lDRB2", pyimgur.Album, "lDRB2"),
    ("https://imgur.com/a/lDRB2#S1jmapR", pyimgur.Album, "lDRB2"),
    ("https://i.imgur.com/a/lDRB2.jpg", pyimgur.Album, "lDRB2"),
    ("https://tester.imgur.com/a/lDRB2", pyimgur.Album, "lDRB2"),
    ("https://imgur.com/album/lDRB2", pyimgur.Album, "lDRB2"),
    ("https://imgur.com/download/S1jmapR/a-title", pyimgur.Image, "S1jmapR"),
    ("https://imgur.com/image/S1jmapR", pyimgur.Image, "S1jmapR"),
    ("https://imgur.com/funny-cat-S1jmapR", pyimgur.Image, "S1jmapR"),
    ("https://www.i.imgur.com/S1jmapR.gifnot", pyimgur.Image, "S1jmapR"),
    ("https://tester.imgur.com", pyimgur.User, "tester"),
    ("https://imgur.com/r/pics/S1jmapR.jpg", pyimgur.Gallery_image, "S1jmapR"),
    ("https://imgur.com/t/cats/OUHDm/comment/123456", pyimgur.Comment, 123456),
    ("https://imgur.com/topic/The_Oscars_&_Movies/OUHDm/comment/9", pyimgur.Comment, 9),
    ("https://imgur.com/t/The_Oscars_%26_Movies", pyimgur.Tag, "The_Oscars_&_Movies"),
    ("https://imgur.com/user/tester", pyimgur.User, "tester"),
    ("https://imgur.com/r/pics/S1jmapR", pyimgur.Gallery_image, "S1jmapR"),
    ("https://imgur.com/gallery/OUHDm/comment/123456", pyimgur.Comment, 123456),
    ("https://imgur.com/t/cats", pyimgur.Tag, "cats"),
])
def test_types_known_from_the_url_cost_no_request(im, api, url, cls, ident):
    obj = im.get_at_url(url)
    assert type(obj) is cls
    if cls is pyimgur.Tag:  # tags are one tag whatever the case; the name is kept as written
        assert obj._identity == ident.lower() and obj.name == ident
    else:
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


# -- issue 15: every form of the URL table resolves to the right object ----------------

KIND_CLASSES = {
    "image": pyimgur.Image,
    "album": pyimgur.Album,
    "gallery": pyimgur.Gallery_image,
    "subreddit_image": pyimgur.Gallery_image,
    "comment": pyimgur.Comment,
    "user": pyimgur.User,
    "gallery_tag": pyimgur.Tag,
    "user_favorites": pyimgur.Listing,
    "subreddit_gallery": pyimgur.Listing,
    "topic": pyimgur.Listing,
}


@pytest.mark.parametrize(("url", "parsed"), ACCEPTED)
def test_every_accepted_form_resolves_with_at_most_one_request(im, api, url, parsed):
    if parsed.kind == "gallery":
        api.add("GET", f"3/gallery/{parsed.id}", {"id": parsed.id, "is_album": False})
    obj = im.get_at_url(url)
    assert type(obj) is KIND_CLASSES[parsed.kind] or isinstance(obj, pyimgur.Listing)
    assert isinstance(obj, KIND_CLASSES[parsed.kind])
    if parsed.kind == "gallery":
        assert api.count == 1 and api.calls[0].path == f"/3/gallery/{parsed.id}".lower()
    else:
        assert api.count == 0
    if not isinstance(obj, pyimgur.Listing):
        if parsed.kind == "comment":
            assert obj._identity == int(parsed.id)
        elif parsed.kind == "user":  # usernames are case-insensitive
            assert obj._identity.lower() == parsed.id.lower()
        else:
            assert obj._identity == parsed.id


@pytest.mark.parametrize(("url", "parsed"), ACCEPTED)
def test_fetch_true_costs_at_most_one_request_for_every_form(im, api, url, parsed):
    api.mocker.get(re.compile(r"https://api\.imgur\.com/"), status_code=404,
                   json={"data": {"error": "Not found"}, "success": False, "status": 404})
    found = im.get_at_url(url, fetch=True)
    if isinstance(found, pyimgur.Listing):  # a listing is not loaded by fetch
        assert api.count == 0
    else:
        assert found is None and api.count == 1


def test_fetch_true_on_a_gallery_post_costs_one_request(im, api):
    api.add("GET", "3/gallery/AbC12dE", {"id": "AbC12dE", "is_album": False, "title": "T"})
    post = im.get_at_url("https://imgur.com/topic/Funny/AbC12dE.gifv", fetch=True)
    assert type(post) is pyimgur.Gallery_image and post.title == "T"
    assert api.count == 1


@pytest.mark.parametrize("url", REFUSED)
def test_every_refused_form_is_none_without_request(im, api, url):
    assert im.get_at_url(url) is None
    assert im.is_imgur_url(url) is False
    assert api.count == 0


def test_album_link_with_an_image_fragment_is_the_album(im, api):
    url = "https://imgur.com/a/lDRB2#S1jmapR"
    album = im.get_at_url(url)
    assert type(album) is pyimgur.Album and album._identity == "lDRB2"
    # the documented one line to the image the fragment points at
    image = im.get_image(pyimgur.parse_url(url).fragment_image_id)
    assert type(image) is pyimgur.Image and image._identity == "S1jmapR"
    assert api.count == 0


@pytest.mark.parametrize("answer", [[], [{"id": "AbC12dE"}], None, "AbC12dE", 42, 1.5, True])
@pytest.mark.parametrize("fetch", [False, True])
def test_gallery_answer_that_is_not_an_object_is_invalid_response(im, api, answer, fetch):
    api.add("GET", "3/gallery/AbC12dE", answer)
    with pytest.raises(pyimgur.InvalidResponse) as raised:
        im.get_at_url("https://imgur.com/t/funny/AbC12dE", fetch=fetch)
    assert "/3/gallery/AbC12dE" in str(raised.value)
    assert api.count == 1


def test_cli_download_of_an_album_link_with_a_fragment_saves_the_album(tmp_path):
    from pyimgur.cli import main
    from pyimgur.testing import SEED_ALBUM_ID, SEED_IMAGE_ID

    out, err = io.StringIO(), io.StringIO()
    url = f"https://imgur.com/a/{SEED_ALBUM_ID}#{SEED_IMAGE_ID}"
    code = main(["--sandbox", "download", url, "--dest", str(tmp_path)],
                env={}, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    saved = [Path(line) for line in out.getvalue().splitlines()]
    assert len(saved) == 3  # the album's three images, not the one after '#'
    assert all(path.is_file() and path.parent.parent == tmp_path for path in saved)


# is_imgur_url (module and client) and get_at_url agree with parse_url on any text
_CLIENT = pyimgur.Imgur("test-client-id", cache_ttl=0, max_retries=0)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_is_imgur_url_and_get_at_url_agree_with_parse_url(text):
    parsed = pyimgur.parse_url(text)
    assert pyimgur.is_imgur_url(text) is (parsed is not None)
    assert _CLIENT.is_imgur_url(text) is (parsed is not None)
    with requests_mock.Mocker() as mocker:
        mocker.get(re.compile(r"https://api\.imgur\.com/3/gallery/\w+$"),
                   json={"data": {"id": "AbC12dE", "is_album": True}, "success": True,
                         "status": 200})
        found = _CLIENT.get_at_url(text)
        spent = mocker.call_count
    assert (found is None) is (parsed is None)
    assert spent == (1 if parsed is not None and parsed.kind == "gallery" else 0)
