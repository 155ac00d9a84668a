"""The async flavour of every model: the same fields, the same plans.

Each ``AsyncX`` class derives from the sync ``X`` (so it has the same fields,
converters and documentation, and ``isinstance(post, pyimgur.Gallery_image)``
holds) and from :class:`AsyncObject`, which changes two things:

* reading a field that is not loaded never makes a request: it raises
  :class:`NotLoaded` (an ``AttributeError``) saying to ``await obj.load()``;
* every action (a :func:`pyimgur.plan.action`) is a coroutine, and every
  listing (a :func:`pyimgur.plan.paged`) an :class:`~pyimgur.aio.AsyncListing`.

Related objects (``image.author``, ``comment.image``) are made of the same
flavour, unloaded until loaded.
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..models.album import Album
from ..models.base import Basic_object
from ..models.comment import Comment
from ..models.conversation import Conversation
from ..models.conversation_summary import Conversation_summary
from ..models.custom_gallery import Custom_gallery
from ..models.gallery_album import Gallery_album
from ..models.gallery_image import Gallery_image
from ..models.gallery_item import Gallery_item
from ..models.image import Image
from ..models.message import Message
from ..models.notification import Notification
from ..models.tag import Tag
from ..models.user import User
from ..plan import AsyncFlavour, arun

__all__ = [
    "ASYNC_MODELS",
    "AsyncAlbum",
    "AsyncComment",
    "AsyncConversation",
    "AsyncConversation_summary",
    "AsyncCustom_gallery",
    "AsyncGallery_album",
    "AsyncGallery_image",
    "AsyncGallery_item",
    "AsyncImage",
    "AsyncMessage",
    "AsyncNotification",
    "AsyncObject",
    "AsyncTag",
    "AsyncUser",
    "NotLoaded",
]

T = TypeVar("T", bound="AsyncObject")

#: the async twin of every model, by the sync model's name
ASYNC_MODELS: dict[str, type[Basic_object]] = {}


class NotLoaded(AttributeError):
    """A field of an async object was read before the object was loaded.

    An async object never loads on attribute access (that would block the event
    loop): ``await obj.load()`` first, or get it with ``fetch=True`` (the default
    of :class:`~pyimgur.AsyncImgur`'s factories).
    """


class AsyncObject(AsyncFlavour, Basic_object):
    """What the async flavour changes in :class:`~pyimgur.models.base.Basic_object`."""

    _registry = ASYNC_MODELS

    def _load_missing(self, name: str) -> None:
        what = type(self).__name__
        raise NotLoaded(
            f"{what}.{name} is not loaded: call `await obj.load()` first (an async "
            f"object never loads on attribute access)"
        )

    async def load(self: T) -> T:
        """Load every field (1 request), or load the newest values if already
        loaded.  Objects for the same Imgur thing loading at once share one
        request.  Returns the object itself."""
        fresh = bool(self.__dict__.get("_has_fetched", True))
        await arun(self._load_plan(use_cache=not fresh), self._client)
        return self

    async def refresh(self: T) -> T:  # type: ignore[override]
        """Load the newest values of every field (always 1 request); returns the object."""
        await arun(self._load_plan(use_cache=False), self._client)
        return self

    @property
    def is_loaded(self) -> bool:
        """Has every field been loaded (no request)?"""
        return bool(self.__dict__.get("_has_fetched", True))


def _register(cls: type[Basic_object]) -> type[Basic_object]:
    sync_name = cls.__bases__[1].__name__  # class AsyncX(AsyncObject, X)
    ASYNC_MODELS[sync_name] = cls
    cls.__doc__ = f"The async flavour of :class:`pyimgur.{sync_name}` (see :mod:`pyimgur.aio`)."
    return cls


class AsyncImage(AsyncObject, Image):
    pass


class AsyncAlbum(AsyncObject, Album):
    pass


class AsyncGallery_item(AsyncObject, Gallery_item):
    pass


class AsyncGallery_image(AsyncObject, Gallery_image):
    pass


class AsyncGallery_album(AsyncObject, Gallery_album):
    pass


class AsyncComment(AsyncObject, Comment):
    pass


class AsyncUser(AsyncObject, User):
    pass


class AsyncTag(AsyncObject, Tag):
    pass


class AsyncNotification(AsyncObject, Notification):
    pass


class AsyncMessage(AsyncObject, Message):
    pass


class AsyncConversation(AsyncObject, Conversation):
    pass


class AsyncCustom_gallery(AsyncObject, Custom_gallery):
    pass


class AsyncConversation_summary(AsyncObject, Conversation_summary):
    pass


for _cls in (
    AsyncImage, AsyncAlbum, AsyncGallery_item, AsyncGallery_image, AsyncGallery_album,
    AsyncComment, AsyncUser, AsyncTag, AsyncNotification, AsyncMessage, AsyncConversation,
    AsyncCustom_gallery, AsyncConversation_summary,
):
    _register(_cls)


def twin_of(obj: Any) -> Any:
    """The async class of a sync model class (for tests and tools)."""
    return ASYNC_MODELS[obj.__name__]
