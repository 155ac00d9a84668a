"""The ``Gallery_album`` model: an album submitted to the gallery."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .album import Album
from .base import model
from .gallery_item import Gallery_item


@model
class Gallery_album(Album, Gallery_item):
    """An album submitted to the gallery.

    It has every field of :class:`Album` and of :class:`Gallery_item`.
    ``refresh()`` and lazy loading use ``GET /3/gallery/album/{id}``.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_ALBUM
