"""Account, settings, blocks, conversations, notifications and custom gallery routes."""

from __future__ import annotations

from sandbox_helpers import RawAPI, error_of

from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_CONVERSATION_ID,
    SEED_CUSTOM_GALLERY_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GIF_ID,
    SEED_IMAGE_ID,
    SEED_REPLY_ID,
    SEED_USER,
    FakeImgur,
)


def test_account_by_name_me_and_id(api: RawAPI, fake: FakeImgur) -> None:
    data = api.data("GET", f"3/account/{SEED_USER}")
    assert data["url"] == SEED_USER and data["reputation_name"] == "Liked"
    assert api.data("GET", "3/account/me", auth="user")["id"] == data["id"]
    by_id = api.data("GET", "3/account/whatever", params={"account_id": str(data["id"])})
    assert by_id["url"] == SEED_USER
    assert api.call("GET", "3/account/me").status_code == 401
    assert api.call("GET", "3/account/nobodyhere").status_code == 404
    assert api.data("GET", f"3/account/{SEED_USER.upper()}")["url"] == SEED_USER


def test_settings_read_and_update(api: RawAPI, fake: FakeImgur) -> None:
    settings = api.data("GET", "3/account/me/settings", auth="user")
    assert settings["account_url"] == SEED_USER and settings["blocked_users"] == []
    assert api.call("GET", f"3/account/{SEED_USER}/settings").status_code == 401
    other = fake.issue_token("adalovelace")
    assert api.call("GET", f"3/account/{SEED_USER}/settings",
                    auth=api.bearer(other.access_token)).status_code == 403
    assert api.data("PUT", "3/account/me/settings", auth="user",
                    data={"bio": "New bio", "show_mature": "true"}) is True
    assert fake.state.accounts[SEED_USER].bio == "New bio"
    assert fake.state.accounts[SEED_USER].show_mature is True
    bad = api.call("PUT", "3/account/me/settings", auth="user", data={"username": "no"})
    assert bad.status_code == 400
    assert api.data("PUT", "3/account/me/settings", auth="user",
                    data={"username": "renamedtester"}) is True
    assert api.data("GET", "3/account/me", auth="user")["url"] == "renamedtester"
    assert fake.state.images[SEED_IMAGE_ID].owner == "renamedtester"


def test_profile_email_avatars(api: RawAPI) -> None:
    profile = api.data("GET", f"3/account/{SEED_USER}/gallery_profile")
    assert profile["total_gallery_submissions"] == 1 and profile["trophies"] == []
    assert api.data("GET", "3/account/me/verifyemail", auth="user") is True
    assert api.data("POST", "3/account/me/verifyemail", auth="user") is True
    avatars = api.data("GET", f"3/account/{SEED_USER}/available_avatars")
    assert avatars["count"] == len(avatars["available_avatars"]) > 0
    assert api.data("GET", "3/account/me/avatar", auth="user")["avatar_name"] == "default/A"


def test_lists_ids_counts(api: RawAPI) -> None:
    albums = api.data("GET", f"3/account/{SEED_USER}/albums/0")
    assert [a["id"] for a in albums] == [SEED_ALBUM_ID]
    assert "images" not in albums[0]
    assert api.data("GET", f"3/account/{SEED_USER}/albums/ids/0") == [SEED_ALBUM_ID]
    assert api.data("GET", f"3/account/{SEED_USER}/albums/count") == 1
    assert api.data("GET", f"3/account/{SEED_USER}/albums/1") == []
    assert api.data("GET", f"3/account/{SEED_USER}/album/{SEED_ALBUM_ID}")["id"] == SEED_ALBUM_ID
    comments = api.data("GET", f"3/account/{SEED_USER}/comments/newest/0")
    assert len(comments) == 2 == api.data("GET", f"3/account/{SEED_USER}/comments/count")
    assert SEED_REPLY_ID in api.data("GET", f"3/account/{SEED_USER}/comments/ids/oldest/0")
    assert api.data("GET", f"3/account/{SEED_USER}/comment/{SEED_REPLY_ID}")["id"] == SEED_REPLY_ID
    assert api.call("GET", f"3/account/{SEED_USER}/images/0").status_code == 401
    images = api.data("GET", "3/account/me/images/0", auth="user")
    assert SEED_IMAGE_ID in [i["id"] for i in images]
    assert api.data("GET", "3/account/me/images/count", auth="user") == len(images)
    assert api.data("GET", "3/account/me/images/ids/0", auth="user") == [i["id"] for i in images]
    assert api.data("GET", f"3/account/me/image/{SEED_IMAGE_ID}", auth="user")["deletehash"]


