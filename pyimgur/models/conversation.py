"""The ``Conversation`` model: Imgur's messaging since 2015.

Legacy: the conversation endpoints (``/3/conversations``) left Imgur's
documentation in 2017; Imgur may answer them with 404 (raised as
:class:`~pyimgur.NotFound`).  A conversation's messages are paged from page
**1** (not 0), oldest first.
"""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from ..plan import Pages, Plan, action, call, paged
from .base import Basic_object, field, lazy_ref, list_of, model, peek
from .message import Message
from .user import User

FIRST_PAGE = 1


@model
class Conversation(Basic_object):
    """A conversation: the messages between the logged-in user and another user.

    Made by :meth:`Imgur.get_conversation` (no request) or
    :meth:`Imgur.get_conversations`.  Reading a field that is not loaded costs
    one request (``GET /3/conversations/{id}/1/0``, the first page).
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.CONVERSATION
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("with_account",)

    id: Optional[int] = field(doc="The conversation's id.")
    last_message_preview: Optional[str] = field(doc="The start of the newest message.")
    datetime: Optional[int] = field(doc="Epoch time of the newest message.")
    with_account: Optional[User] = field(
        convert=lazy_ref(User, "url"), doc="The other user of the conversation."
    )
    with_account_id: Optional[int] = field(doc="The other user's account id.")
    message_count: Optional[int] = field(doc="How many messages the conversation has.")
    messages: Optional[list[Message]] = field(
        convert=list_of(Message),
        doc="The messages of the first page (oldest first); get_messages() gives all.",
    )
    done: Optional[bool] = field(doc="Is the loaded page the last one?")
    page: Optional[int] = field(doc="The number of the loaded page (from 1).")

    def _path_params(self) -> dict[str, object]:
        return {"id": self._identity, "page": FIRST_PAGE, "offset": 0}

    @paged
    def get_messages(self, limit: Optional[int] = None) -> Pages[Message]:
        """Every message of the conversation, oldest first: a lazy listing.

        Costs 1 request per page read (pages from 1); the page Imgur marks
        ``done`` is the last one asked for.  Nothing is requested until used.
        """
        identity = self._identity
        finished = [False]

        def read(session: Any, data: Any) -> list[Message]:
            if not isinstance(data, dict):
                return []
            finished[0] = bool(data.get("done"))
            items = data.get("messages") or []
            return [
                session.make(Message, dict({"conversation_id": identity}, **item))
                for item in items
                if isinstance(item, dict)
            ]

        return Pages(ep.CONVERSATION, _read_whole, {"id": identity, "offset": 0}, limit=limit,
                     first_page=FIRST_PAGE, read=read, finished=lambda: finished[0])

    def _other_user(self) -> Plan[str]:
        yield from self._need("with_account")
        other = self.with_account
        name = peek(other, "name") if isinstance(other, Basic_object) else None
        if not name:
            raise ValueError("this conversation names no other user")
        return str(name)

    @action
    def delete(self) -> Plan[None]:
        """Delete the conversation.  Costs 1 request (legacy: Imgur may answer 404)."""
        yield call(ep.CONVERSATION_DELETE, id=self._identity)

    @action
    def report_sender(self) -> Plan[None]:
        """Report the other user for messages against Imgur's terms.

        Costs 1 request (2 when :attr:`with_account` is not loaded yet).
        Legacy: Imgur may answer 404 (raised as :class:`~pyimgur.NotFound`).
        """
        yield call(ep.CONVERSATION_REPORT, username=(yield from self._other_user()))

    @action
    def block_sender(self) -> Plan[None]:
        """Block the other user from messaging the logged-in user.

        Costs 1 request (2 when :attr:`with_account` is not loaded yet).
        Legacy: Imgur may answer 404 (raised as :class:`~pyimgur.NotFound`).
        """
        yield call(ep.CONVERSATION_BLOCK, username=(yield from self._other_user()))


def _read_whole(session: Any, json: dict[str, Any]) -> Any:  # pragma: no cover - read() is used
    raise TypeError("conversation pages are read whole")
