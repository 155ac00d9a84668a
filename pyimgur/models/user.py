"""The ``User`` model (stub; its issue fills in fields and actions)."""

from __future__ import annotations

from typing import ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from .base import Basic_object, field, model


@model
class User(Basic_object):
    """A user (an account) on Imgur."""

    _endpoint: ClassVar[Optional[Endpoint]] = ep.ACCOUNT
    _id_field: ClassVar[str] = "name"

    name: Optional[str] = field("url", doc="The username.")

    def _path_params(self) -> dict[str, object]:
        return {"username": self.__dict__.get("name")}
