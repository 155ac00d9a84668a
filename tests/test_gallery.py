"""Gallery listings, gallery posts and their actions: paths, queries, bodies and request counts."""

from __future__ import annotations

import pytest

import pyimgur
from pyimgur.models.gallery_item import Votes


def post(n: int, album: bool = False) -> dict:
    return {"id": f"p{n}", "title": f"post {n}", "is_album": album, "ups": n, "downs": 0}


def page(start: int, size: int = 60) -> list[dict]:
    return [post(n, album=n % 2 == 1) for n in range(start, start + size)]


# -- get_gallery ---------------------------------------------------------------------
def test_get_gallery_is_lazy_and_gives_the_right_class_per_item(im, api):
    api.add("GET", "3/gallery/hot/viral/day/0", [post(1), post(2, album=True)])
    api.add("GET", "3/gallery/hot/viral/day/1", [])
    gallery = im.get_gallery()
    assert api.count == 0
    items = list(gallery)
    assert [type(item) for item in items] == [pyimgur.Gallery_image, pyimgur.Gallery_album]
    assert isinstance(items[0], pyimgur.Gallery_item)
    assert items[0].title == "post 1" and items[1].ups == 2
    assert api.count == 2  # the page, then the empty page that ends the listing
    call = api.calls[0]
    assert call.method == "GET"
    assert call.path == "/3/gallery/hot/viral/day/0"
    assert call.qs == {"showviral": ["true"]}


def test_get_gallery_sends_its_arguments(im, api):
    api.add("GET", "3/gallery/user/rising/week/0", [])
    assert list(im.get_gallery("user", "rising", "week", show_viral=False)) == []
    assert api.calls[0].path == "/3/gallery/user/rising/week/0"
    assert api.calls[0].qs == {"showviral": ["false"]}


def test_first_five_items_of_an_unlimited_gallery_cost_one_request(im, api):
    api.add("GET", "3/gallery/hot/viral/day/0", page(0))
    api.add("GET", "3/gallery/hot/viral/day/1", page(60))
    gallery = im.get_gallery(limit=None)
    first = [item.id for _, item in zip(range(5), gallery)]
    assert first == ["p0", "p1", "p2", "p3", "p4"]
    assert gallery[:5][4].id == "p4"
    assert api.count == 1


def test_limit_61_over_pages_of_60_costs_two_requests(im, api):
    api.add("GET", "3/gallery/top/time/all/0", page(0))
    api.add("GET", "3/gallery/top/time/all/1", page(60))
    api.add("GET", "3/gallery/top/time/all/2", page(120))
    items = list(im.get_gallery("top", "time", "all", limit=61))
    assert len(items) == 61
    assert items[-1].id == "p60"
    assert [c.path for c in api.calls] == ["/3/gallery/top/time/all/0", "/3/gallery/top/time/all/1"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"section": "cold"},
        {"sort": "best"},
        {"window": "decade"},
        {"sort": "rising"},  # rising is only for the user section
        {"limit": -1},
    ],
)
def test_get_gallery_rejects_bad_arguments_before_any_request(im, api, kwargs):
    with pytest.raises(ValueError):
        im.get_gallery(**kwargs)
    assert api.count == 0


def test_get_gallery_wants_a_real_bool_for_show_viral(im, api):
    with pytest.raises(TypeError):
        im.get_gallery(show_viral="yes")
    assert api.count == 0


# -- other listings ----------------------------------------------------------------------
def test_memes_gallery_path(im, api):
    api.add("GET", "3/g/memes/top/month/0", [post(1)])
    api.add("GET", "3/g/memes/top/month/1", [])
    items = list(im.get_memes_gallery(sort="top", window="month"))
    assert [i.id for i in items] == ["p1"]
    assert api.calls[0].method == "GET" and api.calls[0].path == "/3/g/memes/top/month/0"


def test_memes_gallery_gone_raises_not_found_when_used(im, api):
    api.add("GET", "3/g/memes/viral/week/0", {"error": "Not found"}, status=404)
    memes = im.get_memes_gallery()
    assert api.count == 0
    with pytest.raises(pyimgur.NotFound):
        list(memes)