def test_per_page(api: RawAPI, fake: FakeImgur) -> None:
    for _ in range(7):
        fake.add_image(owner=SEED_USER)
    assert len(api.data("GET", "3/account/me/images/0", auth="user",
                        params={"perPage": "5"})) == 5
    assert len(api.data("GET", "3/account/me/images/1", auth="user",
                        params={"perPage": "5"})) == 5


def test_favorites_and_submissions(api: RawAPI) -> None:
    api.data("POST", f"3/image/{SEED_IMAGE_ID}/favorite", auth="user")
    favorites = api.data("GET", f"3/account/{SEED_USER}/favorites/0/newest", auth="user")
    assert [f["id"] for f in favorites] == [SEED_IMAGE_ID, SEED_GALLERY_ALBUM_ID]
    assert favorites[0]["ups"] is None  # not in the gallery
    gallery_only = api.data("GET", f"3/account/{SEED_USER}/gallery_favorites/0/newest")
    assert [f["id"] for f in gallery_only] == [SEED_GALLERY_ALBUM_ID]
    submissions = api.data("GET", f"3/account/{SEED_USER}/submissions/0")
    assert [s["id"] for s in submissions] == [SEED_GIF_ID]


def test_deletes_through_the_account(api: RawAPI, fake: FakeImgur) -> None:
    image = fake.add_image(owner=SEED_USER)
    assert api.data("DELETE", f"3/account/me/image/{image.deletehash}", auth="user") is True
    assert image.id not in fake.state.images
    assert api.data("DELETE", f"3/account/me/album/{SEED_ALBUM_ID}", auth="user") is True
    assert SEED_ALBUM_ID not in fake.state.albums
    assert api.data("DELETE", f"3/account/me/comment/{SEED_REPLY_ID}", auth="user") is True
    assert fake.state.comments[SEED_REPLY_ID].deleted


def test_blocks_answer_without_envelope(api: RawAPI) -> None:
    accept = {"Accept": "application/vnd.api+json"}
    status = api.call("GET", "account/v1/adalovelace/block", auth="user", headers=accept)
    assert status.json() == {"data": {"blocked": False}}
    blocked = api.call("POST", "account/v1/adalovelace/block", auth="user", headers=accept)
    assert blocked.status_code == 201 and blocked.json() == {"data": {"blocked": True}}
    assert api.data("GET", "3/account/me/block", auth="user") == {
        "items": [{"url": "adalovelace"}], "next": None}
    assert api.data("GET", "3/account/adalovelace", auth="user")["is_blocked"] is True
    settings = api.data("GET", "3/account/me/settings", auth="user")
    assert settings["blocked_users"][0]["blocked_url"] == "adalovelace"
    unblocked = api.call("DELETE", "account/v1/adalovelace/block", auth="user")
    assert unblocked.json() == {"data": {"blocked": False}}
    missing = api.call("POST", "account/v1/nobodyhere/block", auth="user")
    assert missing.status_code == 404 and "errors" in missing.json()


