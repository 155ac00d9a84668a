"""Gallery, comment, vote, tag and search routes of the sandbox, through raw requests."""

from __future__ import annotations

from sandbox_helpers import RawAPI, error_of

from pyimgur.testing import (
    SEED_COMMENT_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_GIF_ID,
    SEED_IMAGE_ID,
    SEED_MEME_ID,
    SEED_NESTED_REPLY_ID,
    SEED_REPLY_ID,
    SEED_SUBREDDIT,
    SEED_SUBREDDIT_IMAGE_ID,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
)


def test_gallery_pages_are_60_and_end_empty(api: RawAPI, fake: FakeImgur) -> None:
    fake.populate_gallery(130, 10)
    sizes = []
    page = 0
    while True:
        items = api.data("GET", f"3/gallery/user/time/day/{page}")
        sizes.append(len(items))
        if not items:
            break
        page += 1
    assert sizes[:2] == [60, 60]
    assert sizes[-1] == 0
    assert sum(sizes) == len([p for p in fake.state.posts.values()
                              if p.subreddit is None and not p.meme])


def test_gallery_item_kinds(api: RawAPI) -> None:
    items = api.data("GET", "3/gallery/hot/viral/day/0")
    kinds = {item["id"]: item["is_album"] for item in items}
    assert kinds[SEED_GALLERY_IMAGE_ID] is False
    assert kinds[SEED_GALLERY_ALBUM_ID] is True
    assert SEED_GIF_ID not in kinds  # not in most viral
    image = api.data("GET", f"3/gallery/image/{SEED_GALLERY_IMAGE_ID}")
    assert image["in_gallery"] is True and image["ups"] == 420
    album = api.data("GET", f"3/gallery/album/{SEED_GALLERY_ALBUM_ID}")
    assert album["images_count"] == 2 and len(album["images"]) == 2
    assert api.call("GET", f"3/gallery/image/{SEED_GALLERY_ALBUM_ID}").status_code == 404
    assert api.data("GET", f"3/gallery/{SEED_GALLERY_ALBUM_ID}")["is_album"] is True
    assert api.call("GET", f"3/gallery/{SEED_IMAGE_ID}").status_code == 404
    assert api.call("GET", "3/gallery/nope/viral/day/0").status_code == 400


def test_votes_toggle(api: RawAPI) -> None:
    path = f"3/gallery/{SEED_GALLERY_IMAGE_ID}"
    assert api.data("POST", f"{path}/vote/up", auth="user") is True
    assert api.data("GET", f"{path}/votes") == {"ups": 421, "downs": 12}
    assert api.data("GET", path, auth="user")["vote"] == "up"
    assert api.data("POST", f"{path}/vote/up", auth="user") is True  # same way twice clears
    assert api.data("GET", f"{path}/votes") == {"ups": 420, "downs": 12}
    api.data("POST", f"{path}/vote/down", auth="user")
    api.data("POST", f"{path}/vote/veto", auth="user")
    assert api.data("GET", path, auth="user")["vote"] is None
    assert api.call("POST", f"{path}/vote/sideways", auth="user").status_code == 400
    assert api.call("POST", f"{path}/vote/up").status_code == 401


def test_comment_tree(api: RawAPI) -> None:
    tree = api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/comments/best")
    top = next(c for c in tree if c["id"] == SEED_COMMENT_ID)
    assert top["parent_id"] == 0 and top["author"] == "gracehopper"
    (reply,) = top["children"]
    assert reply["id"] == SEED_REPLY_ID and reply["author"] == SEED_USER
    assert reply["children"][0]["id"] == SEED_NESTED_REPLY_ID
    assert [c["id"] for c in tree] == sorted(
        (c["id"] for c in tree), key=lambda i: -next(c["points"] for c in tree if c["id"] == i))
    single = api.data("GET", f"3/comment/{SEED_REPLY_ID}")
    assert single["children"][0]["id"] == SEED_NESTED_REPLY_ID
    assert api.data("GET", f"3/comment/{SEED_REPLY_ID}/replies")["id"] == SEED_REPLY_ID
    count = api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/comments/count")
    ids = api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/comments/ids")
    assert count == len(ids) == 4
    one = api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/comment/{SEED_REPLY_ID}")
    assert one["comment"] == "Beautiful machine."