def test_subreddit_gallery_path_and_defaults(im, api):
    api.add("GET", "3/gallery/r/aww/time/week/0", [post(1), post(2)])
    listing = im.get_subreddit_gallery("aww", limit=2)
    assert [type(i) for i in listing] == [pyimgur.Gallery_image] * 2
    assert api.count == 1  # the limit is reached on the first page
    assert api.calls[0].path == "/3/gallery/r/aww/time/week/0"


def test_subreddit_gallery_validates(im, api):
    with pytest.raises(ValueError):
        im.get_subreddit_gallery("aww", sort="viral")
    with pytest.raises(ValueError):
        im.get_subreddit_gallery("")
    assert api.count == 0


def test_subreddit_image_costs_one_request(im, api):
    api.add("GET", "3/gallery/r/aww/abc1234", {"id": "abc1234", "title": "cat", "is_album": False})
    image = im.get_subreddit_image("aww", "abc1234")
    assert isinstance(image, pyimgur.Gallery_image)
    assert image.title == "cat"
    assert image.ups is None  # Imgur gives subreddit images no votes: loaded, no refetch
    assert api.count == 1
    assert api.calls[0].path == "/3/gallery/r/aww/abc1234"


def test_random_gallery_error_is_passed_on(im, api):
    api.add(
        "GET",
        "3/gallery/random/random/0",
        {"error": "This endpoint has been deprecated", "request": "/3/gallery/random/random/0"},
        status=404,
    )
    listing = im.get_random_gallery()
    assert api.count == 0
    with pytest.raises(pyimgur.NotFound) as caught:
        listing[0]
    assert "deprecated" in str(caught.value)
    assert api.count == 1


# -- search ----------------------------------------------------------------------------------
def test_search_gallery_query_and_path(im, api):
    api.add("GET", "3/gallery/search/time/all/0", [post(1, album=True)])
    api.add("GET", "3/gallery/search/time/all/1", [])
    found = list(im.search_gallery("cats AND dogs"))
    assert isinstance(found[0], pyimgur.Gallery_album)
    assert api.calls[0].path == "/3/gallery/search/time/all/0"
    assert api.calls[0].qs == {"q": ["cats and dogs"]}  # requests-mock lower-cases qs


def test_search_gallery_advanced_query(im, api):
    api.add("GET", "3/gallery/search/top/week/0", [])
    list(
        im.search_gallery(
            q_all="cat", q_not="dog", q_type="anigif", q_size_px="big", sort="top", window="week"
        )
    )
    assert api.calls[0].path == "/3/gallery/search/top/week/0"
    assert api.calls[0].qs == {
        "q_all": ["cat"],
        "q_not": ["dog"],
        "q_type": ["anigif"],
        "q_size_px": ["big"],
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"q": "  "},
        {"q_type": "gif"},
        {"q": "cat", "q_type": "bmp"},
        {"q": "cat", "q_size_px": "giant"},
        {"q": "cat", "sort": "best"},
        {"q": "cat", "window": "hour"},
    ],
)
def test_search_gallery_rejects_bad_queries_before_any_request(im, api, kwargs):
    with pytest.raises(ValueError):
        im.search_gallery(**kwargs)
    assert api.count == 0


# -- single posts ------------------------------------------------------------------------------
def test_gallery_image_is_lazy_and_loads_from_the_gallery_endpoint(im, api):
    api.add("GET", "3/gallery/image/abc", {"id": "abc", "title": "T", "ups": 5, "vote": None})
    image = im.get_gallery_image("abc")
    assert api.count == 0
    assert image.ups == 5 and image.title == "T"
    assert api.count == 1
    assert api.calls[0].path == "/3/gallery/image/abc"


def test_gallery_image_refresh_uses_the_gallery_endpoint(im, api):
    api.add("GET", "3/gallery/image/abc", {"id": "abc", "ups": 7})
    image = im._make_gallery_item({"id": "abc", "is_album": False, "ups": 1}, has_fetched=True)
    assert image.refresh() is image
    assert image.ups == 7
    assert [c.path for c in api.calls] == ["/3/gallery/image/abc"]


