"""The ``User`` model: an Imgur account, its settings and what it made.

A ``User`` is identified by its username (``name``, Imgur's JSON key ``url``).
Usernames are compared case-insensitively, as Imgur treats them.

Identity (``==`` and ``hash``) is the name a ``User`` was made with, compared
case-insensitively, and it never changes afterwards, so a user is safe as a dict
key or in a set from creation on, loaded or not.

The logged-in user: :meth:`Imgur.get_current_user` gives a ``User`` whose
requests always say ``me`` (Imgur's alias for the account of the access token).
When the session already knows the username (the token exchange or a refresh
said it), that name is its ``name`` and its identity from the start, so it
equals ``get_user(name)``.  Otherwise it is made as ``"me"``: loading it
(reading any field that is not there, ``refresh()``, or ``fetch=True``) sets
``name`` to the real username, but its identity stays ``"me"``: it equals every
other ``me`` user, not ``get_user(real_name)`` (equal objects must hash alike,
and the real name is not known when the object is made).  Compare names
(``a.name.lower() == b.name.lower()``) when that matters.
"""

from __future__ import annotations

import re
from typing import Any, Callable, ClassVar, Optional, Union

from .. import endpoints as ep
from ..checks import check_bool as check_bool
from ..checks import check_choice as check_choice
from ..checks import flag as flag
from ..endpoints import Endpoint
from ..exceptions import InvalidResponse
from ..listing import text_id
from ..plan import Call, Pages, Plan, action, call, paged
from ..streams.sources import async_user_streams, flavoured, user_streams
from .base import Basic_object, ModelRef, field, gallery_item, keep, model, peek, resolve
from .mixins.commentable import comment_number
from .mixins.named import NamedCaseInsensitive

ME = "me"
_COMMENT_SORTS = ("best", "worst", "oldest", "newest")
_FAVORITE_SORTS = ("oldest", "newest")
_ALBUM_PRIVACY = ("public", "hidden", "secret")
_USERNAME = re.compile(r"[A-Za-z0-9]{4,63}")
#: the account/v1 block endpoints answer JSON:API and want this Accept header
BLOCK_HEADERS = {"Accept": "application/vnd.api+json"}


def _not_pro(value: Any, owner: Basic_object) -> Any:
    """``pro_expiration``: Imgur sends ``false`` for accounts that are not pro."""
    if value is False or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an epoch time or false")
    return value


def tag_name(tag: Any) -> str:
    """The name of a tag given as text or as a :class:`~pyimgur.Tag`."""
    if isinstance(tag, str):
        name: Any = tag
    else:
        name = peek(tag, "name") if isinstance(tag, Basic_object) else None
    if not isinstance(name, str):
        raise TypeError(f"tag must be a tag name or a Tag, not {type(tag).__name__}")
    if not name.strip():
        raise ValueError("tag must not be empty")
    return name


# what a user made, for the listings (these modules import this one, through fields.py)
def _album() -> type[Basic_object]:
    from .album import Album

    return Album


def _comment() -> type[Basic_object]:
    from .comment import Comment

    return Comment


def _image() -> type[Basic_object]:
    from .image import Image

    return Image


