"""Messaging methods of :class:`~pyimgur.Imgur`: messages, conversations, notifications.

All legacy: Imgur dropped conversations and the old message API from its
documentation, and the notification endpoints come from its old docs.  Imgur
may answer any of them with 404, raised as :class:`~pyimgur.NotFound`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import endpoints as ep
from .._aliases import keyword_aliases
from ..listing import Listing
from ..models.conversation import Conversation
from ..models.message import Message
from ..models.notification import Notification, notifications_from
from ..models.user import flag
from .base import ImgurBase, check_id

if TYPE_CHECKING:
    from ..models.user import User


def _check_body(body: Any) -> str:
    if not isinstance(body, str):
        raise TypeError(f"body must be a string, not {type(body).__name__}")
    if not body.strip():
        raise ValueError("body must not be empty")
    return body


def _username(recipient: Any) -> str:
    if isinstance(recipient, str):
        name: Any = recipient
    elif type(recipient).__name__ == "User":
        name = recipient.__dict__.get("_request_name") or recipient.__dict__.get("name")
    else:
        raise TypeError(f"recipient must be a User or a username, not {type(recipient).__name__}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("recipient must name a user")
    return name


class MessagingMethods(ImgurBase):
    """Messages, conversations and notifications of the logged-in user."""

    # -- messages --------------------------------------------------------------------------
    @keyword_aliases(message_id="id")
    def get_message(self, id: Union[int, str], *, fetch: bool = False) -> Message:
        """A :class:`~pyimgur.Message` for this id.

        No request; reading a field that is not loaded costs one (legacy
        ``GET /3/message/{id}``: Imgur may answer 404).  ``fetch=True`` loads it now.

        :param id: the id of the message object to return.
        """
        message: Message = self._lazy("Message", {"id": check_id(id, "id", numbers=True)}, fetch)
        return message

    def _send_legacy_message(
        self, recipient: User, body: str, subject: Optional[str], reply_to: Any
    ) -> None:
        form = {"body": _check_body(body)}
        if subject is not None:
            if not isinstance(subject, str):
                raise TypeError("subject must be a string")
            form["subject"] = subject
        if reply_to is not None:
            parent = reply_to.__dict__.get("id") if isinstance(reply_to, Message) else reply_to
            form["parent_id"] = str(check_id(parent, "reply_to", numbers=True))
        self._call(ep.ACCOUNT_SEND_MESSAGE, data=form, username=_username(recipient))

    # -- conversations ------------------------------------------------------------------------
    def get_conversations(self) -> Listing[Conversation]:
        """The logged-in user's conversations (without their messages), newest
        first.  Costs 1 request when first used.  Legacy: Imgur may answer 404.
        """
        def make(item: dict[str, Any]) -> Conversation:
            conversation: Conversation = self._make("Conversation", item)
            return conversation

        return self._listing(ep.CONVERSATIONS, make)

    def get_conversation(self, id: Union[int, str], *, fetch: bool = False) -> Conversation:
        """A :class:`~pyimgur.Conversation` for this id.

        No request; reading a field that is not loaded costs one.  Its messages:
        :meth:`Conversation.get_messages`.  Legacy: Imgur may answer 404.
        """
        ident = check_id(id, "id", numbers=True)
        conversation: Conversation = self._lazy("Conversation", {"id": ident}, fetch)
        return conversation

    def create_message(self, recipient: Union[User, str], body: str) -> None:
        """Send ``body`` to ``recipient`` (a :class:`~pyimgur.User` or a
        username), in the conversation with them.  Costs 1 request.

        Legacy (``POST /3/conversations/{username}``): Imgur may answer 404
        (raised as :class:`~pyimgur.NotFound`).
        """
        name = _username(recipient)
        self._call(ep.CONVERSATION_CREATE, data={"body": _check_body(body)}, username=name)

    # -- notifications ---------------------------------------------------------------------------
    @keyword_aliases(notification_id="id")
    def get_notification(self, id: Union[int, str], *, fetch: bool = False) -> Notification:
        """A :class:`~pyimgur.Notification` for this id.

        No request; reading a field that is not loaded costs one
        (``GET /3/notification/{id}``).  Loaded alone, its ``content`` is a
        :class:`~pyimgur.Comment` when it has a ``comment`` key, else a
        :class:`~pyimgur.Conversation_summary`.

        :param id: the id of the notification object to return.
        """
        ident = check_id(id, "id", numbers=True)
        notification: Notification = self._lazy("Notification", {"id": ident}, fetch)
        return notification

    def _notification_listing(
        self, endpoint: ep.Endpoint, new: bool, kind: Optional[str], **path: Any
    ) -> Listing[Notification]:
        if not isinstance(new, bool):
            raise TypeError(f"new must be True or False, not {type(new).__name__}")
        endpoint.format(**path)  # a bad username fails now

        def fetch_page(page: int) -> list[Notification]:
            data = self._call(endpoint, params={"new": flag(new)}, **path)
            return notifications_from(data, self, kind)  # type: ignore[arg-type]

        return Listing(fetch_page, paged=False)

    def get_notifications(self, new: bool = True) -> Listing[Notification]:
        """The logged-in user's notifications: replies first (``content`` a
        :class:`~pyimgur.Comment`), then messages (``content`` a
        :class:`~pyimgur.Conversation_summary`), as Imgur lists them.

        :param new: ``False`` for every notification, ``True`` only for unviewed ones.
        Costs 1 request when first used.  Legacy: Imgur may answer 404.
        """
        return self._notification_listing(ep.NOTIFICATIONS, new, kind=None)

    def mark_notifications_as_read(
        self, notifications: Iterable[Union[Notification, int, str]]
    ) -> None:
        """Mark several notifications (objects or ids) as viewed.  Costs 1 request.

        Sent as the form field ``ids=1,2,3``.  Legacy: Imgur may answer 404.
        """
        if isinstance(notifications, (str, int, Notification)):
            notifications = [notifications]
        items = list(notifications)
        ids = []
        for item in items:
            value = item.__dict__.get("id") if isinstance(item, Notification) else item
            ids.append(str(check_id(value, "notification id", numbers=True)))
        if not ids:
            raise ValueError("give at least one notification")
        self._call(ep.NOTIFICATIONS_MARK_VIEWED, data={"ids": ",".join(ids)})
        for item in items:
            if not isinstance(item, Notification):
                item = self.get_notification(item)  # no request: to drop its cached copy
            item._viewed()