def test_gallery_album_refresh_uses_the_gallery_endpoint(im, api):
    api.add("GET", "3/gallery/album/alb", {"id": "alb", "is_album": True, "points": 9})
    album = im.get_gallery_album("alb")
    album.refresh()
    assert album.points == 9
    assert [c.path for c in api.calls] == ["/3/gallery/album/alb"]


def test_fetch_true_loads_now_and_raises_not_found(im, api):
    api.add("GET", "3/gallery/album/gone", {"error": "Unable to find an album"}, status=404)
    with pytest.raises(pyimgur.NotFound):
        im.get_gallery_album("gone", fetch=True)
    api.add("GET", "3/gallery/image/abc", {"id": "abc", "ups": 2})
    image = im.get_gallery_image("abc", fetch=True)
    assert api.count == 2
    assert image.ups == 2
    assert api.count == 2


@pytest.mark.parametrize(
    ("json", "cls"),
    [
        ({"id": "x", "is_album": True}, pyimgur.Gallery_album),
        ({"id": "x", "is_album": False}, pyimgur.Gallery_image),
    ],
)
def test_get_gallery_item_picks_the_class_in_one_request(im, api, json, cls):
    api.add("GET", "3/gallery/x", dict(json, ups=3))
    item = im.get_gallery_item("x")
    assert type(item) is cls
    assert item.ups == 3 and item.is_album is json["is_album"]
    assert api.count == 1 and api.calls[0].path == "/3/gallery/x"


def test_single_post_factories_validate_ids(im, api):
    with pytest.raises(ValueError):
        im.get_gallery_image("")
    with pytest.raises(TypeError):
        im.get_gallery_album(None)
    with pytest.raises(ValueError):
        im.get_gallery_item(" ")
    assert api.count == 0


def test_post_tags_are_tag_objects_without_a_request(im, api):
    item = im._make_gallery_item({"id": "x", "tags": [{"name": "cats", "followers": 3}]})
    assert [(type(t), t.name, t.followers) for t in item.tags] == [(pyimgur.Tag, "cats", 3)]
    assert api.count == 0


# -- votes -----------------------------------------------------------------------------------
def loaded_post(imgur, **extra):
    return imgur._make_gallery_item(dict({"id": "abc", "vote": None, "ups": 1}, **extra), True)


@pytest.mark.parametrize(
    ("method", "word", "before", "after"),
    [
        ("upvote", "up", None, "up"),
        ("upvote", "up", "up", None),  # the same vote again clears it, as on Imgur
        ("upvote", "up", "down", "up"),
        ("downvote", "down", None, "down"),
        ("downvote", "down", "down", None),
        ("clear_vote", "veto", "up", None),
    ],
)
def test_votes_post_to_the_vote_endpoint_and_update_vote(user_im, api, method, word, before, after):
    api.add("POST", f"3/gallery/abc/vote/{word}", True)
    item = loaded_post(user_im, vote=before)
    assert getattr(item, method)() is None
    assert item.vote == after
    assert api.count == 1
    assert api.calls[0].method == "POST"
    assert api.calls[0].path == f"/3/gallery/abc/vote/{word}"
    assert api.calls[0].headers["Authorization"] == "Bearer access-token-1"


def test_a_failed_vote_is_not_sent_again(user_im, api):
    api.add("POST", "3/gallery/abc/vote/up", {"error": "oops"}, status=500)
    item = loaded_post(user_im)
    with pytest.raises(pyimgur.ServerError):
        item.upvote()
    assert api.count == 1
    assert item.vote is None


@pytest.mark.parametrize("action", ["upvote", "downvote", "clear_vote"])
def test_votes_need_a_user_before_any_request(im, api, action):
    item = loaded_post(im)
    with pytest.raises(pyimgur.AuthenticationError):
        getattr(item, action)()
    assert api.count == 0


def test_get_votes(im, api):
    api.add("GET", "3/gallery/abc/votes", {"ups": 10, "downs": 2})
    item = im.get_gallery_image("abc")
    votes = item.get_votes()
    assert votes == Votes(ups=10, downs=2)
    assert (votes.ups, votes.downs) == (10, 2)
    assert item.ups == 10  # updated on the object, no further request
    assert api.count == 1 and api.calls[0].path == "/3/gallery/abc/votes"