def test_comment_create_reply_vote_delete(api: RawAPI, fake: FakeImgur) -> None:
    made = api.data("POST", "3/comment", auth="user",
                    data={"image_id": SEED_GALLERY_IMAGE_ID, "comment": "Hello"})
    ada = fake.issue_token("adalovelace")
    reply = api.data("POST", f"3/comment/{made['id']}", auth=api.bearer(ada.access_token),
                     data={"image_id": SEED_GALLERY_IMAGE_ID, "comment": "Hi back"})
    assert fake.state.comments[reply["id"]].parent_id == made["id"]
    replies = api.data("GET", f"3/account/{SEED_USER}/notifications/replies", auth="user")
    assert replies[0]["content"]["id"] == reply["id"]
    assert api.data("POST", f"3/comment/{made['id']}/vote/up",
                    auth=api.bearer(ada.access_token)) is True
    assert api.data("GET", f"3/comment/{made['id']}")["points"] == 1
    not_mine = api.call("DELETE", f"3/comment/{made['id']}", auth=api.bearer(ada.access_token))
    assert not_mine.status_code == 403
    assert api.data("DELETE", f"3/comment/{made['id']}", auth="user") is True
    shown = api.data("GET", f"3/comment/{made['id']}")  # kept: it has a reply
    assert shown["deleted"] is True and shown["comment"] == "[deleted]"
    assert fake.count_applied("POST", r"^3/comment$") == 1


def test_gallery_comment_routes_and_errors(api: RawAPI, fake: FakeImgur) -> None:
    made = api.data("POST", f"3/gallery/{SEED_GALLERY_ALBUM_ID}/comment", auth="user",
                    data={"comment": "On an album"})
    assert api.data("GET", f"3/comment/{made['id']}")["on_album"] is True
    reply = api.data("POST", f"3/gallery/{SEED_GALLERY_ALBUM_ID}/comment/{made['id']}",
                     auth="user", data={"comment": "Reply"})
    assert fake.state.comments[reply["id"]].parent_id == made["id"]
    empty = api.call("POST", "3/comment", auth="user", data={"image_id": SEED_GIF_ID})
    assert empty.status_code == 400
    missing = api.call("POST", "3/comment", auth="user",
                       data={"image_id": SEED_IMAGE_ID, "comment": "x"})
    assert missing.status_code == 404
    assert api.call("POST", "3/comment", data={"image_id": SEED_GIF_ID,
                                               "comment": "anonymous"}).status_code == 401
    assert api.data("POST", f"3/comment/{SEED_COMMENT_ID}/report", auth="user",
                    data={"reason": "2"}) is True
    assert api.call("POST", f"3/comment/{SEED_COMMENT_ID}/report", auth="user",
                    data={"reason": "9"}).status_code == 400


def test_share_and_remove_from_gallery(api: RawAPI, fake: FakeImgur) -> None:
    assert api.data("POST", f"3/gallery/image/{SEED_IMAGE_ID}", auth="user",
                    data={"title": "Mine now", "tags": "cats,dogs"}) is True
    post = api.data("GET", f"3/gallery/image/{SEED_IMAGE_ID}")
    assert post["title"] == "Mine now"
    assert [t["name"] for t in post["tags"]] == ["cats", "dogs"]
    assert api.call("POST", f"3/gallery/image/{SEED_GALLERY_IMAGE_ID}", auth="user",
                    data={"title": "Not mine"}).status_code == 403
    assert api.data("DELETE", f"3/gallery/{SEED_IMAGE_ID}", auth="user") is True
    assert SEED_IMAGE_ID not in fake.state.posts


def test_share_needs_title_and_terms(api: RawAPI, fake: FakeImgur) -> None:
    linus = fake.issue_token("linustorvalds")  # has not accepted the gallery terms
    image = fake.add_image(owner="linustorvalds")
    auth = api.bearer(linus.access_token)
    no_title = api.call("POST", f"3/gallery/image/{image.id}", auth=auth, data={})
    assert no_title.status_code == 400
    no_terms = api.call("POST", f"3/gallery/image/{image.id}", auth=auth, data={"title": "T"})
    assert no_terms.status_code == 400 and "terms" in error_of(no_terms)
    assert api.data("POST", f"3/gallery/image/{image.id}", auth=auth,
                    data={"title": "T", "terms": "1"}) is True


