"""The ``Comment`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Comment(Basic_object):
    """A comment a user made on a gallery post, or a reply to a comment."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.COMMENT
    _id_field: ClassVar[str] = "id"

    id: Optional[int] = field(doc="The comment's id.")