# -- comments on a post --------------------------------------------------------------------
def test_comment_posts_the_text_and_returns_the_new_comment(user_im, api):
    api.add("POST", "3/comment", {"id": 555})
    item = loaded_post(user_im, is_album=True)
    comment = item.comment("Nice cat")
    assert isinstance(comment, pyimgur.Comment)
    assert comment.id == 555 and comment.text == "Nice cat"
    assert comment.image is item and comment.parent is None
    assert api.count == 1
    call = api.calls[0]
    assert call.method == "POST" and call.path == "/3/comment"
    assert call.text == "image_id=abc&comment=Nice+cat"


def test_comment_needs_text_and_a_user_before_any_request(im, user_im, api):
    with pytest.raises(ValueError):
        loaded_post(user_im).comment("   ")
    with pytest.raises(TypeError):
        loaded_post(user_im).comment(None)
    with pytest.raises(pyimgur.AuthenticationError):
        loaded_post(im).comment("hello")
    assert api.count == 0


def test_get_comments_path_sort_and_validation(im, api):
    api.add("GET", "3/gallery/abc/comments/new", [{"id": 1, "comment": "hi", "children": []}])
    item = im.get_gallery_image("abc")
    comments = item.get_comments(sort="new")
    assert api.count == 0
    assert [c.text for c in comments] == ["hi"]
    assert api.count == 1 and api.calls[0].path == "/3/gallery/abc/comments/new"
    with pytest.raises(ValueError):
        item.get_comments(sort="oldest")
    assert api.count == 1


# -- tags, removal, reports -------------------------------------------------------------------
def test_get_tags_of_a_post(im, api):
    api.add("GET", "3/gallery/abc/tags", {"tags": [{"name": "cats"}, {"name": "funny"}]})
    tags = im.get_gallery_image("abc").get_tags()
    assert [(type(t), t.name) for t in tags] == [(pyimgur.Tag, "cats"), (pyimgur.Tag, "funny")]
    assert api.count == 1 and api.calls[0].path == "/3/gallery/abc/tags"


def test_remove_from_gallery(user_im, api):
    api.add("DELETE", "3/gallery/abc", True)
    item = loaded_post(user_im, in_gallery=True)
    item.remove_from_gallery()
    assert item.in_gallery is False
    assert api.count == 1 and api.calls[0].method == "DELETE"
    assert api.calls[0].path == "/3/gallery/abc"


@pytest.mark.parametrize(
    ("reason", "number"),
    [(2, "2"), ("spam", "2"), ("Does not belong", "1"), ("pornography", "5"), ("mature", "4")],
)
def test_report_sends_the_reason_number(user_im, api, reason, number):
    api.add("POST", "3/gallery/image/abc/report", True)
    loaded_post(user_im).report(reason)
    assert api.calls[0].method == "POST"
    assert api.calls[0].path == "/3/gallery/image/abc/report"
    assert api.calls[0].text == f"reason={number}"


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        (0, ValueError),
        (6, ValueError),
        ("boring", ValueError),
        (True, TypeError),
        (2.0, TypeError),
        (None, TypeError),
    ],
)
def test_report_rejects_unknown_reasons_before_any_request(user_im, api, reason, error):
    with pytest.raises(error):
        loaded_post(user_im).report(reason)
    assert api.count == 0


def test_a_vote_drops_the_shared_copy_so_other_objects_load_the_new_state(user_im, api):
    api.add(
        "GET",
        "3/gallery/image/abc",
        response_list=[
            {"json": {"data": {"id": "abc", "vote": None}, "success": True, "status": 200}},
            {"json": {"data": {"id": "abc", "vote": "up"}, "success": True, "status": 200}},
        ],
    )
    api.add("POST", "3/gallery/abc/vote/up", True)
    first = user_im.get_gallery_image("abc")
    assert first.vote is None
    first.upvote()
    assert first.vote == "up"
    second = user_im.get_gallery_image("abc")
    assert second.vote == "up"
    assert [c.method for c in api.calls] == ["GET", "POST", "GET"]
