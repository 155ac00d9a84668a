"""The gaps code written for PyImgur 0.8.1 fell into, each closed and counted."""

from __future__ import annotations

import pickle

import pytest
import requests_mock

import pyimgur
from pyimgur import exceptions

RAPID = "https://imgur-apiv3.p.rapidapi.com/"


# -- Imgur(..., rapidapi_key=...) --------------------------------------------------------
def test_rapidapi_key_switches_the_base_and_sends_the_key():
    im = pyimgur.Imgur("cid", rapidapi_key="rapid-secret")
    assert im.base_url == RAPID == pyimgur.RAPIDAPI_BASE
    with requests_mock.Mocker() as mocker:
        mocker.get(RAPID + "3/image/abc",
                   json={"data": {"id": "abc", "title": "t"}, "success": True, "status": 200})
        assert im.get_image("abc").title == "t"
        assert mocker.call_count == 1
        headers = mocker.request_history[0].headers
        assert headers["X-Mashape-Key"] == "rapid-secret"
        assert headers["Authorization"] == "Client-ID cid"
    assert "rapid-secret" not in repr(im) + str(im) + repr(im.transport)


def test_rapidapi_key_keeps_an_explicit_base_url_and_refuses_a_second_key():
    im = pyimgur.Imgur("cid", rapidapi_key="k", base_url="http://127.0.0.1:9/")
    assert im.base_url == "http://127.0.0.1:9/"
    assert im.transport.mashape_key == "k"
    with pytest.raises(ValueError):
        pyimgur.Imgur("cid", rapidapi_key="k", mashape_key="other")
    assert pyimgur.Imgur("cid").base_url == pyimgur.IMGUR_BASE


# -- get_comments(limit=...) on gallery posts ----------------------------------------------
@pytest.mark.parametrize("factory", ["get_gallery_image", "get_gallery_album"])
def test_gallery_get_comments_takes_a_limit(im, api, factory):
    comments = [{"id": n, "comment": f"c{n}", "children": []} for n in range(1, 6)]
    api.add("GET", "3/gallery/abc/comments/best", comments)
    post = getattr(im, factory)("abc")
    assert [c.text for c in post.get_comments(limit=2)] == ["c1", "c2"]
    assert api.count == 1
    assert [c.id for c in post.get_comments("best", 3)] == [1, 2, 3]  # 0.8.1's positions
    assert api.count == 2
    with pytest.raises(ValueError):
        post.get_comments(limit=-1)
    assert api.count == 2


# -- get_votes() is 0.8.1's dict and stays typed --------------------------------------------
def test_get_votes_is_the_dict_and_typed(im, api):
    api.add("GET", "3/gallery/abc/votes", {"ups": 10, "downs": 2})
    votes = im.get_gallery_image("abc").get_votes()
    assert votes == {"ups": 10, "downs": 2}
    assert votes["ups"] == 10 and votes["downs"] == 2
    assert sorted(votes.keys()) == ["downs", "ups"]
    assert dict(votes.items()) == {"ups": 10, "downs": 2}
    assert (votes.ups, votes.downs) == (10, 2)
    assert isinstance(votes, dict) and repr(votes).startswith("Votes(")
    assert pickle.loads(pickle.dumps(votes)) == votes
    assert api.count == 1


# -- Comment.deletehash ---------------------------------------------------------------------
def test_comment_has_a_deletehash_field(im, api):
    comment = im._make(pyimgur.Comment, {"id": 5, "comment": "hi"}, has_fetched=True)
    assert comment.deletehash is None
    assert "deletehash" in dir(comment)
    lazy = im.get_comment(6)
    api.add("GET", "3/comment/6", {"id": 6, "comment": "x"})
    assert lazy.deletehash is None  # not sent by Imgur: one load, then None
    assert api.count == 1


# -- 0.8.1's exception names ---------------------------------------------------------------
def test_old_exception_names_catch_what_they_meant(im, api):
    api.add("GET", "3/image/gone", {"error": "Unable to find an image with the id, gone"},
            status=404)
    for name in ("ResourceNotFoundError", "PyImgurError", "UnexpectedImgurException"):
        with pytest.raises(getattr(pyimgur, name)):
            im.get_image("gone", fetch=True)
    api.add("GET", "3/image/down", {"error": "down"}, status=503)
    with pytest.raises(pyimgur.ImgurIsDownException):
        im.get_image("down", fetch=True)
    with pytest.raises(pyimgur.InvalidParameterError):
        im.get_image("")  # a bad argument: before any request
    assert pyimgur.ResourceNotFoundError is pyimgur.NotFound is exceptions.ResourceNotFoundError
    assert pyimgur.PyImgurError is pyimgur.ImgurError
    assert exceptions.FileOverwriteError is FileExistsError


def test_file_overwrite_error_is_raised_for_an_existing_file(im, tmp_path):
    (tmp_path / "abc.png").write_bytes(b"old")
    image = im._make(pyimgur.Image, {"id": "abc", "link": "https://i.imgur.com/abc.png",
                               "type": "image/png"}, has_fetched=True)
    with requests_mock.Mocker() as mocker:
        mocker.get("https://i.imgur.com/abc.png", content=b"new")
        with pytest.raises(exceptions.FileOverwriteError):
            image.download(path=str(tmp_path), name="abc")
    assert (tmp_path / "abc.png").read_bytes() == b"old"


# -- 0.8.1's keyword names ------------------------------------------------------------------
@pytest.mark.parametrize(("factory", "keyword", "value"), [
    ("get_image", "image_id", "abc"),
    ("get_album", "album_id", "abc"),
    ("get_gallery_image", "gallery_item_id", "abc"),
    ("get_gallery_album", "gallery_album_id", "abc"),
    ("get_comment", "comment_id", 7),
    ("get_message", "message_id", 7),
    ("get_notification", "notification_id", 7),
])
def test_old_keyword_names_are_accepted(user_im, api, factory, keyword, value):
    obj = getattr(user_im, factory)(**{keyword: value})
    assert obj._identity == value
    with pytest.raises(TypeError, match="give only 'id'"):
        getattr(user_im, factory)(**{keyword: value, "id": value})
    assert api.count == 0


def test_get_subreddit_image_takes_image_id(im, api):
    api.add("GET", "3/gallery/r/pics/abc", {"id": "abc", "title": "t"})
    assert im.get_subreddit_image("pics", image_id="abc").title == "t"
    assert api.count == 1


def test_get_gallery_favorites_takes_sort_then_limit(im, api):
    api.add("GET", "3/account/bob/gallery_favorites/0/oldest",
            [{"id": f"i{n}", "is_album": False} for n in range(5)])
    assert len(list(im.get_user("bob").get_gallery_favorites("oldest", 2))) == 2
    api.add("GET", "3/account/bob/gallery_favorites/0/newest", [])
    assert list(im.get_user("bob").get_gallery_favorites(None)) == []
    assert api.count == 2


def test_get_album_or_image_and_first_message(im, api):
    album = pyimgur.Gallery_item.get_album_or_image({"id": "a", "is_album": True}, im)
    image = pyimgur.Gallery_image.get_album_or_image({"id": "b", "is_album": False}, im)
    assert type(album) is pyimgur.Gallery_album and type(image) is pyimgur.Gallery_image
    message = im._make(pyimgur.Message, {"id": 9, "parent_id": 3, "body": "hi"}, has_fetched=True)
    assert isinstance(message.first_message, pyimgur.Message)
    assert message.first_message.id == 3
    assert api.count == 0
