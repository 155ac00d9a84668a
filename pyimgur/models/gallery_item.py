"""``Gallery_item``: what gallery images and gallery albums share (stub)."""

from __future__ import annotations


class Gallery_item:
    """Functionality shared by :class:`Gallery_image` and :class:`Gallery_album`."""
