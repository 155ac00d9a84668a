"""Image and album routes of the sandbox, through raw requests."""

from __future__ import annotations

import base64

from sandbox_helpers import RawAPI, error_of

from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_ANON_ALBUM_DELETEHASH,
    SEED_ANON_ALBUM_ID,
    SEED_ANON_IMAGE_DELETEHASH,
    SEED_ANON_IMAGE_ID,
    SEED_GIF_ID,
    SEED_IMAGE_DELETEHASH,
    SEED_IMAGE_ID,
    SEED_USER,
    SEED_VIDEO_ID,
    FakeImgur,
)
from pyimgur.testing import media as m

PNG = m.png(30, 20)


def test_image_as_anonymous_viewer(api: RawAPI) -> None:
    data = api.data("GET", f"3/image/{SEED_IMAGE_ID}")
    assert data["id"] == SEED_IMAGE_ID
    assert data["type"] == "image/png"
    assert data["account_url"] == SEED_USER
    assert data["deletehash"] == ""  # only the owner sees it
    assert data["edited"] == "0"
    assert data["link"] == f"https://i.imgur.com/{SEED_IMAGE_ID}.png"


def test_image_as_owner_shows_deletehash(api: RawAPI) -> None:
    data = api.data("GET", f"3/image/{SEED_IMAGE_ID}", auth="user")
    assert data["deletehash"] == SEED_IMAGE_DELETEHASH


def test_anonymous_image_conventions(api: RawAPI) -> None:
    data = api.data("GET", f"3/image/{SEED_ANON_IMAGE_ID}")
    assert data["account_id"] == 0
    assert data["account_url"] is None


def test_gif_and_video_fields(api: RawAPI) -> None:
    gif = api.data("GET", f"3/image/{SEED_GIF_ID}")
    assert gif["animated"] is True and gif["type"] == "image/gif"
    assert gif["mp4"].endswith(f"{SEED_GIF_ID}.mp4") and gif["gifv"]
    video = api.data("GET", f"3/image/{SEED_VIDEO_ID}")
    assert video["type"] == "video/mp4"
    assert video["processing"] == {"status": "completed"}
    assert video["hls"].endswith(".m3u8")


def test_unknown_image_is_404(api: RawAPI) -> None:
    response = api.call("GET", "3/image/nope123")
    assert response.status_code == 404
    assert error_of(response) == "Unable to find an image with the id, nope123"


def test_upload_multipart_file_anonymously(api: RawAPI, fake: FakeImgur) -> None:
    data = api.data("POST", "3/image", files={"image": ("cat.png", PNG, "image/png")},
                    data={"title": "Cat", "type": "file"})
    assert data["title"] == "Cat"
    assert (data["width"], data["height"]) == (30, 20)
    assert data["account_id"] == 0 and data["account_url"] is None
    assert len(data["deletehash"]) == 15  # the uploader's answer carries it
    assert data["name"] == "cat.png"
    assert fake.state.images[data["id"]].data == PNG


def test_upload_base64_and_url(api: RawAPI, fake: FakeImgur) -> None:
    encoded = base64.b64encode(PNG).decode()
    by_b64 = api.data("POST", "3/image", data={"image": encoded, "type": "base64"})
    assert fake.state.images[by_b64["id"]].data == PNG
    fake.remote_files["https://example.com/a.gif"] = m.gif(8, 8)
    by_url = api.data("POST", "3/image", data={"image": "https://example.com/a.gif",
                                                "type": "url"})
    assert by_url["type"] == "image/gif"


def test_upload_as_user_is_owned(api: RawAPI) -> None:
    data = api.data("POST", "3/image", auth="user", files={"image": ("x.png", PNG)})
    assert data["account_url"] == SEED_USER
    listed = api.data("GET", "3/account/me/images/0", auth="user")
    assert data["id"] in [image["id"] for image in listed]


def test_video_upload_processes_after_a_poll(api: RawAPI) -> None:
    data = api.data("POST", "3/image", files={"video": ("clip.mp4", m.mp4(), "video/mp4")},
                    data={"disable_audio": "1"})
    assert data["processing"] == {"status": "pending"}
    assert data["has_sound"] is False
    again = api.data("GET", f"3/image/{data['id']}")
    assert again["processing"] == {"status": "completed"}


