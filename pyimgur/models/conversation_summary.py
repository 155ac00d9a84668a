"""The ``Conversation_summary`` model: the content of a message notification.

Imgur does not put a message in a message notification: it puts a summary of
the conversation with its newest message, numbers sent as text::

    {"id": "620", "from": "jasdev", "account_id": "384077",
     "with_account": "3698510", "last_message": "hey", "message_num": "103",
     "datetime": 1406935917, "spam": "0"}

``id`` is the **conversation's** id, not a message's.  Every field is read from
that summary; nothing is requested to read one (there is no endpoint that
returns a summary), and :attr:`Conversation_summary.conversation` gives the
whole conversation lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional

from ..plan import Pages, Plan, action, paged
from .base import Basic_object, field, lazy_ref, model, peek
from .conversation import Conversation
from .user import User

if TYPE_CHECKING:
    from .message import Message


@model
class Conversation_summary(Basic_object):
    """A conversation as a message notification shows it: who wrote last, what,
    and how many messages the conversation has.

    Made by Imgur's notifications (``Notification.content`` of a message
    notification), with no request.  Reading any field is free.  Two
    summaries are equal when they show the same message of the same
    conversation (same ``conversation_id``, ``message_count``, ``datetime``,
    ``author`` and ``body``).
    """

    _id_field: ClassVar[str] = "conversation_id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("message_count", "body")

    conversation_id: Optional[int] = field("id", doc="The id of the conversation.")
    author: Optional[User] = field(
        "from",
        convert=lazy_ref(User, "url"),
        doc="The user who sent the newest message (lazy).",
    )
    body: Optional[str] = field("last_message", doc="The text of the newest message.")
    message_count: Optional[int] = field(
        "message_num", doc="How many messages the conversation has, the newest included."
    )
    datetime: Optional[int] = field(doc="Epoch time of the newest message.")
    account_id: Optional[int] = field(doc="The account id Imgur sends as account_id.")
    with_account_id: Optional[int] = field(
        "with_account", doc="The account id Imgur sends as with_account."
    )
    is_spam: Optional[bool] = field("spam", doc="Did Imgur flag the message as spam?")

    @property
    def _identity(self) -> Any:
        conversation = peek(self, "conversation_id")
        if conversation is None:
            return None
        author = peek(self, "author")
        return (
            conversation,
            peek(self, "message_count"),
            peek(self, "datetime"),
            author._identity if author is not None else None,
            peek(self, "body"),
        )

    @property
    def conversation(self) -> Conversation:
        """The whole :class:`~pyimgur.Conversation` (lazy: no request until one
        of its fields is read)."""
        client = self._client
        conversation: Conversation = client.make(Conversation, {"id": self._conversation_id()})
        if not client.lazy:  # Imgur(lazy=False): loaded at once, as get_conversation does
            conversation._fetch(use_cache=False)
        return conversation

    def _conversation_id(self) -> int:
        identity = peek(self, "conversation_id")
        if identity is None:
            raise ValueError("this notification names no conversation")
        return int(identity)

    @paged
    def get_messages(self, limit: Optional[int] = None) -> Pages[Message]:
        """The messages of the conversation, oldest first (a lazy listing):
        :meth:`Conversation.get_messages`, 1 request per page read."""
        from .conversation import Conversation

        conversation = self._client.make(Conversation, {"id": self._conversation_id()})
        pages: Pages[Message] = Conversation.get_messages.describe(conversation, limit=limit)
        return pages

    @action
    def reply(self, body: str) -> Plan[None]:
        """Send ``body`` to :attr:`author`, the sender of the newest message,
        which adds it to this conversation (:meth:`Imgur.create_message`).

        Costs 1 request (legacy: Imgur may answer 404).

        :raises ValueError: the summary names no author (before any request).
        """
        from ..api.messaging import MessagingMethods

        author = peek(self, "author")
        if author is None:
            raise ValueError("this message has no author to reply to")
        yield from MessagingMethods.create_message.plan(self._client, author, body)
