"""The ``Conversation`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Conversation(Basic_object):
    """A conversation: the messages between the logged-in user and another user."""

    _endpoint: ClassVar[Optional[Endpoint]] = None
    _id_field: ClassVar[str] = "id"

    id: Optional[int] = field(doc="The conversation's id.")
