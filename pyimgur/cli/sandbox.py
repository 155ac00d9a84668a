"""``--sandbox``: a fresh in-process :class:`pyimgur.testing.FakeImgur` (no network)."""

from __future__ import annotations

from typing import Any, Optional

from ..imgur import Imgur
from .common import UsageError


def sandbox_imgur(user: bool = False, username: Optional[str] = None) -> tuple[Imgur, Any]:
    """An :class:`~pyimgur.Imgur` attached to a new seeded sandbox, and the sandbox.

    Anonymous unless ``user`` (then logged in as ``username``, default the
    sandbox's test user).
    """
    # imported here, so that only --sandbox loads the sandbox
    from ..testing import FakeImgur

    fake = FakeImgur()
    if not user:
        return fake.client(), fake
    name = username or fake.default_user
    if fake.state.account(name) is None:
        known = ", ".join(sorted(fake.state.accounts))
        raise UsageError(f"the sandbox has no user {name!r} (it has: {known})")
    return fake.user_client(name), fake
