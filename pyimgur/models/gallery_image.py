"""The ``Gallery_image`` model (stub)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import model
from .gallery_item import Gallery_item
from .image import Image


@model
class Gallery_image(Image, Gallery_item):
    """An image submitted to the gallery."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_IMAGE
