"""The ``Notification`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class Notification(Basic_object):
    """A notification: a reply to one of the user's comments, or a message."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.NOTIFICATION
    _id_field: ClassVar[str] = "id"

    id: Optional[int] = field(doc="The notification's id.")
