"""``--sandbox``: a fresh in-process :class:`pyimgur.testing.FakeImgur` (no network)."""

from __future__ import annotations

import importlib
from typing import Any, Optional

from ..imgur import Imgur
from .common import UsageError


def sandbox_imgur(user: bool = False, username: Optional[str] = None) -> tuple[Imgur, Any]:
    """An :class:`~pyimgur.Imgur` attached to a new seeded sandbox, and the sandbox.

    Anonymous unless ``user`` (then logged in as ``username``, default the
    first sample user).
    """
    # imported here: the sandbox is only loaded when asked for
    fake_imgur: Any = importlib.import_module("pyimgur.testing").FakeImgur
    fake = fake_imgur()
    if not user:
        return Imgur(fake.client_id, sandbox=fake), fake
    name = username or fake.default_username
    if not fake.has_user(name):
        raise UsageError(f"the sandbox has no user {name!r}")
    return fake.client(name), fake