def test_upload_errors(api: RawAPI) -> None:
    empty = api.call("POST", "3/image", data={"title": "nothing"})
    assert empty.status_code == 400
    assert error_of(empty) == "No image data was sent to the upload api"
    junk = api.call("POST", "3/image", files={"image": ("x.txt", b"hello, not an image")})
    assert junk.status_code == 400
    error = junk.json()["data"]["error"]
    assert error["code"] == 1003 and "File type invalid" in error["message"]


def test_upload_into_anonymous_album_by_deletehash(api: RawAPI, fake: FakeImgur) -> None:
    data = api.data("POST", "3/image", files={"image": ("x.png", PNG)},
                    data={"album": SEED_ANON_ALBUM_DELETEHASH})
    assert data["id"] in fake.state.albums[SEED_ANON_ALBUM_ID].images
    refused = api.call("POST", "3/image", files={"image": ("x.png", PNG)},
                       data={"album": SEED_ANON_ALBUM_ID})
    assert refused.status_code == 400
    assert "use the album deletehash" in error_of(refused)


def test_update_and_delete_by_deletehash(api: RawAPI, fake: FakeImgur) -> None:
    assert api.data("POST", f"3/image/{SEED_ANON_IMAGE_DELETEHASH}",
                    data={"title": "New"}) is True
    assert fake.state.images[SEED_ANON_IMAGE_ID].title == "New"
    assert api.data("GET", f"3/image/{SEED_ANON_IMAGE_ID}")["edited"] == "1"
    by_id = api.call("DELETE", f"3/image/{SEED_ANON_IMAGE_ID}")
    assert by_id.status_code == 403
    assert api.data("DELETE", f"3/image/{SEED_ANON_IMAGE_DELETEHASH}") is True
    assert SEED_ANON_IMAGE_ID not in fake.state.images
    assert SEED_ANON_IMAGE_ID not in fake.state.albums[SEED_ANON_ALBUM_ID].images
    assert api.call("GET", f"3/image/{SEED_ANON_IMAGE_ID}").status_code == 404


def test_owner_deletes_by_id_others_cannot(api: RawAPI, fake: FakeImgur) -> None:
    other = fake.issue_token("adalovelace")
    refused = api.call("DELETE", f"3/image/{SEED_IMAGE_ID}", auth=api.bearer(other.access_token))
    assert refused.status_code == 403
    assert api.data("DELETE", f"3/image/{SEED_IMAGE_ID}", auth="user") is True


def test_favorite_is_a_toggle(api: RawAPI, fake: FakeImgur) -> None:
    assert api.data("POST", f"3/image/{SEED_IMAGE_ID}/favorite", auth="user") == "favorited"
    assert api.data("GET", f"3/image/{SEED_IMAGE_ID}", auth="user")["favorite"] is True
    assert api.data("POST", f"3/image/{SEED_IMAGE_ID}/favorite", auth="user") == "unfavorited"
    anonymous = api.call("POST", f"3/image/{SEED_IMAGE_ID}/favorite")
    assert anonymous.status_code == 401


def test_cdn_serves_bytes_thumbnails_and_404(api: RawAPI, fake: FakeImgur) -> None:
    full = api.session.get(f"https://i.imgur.com/{SEED_IMAGE_ID}.png")
    assert full.status_code == 200
    assert full.content == fake.state.images[SEED_IMAGE_ID].data
    assert full.headers["Content-Type"] == "image/png"
    thumb = api.session.get(f"https://i.imgur.com/{SEED_IMAGE_ID}s.png")
    assert m.sniff(thumb.content) is not None
    assert m.sniff(thumb.content).width == 90  # type: ignore[union-attr]
    video = api.session.get(f"https://i.imgur.com/{SEED_VIDEO_ID}.mp4")
    assert m.sniff(video.content).is_video  # type: ignore[union-attr]
    assert api.session.get("https://i.imgur.com/nothing.png").status_code == 404
    assert "X-RateLimit-UserRemaining" not in full.headers


def test_album_fields_and_images(api: RawAPI) -> None:
    album = api.data("GET", f"3/album/{SEED_ALBUM_ID}")
    assert album["images_count"] == 3
    assert [i["id"] for i in album["images"]] == [SEED_IMAGE_ID, SEED_GIF_ID, SEED_VIDEO_ID]
    assert album["link"] == f"https://imgur.com/a/{SEED_ALBUM_ID}"
    assert "deletehash" not in album
    assert len(api.data("GET", f"3/album/{SEED_ALBUM_ID}/images")) == 3
    one = api.data("GET", f"3/album/{SEED_ALBUM_ID}/image/{SEED_GIF_ID}")
    assert one["id"] == SEED_GIF_ID
    assert api.call("GET", f"3/album/{SEED_ALBUM_ID}/image/{SEED_ANON_IMAGE_ID}").status_code == 404


