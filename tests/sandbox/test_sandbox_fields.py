"""The sandbox's JSON carries every field imgur-api.md section 5 lists for each model.

The expected lists are kept here, written from the reference: a field the
real API sends must not be missing from the sandbox.
"""

from __future__ import annotations

from typing import Any

from sandbox_helpers import RawAPI

from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_COMMENT_ID,
    SEED_CONVERSATION_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_TAG,
    SEED_USER,
    SEED_VIDEO_ID,
)

IMAGE = {
    "id", "title", "description", "datetime", "type", "animated", "width", "height", "size",
    "views", "bandwidth", "vote", "favorite", "nsfw", "section", "account_url", "account_id",
    "is_ad", "in_most_viral", "has_sound", "tags", "ad_type", "ad_url", "edited", "in_gallery",
    "deletehash", "name", "link", "gifv", "mp4", "mp4_size", "looping", "hls", "ad_config",
}
VIDEO_EXTRA = {"processing"}
ALBUM = {
    "id", "title", "description", "datetime", "cover", "cover_edited", "cover_width",
    "cover_height", "account_url", "account_id", "privacy", "layout", "views", "link",
    "favorite", "nsfw", "section", "order", "images_count", "images", "in_gallery", "is_ad",
    "include_album_ads", "is_album", "ad_config",
}
OWNER_ALBUM_EXTRA = {"deletehash"}
GALLERY_EXTRA = {
    "ups", "downs", "points", "score", "is_album", "comment_count", "favorite_count", "topic",
    "topic_id", "tags", "in_most_viral", "vote",
}
TAG = {
    "name", "display_name", "followers", "total_items", "following", "is_whitelisted",
    "background_hash", "thumbnail_hash", "accent", "background_is_animated",
    "thumbnail_is_animated", "is_promoted", "description", "logo_hash", "logo_destination_url",
    "description_annotations",
}
COMMENT = {
    "id", "image_id", "comment", "author", "author_id", "on_album", "album_cover", "ups",
    "downs", "points", "datetime", "parent_id", "deleted", "vote", "platform",
    "has_admin_badge", "children",
}
ACCOUNT = {
    "id", "url", "bio", "avatar", "avatar_name", "cover", "cover_name", "reputation",
    "reputation_name", "created", "pro_expiration", "user_follow", "is_blocked",
}
SETTINGS = {
    "account_url", "email", "high_quality", "public_images", "album_privacy", "pro_expiration",
    "accepted_gallery_terms", "active_emails", "messaging_enabled", "blocked_users",
    "show_mature", "first_party",
}
GALLERY_PROFILE = {"total_gallery_comments", "total_gallery_favorites",
                   "total_gallery_submissions", "trophies"}
CONVERSATION = {"id", "last_message_preview", "datetime", "with_account_id", "with_account",
                "message_count"}
CONVERSATION_DETAIL = CONVERSATION | {"messages", "done", "page"}
MESSAGE = {"id", "from", "account_id", "sender_id", "body", "conversation_id", "datetime"}
NOTIFICATION = {"id", "account_id", "viewed", "content"}
MESSAGE_META = {"id", "from", "account_id", "with_account", "last_message", "message_num",
                "datetime"}
CREDITS = {"UserLimit", "UserRemaining", "UserReset", "ClientLimit", "ClientRemaining"}
AD_CONFIG = {"safeFlags", "highRiskFlags", "unsafeFlags", "wallUnsafeFlags", "showsAds",
             "showAdLevel", "nsfw_score"}


def missing(expected: set[str], data: dict[str, Any]) -> set[str]:
    return expected - set(data)


def test_image(api: RawAPI) -> None:
    image = api.data("GET", f"3/image/{SEED_IMAGE_ID}")
    assert missing(IMAGE, image) == set()
    assert missing(AD_CONFIG, image["ad_config"]) == set()
    assert missing(IMAGE | VIDEO_EXTRA, api.data("GET", f"3/image/{SEED_VIDEO_ID}")) == set()
    types = {"id": str, "datetime": int, "width": int, "size": int, "animated": bool,
             "edited": str, "tags": list, "link": str, "account_id": int}
    for key, kind in types.items():
        assert isinstance(image[key], kind), key


def test_album(api: RawAPI) -> None:
    album = api.data("GET", f"3/album/{SEED_ALBUM_ID}", auth="user")
    assert missing(ALBUM | OWNER_ALBUM_EXTRA, album) == set()
    for image in album["images"]:
        assert missing(IMAGE, image) == set()


def test_gallery_image_and_album(api: RawAPI) -> None:
    image = api.data("GET", f"3/gallery/image/{SEED_GALLERY_IMAGE_ID}")
    assert missing(IMAGE | GALLERY_EXTRA, image) == set()
    assert image["is_album"] is False
    for tag in image["tags"]:
        assert missing(TAG, tag) == set()
    album = api.data("GET", f"3/gallery/album/{SEED_GALLERY_ALBUM_ID}")
    assert missing(ALBUM | GALLERY_EXTRA, album) == set()
    assert album["is_album"] is True
    for item in api.data("GET", "3/gallery/hot/viral/day/0"):
        assert missing(GALLERY_EXTRA, item) == set()
        assert missing((ALBUM - {"images"}) if item["is_album"] else IMAGE, item) == set()


def test_comment(api: RawAPI) -> None:
    comment = api.data("GET", f"3/comment/{SEED_COMMENT_ID}")
    assert missing(COMMENT, comment) == set()
    assert isinstance(comment["id"], int) and comment["parent_id"] == 0
    for child in comment["children"]:
        assert missing(COMMENT, child) == set()


def test_tag(api: RawAPI) -> None:
    assert missing(TAG, api.data("GET", f"3/gallery/tag_info/{SEED_TAG}")) == set()
    tagged = api.data("GET", f"3/gallery/t/{SEED_TAG}/viral/week/0")
    assert missing(TAG | {"items"}, tagged) == set()
    for tag in api.data("GET", "3/tags")["tags"]:
        assert missing(TAG | {"id"}, tag) == set()
        assert isinstance(tag["id"], str)


def test_account_settings_profile(api: RawAPI) -> None:
    assert missing(ACCOUNT, api.data("GET", f"3/account/{SEED_USER}")) == set()
    assert missing(SETTINGS, api.data("GET", "3/account/me/settings", auth="user")) == set()
    profile = api.data("GET", f"3/account/{SEED_USER}/gallery_profile")
    assert missing(GALLERY_PROFILE, profile) == set()


def test_conversation_message_notification(api: RawAPI) -> None:
    for conversation in api.data("GET", "3/conversations", auth="user"):
        assert missing(CONVERSATION, conversation) == set()
    detail = api.data("GET", f"3/conversations/{SEED_CONVERSATION_ID}/1/0", auth="user")
    assert missing(CONVERSATION_DETAIL, detail) == set()
    for message in detail["messages"]:
        assert missing(MESSAGE, message) == set()
    notes = api.data("GET", "3/notification", auth="user")
    for note in notes["replies"]:
        assert missing(NOTIFICATION, note) == set()
        assert missing(COMMENT - {"children"}, note["content"]) == set()
    for note in notes["messages"]:
        assert missing(MESSAGE_META, note["content"]) == set()
        assert all(isinstance(note["content"][k], str)
                   for k in ("id", "account_id", "with_account", "message_num"))


def test_credits_and_votes(api: RawAPI) -> None:
    assert missing(CREDITS, api.data("GET", "3/credits")) == set()
    votes = api.data("GET", f"3/gallery/{SEED_GALLERY_IMAGE_ID}/votes")
    assert set(votes) == {"ups", "downs"}
