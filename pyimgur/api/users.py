"""User methods of :class:`~pyimgur.Imgur`: users, the logged-in user, blocked users.

Messages, conversations and notifications live in :mod:`pyimgur.api.messaging`,
custom galleries in :mod:`pyimgur.api.custom_gallery`; ``UserMethods`` mixes
both in.
"""

from __future__ import annotations

from typing import Any

from .. import endpoints as ep
from ..models.base import keep
from ..models.user import ME, User
from ..plan import Pages, Plan, action, paged
from .base import ImgurBase


class UserMethods(ImgurBase):
    """Users and the logged-in user."""

    @action
    def get_user(self, username: str, *, fetch: bool = False) -> Plan[User]:
        """A :class:`~pyimgur.User` for this username.

        No request; reading a field that is not loaded costs one.  With
        ``fetch=True`` it is loaded now (1 request; :class:`~pyimgur.NotFound`
        if there is no such user).  ``"me"`` means the logged-in user, as in
        :meth:`get_current_user`.

        :param username: the name of the user we want more information about.
        """
        if not isinstance(username, str):
            raise TypeError(f"username must be a string, not {type(username).__name__}")
        if not username.strip():
            raise ValueError("username must not be empty")
        if username.lower() == ME:
            current: User = yield from UserMethods.get_current_user.plan(self, fetch=fetch)
            return current
        user: User = yield from self.obtain(User, {"url": username}, fetch)
        return user

    @action
    def get_current_user(self, *, fetch: bool = False) -> Plan[User]:
        """The logged-in user, a :class:`~pyimgur.User`.

        No request (1 with ``fetch=True``).  Its requests always say ``me``.
        Its ``name`` is the real username when the token exchange or refresh
        told it (``account_username``), else ``"me"`` until it is loaded (see
        :mod:`pyimgur.models.user` on equality and hashing).

        :raises AuthenticationError: only a client id is set (no request made).
        """
        self._require_user(ep.ACCOUNT, always=True)
        # the name is known without a request when the token answer said it
        user: User = self._make(User, {"url": self.credentials.username or ME})
        keep(user, _request_name=ME)
        if self.wants_load(fetch):
            yield from user._load_plan(use_cache=False)
        return user

    @paged
    def get_blocked_users(self) -> Pages[User]:
        """The users the logged-in user has blocked (lazy :class:`~pyimgur.User`
        objects).  Costs 1 request when first used.

        Imgur's answer has a ``next`` cursor whose parameter is undocumented;
        only the first batch is returned.
        """
        def make(item: dict[str, Any]) -> User:
            user: User = self._make(User, item)
            return user

        return self._pages(ep.BLOCKED_USERS, make, items_key="items")
