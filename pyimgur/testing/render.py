"""The JSON of every model, as one viewer sees it (imgur-api.md section 5).

Per-viewer fields (``vote``, ``favorite``, ``deletehash``, ``name``,
``following``) come from the records; links point at i.imgur.com in process
and at the loopback server's ``/cdn/`` when served.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from . import state
from .media import EXTENSIONS

_AD_CONFIG = {
    "safeFlags": ["onsfw_mod_safe", "share", "page_load"],
    "highRiskFlags": [],
    "unsafeFlags": [],
    "wallUnsafeFlags": [],
    "showsAds": False,
    "showAdLevel": 1,
    "safe_flags": ["onsfw_mod_safe", "share", "page_load"],
    "high_risk_flags": [],
    "unsafe_flags": [],
    "wall_unsafe_flags": [],
    "show_ads": False,
    "show_ad_level": 1,
    "nsfw_score": 0,
}
_REPUTATION = ((0, "Neutral"), (400, "Accepted"), (1000, "Liked"), (2000, "Trusted"),
               (4000, "Idolized"), (8000, "Renowned"), (20000, "Glorious"))


@dataclass
class View:
    """Who is looking, and where the CDN is."""

    world: state.World
    viewer: Optional[str]
    cdn: str = "https://i.imgur.com/"
    site: str = "https://imgur.com/"


def ext(image: state.Image) -> str:
    return EXTENSIONS.get(image.mime, "png")


def _owner_id(view: View, owner: Optional[str]) -> Any:
    account = view.world.accounts.get(owner) if owner else None
    return account.id if account else None


def image(view: View, img: state.Image) -> dict[str, Any]:
    """Image (5.1)."""
    mine = img.owner is not None and img.owner == view.viewer
    link = f"{view.cdn}{img.id}.{ext(img)}"
    video = img.is_video or img.mime == "image/gif"
    post = view.world.posts.get(img.id)
    account = view.world.accounts.get(view.viewer) if view.viewer else None
    data: dict[str, Any] = {
        "id": img.id,
        "title": img.title,
        "description": img.description,
        "datetime": img.datetime,
        "type": img.mime,
        "animated": img.animated,
        "width": img.width,
        "height": img.height,
        "size": len(img.data),
        "views": img.views,
        "bandwidth": img.views * len(img.data),
        "vote": post.votes.get(view.viewer) if post and view.viewer else None,
        "favorite": bool(account and img.id in account.favorites),
        "nsfw": img.nsfw,
        "section": img.section,
        "account_url": img.owner,
        "account_id": _owner_id(view, img.owner) if img.owner else 0,
        "is_ad": False,
        "in_most_viral": bool(post and post.in_most_viral),
        "has_sound": img.has_sound,
        "tags": [],
        "ad_type": 0,
        "ad_url": "",
        "edited": "1" if img.edited else "0",
        "in_gallery": post is not None,
        "deletehash": img.deletehash if mine else "",
        "name": img.name if mine else "",
        "link": link,
        "mp4": f"{view.cdn}{img.id}.mp4" if video else "",
        "gifv": f"{view.cdn}{img.id}.gifv" if video else "",
        "hls": f"{view.cdn}{img.id}.m3u8" if img.is_video else "",
        "mp4_size": len(img.data) if video else 0,
        "looping": video,
        "ad_config": dict(_AD_CONFIG),
    }
    if img.is_video:
        data["processing"] = {"status": "pending" if img.processing_left else "completed"}
    if img.is_video and img.processing_left:
        data["size"] = 0
    return data


def album(view: View, alb: state.Album, with_images: bool = True) -> dict[str, Any]:
    """Album (5.2); ``images`` only on a direct fetch."""
    mine = alb.owner is not None and alb.owner == view.viewer
    world = view.world
    images = [world.images[i] for i in alb.images if i in world.images]
    cover_id = alb.cover if alb.cover in world.images else (images[0].id if images else None)
    cover = world.images.get(cover_id) if cover_id else None
    account = world.accounts.get(view.viewer) if view.viewer else None
    post = world.posts.get(alb.id)
    data: dict[str, Any] = {
        "id": alb.id,
        "title": alb.title,
        "description": alb.description,
        "datetime": alb.datetime,
        "cover": cover_id,
        "cover_edited": None,
        "cover_width": cover.width if cover else None,
        "cover_height": cover.height if cover else None,
        "account_url": alb.owner,
        "account_id": _owner_id(view, alb.owner),
        "privacy": alb.privacy,
        "layout": alb.layout,
        "views": alb.views,
        "link": f"{view.site}a/{alb.id}",
        "favorite": bool(account and alb.id in account.favorites),
        "nsfw": alb.nsfw,
        "section": alb.section,
        "images_count": len(images),
        "in_gallery": post is not None,
        "is_ad": False,
        "include_album_ads": False,
        "is_album": True,
        "ad_config": dict(_AD_CONFIG),
    }
    if mine:
        data["deletehash"] = alb.deletehash
    data["order"] = 0
    if with_images:
        data["images"] = [image(view, img) for img in images]
    return data


def _vote_counts(post: state.Post) -> tuple[int, int]:
    ups = post.base_ups + sum(1 for v in post.votes.values() if v == "up")
    downs = post.base_downs + sum(1 for v in post.votes.values() if v == "down")
    return ups, downs


def gallery_item(view: View, post: state.Post, with_images: bool = True) -> dict[str, Any]:
    """GalleryImage (5.3) or GalleryAlbum (5.4)."""
    world = view.world
    if post.is_album:
        data = album(view, world.albums[post.id], with_images=with_images)
    else:
        data = image(view, world.images[post.id])
    ups, downs = _vote_counts(post)
    subreddit = post.subreddit is not None
    comments = [c for c in world.comments.values() if c.image_id == post.id and not c.deleted]
    favorites = sum(1 for a in world.accounts.values() if post.id in a.favorites)
    data.update(
        {
            "title": post.title,
            "datetime": post.datetime,
            "ups": None if subreddit else ups,
            "downs": None if subreddit else downs,
            "points": None if subreddit else ups - downs,
            "score": None if subreddit else (ups - downs) * 3 + post.views // 100,
            "is_album": post.is_album,
            "vote": post.votes.get(view.viewer) if view.viewer else None,
            "comment_count": None if subreddit else len(comments),
            "favorite_count": favorites,
            "topic": world.topics[post.topic_id].name if post.topic_id in world.topics else None,
            "topic_id": post.topic_id,
            "tags": [tag(view, world.tags[t]) for t in post.tags if t in world.tags],
            "in_most_viral": post.in_most_viral,
            "in_gallery": True,
            "nsfw": post.mature,
            "section": post.subreddit if subreddit else data.get("section"),
            "views": post.views,
        }
    )
    if subreddit:
        data["reddit_comments"] = f"/r/{post.subreddit}/comments/{post.id.lower()}"
    if post.meme:
        data["meme_metadata"] = {
            "meme_name": post.title,
            "top_text": post.title.upper(),
            "bottom_text": "",
            "bg_image": f"{view.cdn}{post.id}.png",
        }
    return data


def comment(view: View, com: state.Comment, with_children: bool = True) -> dict[str, Any]:
    """Comment (5.6) with its reply tree in ``children``."""
    world = view.world
    author = world.accounts.get(com.author)
    ups = com.base_ups + sum(1 for v in com.votes.values() if v == "up")
    downs = com.base_downs + sum(1 for v in com.votes.values() if v == "down")
    on_album = com.image_id in world.albums
    cover = None
    if on_album:
        cover = album(view, world.albums[com.image_id], with_images=False)["cover"]
    data: dict[str, Any] = {
        "id": com.id,
        "image_id": com.image_id,
        "comment": "[deleted]" if com.deleted else com.comment,
        "author": "[deleted]" if com.deleted else com.author,
        "author_id": 0 if com.deleted or author is None else author.id,
        "on_album": on_album,
        "album_cover": cover,
        "ups": ups,
        "downs": downs,
        "points": ups - downs,
        "datetime": com.datetime,
        "parent_id": com.parent_id,
        "deleted": com.deleted,
        "vote": com.votes.get(view.viewer) if view.viewer else None,
        "platform": com.platform,
        "has_admin_badge": False,
    }
    if with_children:
        data["children"] = [
            comment(view, world.comments[c])
            for c in com.children
            if c in world.comments and visible(world, world.comments[c])
        ]
    return data


def visible(world: state.World, com: state.Comment) -> bool:
    """A deleted comment stays in a tree only while it has visible replies."""
    if not com.deleted:
        return True
    return any(c in world.comments and visible(world, world.comments[c]) for c in com.children)


def tag(view: View, tg: state.Tag, with_id: bool = False) -> dict[str, Any]:
    """Tag (5.5), without ``items``."""
    world = view.world
    followers = tg.base_followers + sum(1 for a in world.accounts.values()
                                        if tg.name in a.followed_tags)
    account = world.accounts.get(view.viewer) if view.viewer else None
    data: dict[str, Any] = {
        "name": tg.name,
        "display_name": tg.display_name,
        "followers": followers,
        "total_items": sum(1 for p in world.posts.values() if tg.name in p.tags),
        "following": bool(account and tg.name in account.followed_tags),
        "is_whitelisted": tg.is_whitelisted,
        "background_hash": tg.background_hash,
        "thumbnail_hash": tg.thumbnail_hash,
        "accent": tg.accent,
        "background_is_animated": False,
        "thumbnail_is_animated": False,
        "is_promoted": tg.is_promoted,
        "description": tg.description,
        "logo_hash": None,
        "logo_destination_url": None,
        "description_annotations": {},
    }
    if with_id:
        data["id"] = tg.tag_id
    return data


def reputation_name(points: int) -> str:
    name = "Neutral"
    for floor, label in _REPUTATION:
        if points >= floor:
            name = label
    return name


def account(view: View, acc: state.Account) -> dict[str, Any]:
    """Account (5.7)."""
    me = view.world.accounts.get(view.viewer) if view.viewer else None
    return {
        "id": acc.id,
        "url": acc.url,
        "bio": acc.bio,
        "avatar": f"{view.cdn}user/{acc.url}/avatar",
        "avatar_name": acc.avatar_name,
        "cover": f"{view.cdn}user/{acc.url}/cover",
        "cover_name": acc.cover_name,
        "reputation": acc.reputation,
        "reputation_name": reputation_name(acc.reputation),
        "created": acc.created,
        "pro_expiration": acc.pro_expiration,
        "user_follow": {"status": False},
        "is_blocked": bool(me and acc.url in me.blocked),
    }


def settings(view: View, acc: state.Account) -> dict[str, Any]:
    """AccountSettings (5.8)."""
    world = view.world
    blocked = [
        {"blocked_id": world.accounts[name].id, "blocked_url": name}
        for name in acc.blocked
        if name in world.accounts
    ]
    return {
        "account_url": acc.url,
        "email": acc.email,
        "high_quality": False,
        "public_images": acc.public_images,
        "album_privacy": acc.album_privacy,
        "pro_expiration": acc.pro_expiration,
        "accepted_gallery_terms": acc.accepted_gallery_terms,
        "active_emails": [acc.email] if acc.email else [],
        "messaging_enabled": acc.messaging_enabled,
        "blocked_users": blocked,
        "show_mature": acc.show_mature,
        "newsletter_subscribed": acc.newsletter_subscribed,
        "first_party": True,
    }


def message(view: View, msg: state.Message) -> dict[str, Any]:
    """Message (5.10)."""
    sender = view.world.accounts.get(msg.sender)
    sender_id = sender.id if sender else 0
    return {
        "id": msg.id,
        "from": msg.sender,
        "account_id": sender_id,
        "sender_id": sender_id,
        "body": msg.body,
        "conversation_id": msg.conversation_id,
        "datetime": msg.datetime,
    }


def conversation(
    view: View, conv: state.Conversation, messages: Optional[list[dict[str, Any]]] = None,
    page: int = 1, done: bool = True,
) -> dict[str, Any]:
    """Conversation (5.10); ``messages`` only on the detail call."""
    other = next((m for m in conv.members if m != view.viewer), conv.members[0])
    other_account = view.world.accounts.get(other)
    last = conv.messages[-1] if conv.messages else None
    data: dict[str, Any] = {
        "id": conv.id,
        "last_message_preview": last.body[:100] if last else "",
        "datetime": last.datetime if last else 0,
        "with_account_id": other_account.id if other_account else 0,
        "with_account": other,
        "message_count": len(conv.messages),
    }
    if messages is not None:
        data.update({"messages": messages, "done": done, "page": page})
    return data


def notification(view: View, note: state.Notification) -> dict[str, Any]:
    """Notification (5.11): a comment, or message metadata with numbers as strings."""
    world = view.world
    account = world.accounts.get(note.account)
    content: dict[str, Any] = {}
    if note.kind == "reply" and note.ref in world.comments:
        content = comment(view, world.comments[note.ref], with_children=False)
    elif note.kind == "message":
        for conv in world.conversations.values():
            for msg in conv.messages:
                if msg.id == note.ref:
                    sender = world.accounts.get(msg.sender)
                    content = {
                        "id": str(conv.id),
                        "from": msg.sender,
                        "account_id": str(sender.id if sender else 0),
                        "with_account": str(account.id if account else 0),
                        "last_message": msg.body,
                        "message_num": str(len(conv.messages)),
                        "datetime": msg.datetime,
                    }
    return {
        "id": note.id,
        "account_id": account.id if account else 0,
        "viewed": note.viewed,
        "content": content,
    }
