"""The ``Message`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Message(Basic_object):
    """A message one user sent another."""

    _endpoint: ClassVar[Optional[Endpoint]] = None
    _id_field: ClassVar[str] = "id"

    id: Optional[int] = field(doc="The message's id.")
