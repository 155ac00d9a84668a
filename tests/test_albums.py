"""Album: fields, lazy images, creation, actions (user and anonymous by deletehash)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur


def path(call) -> str:
    """The exact path (requests-mock lower-cases ``call.path``; Imgur ids are case-sensitive)."""
    return urlsplit(call.url).path


def where(call) -> tuple[str, str]:
    return call.method, path(call)


def img(n: int, **extra: object) -> dict:
    data = {"id": f"img{n}", "title": f"title {n}", "description": None, "type": "image/jpeg",
            "link": f"https://i.imgur.com/img{n}.jpg", "width": 10, "height": 10}
    data.update(extra)
    return data


def album_json(**extra: object) -> dict:
    data = {
        "id": "AlB1", "title": "Holiday", "description": "sun", "datetime": 1700000000,
        "cover": "img2", "cover_width": 10, "cover_height": 10, "account_url": "someone",
        "account_id": 9, "privacy": "hidden", "layout": "blog", "views": 5,
        "link": "https://imgur.com/a/AlB1", "favorite": False, "nsfw": False, "section": "",
        "images_count": 5, "in_gallery": False, "is_ad": False, "deletehash": "",
        "images": [img(n) for n in range(5)],
    }
    data.update(extra)
    return data


UPLOADED = {"id": "up1", "deletehash": "UPLOADDELETEHA1"}
UPLOADED2 = {"id": "up2", "deletehash": "UPLOADDELETEHA2"}


# -- the model ---------------------------------------------------------------------------
def test_one_image_title_costs_exactly_one_request(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    assert im.get_album("AlB1").images[3].title == "title 3"
    assert api.count == 1
    assert where(api.calls[0]) == ("GET", "/3/album/AlB1")


def test_album_fields(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    album = im.get_album("AlB1")
    assert album.title == "Holiday"
    assert (album.description, album.datetime, album.views) == ("sun", 1700000000, 5)
    assert (album.privacy, album.layout, album.link) == ("hidden", "blog", "https://imgur.com/a/AlB1")
    assert album.is_favorited is False and album.is_nsfw is False
    assert album.public is False
    assert album.images_count == 5
    assert album.deletehash is None  # Imgur sends "" to non-owners
    assert isinstance(album.author, pyimgur.User) and album.author.name == "someone"
    assert all(type(image) is pyimgur.Image for image in album.images)
    assert api.count == 1


def test_cover_is_the_loaded_image_from_the_album(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    album = im.get_album("AlB1")
    assert album.cover is album.images[2]
    assert album.cover.link == "https://i.imgur.com/img2.jpg"
    assert api.count == 1


@pytest.mark.parametrize("cover", ["", None])
def test_no_cover_is_none_never_an_image_without_id(im, cover):
    album = im._make(pyimgur.Album, album_json(cover=cover), has_fetched=True)
    assert album.cover is None


def test_cover_outside_the_images_is_a_lazy_image(im, api):
    album = im._make(pyimgur.Album, album_json(cover="zzz", images=[]), has_fetched=True)
    assert isinstance(album.cover, pyimgur.Image) and album.cover.id == "zzz"
    assert api.count == 0


def test_anonymous_album_has_no_author_and_public_follows_privacy(im):
    album = im._make(pyimgur.Album, album_json(account_url=None, privacy="public"),
                     has_fetched=True)
    assert album.author is None
    assert album.public is True


def test_image_field_missing_from_the_listing_loads_that_image_once(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    api.add("GET", "3/image/img3", img(3, views=42))
    image = im.get_album("AlB1").images[3]
    assert image.views == 42
    assert image.views == 42 and image.width == 10
    assert [where(c) for c in api.calls] == [("GET", "/3/album/AlB1"), ("GET", "/3/image/img3")]


def test_album_from_a_listing_without_images_loads_them_once(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    album = im._make(pyimgur.Album, {"id": "AlB1", "title": "Holiday"})
    assert album.title == "Holiday" and api.count == 0
    assert len(album.images) == 5
    assert len(album.images) == 5
    assert api.count == 1


def test_get_album_fetch_true(im, api):
    api.add("GET", "3/album/AlB1", album_json())
    album = im.get_album("AlB1", fetch=True)
    assert api.count == 1
    assert album.images[0].id == "img0"
    assert api.count == 1
    with pytest.raises(ValueError):
        im.get_album("")
    with pytest.raises(TypeError):
        im.get_album(None)
    assert api.count == 1


# -- create_album ----------------------------------------------------------------------------
def test_create_album_as_user_sends_json_ids_from_a_mix(user_im, api):
    api.add("POST", "3/album", {"id": "NeW1", "deletehash": "ALBUMDELETEHASH"})
    image = user_im.get_image("img1")
    album = user_im.create_album("An authorized album", "Cool stuff!", images=[image, "img2"],
                                 cover=image, privacy="secret")
    assert api.count == 1
    call = api.calls[0]
    assert where(call) == ("POST", "/3/album")
    assert call.headers["Content-Type"] == "application/json"
    assert call.json() == {"title": "An authorized album", "description": "Cool stuff!",
                           "privacy": "secret", "ids": ["img1", "img2"], "cover": "img1"}
    assert isinstance(album, pyimgur.Album)
    assert album.id == "NeW1" and album.title == "An authorized album"
    assert api.count == 1
    # a logged-in owner acts by id even though the deletehash is known
    api.add("DELETE", "3/album/NeW1", True)
    album.delete()
    assert where(api.calls[1]) == ("DELETE", "/3/album/NeW1")


def test_create_album_with_nothing_sends_an_empty_json_object(user_im, api):
    api.add("POST", "3/album", {"id": "NeW1", "deletehash": "ALBUMDELETEHASH"})
    user_im.create_album()
    assert api.calls[0].json() == {}


def test_create_album_result_loads_the_rest_lazily(user_im, api):
    api.add("POST", "3/album", {"id": "NeW1", "deletehash": "ALBUMDELETEHASH"})
    api.add("GET", "3/album/NeW1", album_json(id="NeW1", link="https://imgur.com/a/NeW1"))
    album = user_im.create_album(title="t")
    assert album.link == "https://imgur.com/a/NeW1"
    assert api.count == 2


def test_create_anonymous_album_sends_deletehashes_and_keeps_its_own(im, api):
    api.add("POST", "3/album", {"id": "AnOn1", "deletehash": "ALBUMDELETEHASH"})
    first = im._make(pyimgur.Image, UPLOADED, has_fetched=True)
    second = im._make(pyimgur.Image, UPLOADED2, has_fetched=True)
    album = im.create_album(title="anon", images=[first, second], cover="up1")
    assert api.calls[0].json() == {"title": "anon", "cover": "up1",
                                   "deletehashes": ["UPLOADDELETEHA1", "UPLOADDELETEHA2"]}
    assert api.calls[0].headers["Authorization"] == "Client-ID test-client-id"
    assert album.deletehash == "ALBUMDELETEHASH"
    assert api.count == 1


@pytest.mark.parametrize("images", [["up1"], [pyimgur.Image({"id": "up1"}, None, False)]])
def test_create_anonymous_album_refuses_images_without_deletehash(im, api, images):
    with pytest.raises(ValueError, match="deletehash"):
        im.create_album(images=images)
    assert api.count == 0


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"privacy": "everyone"}, ValueError),
    ({"title": 3}, TypeError),
    ({"images": [3]}, TypeError),
    ({"images": [""]}, ValueError),
    ({"images": 3}, TypeError),
    ({"cover": ["a", "b"]}, TypeError),
])
def test_create_album_checks_arguments_before_any_request(user_im, api, kwargs, error):
    with pytest.raises(error):
        user_im.create_album(**kwargs)
    assert api.count == 0


# -- actions as a user -------------------------------------------------------------------------
@pytest.fixture
def owned(user_im, api):
    api.add("GET", "3/album/AlB1", album_json())
    album = user_im.get_album("AlB1")
    assert len(album.images) == 5  # loaded: 1 request
    return album


def test_add_images_mix_of_objects_and_ids(user_im, api, owned):
    api.add("POST", "3/album/AlB1/add", True)
    assert owned.add_images([user_im.get_image("new1"), "new2", "img0"]) is True
    call = api.calls[1]
    assert where(call) == ("POST", "/3/album/AlB1/add")
    assert call.json() == {"ids": ["new1", "new2", "img0"]}
    assert [i.id for i in owned.images] == ["img0", "img1", "img2", "img3", "img4", "new1", "new2"]
    assert owned.images_count == 7
    assert api.count == 2


def test_add_one_image_id(user_im, api):
    api.add("POST", "3/album/AlB1/add", True)
    user_im.get_album("AlB1").add_images("new1")
    assert api.calls[0].json() == {"ids": ["new1"]}
    assert api.count == 1


def test_remove_images(user_im, api, owned):
    api.add("POST", "3/album/AlB1/remove_images", True)
    owned.remove_images([owned.images[0], "img3"])
    assert where(api.calls[1]) == ("POST", "/3/album/AlB1/remove_images")
    assert api.calls[1].json() == {"ids": ["img0", "img3"]}
    assert [i.id for i in owned.images] == ["img1", "img2", "img4"]
    assert owned.images_count == 3
    assert api.count == 2


def test_set_images(user_im, api):
    api.add("POST", "3/album/AlB1", True)
    album = user_im.get_album("AlB1")
    album.set_images(["a1", user_im.get_image("a2")])
    assert where(api.calls[0]) == ("POST", "/3/album/AlB1")
    assert api.calls[0].json() == {"ids": ["a1", "a2"]}
    assert [i.id for i in album.images] == ["a1", "a2"]
    assert api.count == 1


def test_update_sends_json_and_updates_locally(user_im, api, owned):
    api.add("PUT", "3/album/AlB1", True)
    assert owned.update(title="New", images=["x1", "x2"], cover="x2", layout="grid",
                        privacy="public") is True
    call = api.calls[1]
    assert where(call) == ("PUT", "/3/album/AlB1")
    assert call.headers["Content-Type"] == "application/json"
    assert call.json() == {"title": "New", "layout": "grid", "privacy": "public",
                           "ids": ["x1", "x2"], "cover": "x2"}
    assert owned.title == "New" and owned.description == "sun"
    assert owned.layout == "grid" and owned.public is True
    assert [i.id for i in owned.images] == ["x1", "x2"] and owned.cover.id == "x2"
    assert api.count == 2


def test_update_with_nothing_costs_nothing(user_im, api):
    assert user_im.get_album("AlB1").update() is True
    assert api.count == 0


@pytest.mark.parametrize("kwargs", [{"layout": "spiral"}, {"privacy": "open"}])
def test_update_checks_choices(user_im, api, kwargs):
    with pytest.raises(ValueError):
        user_im.get_album("AlB1").update(**kwargs)
    assert api.count == 0


def test_delete_favorite_and_gallery(user_im, api):
    api.add("DELETE", "3/album/AlB1", True)
    api.add("POST", "3/album/AlB1/favorite", "favorited")
    api.add("POST", "3/gallery/album/AlB1", True)
    album = user_im.get_album("AlB1")
    assert album.favorite() is True and album.is_favorited is True
    gallery = album.submit_to_gallery("Look", bypass_terms=True)
    assert isinstance(gallery, pyimgur.Gallery_album) and gallery.id == "AlB1"
    assert album.delete() is True
    assert [where(c) for c in api.calls] == [
        ("POST", "/3/album/AlB1/favorite"),
        ("POST", "/3/gallery/album/AlB1"),
        ("DELETE", "/3/album/AlB1"),
    ]
    assert {k: v[0] for k, v in parse_qs(api.calls[1].text).items()} == {
        "title": "Look", "terms": "1"}


# -- anonymous albums: every action by deletehash ------------------------------------------------
@pytest.fixture
def anonymous(im, api):
    api.add("POST", "3/album", {"id": "AnOn1", "deletehash": "ALBUMDELETEHASH"})
    return im.create_album(title="anon")


def test_anonymous_add_and_set_send_deletehashes(im, api, anonymous):
    api.add("POST", "3/album/ALBUMDELETEHASH/add", True)
    api.add("POST", "3/album/ALBUMDELETEHASH", True)
    first = im._make(pyimgur.Image, UPLOADED, has_fetched=True)
    second = im._make(pyimgur.Image, UPLOADED2, has_fetched=True)
    anonymous.add_images([first])
    anonymous.set_images([first, second])
    assert [where(c) for c in api.calls[1:]] == [
        ("POST", "/3/album/ALBUMDELETEHASH/add"),
        ("POST", "/3/album/ALBUMDELETEHASH"),
    ]
    assert api.calls[1].json() == {"deletehashes": ["UPLOADDELETEHA1"]}
    assert api.calls[2].json() == {"deletehashes": ["UPLOADDELETEHA1", "UPLOADDELETEHA2"]}


def test_anonymous_add_refuses_bare_ids(im, api, anonymous):
    with pytest.raises(ValueError, match="deletehash"):
        anonymous.add_images(["up1"])
    assert api.count == 1


def test_anonymous_remove_update_delete_by_deletehash(im, api, anonymous):
    api.add("POST", "3/album/ALBUMDELETEHASH/remove_images", True)
    api.add("PUT", "3/album/ALBUMDELETEHASH", True)
    api.add("DELETE", "3/album/ALBUMDELETEHASH", True)
    anonymous.remove_images(["up1"])
    anonymous.update(description="d", images=[im._make(pyimgur.Image, UPLOADED, has_fetched=True)])
    anonymous.delete()
    assert [where(c) for c in api.calls[1:]] == [
        ("POST", "/3/album/ALBUMDELETEHASH/remove_images"),
        ("PUT", "/3/album/ALBUMDELETEHASH"),
        ("DELETE", "/3/album/ALBUMDELETEHASH"),
    ]
    assert api.calls[1].json() == {"ids": ["up1"]}
    assert api.calls[2].json() == {"description": "d", "deletehashes": ["UPLOADDELETEHA1"]}


def test_anonymous_album_without_deletehash_cannot_be_changed(im, api):
    album = im.get_album("AlB1")
    with pytest.raises(pyimgur.AuthenticationError):
        album.delete()
    with pytest.raises(pyimgur.AuthenticationError):
        album.remove_images(["x"])
    assert api.count == 0


def test_anonymous_favorite_and_gallery_need_a_user(im, api, anonymous):
    with pytest.raises(pyimgur.AuthenticationError):
        anonymous.favorite()
    with pytest.raises(pyimgur.AuthenticationError):
        anonymous.submit_to_gallery("title")
    assert api.count == 1


def test_anonymous_upload_into_the_album_uses_its_deletehash(im, api, anonymous):
    api.add("POST", "3/image", {"id": "up3", "deletehash": "UPLOADDELETEHA3"})
    image = im.upload_image(url="https://example.com/a.png", album=anonymous)
    assert image.deletehash == "UPLOADDELETEHA3"
    assert b'name="album"\r\n\r\nALBUMDELETEHASH\r\n' in api.calls[1].body.to_string()


# -- download ------------------------------------------------------------------------------------
def test_album_download_saves_every_image_in_a_cleaned_folder(im, api, tmp_path):
    api.add("GET", "3/album/AlB1", album_json(title="../../Holiday", images=[
        img(0), img(1, title=None), img(2, title="/etc/passwd")]))
    for n in range(3):
        api.mocker.get(f"https://i.imgur.com/img{n}.jpg", content=b"jpeg%d" % n)
    seen = []
    paths = im.get_album("AlB1").download(str(tmp_path),
                                          progress=lambda done, total: seen.append((done, total)))
    folder = tmp_path / "_._Holiday"  # "../../Holiday" cleaned: it stays inside tmp_path
    assert [p.split("/")[-1] for p in paths] == ["001 title 0.jpg", "002 img1.jpg",
                                                 "003 _etc_passwd.jpg"]
    assert all(p.startswith(str(folder) + "/") for p in paths)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["_._Holiday"]
    assert (folder / "002 img1.jpg").read_bytes() == b"jpeg1"
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert api.count == 4  # the album, then one download per image


def test_album_download_checks_size_before_any_request(im, api, tmp_path):
    with pytest.raises(ValueError):
        im.get_album("AlB1").download(str(tmp_path), size="giant")
    assert api.count == 0
    assert list(tmp_path.iterdir()) == []
