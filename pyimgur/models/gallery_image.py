"""The ``Gallery_image`` model: an image submitted to the gallery."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import model
from .gallery_item import Gallery_item
from .image import Image


@model
class Gallery_image(Image, Gallery_item):
    """An image submitted to the gallery.

    It has every field of :class:`Image` and of :class:`Gallery_item`;
    ``datetime`` is the time it entered the gallery.  ``refresh()`` and lazy
    loading use ``GET /3/gallery/image/{id}``.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_IMAGE
