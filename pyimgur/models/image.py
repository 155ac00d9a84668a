"""The ``Image`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Image(Basic_object):
    """An image uploaded to Imgur."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.IMAGE
    _id_field: ClassVar[str] = "id"

    id: Optional[str] = field(doc="The image's id.")
    title: Optional[str] = field(doc="The image's title.")
