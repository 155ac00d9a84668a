"""The ``Album`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Album(Basic_object):
    """An album: a collection of images."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.ALBUM
    _id_field: ClassVar[str] = "id"

    id: Optional[str] = field(doc="The album's id.")