@model
class User(NamedCaseInsensitive):
    """A user (an account) on Imgur.

    Made by :meth:`Imgur.get_user` (or :meth:`Imgur.get_current_user`) with no
    request; reading a field that is not loaded costs one request
    (``GET /3/account/{name}``) and loads them all.  Fields Imgur sends that
    are not listed here are kept as attributes too.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.ACCOUNT
    _id_field: ClassVar[str] = "name"
    _repr_fields: ClassVar[tuple[str, ...]] = ("reputation",)

    name: Optional[str] = field("url", doc="The username.")
    id: Optional[int] = field(doc="The user id.")
    bio: Optional[str] = field(
        doc="A basic description filled out by the user, shown on the gallery profile page."
    )
    reputation: Optional[float] = field(
        doc="Total likes - dislikes of the user's created content."
    )
    reputation_name: Optional[str] = field(doc="The reputation's title, e.g. 'Neutral'.")
    created: Optional[int] = field(doc="The epoch time of user account creation.")
    avatar: Optional[str] = field(doc="The URL of the user's avatar.")
    avatar_name: Optional[str] = field(doc="The avatar's name, e.g. 'default/D'.")
    cover: Optional[str] = field(doc="The URL of the profile cover image.")
    cover_name: Optional[str] = field(doc="The cover's name.")
    pro_expiration: Optional[int] = field(
        convert=_not_pro, doc="Epoch time the pro account expires; None if not pro."
    )
    user_follow: Optional[dict[str, Any]] = field(
        doc="Whether the logged-in user follows this user, e.g. {'status': False}."
    )
    is_blocked: Optional[bool] = field(doc="Has the logged-in user blocked this user?")

    # -- identity ------------------------------------------------------------------------
    @property
    def _path_name(self) -> Any:
        """The name used in request paths (``me`` stays ``me`` after loading)."""
        return peek(self, "_request_name") or peek(self, "name")

    @property
    def _is_current(self) -> bool:
        return str(self._path_name).lower() == ME

    def _path_params(self) -> dict[str, object]:
        return {"username": self._path_name}

    def _expected_identity(self) -> Any:
        # ``me`` is whoever is logged in: any name in the answer is right
        return None if self._is_current else self._identity

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine = self._identity
        return mine is not None and bool(mine == other._identity)

    def __hash__(self) -> int:
        identity = self._identity
        return hash(("User", identity)) if identity is not None else id(self)

    #: Streams of what this user adds: ``stream.submissions()``,
    #: ``stream.comments()``, and for the logged-in user ``stream.images()``
    #: and ``stream.albums()`` (no request until iterated).
    stream = flavoured(user_streams, async_user_streams)

    # -- helpers ---------------------------------------------------------------------------
    def _account(self, endpoint: Endpoint, **kwargs: Any) -> Call:
        return call(endpoint, username=self._path_name, **kwargs)

    def _account_listing(
        self,
        endpoint: Endpoint,
        model: Optional[ModelRef[Any]],
        limit: Optional[int],
        ids: Optional[Callable[[Any], Any]] = None,
        **path: Any,
    ) -> Pages[Any]:
        def make(session: Any, item: dict[str, Any]) -> Any:
            if model is None:
                return gallery_item(session, item)
            return session.make(resolve(model), item)

        return Pages(endpoint, make, dict(path, username=self._path_name), limit=limit, ids=ids)

    def _count(self, endpoint: Endpoint) -> Plan[int]:
        count = yield self._account(endpoint)
        if isinstance(count, bool) or not isinstance(count, int):
            raise InvalidResponse(
                f"expected a count, got {type(count).__name__}",
                method=endpoint.method,
                path="/" + endpoint.format(username=self._path_name),
            )
        return count

    def _drop_cached(self) -> None:
        self._forget_cached()
        name = peek(self, "name")
        imgur = peek(self, "_imgur")
        if imgur is not None and isinstance(name, str) and name != self._path_name:
            imgur.forget(ep.ACCOUNT, {"username": name})  # "me" loaded: its real name too

    def _require_current(self, action: str) -> None:
        if not self._is_current:
            raise ValueError(
                f"{action} acts for the logged-in user: call it on imgur.get_current_user()"
            )

    # -- settings and account ---------------------------------------------------------------
    @action
    def change_settings(
        self,
        bio: Optional[str] = None,
        public_images: Optional[bool] = None,
        messaging_enabled: Optional[bool] = None,
        album_privacy: Optional[str] = None,
        accepted_gallery_terms: Optional[bool] = None,
        *,
        show_mature: Optional[bool] = None,
        username: Optional[str] = None,
    ) -> Plan[None]:
        """Update the settings of the user (only as that user).  Costs 1 request.

        Only the arguments that are not ``None`` are sent.

        :param bio: a basic description, shown on the gallery profile page.
        :param public_images: the default privacy of the user's images:
            ``True`` public, ``False`` private.
        :param messaging_enabled: ``True`` to enable messaging.
        :param album_privacy: the default privacy of new albums: ``public``,
            ``hidden`` or ``secret`` (deprecated by Imgur).
        :param accepted_gallery_terms: the user agrees to the Imgur gallery
            terms, needed before submitting to the gallery.
        :param show_mature: show mature content in the gallery.
        :param username: a new username (4 to 63 letters and digits).  On
            success this object takes the new name.
        :raises ValueError: nothing to change, or a bad value (before any request).
        """
        body: dict[str, str] = {}
        if bio is not None:
            if not isinstance(bio, str):
                raise TypeError("bio must be a string")
            body["bio"] = bio
        for key, value in (
            ("public_images", public_images),
            ("messaging_enabled", messaging_enabled),
            ("accepted_gallery_terms", accepted_gallery_terms),
            ("show_mature", show_mature),
        ):
            if value is not None:
                body[key] = flag(check_bool(key, value))
        if album_privacy is not None:
            body["album_privacy"] = check_choice("album_privacy", album_privacy, _ALBUM_PRIVACY)
        if username is not None:
            if not isinstance(username, str) or not _USERNAME.fullmatch(username):
                raise ValueError("username must be 4 to 63 letters and digits")
            body["username"] = username
        if not body:
            raise ValueError("change_settings needs at least one setting to change")
        yield self._account(ep.ACCOUNT_SETTINGS_UPDATE, data=body)
        self._drop_cached()
        if bio is not None:
            keep(self, bio=bio)
        if username is not None:
            if not self._is_current:
                keep(self, _request_name=username)
            keep(self, name=username)

    @action
    def get_settings(self) -> Plan[dict[str, Any]]:
        """The account settings (only as that user): email, public_images,
        album_privacy, messaging_enabled, blocked_users, show_mature...
        Costs 1 request."""
        return dict((yield self._account(ep.ACCOUNT_SETTINGS)) or {})

    @action
    def delete(self) -> Plan[None]:
        """Delete this account (only as that user).  Costs 1 request.

        Legacy (2013-14 docs): Imgur may answer 404 (raised as
        :class:`~pyimgur.NotFound`); deleting an account is now done on the website.
        """
        yield self._account(ep.ACCOUNT_DELETE)

    @action
    def get_gallery_profile(self) -> Plan[dict[str, Any]]:
        """The gallery profile totals: ``total_gallery_comments``,
        ``total_gallery_favorites``, ``total_gallery_submissions`` and
        ``trophies``.  Costs 1 request."""
        return dict((yield self._account(ep.ACCOUNT_GALLERY_PROFILE)) or {})

    @action
    def get_statistics(self) -> Plan[dict[str, Any]]:
        """Statistics about this user.  Costs 1 request.

        Legacy (2013-14 docs): Imgur may answer 404 (raised as :class:`~pyimgur.NotFound`).
        """
        return dict((yield self._account(ep.ACCOUNT_STATS)) or {})

    @action
    def has_verified_email(self) -> Plan[bool]:
        """Has the user verified their email address (needed to post to the
        gallery)?  Only as that user.  Costs 1 request."""
        return bool((yield self._account(ep.ACCOUNT_VERIFY_EMAIL)))

    @action
    def send_verification_email(self) -> Plan[None]:
        """Send the verification email to this user's address (only as that
        user; it may land in the spam folder).  Costs 1 request."""
        yield self._account(ep.ACCOUNT_SEND_VERIFY_EMAIL)

    # -- what the user made ----------------------------------------------------------------
    @paged
    def get_albums(self, limit: Optional[int] = None) -> Pages[Any]:
        """The user's albums (:class:`~pyimgur.Album`), a lazy listing.

        Secret and hidden albums come only for the logged-in user's own
        albums.  Costs 1 request per page read (none until used).
        """
        return self._account_listing(ep.ACCOUNT_ALBUMS, _album, limit)

    @paged
    def get_album_ids(self, limit: Optional[int] = None) -> Pages[str]:
        """The ids of the user's albums.  Costs 1 request per page read."""
        return self._account_listing(ep.ACCOUNT_ALBUM_IDS, _album, limit, ids=text_id)

    @action
    def get_album_count(self) -> Plan[int]:
        """How many albums the user has.  Costs 1 request."""
        return (yield from self._count(ep.ACCOUNT_ALBUM_COUNT))

    @paged
    def get_comments(self, sort: str = "newest", limit: Optional[int] = None) -> Pages[Any]:
        """The comments the user made (:class:`~pyimgur.Comment`), a lazy listing.

        :param sort: ``newest`` (default), ``oldest``, ``best`` or ``worst``.
        Costs 1 request per page read (none until used).
        """
        sort = check_choice("sort", sort, _COMMENT_SORTS)
        return self._account_listing(ep.ACCOUNT_COMMENTS, _comment, limit, sort=sort)

    @paged
    def get_comment_ids(self, sort: str = "newest", limit: Optional[int] = None) -> Pages[int]:
        """The ids of the user's comments.  Costs 1 request per page read."""
        sort = check_choice("sort", sort, _COMMENT_SORTS)
        return self._account_listing(
            ep.ACCOUNT_COMMENT_IDS, _comment, limit, ids=comment_number, sort=sort
        )

    @action
    def get_comment_count(self) -> Plan[int]:
        """How many comments the user made.  Costs 1 request."""
        return (yield from self._count(ep.ACCOUNT_COMMENT_COUNT))

    @paged
    def get_images(self, limit: Optional[int] = None) -> Pages[Any]:
        """The user's images (:class:`~pyimgur.Image`), a lazy listing.

        Costs 1 request per page read (none until used).
        """
        return self._account_listing(ep.ACCOUNT_IMAGES, _image, limit)

    @paged
    def get_image_ids(self, limit: Optional[int] = None) -> Pages[str]:
        """The ids of the user's images.  Costs 1 request per page read."""
        return self._account_listing(ep.ACCOUNT_IMAGE_IDS, _image, limit, ids=text_id)

    @action
    def get_image_count(self) -> Plan[int]:
        """How many images the user has.  Costs 1 request."""
        return (yield from self._count(ep.ACCOUNT_IMAGE_COUNT))

    @paged
    def get_favorites(self, limit: Optional[int] = None, *, sort: str = "newest") -> Pages[Any]:
        """The images and albums the user favorited (only as that user), as
        :class:`~pyimgur.Gallery_image` / :class:`~pyimgur.Gallery_album`.

        :param sort: ``newest`` (default) or ``oldest``.
        Costs 1 request per page read (none until used).
        """
        sort = check_choice("sort", sort, _FAVORITE_SORTS)
        return self._account_listing(ep.ACCOUNT_FAVORITES, None, limit, sort=sort)

    @paged
    def get_gallery_favorites(
        self, sort: Optional[str] = None, limit: Optional[int] = None
    ) -> Pages[Any]:
        """The gallery posts the user favorited, as
        :class:`~pyimgur.Gallery_image` / :class:`~pyimgur.Gallery_album`.

        :param sort: ``newest`` (the default, also for ``None``) or ``oldest``.
        Costs 1 request per page read (none until used).
        """
        sort = check_choice("sort", "newest" if sort is None else sort, _FAVORITE_SORTS)
        return self._account_listing(ep.ACCOUNT_GALLERY_FAVORITES, None, limit, sort=sort)

    @paged
    def get_submissions(self, limit: Optional[int] = None) -> Pages[Any]:
        """The posts the user submitted to the gallery, as
        :class:`~pyimgur.Gallery_image` / :class:`~pyimgur.Gallery_album`.

        Costs 1 request per page read (none until used).
        """
        return self._account_listing(ep.ACCOUNT_SUBMISSIONS, None, limit)

    # -- messages and notifications (see pyimgur.api.messaging) ----------------------------------
    @paged
    def get_messages(self, new: bool = True) -> Pages[Any]:
        """The messages sent to this user, as :class:`~pyimgur.Notification`
        objects whose ``content`` is a :class:`~pyimgur.Conversation_summary` (only
        as that user).

        :param new: ``False`` for every notification, ``True`` only for unviewed ones.
        Costs 1 request when first used.  Legacy (2013-14 docs): Imgur may answer
        404 (raised as :class:`~pyimgur.NotFound`).
        """
        from ..api.messaging import notification_pages

        return notification_pages(
            ep.ACCOUNT_MESSAGE_NOTIFICATIONS, new, kind="message", username=self._path_name
        )

    @paged
    def get_notifications(self, new: bool = True) -> Pages[Any]:
        """Every notification of this user (only as that user): replies
        (``content`` a :class:`~pyimgur.Comment`) then messages (``content`` a
        :class:`~pyimgur.Conversation_summary`).

        :param new: ``False`` for every notification, ``True`` only for unviewed ones.
        Costs 1 request when first used.  Legacy (2013-14 docs): Imgur may answer
        404 (raised as :class:`~pyimgur.NotFound`); :meth:`Imgur.get_notifications`
        does the same for the logged-in user.
        """
        from ..api.messaging import notification_pages

        return notification_pages(
            ep.ACCOUNT_NOTIFICATIONS, new, kind=None, username=self._path_name
        )

    @paged
    def get_replies(self, new: bool = True) -> Pages[Any]:
        """The reply notifications of this user (only as that user), whose
        ``content`` is a :class:`~pyimgur.Comment`.

        :param new: ``False`` for every notification, ``True`` only for unviewed ones.
        Costs 1 request when first used.
        """
        from ..api.messaging import notification_pages

        return notification_pages(
            ep.ACCOUNT_REPLIES, new, kind="reply", username=self._path_name
        )

    @action
    def send_message(
        self, body: str, subject: Optional[str] = None, reply_to: Union[Any, int, None] = None
    ) -> Plan[None]:
        """Send a message to this user from the logged-in user.  Costs 1 request.

        :param body: the text of the message.
        :param subject: the subject; a reply keeps the subject of the first
            message of its thread.
        :param reply_to: ``None`` starts a new thread; a
            :class:`~pyimgur.Message` or a message id threads this message under it.

        Legacy (the 2013-14 message API): Imgur may answer 404 (raised as
        :class:`~pyimgur.NotFound`).  :meth:`Imgur.create_message` sends through
        Imgur's conversations instead.
        """
        from ..api.messaging import legacy_message

        yield legacy_message(self, body, subject, reply_to)

    # -- tags and blocking ----------------------------------------------------------------
    @action
    def follow_tag(self, tag: Any) -> Plan[None]:
        """Follow a tag (a name or a :class:`~pyimgur.Tag`) as the logged-in user.

        Only on :meth:`Imgur.get_current_user` (else ``ValueError``).  Costs 1
        request; Imgur answers 404 (:class:`~pyimgur.NotFound`) for a tag that
        does not exist.
        """
        self._require_current("follow_tag")
        yield call(ep.FOLLOW_TAG, tag=tag_name(tag))

    @action
    def unfollow_tag(self, tag: Any) -> Plan[None]:
        """Stop following a tag (a name or a :class:`~pyimgur.Tag`) as the logged-in user.

        Only on :meth:`Imgur.get_current_user` (else ``ValueError``).  Costs 1
        request; Imgur answers 409 (:class:`~pyimgur.Conflict`) "Not following tag".
        """
        self._require_current("unfollow_tag")
        yield call(ep.UNFOLLOW_TAG, tag=tag_name(tag))

    def _block_call(self, endpoint: Endpoint) -> Plan[bool]:
        if self._is_current:
            raise ValueError("the logged-in user cannot block or unblock themselves")
        answer = yield self._account(endpoint, headers=BLOCK_HEADERS)
        if isinstance(answer, dict) and isinstance(answer.get("data"), dict):
            answer = answer["data"]  # a JSON:API body, not Imgur's usual envelope
        if not isinstance(answer, dict) or "blocked" not in answer:
            raise InvalidResponse(
                "expected {'blocked': ...}",
                method=endpoint.method,
                path="/" + endpoint.format(username=self._path_name),
            )
        blocked = bool(answer["blocked"])
        if endpoint is not ep.BLOCK_STATUS:
            self._drop_cached()
        keep(self, is_blocked=blocked)
        return blocked

    @action
    def block(self) -> Plan[bool]:
        """Block this user as the logged-in user; returns ``True`` (blocked).
        Costs 1 request."""
        return (yield from self._block_call(ep.BLOCK_USER))

    @action
    def unblock(self) -> Plan[bool]:
        """Unblock this user as the logged-in user; returns ``False`` (not
        blocked any more).  Costs 1 request."""
        return (yield from self._block_call(ep.UNBLOCK_USER))

    @action
    def is_blocked_by_me(self) -> Plan[bool]:
        """Has the logged-in user blocked this user?  Always asks Imgur (1
        request) and updates :attr:`is_blocked`."""
        return (yield from self._block_call(ep.BLOCK_STATUS))
