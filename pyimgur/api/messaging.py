"""Messaging methods of :class:`~pyimgur.Imgur`: messages, conversations, notifications.

All legacy: Imgur dropped conversations and the old message API from its
documentation, and the notification endpoints come from its old docs.  Imgur
may answer any of them with 404, raised as :class:`~pyimgur.NotFound`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional, Union

from .. import endpoints as ep
from .._aliases import keyword_aliases
from ..checks import flag
from ..models.base import peek
from ..models.conversation import Conversation
from ..models.message import Message
from ..models.notification import Notification, notifications_from
from ..models.user import User
from ..plan import Call, Pages, Plan, action, call, paged
from .base import ImgurBase, check_id


def _check_body(body: Any) -> str:
    if not isinstance(body, str):
        raise TypeError(f"body must be a string, not {type(body).__name__}")
    if not body.strip():
        raise ValueError("body must not be empty")
    return body


def _username(recipient: Any) -> str:
    if isinstance(recipient, str):
        name: Any = recipient
    elif isinstance(recipient, User):
        name = peek(recipient, "_request_name") or peek(recipient, "name")
    else:
        raise TypeError(f"recipient must be a User or a username, not {type(recipient).__name__}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("recipient must name a user")
    return name


def legacy_message(recipient: User, body: str, subject: Optional[str], reply_to: Any) -> Call:
    """The call that sends a message with the 2013 message API (checks first: no request)."""
    form = {"body": _check_body(body)}
    if subject is not None:
        if not isinstance(subject, str):
            raise TypeError("subject must be a string")
        form["subject"] = subject
    if reply_to is not None:
        parent = peek(reply_to, "id") if isinstance(reply_to, Message) else reply_to
        form["parent_id"] = str(check_id(parent, "reply_to", numbers=True))
    return call(ep.ACCOUNT_SEND_MESSAGE, data=form, username=_username(recipient))


def notification_pages(
    endpoint: ep.Endpoint, new: bool, kind: Optional[str], **path: Any
) -> Pages[Notification]:
    """A list of notifications (one page), of one ``kind`` or of both."""
    if not isinstance(new, bool):
        raise TypeError(f"new must be True or False, not {type(new).__name__}")

    def read(session: Any, data: Any) -> list[Notification]:
        return notifications_from(data, session, kind)

    return Pages(endpoint, _no_make, path, params={"new": flag(new)}, paged=False, read=read)


def _no_make(session: Any, json: dict[str, Any]) -> Any:  # pragma: no cover - read() is used
    raise TypeError("notification pages are read whole")


class MessagingMethods(ImgurBase):
    """Messages, conversations and notifications of the logged-in user."""

    # -- messages --------------------------------------------------------------------------
    @action
    @keyword_aliases(message_id="id")
    def get_message(self, id: Union[int, str], *, fetch: bool = False) -> Plan[Message]:
        """A :class:`~pyimgur.Message` for this id.

        No request; reading a field that is not loaded costs one (legacy
        ``GET /3/message/{id}``: Imgur may answer 404).  ``fetch=True`` loads it now.

        :param id: the id of the message object to return.
        """
        ident = check_id(id, "id", numbers=True)
        message: Message = yield from self.obtain(Message, {"id": ident}, fetch)
        return message

    # -- conversations ------------------------------------------------------------------------
    @paged
    def get_conversations(self) -> Pages[Conversation]:
        """The logged-in user's conversations (without their messages), newest
        first.  Costs 1 request when first used.  Legacy: Imgur may answer 404.
        """
        def make(item: dict[str, Any]) -> Conversation:
            conversation: Conversation = self._make(Conversation, item)
            return conversation

        return self._pages(ep.CONVERSATIONS, make)

    @action
    def get_conversation(self, id: Union[int, str], *, fetch: bool = False) -> Plan[Conversation]:
        """A :class:`~pyimgur.Conversation` for this id.

        No request; reading a field that is not loaded costs one.  Its messages:
        :meth:`Conversation.get_messages`.  Legacy: Imgur may answer 404.
        """
        ident = check_id(id, "id", numbers=True)
        conversation: Conversation = yield from self.obtain(Conversation, {"id": ident}, fetch)
        return conversation

    @action
    def create_message(self, recipient: Union[User, str], body: str) -> Plan[None]:
        """Send ``body`` to ``recipient`` (a :class:`~pyimgur.User` or a
        username), in the conversation with them.  Costs 1 request.

        Legacy (``POST /3/conversations/{username}``): Imgur may answer 404
        (raised as :class:`~pyimgur.NotFound`).
        """
        name = _username(recipient)
        yield call(ep.CONVERSATION_CREATE, data={"body": _check_body(body)}, username=name)

    # -- notifications ---------------------------------------------------------------------------
    @action
    @keyword_aliases(notification_id="id")
    def get_notification(self, id: Union[int, str], *, fetch: bool = False) -> Plan[Notification]:
        """A :class:`~pyimgur.Notification` for this id.

        No request; reading a field that is not loaded costs one
        (``GET /3/notification/{id}``).  Loaded alone, its ``content`` is a
        :class:`~pyimgur.Comment` when it has a ``comment`` key, else a
        :class:`~pyimgur.Conversation_summary`.

        :param id: the id of the notification object to return.
        """
        ident = check_id(id, "id", numbers=True)
        notification: Notification = yield from self.obtain(Notification, {"id": ident}, fetch)
        return notification

    @paged
    def get_notifications(self, new: bool = True) -> Pages[Notification]:
        """The logged-in user's notifications: replies first (``content`` a
        :class:`~pyimgur.Comment`), then messages (``content`` a
        :class:`~pyimgur.Conversation_summary`), as Imgur lists them.

        :param new: ``False`` for every notification, ``True`` only for unviewed ones.
        Costs 1 request when first used.  Legacy: Imgur may answer 404.
        """
        return notification_pages(ep.NOTIFICATIONS, new, kind=None)

    @action
    def mark_notifications_as_read(
        self, notifications: Iterable[Union[Notification, int, str]]
    ) -> Plan[None]:
        """Mark several notifications (objects or ids) as viewed.  Costs 1 request.

        Sent as the form field ``ids=1,2,3``.  Legacy: Imgur may answer 404.
        """
        if isinstance(notifications, (str, int, Notification)):
            notifications = [notifications]
        items = list(notifications)
        ids = []
        for item in items:
            value = peek(item, "id") if isinstance(item, Notification) else item
            ids.append(str(check_id(value, "notification id", numbers=True)))
        if not ids:
            raise ValueError("give at least one notification")
        (yield call(ep.NOTIFICATIONS_MARK_VIEWED, data={"ids": ",".join(ids)}))
        for item in items:
            if not isinstance(item, Notification):
                item = self.make(Notification, {"id": item})  # to drop its cached copy
            item._viewed()
