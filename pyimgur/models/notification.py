"""The ``Notification`` model: a reply to one of the user's comments, or a message.

What ``content`` is depends on where Imgur put the notification, never on
guessing from its keys: in ``GET /3/notification`` (``{"replies": [...],
"messages": [...]}``) the ones under ``replies`` carry a
:class:`~pyimgur.Comment` and the ones under ``messages`` a
:class:`~pyimgur.Conversation_summary` (the conversation with its newest
message, as Imgur sends it); so do the reply and message lists of a user.  Only
a notification loaded alone (``GET /3/notification/{id}``), whose list is not
known, is decided by its content: a ``comment`` key makes it a reply
(Imgur's comment JSON always has one), anything else a message.  Once a
notification's kind is known it keeps it through ``refresh()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional, Union

from .. import endpoints as ep
from ..endpoints import Endpoint
from ..plan import Plan, action, call
from .base import Basic_object, field, keep, model, peek
from .comment import Comment
from .conversation_summary import Conversation_summary

if TYPE_CHECKING:
    from ..imgur import Imgur

REPLY = "reply"
MESSAGE = "message"
#: the key of each kind in Imgur's ``{"replies": [...], "messages": [...]}``
LIST_KEYS = {REPLY: "replies", MESSAGE: "messages"}


def _content(value: Any, owner: Basic_object) -> Any:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    kind = peek(owner, "_kind")
    if kind is None:
        kind = REPLY if "comment" in value else MESSAGE
        keep(owner, _kind=kind)
    if kind == REPLY:
        return owner._flavour_of(Comment)(value, owner._imgur, has_fetched=False)
    # a summary is all Imgur has of it: every field is there, nothing to load
    summary = owner._flavour_of(Conversation_summary)
    return summary(value, owner._imgur, has_fetched=True)


@model
class Notification(Basic_object):
    """A notification: a reply to one of the user's comments, or a message.

    Made by :meth:`Imgur.get_notification` (no request),
    :meth:`Imgur.get_notifications` or a user's ``get_replies()`` /
    ``get_messages()`` / ``get_notifications()``.  Reading a field that is not
    loaded costs one request (``GET /3/notification/{id}``, legacy: Imgur may
    answer 404).
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.NOTIFICATION
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("is_viewed",)

    id: Optional[int] = field(doc="The notification's id.")
    account_id: Optional[int] = field(doc="The account id of the notified user.")
    is_viewed: Optional[bool] = field("viewed", doc="Has the notification been viewed?")
    content: Optional[Union[Comment, Conversation_summary]] = field(
        convert=_content,
        doc="The Comment that replied to the user, or, for a message, the"
        " Conversation_summary Imgur sends (the conversation and its newest message).",
    )

    @classmethod
    def _of_kind(
        cls, json: dict[str, Any], imgur: Imgur, kind: Optional[str], has_fetched: bool = True
    ) -> Notification:
        """A notification whose ``content`` kind (reply/message) is known from its list."""
        notification = cls.__new__(cls)
        keep(notification, _kind=kind)
        notification.__init__(json, imgur, has_fetched=has_fetched)  # type: ignore[misc]
        return notification

    @property
    def kind(self) -> Optional[str]:
        """``"reply"`` or ``"message"`` once known (no request), else ``None``."""
        kind: Optional[str] = peek(self, "_kind")
        return kind

    @action
    def mark_as_viewed(self) -> Plan[None]:
        """Mark the notification as viewed.  Costs 1 request.

        Notifications cannot be marked as unviewed.  Legacy: Imgur may answer
        404 (raised as :class:`~pyimgur.NotFound`).
        """
        yield call(ep.NOTIFICATION_MARK_VIEWED, id=self._identity)
        self._viewed()

    def _viewed(self) -> None:
        """Imgur marked it viewed: say so locally and drop the shared-fetch copy."""
        keep(self, is_viewed=True)
        self._forget_cached()


def notifications_from(
    payload: Any, imgur: Imgur, kind: Optional[str] = None
) -> list[Notification]:
    """Notifications from Imgur's answer: a ``{"replies", "messages"}`` object
    (kind from the key) or a list (kind given by the caller, else decided one
    by one as for a single notification)."""
    if isinstance(payload, dict):
        found: list[Notification] = []
        for list_kind, key in LIST_KEYS.items():
            found.extend(notifications_from(payload.get(key), imgur, list_kind))
        return found
    if not isinstance(payload, list):
        return []
    # the class of the session's flavour (an async session makes async notifications)
    flavour: type[Notification] = type(imgur.make(Notification, {}))
    return [flavour._of_kind(item, imgur, kind) for item in payload if isinstance(item, dict)]
