"""The ``Album`` model: a collection of images, and what can be done with it."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional, Union, cast

from .. import endpoints as ep
from ..batch import check_workers, run_each
from ..checks import check_choice
from ..download import (
    DEFAULT_STALL_TIMEOUT,
    Progress,
    check_folder,
    check_limits,
    clean_filename,
)
from ..endpoints import Endpoint
from ..plan import Plan, action, call
from .base import Basic_object, field, keep, lazy_ref, list_of, model, peek
from .fields import Uploaded
from .image import (
    THUMBNAIL_SUFFIXES,
    Image,
    _address,
    _string_changes,
)
from .mixins.favoritable import Favoritable
from .mixins.submittable import Submittable

if TYPE_CHECKING:
    from ..imgur import Imgur

__all__ = ["LAYOUTS", "PRIVACY_LEVELS", "Album", "ImagesArg", "cover_ref", "image_refs"]

#: what ``privacy`` may be set to (Imgur also reports ``"private"``)
PRIVACY_LEVELS = ("public", "hidden", "secret")
#: what ``layout`` may be set to
LAYOUTS = ("blog", "grid", "horizontal", "vertical")

#: images as the album methods take them: Image objects, ids, or a mix
ImagesArg = Union[Image, str, Iterable[Union[Image, str]]]


def image_refs(
    images: ImagesArg, imgur: Optional[Imgur], by_deletehash: bool
) -> tuple[list[str], list[Image]]:
    """The ids (or deletehashes) to send for ``images``, and Image objects for them.

    ``images`` is one Image or id, or a list of them (a mix is fine).  With
    ``by_deletehash`` (anonymous albums), every image must be an
    :class:`Image` whose deletehash is known (one that ``upload_image``
    returned): Imgur adds anonymous images to anonymous albums only by their
    deletehashes.

    :raises TypeError: something other than an Image or an id string.
    :raises ValueError: an empty id, or an image without its deletehash
        where one is needed.
    """
    items: Iterable[Any]
    if isinstance(images, (str, Image)):
        items = [images]
    elif isinstance(images, Iterable):
        items = cast("Iterable[Any]", images)
    else:
        raise TypeError("images must be a list of Image objects or image ids")
    keys: list[str] = []
    objects: list[Image] = []
    for item in items:
        if isinstance(item, Image):
            image_id = peek(item, "id")
            image = item
        elif isinstance(item, str):
            image_id = item
            image = (
                imgur.make(Image, {"id": item})
                if imgur is not None
                else Image({"id": item}, None, has_fetched=False)
            )
        else:
            raise TypeError(f"expected an Image or an image id, got {type(item).__name__}")
        if not image_id or not isinstance(image_id, str):
            raise ValueError("an image id must not be empty")
        if by_deletehash:
            deletehash = peek(image, "deletehash")
            if not deletehash:
                raise ValueError(
                    f"image {image_id!r} has no known deletehash: without a logged-in user "
                    "Imgur adds images to an anonymous album only by their deletehashes, so "
                    "pass the Image objects that upload_image() returned"
                )
            keys.append(deletehash)
        else:
            keys.append(image_id)
        objects.append(image)
    return keys, objects


def cover_ref(cover: Union[Image, str], imgur: Optional[Imgur]) -> Image:
    """The cover argument (an Image or an image id) as an Image with an id.

    :raises TypeError: anything else.
    :raises ValueError: an empty id.
    """
    if not isinstance(cover, (Image, str)):
        raise TypeError(f"cover must be an Image or an image id, not {type(cover).__name__}")
    return image_refs(cover, imgur, by_deletehash=False)[1][0]


def _cover(value: Any, owner: Basic_object) -> Optional[Image]:
    """The cover: Imgur sends an image id (or ``""``/``None`` for none)."""
    image: Optional[Image] = lazy_ref(Image)(value, owner)
    if image is not None and not peek(image, "id"):
        return None
    return image


def _choice(name: str, value: Optional[str], allowed: tuple[str, ...]) -> None:
    if value is not None:
        check_choice(name, value, allowed)


@model
class Album(Uploaded, Favoritable, Submittable):
    """An album: a collection of images.

    Get one with :meth:`Imgur.get_album` (lazy) or :meth:`Imgur.create_album`.
    Its ``images`` are :class:`Image` objects filled from the album's JSON
    (no request per image).  An anonymous album (made without a logged-in
    user) is changed through its deletehash, which this object keeps.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.ALBUM
    _favorite_endpoint: ClassVar[Optional[Endpoint]] = ep.ALBUM_FAVORITE
    _submit_endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_SHARE_ALBUM

    @classmethod
    def _gallery_class(cls) -> type[Basic_object]:
        from .gallery_album import Gallery_album  # gallery_album.py imports this module

        return Gallery_album
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("title",)

    cover: Optional[Image] = field(
        convert=_cover, doc="The cover image (an Image), or None when there is none."
    )
    cover_edited: Optional[Any] = field(doc="Whether the cover was edited (as Imgur sends it).")
    cover_width: Optional[int] = field(doc="The cover's width in pixels.")
    cover_height: Optional[int] = field(doc="The cover's height in pixels.")
    privacy: Optional[str] = field(doc="``public``, ``hidden`` or ``secret``.")
    layout: Optional[str] = field(doc="``blog``, ``grid``, ``horizontal`` or ``vertical``.")
    order: Optional[int] = field(doc="Its position on the user's album page (old data).")
    images_count: Optional[int] = field(doc="How many images it holds.")
    images: Optional[list[Image]] = field(
        convert=list_of(Image), doc="Its images, as Image objects (no request per image)."
    )
    include_album_ads: Optional[bool] = field(doc="Does Imgur show ads in it?")
    is_album: Optional[bool] = field(doc="Always True for albums.")

    def _populate(self, json_dict: Any) -> None:
        super()._populate(json_dict)
        # The cover is usually one of the images: share that (loaded) object.
        cover, images = peek(self, "cover"), peek(self, "images")
        if isinstance(cover, Image) and isinstance(images, list):
            for image in images:
                if peek(image, "id") == peek(cover, "id"):
                    keep(self, cover=image)
                    break

    @property
    def public(self) -> Optional[bool]:
        """Is the album public (``privacy == "public"``)?  None when not known."""
        privacy = self.privacy
        return None if privacy is None else privacy == "public"

    # -- helpers ------------------------------------------------------------------------
    @property
    def _anonymous(self) -> bool:
        """Is it changed through its deletehash (known, and no user logged in)?"""
        return bool(peek(self, "deletehash")) and not self._client.credentials.is_user

    def _images_body(self, images: ImagesArg) -> tuple[dict[str, list[str]], list[Image]]:
        anonymous = self._anonymous
        keys, objects = image_refs(images, self._client, by_deletehash=anonymous)
        return {"deletehashes" if anonymous else "ids": keys}, objects

    def _set_local_images(self, objects: list[Image]) -> None:
        keep(self, images=list(objects))
        keep(self, images_count=len(objects))

    # -- actions ------------------------------------------------------------------------
    @action
    def add_images(self, images: ImagesArg) -> Plan[bool]:
        """Add images to the album.

        :param images: Image objects, ids, or a mix.  For an anonymous album
            they must be Image objects with their deletehash.  Images you
            cannot add (missing, not yours) fail silently on Imgur's side.

        Loaded ``images`` are extended locally (no extra request).  Sent as
        JSON (``ids`` or, for anonymous albums, ``deletehashes``).  Costs 1
        request.
        """
        body, objects = self._images_body(images)
        target = _address(self, "changing an album")
        result = yield call(ep.ALBUM_ADD_IMAGES, json=body, id=target)
        loaded = peek(self, "images")
        if isinstance(loaded, list):
            known = {peek(image, "id") for image in loaded}
            self._set_local_images(
                loaded + [image for image in objects if peek(image, "id") not in known]
            )
        self._forget_cached()
        return result is not False

    @action
    def remove_images(self, images: ImagesArg) -> Plan[bool]:
        """Remove images from the album.

        :param images: Image objects, ids, or a mix.  Images you cannot
            remove fail silently on Imgur's side.

        Imgur takes image ids here, for anonymous albums too.  Loaded
        ``images`` are filtered locally (no extra request).  Costs 1 request.
        """
        keys, _objects = image_refs(images, self._client, by_deletehash=False)
        target = _address(self, "changing an album")
        result = yield call(ep.ALBUM_REMOVE_IMAGES, json={"ids": keys}, id=target)
        loaded = peek(self, "images")
        if isinstance(loaded, list):
            gone = set(keys)
            self._set_local_images([i for i in loaded if peek(i, "id") not in gone])
        self._forget_cached()
        return result is not False

    @action
    def set_images(self, images: ImagesArg) -> Plan[bool]:
        """Make ``images`` (Image objects, ids, or a mix) the album's only images.

        ``images`` is set locally (no extra request).  Costs 1 request.
        """
        body, objects = self._images_body(images)
        target = _address(self, "changing an album")
        result = yield call(ep.ALBUM_SET_IMAGES, json=body, id=target)
        self._set_local_images(objects)
        self._forget_cached()
        return result is not False

    @action
    def update(
        self,
        title: Optional[str] = None,
        description: Optional[str] = None,
        images: Optional[ImagesArg] = None,
        cover: Optional[Union[Image, str]] = None,
        layout: Optional[str] = None,
        privacy: Optional[str] = None,
    ) -> Plan[bool]:
        """Change the album's information; arguments left ``None`` keep their value.

        :param images: the images the album will contain (Image objects, ids,
            or a mix; Image objects with deletehashes for anonymous albums).
        :param cover: the cover, an Image or an image id.
        :param layout: ``blog``, ``grid``, ``horizontal`` or ``vertical``.
        :param privacy: ``public``, ``hidden`` or ``secret``.

        The body is sent as JSON.  The object's fields are updated locally (no
        extra request).  Costs 1 request, or none when every argument is None.
        """
        changes: dict[str, Any] = _string_changes(
            title=title, description=description, layout=layout, privacy=privacy
        )
        _choice("layout", layout, LAYOUTS)
        _choice("privacy", privacy, PRIVACY_LEVELS)
        objects: Optional[list[Image]] = None
        if images is not None:
            image_body, objects = self._images_body(images)
            changes.update(image_body)
        cover_image: Optional[Image] = None
        if cover is not None:
            cover_image = cover_ref(cover, self._client)
            changes["cover"] = peek(cover_image, "id")
        if not changes:
            return True
        target = _address(self, "changing an album")
        result = yield call(ep.ALBUM_UPDATE, json=changes, id=target)
        texts = ("title", "description", "layout", "privacy")
        keep(self, **{key: changes[key] for key in texts if key in changes})
        if objects is not None:
            self._set_local_images(objects)
        if cover_image is not None:
            keep(self, cover=cover_image)
        self._forget_cached()
        return result is not False

    @action
    def delete(self) -> Plan[bool]:
        """Delete the album (its images stay).

        A logged-in user deletes by id; without one, the album's deletehash
        is used (known for albums this client created).  Costs 1 request.

        :raises AuthenticationError: no user and no deletehash (no request).
        """
        target = _address(self, "deleting an album")
        result = yield call(ep.ALBUM_DELETE, id=target)
        self._forget_cached()
        return result is not False

    def download(
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
        """Save every image into a folder named after the album, inside ``path``.

        ``overwrite``, ``size``, ``prefer_video``, ``stall_timeout`` and
        ``deadline`` work as for :meth:`Image.download`, for every image
        (``deadline`` bounds each file).  Missing folders are created, and
        removed again when the first file fails; a ``path`` that is not a
        folder raises :class:`NotADirectoryError` before any request, as
        :meth:`Image.download` does.

        :param name: the folder's name; default the title, else the id
            (cleaned by the same rules as image names).
        :param workers: how many files download at once (``1``: one after
            the other, in album order).
        :param skip_existing: keep a file that is already there (for
            example from an interrupted run) instead of raising
            :class:`FileExistsError`; its path is returned as if downloaded,
            and it costs no request.
        :param progress: called as ``progress(images_done, images_total)``
            after each image (skipped ones included).
        :param byte_progress: called as ``progress(bytes_done, bytes_total)``
            for the whole album as the files arrive (``bytes_total`` is
            ``None`` unless Imgur sent every image's size and neither
            ``size`` nor ``prefer_video`` is given).

        The callbacks are called from the download threads, one call at a
        time.  Files are numbered in album order (``001 title.jpg``...), so
        names never collide, and each appears only once complete.  When a
        download fails (or on Ctrl-C), no new one starts and those under way
        stop at their next chunk, leaving no partial file; the first failure
        in album order is raised.  The files already saved stay: run again
        with ``skip_existing=True`` to get the rest.

        Costs 1 request if ``images`` is not loaded, then one download per
        image, ``workers`` at a time.

        :returns: the paths of the files, in album order.
        """
        _check_download(path, name, overwrite, size, prefer_video, stall_timeout, deadline,
                         workers, skip_existing)
        folder = self._download_folder(path, name)
        images = list(self.images or [])
        width = max(3, len(str(len(images))))
        tally = _Tally(images, progress, byte_progress, exact=size is None and not prefer_video)
        stop = threading.Event()

        def fetch(number: int) -> str:
            image = images[number - 1]
            label = image.title or image.id
            try:
                saved = image.download(
                    folder,
                    f"{number:0{width}d} {label}",
                    overwrite=overwrite,
                    size=size,
                    prefer_video=prefer_video,
                    stall_timeout=stall_timeout,
                    deadline=deadline,
                    progress=tally.bytes_of(number - 1, stop),
                )
            except FileExistsError as error:
                if not skip_existing or not error.filename:
                    raise
                tally.skipped(number - 1)
                return str(error.filename)
            tally.finished()
            return saved

        numbers = list(range(1, len(images) + 1))
        transport = self._client.transport if images else None
        results = run_each(fetch, numbers, workers, transport=transport, stop_on_error=True,
                           stop=stop)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, _Stopped):
                raise result
        return results


    def _download_folder(self, path: str, name: Optional[str]) -> str:
        """Where :meth:`download` saves: a folder named ``name``, else after the
        title, else the id (cleaned as image names are), inside ``path`` (no request
        once ``title`` is loaded)."""
        title = name if name is not None else self.title
        return os.path.join(path or os.curdir, clean_filename(title, fallback=str(self.id)))


