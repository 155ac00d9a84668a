"""Methods of :class:`~pyimgur.Imgur` (stub; filled in by its issue)."""

from __future__ import annotations

from .base import ImgurBase


class GalleryMethods(ImgurBase):
    """(stub)"""
