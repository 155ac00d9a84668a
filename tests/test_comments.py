"""Comments: fields, trees built without requests, and actions (paths, bodies, counts)."""

from __future__ import annotations

import copy
import pickle

import pytest

import pyimgur


def comment_json(cid: int, parent: int = 0, children=(), **extra) -> dict:
    data = {
        "id": cid,
        "image_id": "abc",
        "comment": f"comment {cid}",
        "author": "alice",
        "author_id": 42,
        "on_album": False,
        "album_cover": None,
        "ups": 3,
        "downs": 1,
        "points": 2,
        "datetime": 1400000000,
        "parent_id": parent,
        "deleted": False,
        "vote": None,
        "platform": "desktop",
        "children": list(children),
    }
    data.update(extra)
    return data


TREE = [
    comment_json(1, children=[comment_json(2, parent=1, children=[comment_json(3, parent=2)])]),
    comment_json(4),
]


# -- fields and lazy loading ------------------------------------------------------------------
def test_get_comment_is_lazy_and_loads_every_field_once(im, api):
    api.add("GET", "3/comment/7", comment_json(7, parent=5, points=2.5))
    comment = im.get_comment(7)
    assert api.count == 0
    assert repr(comment) == "<Comment id=7>"
    assert comment.text == "comment 7"
    assert isinstance(comment.author, pyimgur.User) and comment.author.name == "alice"
    assert comment.author_id == 42
    assert (comment.ups, comment.downs, comment.points) == (3, 1, 2.5)
    assert comment.is_deleted is False and comment.vote is None
    assert comment.datetime == 1400000000 and comment.platform == "desktop"
    assert isinstance(comment.parent, pyimgur.Comment) and comment.parent.id == 5
    assert comment.replies == []
    assert comment.permalink == "https://imgur.com/gallery/abc/comment/7"
    assert api.count == 1
    assert api.calls[0].method == "GET" and api.calls[0].path == "/3/comment/7"


def test_get_comment_accepts_a_numeric_string_and_validates(im, api):
    assert im.get_comment("12").id == 12
    for bad, error in [("x1", TypeError), (0, ValueError), (True, TypeError), (None, TypeError)]:
        with pytest.raises(error):
            im.get_comment(bad)
    assert api.count == 0


def test_get_comment_fetch_true_raises_not_found_now(im, api):
    api.add("GET", "3/comment/9", {"error": "Unable to find comment"}, status=404)
    with pytest.raises(pyimgur.NotFound):
        im.get_comment(9, fetch=True)
    assert api.count == 1


def test_top_level_comment_has_no_parent(im, api):
    comment = im._make(pyimgur.Comment, comment_json(1), has_fetched=True)
    assert comment.parent is None
    assert api.count == 0


@pytest.mark.parametrize("album_first", [True, False])
def test_image_is_a_gallery_album_or_image_as_on_album_says(im, api, album_first):
    on_album = {"on_album": True, "album_cover": "cov1234"}
    base = {"id": 1, "image_id": "alb"}
    json = {**on_album, **base} if album_first else {**base, **on_album}
    comment = im._make(pyimgur.Comment, json, has_fetched=True)
    assert type(comment.image) is pyimgur.Gallery_album
    assert comment.image.id == "alb"
    assert isinstance(comment.album_cover, pyimgur.Image) and comment.album_cover.id == "cov1234"
    image_comment = im._make(pyimgur.Comment, comment_json(2), has_fetched=True)
    assert type(image_comment.image) is pyimgur.Gallery_image
    assert api.count == 0


# -- trees ----------------------------------------------------------------------------------
def test_comment_tree_is_built_without_requests(im, api):
    api.add("GET", "3/gallery/abc/comments/best", TREE)
    item = im.get_gallery_image("abc")
    comments = item.get_comments()
    top = list(comments)
    assert api.count == 1
    assert [c.id for c in top] == [1, 4]
    first = top[0]
    assert [r.id for r in first.replies] == [2]
    second = first.replies[0]
    assert second.parent is first
    assert [r.id for r in second.replies] == [3]
    third = second.replies[0]
    assert third.parent is second and third.text == "comment 3"
    assert third.author.name == "alice" and third.platform == "desktop"
    assert top[1].replies == [] and top[1].parent is None
    assert first.image is item and third.image is item  # the post itself, no copy
    assert api.count == 1


def test_comment_trees_copy_and_pickle_without_requests(im, api):
    api.add("GET", "3/gallery/abc/comments/best", TREE)
    first = im.get_gallery_image("abc").get_comments()[0]
    assert api.count == 1
    clone = pickle.loads(pickle.dumps(first))
    assert clone == first and clone.replies[0].parent is clone
    deep = copy.deepcopy(first)
    assert deep.replies[0].replies[0].text == "comment 3"
    assert repr(first) == "<Comment id=1 text='comment 1'>"
    assert api.count == 1


