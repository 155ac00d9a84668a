"""Field groups that several models share, declared once.

An image and an album carry the same fifteen fields about what was uploaded
(:class:`Uploaded`); an image and a gallery post the same gallery counters
(:class:`InGallery`).  The models derive from these groups, so a field, its
JSON key, converter, type and documentation exist once.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from .base import Basic_object, field, lazy_ref, list_of
from .tag import Tag
from .user import User

__all__ = ["InGallery", "Uploaded"]


def _text_or_none(value: Any, owner: Basic_object) -> Optional[str]:
    """A string field where Imgur sends ``""`` for "unknown" (``deletehash``)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError("expected str")
    return value


def _object(value: Any, owner: Basic_object) -> Optional[dict[str, Any]]:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return value


_group = attrs.define(slots=False, init=False, repr=False, eq=False, order=False)


@_group
class Uploaded(Basic_object):
    """The fields of something uploaded to Imgur: an image or an album."""

    id: Optional[str] = field(doc="Its id.")
    title: Optional[str] = field(doc="Its title.")
    description: Optional[str] = field(doc="Its description.")
    datetime: Optional[int] = field(doc="When it was uploaded or created, epoch seconds.")
    author: Optional[User] = field(
        "account_url",
        convert=lazy_ref(User, "url"),
        doc="The user who uploaded it (a lazy User), or None for anonymous uploads.",
    )
    account_id: Optional[int] = field(doc="The uploader's account id (0 when anonymous).")
    views: Optional[int] = field(doc="How many times it was viewed.")
    link: Optional[str] = field(
        doc="An image's file on the CDN; an album's page, ``https://imgur.com/a/{id}``."
    )
    is_favorited: Optional[bool] = field(
        "favorite", doc="Has the logged-in user favorited it?"
    )
    is_nsfw: Optional[bool] = field(
        "nsfw", doc="Is it Not Safe For Work? None when not known."
    )
    section: Optional[str] = field(doc="The subreddit or category it belongs to, if any.")
    deletehash: Optional[str] = field(
        convert=_text_or_none,
        doc="The key that deletes an anonymous upload (known to the uploader only).",
    )
    in_gallery: Optional[bool] = field(doc="Has it been submitted to the gallery?")
    is_ad: Optional[bool] = field(doc="Is it an advertisement?")
    ad_config: Optional[dict[str, Any]] = field(
        convert=_object, doc="Imgur's advertising flags for it."
    )


@_group
class InGallery(Basic_object):
    """The gallery counters of a post (an image shows them once it is in the gallery)."""

    ups: Optional[int] = field(doc="The number of upvotes.")
    downs: Optional[int] = field(doc="The number of downvotes.")
    points: Optional[int] = field(doc="ups - downs.")
    score: Optional[int] = field(doc="Imgur's popularity score of the post.")
    comment_count: Optional[int] = field(doc="The number of comments on the post.")
    favorite_count: Optional[int] = field(doc="How many users made the post a favorite.")
    tags: Optional[list[Tag]] = field(
        convert=list_of(Tag), doc="The post's tags, as partial Tag objects."
    )
    vote: Optional[str] = field(doc="The logged-in user's vote: 'up', 'down' or None.")
    in_most_viral: Optional[bool] = field(doc="Is the post in the most viral gallery?")