def test_tags(api: RawAPI) -> None:
    listing = api.data("GET", "3/tags")
    assert listing["featured"] == SEED_TAG
    assert all("id" in tag for tag in listing["tags"])
    assert listing["galleries"][0]["topPost"] is not None
    info = api.data("GET", f"3/gallery/tag_info/{SEED_TAG}")
    assert "items" not in info and info["name"] == SEED_TAG
    tagged = api.data("GET", f"3/gallery/t/{SEED_TAG}/viral/week/0")
    assert SEED_GALLERY_IMAGE_ID in [item["id"] for item in tagged["items"]]
    assert api.data("GET", f"3/gallery/t/{SEED_TAG}/viral/week/1")["items"] == []
    item = api.data("GET", f"3/gallery/t/{SEED_TAG}/{SEED_GALLERY_IMAGE_ID}")
    assert item["id"] == SEED_GALLERY_IMAGE_ID
    names = [t["name"] for t in api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/tags")["tags"]]
    assert names == ["science", "cats"]
    missing = api.call("GET", "3/gallery/tag_info/nosuchtag")
    assert missing.status_code == 404 and error_of(missing) == "Tag does not exist"


def test_follow_and_unfollow_tags(api: RawAPI) -> None:
    assert api.data("POST", "3/account/me/follow/tag/dogs", auth="user") is True
    assert api.data("GET", "3/gallery/tag_info/dogs", auth="user")["following"] is True
    assert api.data("DELETE", "3/account/me/follow/tag/dogs", auth="user") is True
    again = api.call("DELETE", "3/account/me/follow/tag/dogs", auth="user")
    assert again.status_code == 409 and error_of(again) == "Not following tag"
    unknown = api.call("POST", "3/account/me/follow/tag/nosuchtag", auth="user")
    assert unknown.status_code == 404 and error_of(unknown) == "Tag does not exist"


def test_item_tags_update_by_owner(api: RawAPI) -> None:
    assert api.data("POST", f"3/gallery/tags/{SEED_GIF_ID}", auth="user",
                    data={"tags": "newtag,funny"}) is True
    names = [t["name"] for t in api.data("GET", f"3/gallery/{SEED_GIF_ID}/tags")["tags"]]
    assert names == ["newtag", "funny"]
    refused = api.call("POST", f"3/gallery/tags/{SEED_GALLERY_IMAGE_ID}", auth="user",
                       data={"tags": "x"})
    assert refused.status_code == 403


def test_search(api: RawAPI) -> None:
    found = api.data("GET", "3/gallery/search/time/all/0", params={"q": "analytical"})
    assert [item["id"] for item in found] == [SEED_GALLERY_IMAGE_ID]
    by_tag = api.data("GET", "3/gallery/search/top/all/0", params={"q": "tag:science"})
    assert {item["id"] for item in by_tag} >= {SEED_GALLERY_IMAGE_ID, SEED_GALLERY_ALBUM_ID}
    albums = api.data("GET", "3/gallery/search/time/all/0", params={"q_type": "album"})
    assert albums and all(item["is_album"] for item in albums)
    gifs = api.data("GET", "3/gallery/search/time/all/0", params={"q_type": "anigif"})
    assert [item["id"] for item in gifs] == [SEED_GIF_ID]
    either = api.data("GET", "3/gallery/search/time/all/0",
                      params={"q": "analytical OR debugging"})
    assert {item["id"] for item in either} == {SEED_GALLERY_IMAGE_ID, SEED_GALLERY_ALBUM_ID}
    assert api.data("GET", "3/gallery/search/time/all/1", params={"q": "analytical"}) == []
    assert api.call("GET", "3/gallery/search/time/all/0").status_code == 400


def test_subreddit_memes_random_topics(api: RawAPI, fake: FakeImgur) -> None:
    items = api.data("GET", f"3/gallery/r/{SEED_SUBREDDIT}/time/week/0")
    assert [item["id"] for item in items] == [SEED_SUBREDDIT_IMAGE_ID]
    assert items[0]["ups"] is None and items[0]["comment_count"] is None
    assert items[0]["section"] == SEED_SUBREDDIT
    one = api.data("GET", f"3/gallery/r/{SEED_SUBREDDIT}/{SEED_SUBREDDIT_IMAGE_ID}")
    assert one["reddit_comments"]
    memes = api.data("GET", "3/g/memes/viral/all/0")
    assert [item["id"] for item in memes] == [SEED_MEME_ID]
    assert api.data("GET", f"3/g/memes/{SEED_MEME_ID}")["meme_metadata"]["meme_name"]
    assert api.data("GET", "3/memegen/defaults")[0]["id"] == SEED_MEME_ID
    assert api.data("GET", "3/gallery/random/random/0")
    topics = api.data("GET", "3/topics/defaults")
    assert {t["name"] for t in topics} >= {"Funny", "Aww"}
    funny = api.data("GET", "3/topics/1/viral/week/0")
    assert all(item["topic_id"] == 1 for item in funny)
    assert api.data("GET", f"3/topics/Funny/{SEED_GALLERY_ALBUM_ID}")["id"] == SEED_GALLERY_ALBUM_ID


def test_legacy_routes_answer_404_when_retired() -> None:
    from sandbox_helpers import RawAPI as Raw

    fake = FakeImgur(legacy=False)
    raw = Raw(fake)
    retired = raw.call("GET", "3/gallery/random/random/0")
    assert retired.status_code == 404
    assert error_of(retired) == "This endpoint has been deprecated"
    assert raw.call("GET", "3/g/memes/viral/week/0").status_code == 404
    assert raw.call("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}").status_code == 200
    raw.close()