# -- actions ----------------------------------------------------------------------------------
def loaded(imgur, cid: int = 7, **extra):
    return imgur._make(pyimgur.Comment, comment_json(cid, **extra), has_fetched=True)


@pytest.mark.parametrize(
    ("method", "word", "after"),
    [("upvote", "up", "up"), ("downvote", "down", "down"), ("clear_vote", "veto", None)],
)
def test_comment_votes(user_im, api, method, word, after):
    api.add("POST", f"3/comment/7/vote/{word}", True)
    comment = loaded(user_im, vote="down" if word == "veto" else None)
    getattr(comment, method)()
    assert comment.vote == after
    assert api.count == 1
    assert api.calls[0].method == "POST" and api.calls[0].path == f"/3/comment/7/vote/{word}"


def test_delete(user_im, api):
    api.add("DELETE", "3/comment/7", True)
    comment = loaded(user_im)
    comment.delete()
    assert comment.is_deleted is True
    assert api.count == 1 and api.calls[0].method == "DELETE"
    assert api.calls[0].path == "/3/comment/7"


def test_get_replies_costs_one_request_and_gives_comments(im, api):
    api.add(
        "GET",
        "3/comment/7/replies",
        comment_json(7, children=[comment_json(8, parent=7, children=[comment_json(9, 8)])]),
    )
    comment = im.get_comment(7)
    replies = comment.get_replies()
    assert api.count == 0
    assert [r.id for r in replies] == [8]
    assert replies[0].parent is comment
    assert [r.id for r in replies[0].replies] == [9]
    assert api.count == 1
    assert api.calls[0].method == "GET" and api.calls[0].path == "/3/comment/7/replies"


def test_reply_posts_text_and_returns_the_new_comment(user_im, api):
    api.add("POST", "3/comment/7", {"id": 99})
    comment = loaded(user_im)
    reply = comment.reply("me too")
    assert isinstance(reply, pyimgur.Comment)
    assert reply.id == 99 and reply.text == "me too" and reply.parent is comment
    assert reply.image_id == "abc" and type(reply.image) is pyimgur.Gallery_image
    assert api.count == 1
    call = api.calls[0]
    assert call.method == "POST" and call.path == "/3/comment/7"
    assert call.text == "image_id=abc&comment=me+too"


def test_reply_to_a_lazy_comment_loads_its_post_id_first(user_im, api):
    api.add("GET", "3/comment/7", comment_json(7, on_album=True, image_id="alb"))
    api.add("POST", "3/comment/7", {"id": 100})
    reply = user_im.get_comment(7).reply("hi")
    assert [c.method for c in api.calls] == ["GET", "POST"]
    assert api.calls[1].text == "image_id=alb&comment=hi"
    assert type(reply.image) is pyimgur.Gallery_album


def test_reply_with_a_broken_answer_raises_invalid_response(user_im, api):
    api.add("POST", "3/comment/7", True)
    with pytest.raises(pyimgur.InvalidResponse):
        loaded(user_im).reply("hi")


def test_report_comment(user_im, api):
    api.add("POST", "3/comment/7/report", True)
    loaded(user_im).report("abusive")
    assert api.calls[0].path == "/3/comment/7/report" and api.calls[0].text == "reason=3"


@pytest.mark.parametrize(
    "action",
    [
        lambda c: c.upvote(),
        lambda c: c.downvote(),
        lambda c: c.clear_vote(),
        lambda c: c.reply("hi"),
        lambda c: c.delete(),
        lambda c: c.report(2),
    ],
)
def test_comment_actions_need_a_user_before_any_request(im, api, action):
    with pytest.raises(pyimgur.AuthenticationError):
        action(loaded(im))
    assert api.count == 0


def test_reply_needs_text_before_any_request(user_im, api):
    with pytest.raises(ValueError):
        loaded(user_im).reply("")
    assert api.count == 0


def test_a_deleted_authors_comment_has_no_author(im, api):
    api.add("GET", "3/comment/7", comment_json(7, author="[deleted]", author_id=0))
    comment = im.get_comment(7)
    assert comment.author is None
    assert comment.author_id == 0 and comment.text == "comment 7"
    assert api.count == 1
    reply_tree = im._make(pyimgur.Comment, comment_json(8, children=[
        comment_json(9, parent=8, author="[deleted]", author_id=0)]), has_fetched=True)
    assert reply_tree.author.name == "alice"
    assert reply_tree.replies[0].author is None
    assert api.count == 1


@pytest.mark.parametrize("text", ["²", "٣", "1" * 5000, "１２"])
def test_get_comment_refuses_digit_strings_that_are_not_ascii_numbers(im, api, text):
    """str.isdigit() accepts these; int() would raise a bare ValueError or build a huge id."""
    with pytest.raises(ValueError, match="ASCII digits"):
        im.get_comment(text)
    assert api.count == 0
