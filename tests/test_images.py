"""Image: fields, lazy loading, thumbnails, actions (paths, bodies, request counts)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur
from pyimgur.models.image import thumbnail_link


def image_json(**extra: object) -> dict:
    """An anonymous upload as Imgur sent it in 2023 (imgur-api.md 5.1)."""
    data = {
        "id": "SKAxiks", "title": None, "description": None, "datetime": 1687366735,
        "type": "image/png", "animated": False, "width": 100, "height": 100, "size": 91,
        "views": 0, "bandwidth": 0, "vote": None, "favorite": False, "nsfw": None,
        "section": None, "account_url": None, "account_id": 0, "is_ad": False,
        "in_most_viral": False, "has_sound": False, "tags": [], "ad_type": 0, "ad_url": "",
        "edited": "0", "in_gallery": False, "deletehash": "1NV90wWpO691n05", "name": "",
        "link": "https://i.imgur.com/SKAxiks.png",
    }
    data.update(extra)
    return data


def path(call) -> str:
    """The exact path (requests-mock lower-cases ``path(call)``; Imgur ids are case-sensitive)."""
    return urlsplit(call.url).path


def form(call) -> dict:
    return {key: values[0] for key, values in parse_qs(call.text).items()}


# -- factory and fields ---------------------------------------------------------------
def test_get_image_is_lazy_and_one_read_loads_every_field(im, api):
    api.add("GET", "3/image/SKAxiks", image_json(title="Cat", account_url="someone"))
    image = im.get_image("SKAxiks")
    assert api.count == 0
    assert repr(image) == "<Image id='SKAxiks'>"
    assert image.title == "Cat"
    assert (image.width, image.height, image.size, image.type) == (100, 100, 91, "image/png")
    assert image.views == 0 and image.datetime == 1687366735 and image.account_id == 0
    assert api.count == 1
    assert api.calls[0].method == "GET" and path(api.calls[0]) == "/3/image/SKAxiks"


def test_documented_names_replace_json_names(im, api):
    api.add("GET", "3/image/a", image_json(id="a", animated=True, favorite=True, nsfw=True))
    image = im.get_image("a")
    assert image.is_animated is True
    assert image.is_favorited is True
    assert image.is_nsfw is True
    assert not hasattr(image, "animated") and not hasattr(image, "nsfw")
    assert api.count == 1


@pytest.mark.parametrize(("sent", "read"), [("0", False), ("1", True), (0, False), (1, True)])
def test_edited_quirk_strings_and_ints(im, sent, read):
    image = im._make(pyimgur.Image, image_json(edited=sent), has_fetched=True)
    assert image.edited is read


def test_anonymous_upload_has_no_author_and_empty_deletehash_is_none(im, api):
    image = im._make(pyimgur.Image, image_json(deletehash=""), has_fetched=True)
    assert image.author is None
    assert image.deletehash is None
    assert api.count == 0


def test_author_is_a_lazy_user(im, api):
    image = im._make(pyimgur.Image, image_json(account_url="someone", account_id=7),
                     has_fetched=True)
    assert isinstance(image.author, pyimgur.User)
    assert image.author.name == "someone"
    assert api.count == 0


def test_video_fields_and_processing_status(im, api):
    image = im._make(pyimgur.Image, image_json(
        type="video/mp4", mp4="https://i.imgur.com/v.mp4", gifv="https://i.imgur.com/v.gifv",
        hls="https://i.imgur.com/v.m3u8", has_sound=True, mp4_size=1234, looping=True,
        processing={"status": "pending"},
    ), has_fetched=True)
    assert image.mp4.endswith("v.mp4") and image.gifv.endswith(".gifv")
    assert image.hls.endswith(".m3u8")
    assert image.has_sound is True and image.mp4_size == 1234 and image.looping is True
    assert image.processing_status == "pending"
    still = im._make(pyimgur.Image, image_json(), has_fetched=True)
    assert still.processing_status is None
    assert api.count == 0


def test_tags_are_tag_objects(im):
    image = im._make(pyimgur.Image, image_json(tags=[{"name": "cats"}]), has_fetched=True)
    assert [type(tag).__name__ for tag in image.tags] == ["Tag"]


def test_get_image_fetch_true_loads_now_and_raises_not_found(im, api):
    api.add("GET", "3/image/abc", image_json(id="abc"))
    image = im.get_image("abc", fetch=True)
    assert api.count == 1
    assert image.link == "https://i.imgur.com/SKAxiks.png"
    assert api.count == 1
    api.add("GET", "3/image/gone", {"error": "Unable to find an image with the id, gone"},
            status=404)
    with pytest.raises(pyimgur.NotFound):
        im.get_image("gone", fetch=True)


@pytest.mark.parametrize(("bad", "error"), [("", ValueError), ("  ", ValueError),
                                            (5, TypeError), (None, TypeError)])
def test_get_image_rejects_bad_ids_before_any_request(im, api, bad, error):
    with pytest.raises(error):
        im.get_image(bad)
    assert api.count == 0


# -- thumbnails ---------------------------------------------------------------------------
def test_thumbnail_links_are_computed_locally(im, api):
    image = im._make(pyimgur.Image, image_json(), has_fetched=True)
    base = "https://i.imgur.com/SKAxiks"
    assert image.link_small_square == base + "s.png"
    assert image.link_big_square == base + "b.png"
    assert image.link_small_thumbnail == base + "t.png"
    assert image.link_medium_thumbnail == base + "m.png"
    assert image.link_large_thumbnail == base + "l.png"
    assert image.link_huge_thumbnail == base + "h.png"
    assert image.link_large_square == base + "l.png"  # documented; Imgur has no large square
    assert api.count == 0


def test_thumbnail_of_a_partial_image_loads_the_link_once(im, api):
    api.add("GET", "3/image/abc", image_json(id="abc", link="https://i.imgur.com/abc.jpg"))
    image = im.get_image("abc")
    assert image.link_small_square == "https://i.imgur.com/abcs.jpg"
    assert image.link_huge_thumbnail == "https://i.imgur.com/abch.jpg"
    assert api.count == 1


def test_thumbnail_link_edge_cases():
    assert thumbnail_link(None, "s") is None
    assert thumbnail_link("", "s") is None
    assert thumbnail_link("https://i.imgur.com/v.mp4", "m") == "https://i.imgur.com/vm.jpg"
    assert thumbnail_link("http://i.imgur.com/old.gif", "b") == "http://i.imgur.com/oldb.gif"
    assert thumbnail_link("https://i.imgur.com/noext", "t") == "https://i.imgur.com/noextt.jpg"


# -- delete ----------------------------------------------------------------------------------
def test_delete_as_user_uses_the_id(user_im, api):
    api.add("DELETE", "3/image/abc", True)
    image = user_im._make(pyimgur.Image, image_json(id="abc", deletehash="DH"), has_fetched=True)
    assert image.delete() is True
    assert api.count == 1
    assert api.calls[0].method == "DELETE" and path(api.calls[0]) == "/3/image/abc"
    assert api.calls[0].headers["Authorization"] == "Bearer access-token-1"


def test_delete_anonymous_uses_the_deletehash(im, api):
    api.add("DELETE", "3/image/1NV90wWpO691n05", True)
    image = im._make(pyimgur.Image, image_json(), has_fetched=True)
    assert image.delete() is True
    assert [(c.method, path(c)) for c in api.calls] == [("DELETE", "/3/image/1NV90wWpO691n05")]


def test_delete_anonymous_without_deletehash_fails_before_any_request(im, api):
    image = im.get_image("abc")
    with pytest.raises(pyimgur.AuthenticationError, match="deletehash"):
        image.delete()
    assert api.count == 0


# -- update ---------------------------------------------------------------------------------
def test_update_sends_only_given_values_and_updates_locally(user_im, api):
    api.add("POST", "3/image/abc", True)
    image = user_im._make(pyimgur.Image, image_json(id="abc", title="old", description="d"),
                          has_fetched=True)
    assert image.update(title="new") is True
    assert api.count == 1
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/image/abc")
    assert form(call) == {"title": "new"}
    assert image.title == "new" and image.description == "d"
    assert api.count == 1


def test_update_of_a_lazy_image_costs_one_request_and_no_load(user_im, api):
    api.add("POST", "3/image/abc", True)
    image = user_im.get_image("abc")
    image.update(title="t", description="d")
    assert form(api.calls[0]) == {"title": "t", "description": "d"}
    assert (image.title, image.description) == ("t", "d")
    assert api.count == 1


def test_update_with_nothing_costs_nothing(user_im, api):
    image = user_im.get_image("abc")
    assert image.update() is True
    assert api.count == 0


def test_update_anonymous_uses_the_deletehash(im, api):
    api.add("POST", "3/image/1NV90wWpO691n05", True)
    image = im._make(pyimgur.Image, image_json(), has_fetched=True)
    image.update(description="hello")
    assert path(api.calls[0]) == "/3/image/1NV90wWpO691n05"
    assert form(api.calls[0]) == {"description": "hello"}


def test_update_rejects_non_strings(user_im, api):
    with pytest.raises(TypeError):
        user_im.get_image("abc").update(title=5)
    assert api.count == 0


def test_update_drops_the_shared_copy_so_another_object_sees_the_change(user_im, api):
    api.add("GET", "3/image/abc", response_list=[
        {"json": {"data": image_json(id="abc", title="old"), "success": True, "status": 200}},
        {"json": {"data": image_json(id="abc", title="new"), "success": True, "status": 200}},
    ])
    api.add("POST", "3/image/abc", True)
    first = user_im.get_image("abc")
    assert first.title == "old"
    assert user_im.get_image("abc").title == "old"  # shared fetch: no request
    assert api.count == 1
    first.update(title="new")
    assert user_im.get_image("abc").title == "new"
    assert api.count == 3


# -- favorite ----------------------------------------------------------------------------------
def test_favorite_toggles_and_says_the_new_state(user_im, api):
    api.add("POST", "3/image/abc/favorite", response_list=[
        {"json": {"data": "favorited", "success": True, "status": 200}},
        {"json": {"data": "unfavorited", "success": True, "status": 200}},
    ])
    image = user_im.get_image("abc")
    assert image.favorite() is True
    assert image.is_favorited is True
    assert image.favorite() is False
    assert image.is_favorited is False
    assert [(c.method, path(c)) for c in api.calls] == [("POST", "/3/image/abc/favorite")] * 2


def test_favorite_needs_a_user(im, api):
    with pytest.raises(pyimgur.AuthenticationError):
        im.get_image("abc").favorite()
    assert api.count == 0


# -- gallery --------------------------------------------------------------------------------
@pytest.mark.parametrize(("bypass", "terms"), [(False, "0"), (True, "1")])
def test_submit_to_gallery(user_im, api, bypass, terms):
    api.add("POST", "3/gallery/image/abc", True)
    result = user_im.get_image("abc").submit_to_gallery("My cat", bypass_terms=bypass)
    assert isinstance(result, pyimgur.Gallery_image)
    assert result.id == "abc" and result.title == "My cat"
    assert api.count == 1
    assert (api.calls[0].method, path(api.calls[0])) == ("POST", "/3/gallery/image/abc")
    assert form(api.calls[0]) == {"title": "My cat", "terms": terms}


def test_submit_to_gallery_needs_a_title(user_im, api):
    with pytest.raises(ValueError):
        user_im.get_image("abc").submit_to_gallery("  ")
    assert api.count == 0


# -- wait_until_processed --------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def video(status: str) -> dict:
    return {"json": {"data": image_json(id="vid", type="video/mp4",
                                        processing={"status": status}),
                     "success": True, "status": 200}}


def test_wait_until_processed_polls_until_completed(im, api):
    api.add("GET", "3/image/vid", response_list=[video("pending"), video("pending"),
                                                 video("completed")])
    image = im._make(pyimgur.Image, image_json(id="vid", processing={"status": "pending"}),
                     has_fetched=True)
    clock = Clock()
    assert image.wait_until_processed(timeout=60, interval=5, sleep=clock.sleep,
                                      clock=clock) is image
    assert image.processing_status == "completed"
    assert api.count == 3
    assert clock.sleeps == [5, 5, 5]


def test_wait_until_processed_costs_nothing_when_done(im, api):
    image = im._make(pyimgur.Image, image_json(processing={"status": "completed"}),
                     has_fetched=True)
    image.wait_until_processed(sleep=pytest.fail)
    still = im._make(pyimgur.Image, image_json(), has_fetched=True)
    still.wait_until_processed(sleep=pytest.fail)
    assert api.count == 0


def test_wait_until_processed_of_a_lazy_image_refreshes_first(im, api):
    api.add("GET", "3/image/vid", response_list=[video("completed")])
    im.get_image("vid").wait_until_processed(sleep=pytest.fail)
    assert api.count == 1


def test_wait_until_processed_times_out(im, api):
    api.add("GET", "3/image/vid", response_list=[video("pending")])
    image = im._make(pyimgur.Image, image_json(id="vid", processing={"status": "pending"}),
                     has_fetched=True)
    clock = Clock()
    with pytest.raises(TimeoutError, match="pending"):
        image.wait_until_processed(timeout=10, interval=3, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == [3, 3, 3]
    assert api.count == 3


def test_wait_until_processed_raises_when_processing_failed(im, api):
    api.add("GET", "3/image/vid", response_list=[video("failed")])
    with pytest.raises(pyimgur.UploadError):
        im.get_image("vid").wait_until_processed(sleep=pytest.fail)


def test_wait_until_processed_checks_its_arguments(im, api):
    image = im.get_image("vid")
    with pytest.raises(ValueError):
        image.wait_until_processed(interval=0)
    with pytest.raises(ValueError):
        image.wait_until_processed(timeout=-1)
    assert api.count == 0