def test_album_create_json_and_multipart_but_not_form(api: RawAPI, fake: FakeImgur) -> None:
    made = api.data("POST", "3/album", json={"title": "JSON",
                                             "deletehashes": [SEED_ANON_IMAGE_DELETEHASH]})
    assert set(made) == {"id", "deletehash"}
    assert fake.state.albums[made["id"]].images == [SEED_ANON_IMAGE_ID]
    multipart = api.data("POST", "3/album", files={"title": (None, "Multi")})
    assert fake.state.albums[multipart["id"]].title == "Multi"
    before = len(fake.state.albums)
    refused = api.call("POST", "3/album", data={"title": "Form"})
    assert refused.status_code == 400
    assert "x-www-form-urlencoded" in error_of(refused)
    assert len(fake.state.albums) == before


def test_album_create_needs_owned_ids(api: RawAPI) -> None:
    refused = api.call("POST", "3/album", json={"ids": [SEED_IMAGE_ID]})
    assert refused.status_code == 400
    assert "You must own all the image ids" in error_of(refused)
    mine = api.data("POST", "3/album", auth="user", json={"ids": f"{SEED_IMAGE_ID},{SEED_GIF_ID}",
                                                          "cover": SEED_GIF_ID})
    album = api.data("GET", f"3/album/{mine['id']}", auth="user")
    assert album["cover"] == SEED_GIF_ID and album["account_url"] == SEED_USER
    assert album["deletehash"] == mine["deletehash"]


def test_anonymous_album_edits_go_through_the_deletehash(api: RawAPI, fake: FakeImgur) -> None:
    new = api.data("POST", "3/image", files={"image": ("y.png", PNG)})
    by_id = api.call("POST", f"3/album/{SEED_ANON_ALBUM_ID}/add",
                     json={"deletehashes": [new["deletehash"]]})
    assert by_id.status_code == 400
    assert error_of(by_id).startswith(f"You are not the owner of album '{SEED_ANON_ALBUM_ID}'")
    assert api.data("POST", f"3/album/{SEED_ANON_ALBUM_DELETEHASH}/add",
                    json={"deletehashes": [new["deletehash"]]}) is True
    assert fake.state.albums[SEED_ANON_ALBUM_ID].images == [SEED_ANON_IMAGE_ID, new["id"]]
    assert api.data("POST", f"3/album/{SEED_ANON_ALBUM_DELETEHASH}/remove_images",
                    json={"ids": [SEED_ANON_IMAGE_ID]}) is True
    assert fake.state.albums[SEED_ANON_ALBUM_ID].images == [new["id"]]
    assert api.data("PUT", f"3/album/{SEED_ANON_ALBUM_DELETEHASH}",
                    json={"title": "Renamed", "privacy": "secret"}) is True
    assert fake.state.albums[SEED_ANON_ALBUM_ID].privacy == "secret"
    assert api.data("POST", f"3/album/{SEED_ANON_ALBUM_DELETEHASH}",
                    json={"deletehashes": [SEED_ANON_IMAGE_DELETEHASH]}) is True
    assert fake.state.albums[SEED_ANON_ALBUM_ID].images == [SEED_ANON_IMAGE_ID]
    assert api.call("DELETE", f"3/album/{SEED_ANON_ALBUM_ID}").status_code == 403
    assert api.data("DELETE", f"3/album/{SEED_ANON_ALBUM_DELETEHASH}") is True
    assert SEED_ANON_ALBUM_ID not in fake.state.albums


def test_album_favorite_toggle_and_bad_privacy(api: RawAPI) -> None:
    assert api.data("POST", f"3/album/{SEED_ALBUM_ID}/favorite", auth="user") == "favorited"
    assert api.data("POST", f"3/album/{SEED_ALBUM_ID}/favorite", auth="user") == "unfavorited"
    bad = api.call("PUT", f"3/album/{SEED_ALBUM_ID}", auth="user", json={"privacy": "weird"})
    assert bad.status_code == 400


def test_add_album_helper_builds_big_albums(api: RawAPI, fake: FakeImgur) -> None:
    album = fake.add_album(n_images=50)
    data = api.data("GET", f"3/album/{album.id}")
    assert data["images_count"] == 50 and len(data["images"]) == 50
    assert data["account_id"] is None
