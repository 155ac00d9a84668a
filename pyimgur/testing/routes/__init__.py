"""The sandbox's routes, one module per area; importing this package registers them all."""

from __future__ import annotations

from . import account, account_content, album, comment, custom, gallery, image, oauth, social, tags

__all__ = [
    "account",
    "account_content",
    "album",
    "comment",
    "custom",
    "gallery",
    "image",
    "oauth",
    "social",
    "tags",
]
