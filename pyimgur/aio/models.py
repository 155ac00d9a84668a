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

from typing import Callable, Optional, TypeVar, cast

import anyio

from ..download import (
    DEFAULT_STALL_TIMEOUT,
    Progress,
)
from ..models.album import Album, _check_download
from ..models.base import Basic_object, peek
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
M = TypeVar("M", bound=Basic_object)

#: the async twin of every sync model class
ASYNC_MODELS: dict[type[Basic_object], type[Basic_object]] = {}


class NotLoaded(AttributeError):
    """A field of an async object was read before the object was loaded.

    An async object never loads on attribute access (that would block the event
    loop): ``await obj.load()`` first, or get it with ``fetch=True`` (the default
    of :class:`~pyimgur.AsyncImgur`'s factories).
    """


class AsyncObject(AsyncFlavour, Basic_object):
    """What the async flavour changes in :class:`~pyimgur.models.base.Basic_object`."""

    @staticmethod
    def _flavour_of(model: type[M]) -> type[M]:
        return twin_of(model)

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
        fresh = bool(peek(self, "_has_fetched", True))
        await arun(self._load_plan(use_cache=not fresh), self._client)
        return self

    async def refresh(self: T) -> T:  # type: ignore[override]
        """Load the newest values of every field (always 1 request); returns the object."""
        await arun(self._load_plan(use_cache=False), self._client)
        return self

    @property
    def is_loaded(self) -> bool:
        """Has every field been loaded (no request)?"""
        return bool(peek(self, "_has_fetched", True))


def _register(cls: type[Basic_object]) -> type[Basic_object]:
    sync = cls.__bases__[1]  # class AsyncX(AsyncObject, X)
    sync_name = sync.__name__
    ASYNC_MODELS[sync] = cls
    cls.__doc__ = f"The async flavour of :class:`pyimgur.{sync_name}` (see :mod:`pyimgur.aio`)."
    return cls


class AsyncImage(AsyncObject, Image):
    pass


class AsyncAlbum(AsyncObject, Album):
    async def download(  # type: ignore[override]
        self,
        path: str = "",
        name: Optional[str] = None,
        overwrite: bool = False,
        size: Optional[str] = None,
        *,
        progress: Optional[Callable[[int, int], None]] = None,
        prefer_video: bool = False,
        stall_timeout: Optional[float] = DEFAULT_STALL_TIMEOUT,
        deadline: Optional[float] = None,
        workers: int = 4,
        skip_existing: bool = False,
        byte_progress: Optional[Progress] = None,
    ) -> list[str]:
        """Save every image into a folder named after the album, inside ``path``:
        :meth:`pyimgur.Album.download`, with ``workers`` downloads at once in a
        task group (the fan-out is the one part written for each flavour).
        ``byte_progress`` is called per file, as ``progress(bytes_done, bytes_total)``."""
        _check_download(path, name, overwrite, size, prefer_video, stall_timeout, deadline,
                         workers, skip_existing)
        await arun(self._need("title", "images"), self._client)
        folder = self._download_folder(path, name)
        images = list(self.images or [])
        width = max(3, len(str(len(images))))
        results: list[str] = [""] * len(images)
        done = [0]
        limiter = anyio.CapacityLimiter(workers)

        async def fetch(number: int, image: Image) -> None:
            async with limiter:
                await arun(image._need("title"), self._client)
                label = image.title or image.id
                plan = Image.download.plan(
                    image, folder, f"{number:0{width}d} {label}", overwrite=overwrite,
                    size=size, prefer_video=prefer_video, stall_timeout=stall_timeout,
                    deadline=deadline, progress=byte_progress,
                )
                try:
                    results[number - 1] = await arun(plan, self._client)
                except FileExistsError as error:
                    if not skip_existing or not error.filename:
                        raise
                    results[number - 1] = str(error.filename)
                done[0] += 1
                if progress is not None:
                    progress(done[0], len(images))

        async with anyio.create_task_group() as group:
            for number, image in enumerate(images, start=1):
                group.start_soon(fetch, number, image)
        return results


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


def twin_of(model: type[M]) -> type[M]:
    """The async twin of the sync model class ``model`` (an async class: itself)."""
    if issubclass(model, AsyncObject):
        return model
    return cast("type[M]", ASYNC_MODELS[model])
