"""pyimgur for asyncio and trio: :class:`AsyncImgur` (``pip install "pyimgur[async]"``).

The async flavour runs the same plans as the sync one (:mod:`pyimgur.plan`):
one description of every call, two runners.  See ``docs/async.rst``.
"""

from __future__ import annotations

from .client import AsyncImgur
from .listing import AsyncListing
from .models import (
    AsyncAlbum,
    AsyncComment,
    AsyncConversation,
    AsyncCustom_gallery,
    AsyncGallery_album,
    AsyncGallery_image,
    AsyncGallery_item,
    AsyncImage,
    AsyncMessage,
    AsyncNotification,
    AsyncObject,
    AsyncTag,
    AsyncUser,
    NotLoaded,
)
from .transport import AsyncTransport

__all__ = [
    "AsyncAlbum",
    "AsyncComment",
    "AsyncConversation",
    "AsyncCustom_gallery",
    "AsyncGallery_album",
    "AsyncGallery_image",
    "AsyncGallery_item",
    "AsyncImage",
    "AsyncImgur",
    "AsyncListing",
    "AsyncMessage",
    "AsyncNotification",
    "AsyncObject",
    "AsyncTag",
    "AsyncTransport",
    "AsyncUser",
    "NotLoaded",
]