def test_conversations_and_messages(api: RawAPI, fake: FakeImgur) -> None:
    listed = api.data("GET", "3/conversations", auth="user")
    assert [c["id"] for c in listed] == [SEED_CONVERSATION_ID]
    assert listed[0]["with_account"] == "adalovelace" and "messages" not in listed[0]
    detail = api.data("GET", f"3/conversations/{SEED_CONVERSATION_ID}/1/0", auth="user")
    assert [m["from"] for m in detail["messages"]] == ["adalovelace", SEED_USER, "adalovelace"]
    assert detail["done"] is True and detail["page"] == 1
    assert api.call("GET", f"3/conversations/{SEED_CONVERSATION_ID}/0/0",
                    auth="user").status_code == 400
    assert api.data("POST", "3/conversations/gracehopper", auth="user",
                    data={"body": "Hello Grace"}) is True
    grace = fake.issue_token("gracehopper")
    notes = api.data("GET", "3/notification", auth=api.bearer(grace.access_token))
    assert notes["messages"][0]["content"]["last_message"] == "Hello Grace"
    assert isinstance(notes["messages"][0]["content"]["message_num"], str)
    message_id = detail["messages"][0]["id"]
    assert api.data("GET", f"3/message/{message_id}", auth="user")["body"] == "Hello from Ada."
    assert len(api.data("GET", f"3/message/{message_id}/thread", auth="user")) == 3
    assert api.data("DELETE", f"3/message/{message_id}", auth="user") is True
    assert api.data("POST", "3/conversations/block/gracehopper", auth="user") is True
    assert api.data("POST", "3/conversations/report/gracehopper", auth="user") is True
    assert api.data("DELETE", f"3/conversations/{SEED_CONVERSATION_ID}", auth="user") is True
    assert SEED_CONVERSATION_ID not in [c["id"] for c in
                                        api.data("GET", "3/conversations", auth="user")]
    blocked = api.call("POST", f"3/account/{SEED_USER}/message",
                       auth=api.bearer(grace.access_token), data={"body": "Hi"})
    assert blocked.status_code == 403  # the tester blocked grace above
    assert api.data("POST", "3/account/adalovelace/message",
                    auth=api.bearer(grace.access_token), data={"body": "Hi"}) is True


def test_notifications_mark_viewed(api: RawAPI) -> None:
    notes = api.data("GET", "3/notification", auth="user")
    assert notes["replies"] and notes["messages"]
    reply = notes["replies"][0]
    assert reply["content"]["id"] and reply["viewed"] is False
    assert api.data("GET", f"3/notification/{reply['id']}", auth="user")["id"] == reply["id"]
    assert api.data("POST", f"3/notification/{reply['id']}", auth="user") is True
    ids = ",".join(str(n["id"]) for n in notes["messages"])
    assert api.data("POST", "3/notification", auth="user", data={"ids": ids}) is True
    assert api.data("GET", "3/notification", auth="user") == {"replies": [], "messages": []}
    everything = api.data("GET", "3/notification", auth="user", params={"new": "false"})
    assert len(everything["replies"]) == len(notes["replies"])
    legacy = api.data("GET", f"3/account/{SEED_USER}/notifications", auth="user")
    assert set(legacy) == {"replies", "messages"}
    assert api.call("GET", "3/notification").status_code == 401


def test_custom_galleries_and_filtered_tags(api: RawAPI) -> None:
    mine = api.data("GET", "3/g", auth="user")
    assert [g["id"] for g in mine] == [SEED_CUSTOM_GALLERY_ID]
    made = api.data("POST", "3/g", auth="user", data={"name": "Science", "tags": "science"})
    page = api.data("GET", f"3/g/{made['id']}/viral/week/0", auth="user")
    assert page["tags"] == ["science"] and page["items"]
    assert api.data("PUT", f"3/g/{made['id']}/add_tags", auth="user", data={"tags": "cats"})
    assert api.data("GET", f"3/g/{made['id']}/viral/week/0", auth="user")["tags"] == [
        "science", "cats"]
    assert api.data("DELETE", f"3/g/{made['id']}/remove_tags", auth="user",
                    params={"tags": "science"}) is True
    assert api.data("POST", f"3/g/{made['id']}", auth="user", data={"name": "Cats"}) is True
    assert api.data("DELETE", f"3/g/{made['id']}", auth="user") is True
    assert api.call("GET", f"3/g/{made['id']}/viral/week/0", auth="user").status_code == 404
    assert api.data("POST", "3/g/block_tag", auth="user", data={"tag": "science"}) is True
    assert api.data("GET", "3/g/filtered_out", auth="user")["tags"] == ["science"]
    hot = api.data("GET", "3/gallery/hot/viral/day/0", auth="user")
    assert all("science" not in [t["name"] for t in item["tags"]] for item in hot)
    assert api.data("POST", "3/g/unblock_tag", auth="user", data={"tag": "science"}) is True


def test_stats_and_account_delete(api: RawAPI, fake: FakeImgur) -> None:
    stats = api.data("GET", f"3/account/{SEED_USER}/stats")
    assert stats["total_images"] == 3 and stats["total_albums"] == 1
    assert api.data("DELETE", "3/account/me", auth="user") is True
    assert SEED_USER not in fake.state.accounts
    gone = api.call("GET", "3/account/me", auth="user")
    assert gone.status_code == 403 and error_of(gone) == "The access token provided is invalid."