def _check_download(
    path: str,
    name: Optional[str],
    overwrite: bool,
    size: Optional[str],
    prefer_video: bool,
    stall_timeout: Optional[float],
    deadline: Optional[float],
    workers: int,
    skip_existing: bool,
) -> None:
    """The argument checks of :meth:`Album.download`, in either flavour (before any request).

    :raises TypeError, ValueError: a bad argument.
    :raises NotADirectoryError: ``path`` (or a part of it) is a file.
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a string, not {type(name).__name__}")
    if size is not None and size not in THUMBNAIL_SUFFIXES:
        raise ValueError(
            f"size must be one of {', '.join(sorted(THUMBNAIL_SUFFIXES))}, not {size!r}"
        )
    if size is not None and prefer_video:
        raise ValueError("give size or prefer_video, not both (thumbnails are stills)")
    check_limits(stall_timeout, deadline)
    check_folder(path)
    if skip_existing and overwrite:
        raise ValueError("give overwrite or skip_existing, not both")
    check_workers(workers)


class _Stopped(Exception):
    """Ends a download under way once another one failed (never raised to the caller)."""


class _Tally:
    """Adds up the progress of an album's files for its two callbacks (thread-safe)."""

    def __init__(
        self,
        images: list[Image],
        progress: Optional[Callable[[int, int], None]],
        byte_progress: Optional[Progress],
        exact: bool,
    ) -> None:
        self._lock = threading.Lock()
        self._progress = progress
        self._byte_progress = byte_progress
        self._files = 0
        self._count = len(images)
        self._done = [0] * len(images)
        sizes = [peek(image, "size") for image in images]  # no request
        known = exact and all(isinstance(n, int) and not isinstance(n, bool) for n in sizes)
        self._total: Optional[int] = sum(sizes) if known else None
        self._sizes = sizes

    def bytes_of(self, index: int, stop: threading.Event) -> Progress:
        """The progress callback of one file: adds up, and stops it when told."""

        def report(done: int, total: Optional[int]) -> None:
            if stop.is_set():
                raise _Stopped  # the download removes its temporary file
            if self._byte_progress is None:
                return
            with self._lock:
                self._done[index] = done
                self._byte_progress(sum(self._done), self._total)

        return report

    def skipped(self, index: int) -> None:
        with self._lock:
            if self._total is not None:
                self._total -= int(self._sizes[index] or 0)
        self.finished()

    def finished(self) -> None:
        with self._lock:
            self._files += 1
            if self._progress is not None:
                self._progress(self._files, self._count)
