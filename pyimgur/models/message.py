"""The ``Message`` model: a message one user sent another.

Imgur has had two messaging APIs, both gone from its current documentation:
the 2013-14 message API (``/3/message/{id}``...) and the conversations that
replaced it (``/3/conversations``, see :class:`~pyimgur.Conversation`).  A
message that belongs to a conversation (``conversation_id`` is set) is
answered and threaded through the conversation; any other through the old
message API.  Imgur may answer either with 404 (:class:`~pyimgur.NotFound`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from ..plan import Pages, Plan, action, call, paged
from .base import Basic_object, field, lazy_ref, model, peek
from .user import User

if TYPE_CHECKING:
    pass


@model
class Message(Basic_object):
    """A message one user sent another.

    Made by :meth:`Imgur.get_message` (no request) or by a conversation (a
    message :class:`~pyimgur.Notification` carries a
    :class:`~pyimgur.Conversation_summary` instead).  Reading a field that is
    not loaded costs one request (``GET /3/message/{id}``, legacy: Imgur may
    answer 404).  Numbers Imgur sends as text are read as numbers.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.MESSAGE
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("author",)

    id: Optional[int] = field(doc="The message's id.")
    author: Optional[User] = field(
        "from", convert=lazy_ref(User, "url"), doc="The user who sent the message."
    )
    body: Optional[str] = field(doc="The text of the message.")
    subject: Optional[str] = field(doc="The subject (old message API only).")
    datetime: Optional[int] = field(doc="Epoch time the message was sent.")
    conversation_id: Optional[int] = field(doc="The conversation the message belongs to.")
    sender_id: Optional[int] = field(doc="The account id of the sender.")
    account_id: Optional[int] = field(doc="The account id of the account it was read from.")
    parent_id: Optional[int] = field(doc="The first message of the thread (old message API).")
    first_message: Optional[Message] = field(
        "parent_id",
        convert=lazy_ref(lambda: Message),
        doc="The first message of the thread, lazy (old message API; PyImgur's name).",
    )

    @action
    def delete(self) -> Plan[None]:
        """Delete the message.  Costs 1 request.

        Legacy (``DELETE /3/message/{id}``): Imgur may answer 404 (raised as
        :class:`~pyimgur.NotFound`); :meth:`Conversation.delete` deletes a whole
        conversation.
        """
        yield call(ep.MESSAGE_DELETE, id=self._identity)

    @paged
    def get_thread(self) -> Pages[Message]:
        """The messages of the thread this message is in (a lazy listing, oldest first).

        For a message of a conversation (``conversation_id`` known): the
        conversation's messages, 1 request per page.  Otherwise the old
        ``GET /3/message/{id}/thread`` (1 request; Imgur may answer 404).
        Nothing is requested until the listing is used.
        """
        from .conversation import Conversation

        conversation_id = peek(self, "conversation_id")
        if conversation_id:
            from .conversation import Conversation  # conversation.py imports this module

            conversation = self._client.make(Conversation, {"id": conversation_id})
            messages: Pages[Message] = Conversation.get_messages.describe(conversation)
            return messages

        def make(session: Any, item: dict[str, Any]) -> Message:
            message: Message = session.make(Message, item)
            return message

        return Pages(ep.MESSAGE_THREAD, make, {"id": self._identity})

    @action
    def reply(self, body: str) -> Plan[None]:
        """Reply to this message, sending ``body`` to its author.  Costs 1 request
        (2 when the author is not loaded yet).

        In a conversation (``conversation_id`` known) this is
        :meth:`Imgur.create_message`; otherwise :meth:`User.send_message` with
        ``reply_to`` this message.  Both are legacy: Imgur may answer 404.
        """
        from ..api.messaging import MessagingMethods
        from .user import User

        yield from self._need("author")
        author = self.author
        if author is None:
            raise ValueError("this message has no author to reply to")
        if peek(self, "conversation_id"):
            yield from MessagingMethods.create_message.plan(self._client, author, body)
        else:
            yield from User.send_message.plan(author, body, reply_to=self)
