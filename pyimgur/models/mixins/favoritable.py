"""``Favoritable``: things a logged-in user can favorite and unfavorite."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from ...endpoints import Endpoint
from ...plan import Plan, action, call
from ..base import Basic_object, keep, peek

__all__ = ["Favoritable"]


class Favoritable(Basic_object):
    """Adds :meth:`favorite`, a toggle.

    The class names the endpoint in ``_favorite_endpoint`` (its path holds
    ``{id}``).  Imgur answers ``"favorited"`` or ``"unfavorited"``; the
    object's ``is_favorited`` field is set to the new state locally.
    """

    _favorite_endpoint: ClassVar[Optional[Endpoint]] = None

    @action
    def favorite(self) -> Plan[bool]:
        """Favorite this, or unfavorite it if the user already had (a toggle).

        Needs a logged-in user.  Costs 1 request; a favorite is never sent
        twice (a resend would undo it).

        :returns: ``True`` if it is now among the user's favorites.
        """
        endpoint = type(self)._favorite_endpoint
        if endpoint is None:
            raise TypeError(f"{type(self).__name__} objects cannot be favorited")
        answer = yield call(endpoint, id=self._identity)
        self._forget_cached()
        state = _now_favorited(answer, peek(self, "is_favorited"))
        keep(self, is_favorited=state)
        return state


def _now_favorited(answer: Any, before: Optional[bool]) -> bool:
    """Read Imgur's answer; a bare ``true`` means the toggle flipped the old state."""
    if isinstance(answer, str):
        text = answer.strip().lower()
        if text == "favorited":
            return True
        if text == "unfavorited":
            return False
    if isinstance(answer, dict) and "favorite" in answer:
        return bool(answer["favorite"])
    return not before
