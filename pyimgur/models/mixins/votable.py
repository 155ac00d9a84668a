"""``Votable``: things a logged-in user can upvote, downvote or un-vote."""

from __future__ import annotations

from typing import ClassVar, Optional

from ...endpoints import Endpoint
from ...plan import Plan, action, call
from ..base import Basic_object, is_loaded, keep, peek

__all__ = ["Votable"]


class Votable(Basic_object):
    """Adds :meth:`upvote`, :meth:`downvote` and :meth:`clear_vote`.

    The class names the endpoint in ``_vote_endpoint``; its path holds
    ``{id}`` and ``{vote}`` (``up``, ``down`` or ``veto``).  A vote is a
    toggle on Imgur, so it is never sent twice (the transport does not retry
    it).  After the call the object's ``vote`` field is updated locally:
    voting the way the user already voted clears the vote, as Imgur does.
    """

    _vote_endpoint: ClassVar[Optional[Endpoint]] = None

    @action
    def upvote(self) -> Plan[None]:
        """Like this (needs a logged-in user).  Costs 1 request.

        An upvote replaces a neutral vote or a downvote; upvoting what the
        user already upvoted sets the vote back to neutral.
        """
        yield from self._send_vote("up")

    @action
    def downvote(self) -> Plan[None]:
        """Dislike this (needs a logged-in user).  Costs 1 request.

        A downvote replaces a neutral vote or an upvote; downvoting what the
        user already downvoted sets the vote back to neutral.
        """
        yield from self._send_vote("down")

    @action
    def clear_vote(self) -> Plan[None]:
        """Take back the user's vote ("veto"; needs a logged-in user).  Costs 1 request."""
        yield from self._send_vote("veto")

    def _send_vote(self, vote: str) -> Plan[None]:
        endpoint = type(self)._vote_endpoint
        if endpoint is None:
            raise TypeError(f"{type(self).__name__} objects cannot be voted on")
        yield call(endpoint, vote=vote, id=self._identity)
        self._forget_cached()
        if vote == "veto":
            keep(self, vote=None)
        elif is_loaded(self, "vote") and peek(self, "vote") == vote:
            keep(self, vote=None)  # the same vote again toggles it off
        else:
            keep(self, vote=vote)
