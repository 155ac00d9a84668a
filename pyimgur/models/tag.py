"""The ``Tag`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Tag(Basic_object):
    """A tag that groups gallery posts."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.TAG_INFO
    _id_field: ClassVar[str] = "name"

    name: Optional[str] = field(doc="The tag's name.")

    def _path_params(self) -> dict[str, object]:
        return {"tag": self.__dict__.get("name")}
