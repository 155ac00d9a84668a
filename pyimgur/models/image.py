"""The ``Image`` model: an image (or video) on Imgur, and what can be done with it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional
from urllib.parse import urlsplit, urlunsplit

from .. import endpoints as ep
from ..download import (
    DEFAULT_STALL_TIMEOUT,
    Progress,
    check_folder,
    check_limits,
    clean_filename,
    extension_for,
)
from ..endpoints import Endpoint
from ..exceptions import AuthenticationError, InvalidResponse, UploadError
from ..plan import Pause, Plan, Save, action, call
from .base import Basic_object, field, is_loaded, keep, model, peek
from .fields import InGallery, Uploaded, _object, _text_or_none  # noqa: F401 (album.py)
from .mixins.favoritable import Favoritable
from .mixins.submittable import Submittable

if TYPE_CHECKING:
    pass

__all__ = ["THUMBNAIL_SUFFIXES", "Image", "thumbnail_link"]

#: ``size`` names of :meth:`Image.download` and the suffix Imgur's CDN puts
#: before the extension.  Imgur has no large *square* thumbnail: the
#: documented ``large_square`` is the 640 px large thumbnail (``l``).
THUMBNAIL_SUFFIXES = {
    "small_square": "s",
    "big_square": "b",
    "small_thumbnail": "t",
    "medium_thumbnail": "m",
    "large_thumbnail": "l",
    "huge_thumbnail": "h",
    "large_square": "l",
}
# Thumbnails of videos are still images: Imgur serves them as JPEG.
_VIDEO_LINK_EXTENSIONS = frozenset(
    {"mp4", "webm", "gifv", "mov", "mkv", "flv", "avi", "wmv", "mpeg", "mpg", "m4v"}
)
_DONE = frozenset({"completed", "complete", "done", "finished"})
_FAILED = frozenset({"failed", "error", "errored"})


def thumbnail_link(link: Optional[str], suffix: str) -> Optional[str]:
    """The CDN link of a thumbnail: ``suffix`` inserted before the extension.

    ``https://i.imgur.com/abc.png`` with ``"s"`` gives
    ``https://i.imgur.com/abcs.png``.  Video links give ``.jpg`` thumbnails.
    ``None`` when there is no link.
    """
    if not link:
        return None
    parts = urlsplit(link)
    folder, _, last = parts.path.rpartition("/")
    stem, dot, extension = last.rpartition(".")
    if not dot:
        stem, extension = last, "jpg"
    if not stem:
        return None
    if extension.lower() in _VIDEO_LINK_EXTENSIONS:
        extension = "jpg"
    return urlunsplit(parts._replace(path=f"{folder}/{stem}{suffix}.{extension}"))


def _address(obj: Basic_object, action: str) -> str:
    """The id an action puts in its path: the deletehash for anonymous objects.

    A logged-in user acts by id.  Without one, Imgur only lets the uploader
    act, through the deletehash (known for objects this client uploaded or
    created).

    :raises AuthenticationError: no user is logged in and the deletehash is
        not known (before any request).
    """
    if obj._client.credentials.is_user:
        return str(peek(obj, obj._id_field) or "")
    deletehash = peek(obj, "deletehash")
    if deletehash:
        return str(deletehash)
    raise AuthenticationError(
        f"{action} needs a logged-in user, or the deletehash of an anonymous upload "
        f"(this {type(obj).__name__} has none: use the object upload_image() or "
        "create_album() returned)"
    )


@model
class Image(Uploaded, InGallery, Favoritable, Submittable):
    """An image (or a video) uploaded to Imgur.

    Get one with :meth:`Imgur.get_image` (lazy: no request until a field that
    is not loaded is read) or :meth:`Imgur.upload_image`.  The ``link_*``
    thumbnail links are computed from ``link`` with no request.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.IMAGE
    _favorite_endpoint: ClassVar[Optional[Endpoint]] = ep.IMAGE_FAVORITE
    _submit_endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_SHARE_IMAGE
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("title",)

    @classmethod
    def _gallery_class(cls) -> type[Basic_object]:
        from .gallery_image import Gallery_image  # gallery_image.py imports this module

        return Gallery_image

    type: Optional[str] = field(doc="The MIME type, e.g. ``image/png`` or ``video/mp4``.")
    is_animated: Optional[bool] = field("animated", doc="Is the image animated?")
    width: Optional[int] = field(doc="The width in pixels.")
    height: Optional[int] = field(doc="The height in pixels.")
    size: Optional[int] = field(doc="The size of the file in bytes.")
    bandwidth: Optional[int] = field(doc="The bandwidth it has used, in bytes.")
    has_sound: Optional[bool] = field(doc="Does the video have a sound track?")
    ad_type: Optional[int] = field(doc="The kind of advertisement (0: none).")
    ad_url: Optional[str] = field(doc="The advertisement's URL, if any.")
    edited: Optional[bool] = field(doc="Has it been edited? (Imgur sends ``\"0\"``/``\"1\"``.)")
    name: Optional[str] = field(doc="The original file name (known to the owner only).")
    gifv: Optional[str] = field(doc="The ``.gifv`` link of an animated image.")
    mp4: Optional[str] = field(doc="The ``.mp4`` link of an animated image or video.")
    mp4_size: Optional[int] = field(doc="The size of the mp4 in bytes.")
    hls: Optional[str] = field(doc="The ``.m3u8`` HLS stream of a video.")
    looping: Optional[bool] = field(doc="Does the video loop?")
    processing: Optional[dict[str, Any]] = field(
        convert=_object,
        doc='The processing state of a video upload, e.g. ``{"status": "pending"}``.',
    )

    # -- computed locally (no request once ``link`` is loaded) ------------------------------
    @property
    def link_small_square(self) -> Optional[str]:
        """The 90x90 small square thumbnail (suffix ``s``)."""
        return thumbnail_link(self.link, "s")

    @property
    def link_big_square(self) -> Optional[str]:
        """The 160x160 big square thumbnail (suffix ``b``)."""
        return thumbnail_link(self.link, "b")

    @property
    def link_small_thumbnail(self) -> Optional[str]:
        """The 160 px small thumbnail, proportional (suffix ``t``)."""
        return thumbnail_link(self.link, "t")

    @property
    def link_medium_thumbnail(self) -> Optional[str]:
        """The 320 px medium thumbnail, proportional (suffix ``m``)."""
        return thumbnail_link(self.link, "m")

    @property
    def link_large_thumbnail(self) -> Optional[str]:
        """The 640 px large thumbnail, proportional (suffix ``l``)."""
        return thumbnail_link(self.link, "l")

    @property
    def link_huge_thumbnail(self) -> Optional[str]:
        """The 1024 px huge thumbnail, proportional (suffix ``h``)."""
        return thumbnail_link(self.link, "h")

    @property
    def link_large_square(self) -> Optional[str]:
        """Kept for the 0.5.3 API.  Imgur has no large square thumbnail, so this
        is the 640 px large thumbnail (suffix ``l``, proportional, not square)."""
        return thumbnail_link(self.link, "l")

    @property
    def processing_status(self) -> Optional[str]:
        """The processing status of a video (``"pending"``, ``"completed"``...),
        or ``None`` when Imgur reports none (still images)."""
        processing = self.processing
        if isinstance(processing, dict):
            status = processing.get("status")
            return str(status) if status is not None else None
        return None

    # -- actions ------------------------------------------------------------------------
    @action
    def wait_until_processed(
        self,
        timeout: float = 300.0,
        interval: float = 2.0,
        *,
        sleep: Optional[Callable[[float], Any]] = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> Plan[Image]:
        """Wait until Imgur has finished processing an uploaded video.

        Polls with :meth:`refresh` every ``interval`` seconds until the
        processing status is ``completed`` (or absent: nothing to process).
        Costs nothing when the loaded status already says so, else 1 request
        per poll.  ``sleep`` (default: ``time.sleep``, or ``anyio.sleep`` in
        the async flavour) and ``clock`` can be replaced (e.g. in tests).

        :returns: the image itself, now holding the processed links.
        :raises TimeoutError: still processing after ``timeout`` seconds.
        :raises UploadError: Imgur reports that processing failed.
        """
        if timeout < 0:
            raise ValueError("timeout must be 0 or more seconds")
        if interval <= 0:
            raise ValueError("interval must be more than 0 seconds")
        deadline = clock() + timeout
        if not (peek(self, "_has_fetched") or is_loaded(self, "processing")):
            yield from self._load_plan(use_cache=False)
        status = self.processing_status
        while not self._processed(status):
            if clock() + interval > deadline:
                raise TimeoutError(
                    f"image {self.id} is still {status!r} after {timeout:g} s of waiting"
                )
            yield Pause(interval, sleep)
            yield from self._load_plan(use_cache=False)
            status = self.processing_status
        return self

    def _processed(self, status: Optional[str]) -> bool:
        if status is None or status.lower() in _DONE:
            return True
        if status.lower() in _FAILED:
            raise UploadError(f"Imgur could not process image {self.id}: {status}")
        return False

    @action
    def delete(self) -> Plan[bool]:
        """Delete the image.

        A logged-in user deletes by id; without one, the image's deletehash is
        used (known for images this client uploaded).  Costs 1 request.

        :returns: ``True`` when Imgur accepted it (failures raise).
        :raises AuthenticationError: no user and no deletehash (no request).
        """
        target = _address(self, "deleting an image")
        result = yield call(ep.IMAGE_DELETE, id=target)
        self._forget_cached()
        return result is not False

    @action
    def update(
        self, title: Optional[str] = None, description: Optional[str] = None
    ) -> Plan[bool]:
        """Change the image's title and/or description.

        ``None`` keeps the old value.  The object's fields are updated
        locally (no extra request).  Anonymous uploads are addressed by their
        deletehash.  Costs 1 request, or none when both are ``None``.

        :returns: ``True`` when Imgur accepted it (failures raise).
        """
        changes = _string_changes(title=title, description=description)
        if not changes:
            return True
        target = _address(self, "updating an image")
        result = yield call(ep.IMAGE_UPDATE, data=changes, id=target)
        keep(self, **changes)
        self._forget_cached()
        return result is not False

    @action
    def download(
        self,
        path: str = "",
        name: Optional[str] = None,
        overwrite: bool = False,
        size: Optional[str] = None,
        *,
        progress: Optional[Progress] = None,
        prefer_video: bool = False,
        stall_timeout: Optional[float] = DEFAULT_STALL_TIMEOUT,
        deadline: Optional[float] = None,
    ) -> Plan[str]:
        """Save the image into the folder ``path`` (default: the current folder).

        ``path`` is created if missing (with its parents); if the download
        fails, the folders it created are removed again.

        :param name: the file name, without extension.  Default: the title,
            else the id.  The name is cleaned so that the file always lands
            inside ``path`` (see :func:`pyimgur.download.clean_filename`); if
            nothing is left of it, the id is used.  The extension comes from
            the image's type.
        :param overwrite: replace an existing file.  Without it an existing
            file is never touched, even one created during the download.
        :param size: a thumbnail instead of the original: ``small_square``,
            ``big_square``, ``small_thumbnail``, ``medium_thumbnail``,
            ``large_thumbnail`` or ``huge_thumbnail``.
        :param progress: called as ``progress(bytes_done, bytes_total)``
            (``bytes_total`` is ``None`` when unknown).
        :param prefer_video: save the ``.mp4`` of a GIF or video instead.
        :param stall_timeout: fail when less than 16 KiB
            (:data:`pyimgur.download.STALL_BYTES`) arrive in this many seconds,
            from a silent or dripping server (default 30; ``None``: only the
            client's read timeout).
        :param deadline: fail when the whole download takes longer than this
            many seconds (default ``None``: no limit).
        :returns: the path of the new file.
        :raises FileExistsError: the file exists and ``overwrite`` is False.
        :raises NotADirectoryError: ``path``, or a part of it, exists and is
            not a folder (before any request; ``filename`` names that part).
        :raises TransportError: the download broke off, was incomplete (short
            of its ``Content-Length``, a chunked body without its last chunk,
            a gzip body without its end), stalled or passed ``deadline``.
        :raises InvalidResponse: the image's link has no file name to make a
            thumbnail link from.
        :raises OSError: the file cannot be written (the message names the
            destination, never a temporary file).

        Costs the file download, plus 1 request if the title, link or type
        are not loaded yet.  The new file's mode follows the umask, as with
        ``open()``; a replaced file keeps its mode.  An interrupted or
        incomplete download leaves no file behind and never replaces one.
        """
        if size is not None and size not in THUMBNAIL_SUFFIXES:
            raise ValueError(
                f"size must be one of {', '.join(sorted(THUMBNAIL_SUFFIXES))}, not {size!r}"
            )
        if size is not None and prefer_video:
            raise ValueError("give size or prefer_video, not both (thumbnails are stills)")
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name must be a string, not {type(name).__name__}")
        check_limits(stall_timeout, deadline)
        check_folder(path)
        yield from self._need("link", "type", "title", *(("mp4",) if prefer_video else ()))
        url, extension = self._download_source(size, prefer_video)
        wanted = name if name is not None else self.title
        filename = clean_filename(wanted, fallback=str(self.id)) + extension
        saved: str = yield Save(url, path, filename, overwrite, progress,
                                stall_timeout=stall_timeout, deadline=deadline)
        return saved

    def _download_source(self, size: Optional[str], prefer_video: bool) -> tuple[str, str]:
        """The URL to fetch and the file extension to save it with."""
        link = self.link
        if prefer_video and self.mp4:
            return str(self.mp4), ".mp4"
        if not link:
            raise ValueError(f"image {self.id} has no link to download")
        if size is not None:
            thumbnail = thumbnail_link(link, THUMBNAIL_SUFFIXES[size])
            if thumbnail is None:
                raise InvalidResponse(
                    f"image {self.id} has no file name in its link {link!r}, "
                    f"so it has no {size} thumbnail to download"
                )
            return thumbnail, extension_for(None, thumbnail)
        return link, extension_for(self.type, link)


def _string_changes(**values: Optional[str]) -> dict[str, str]:
    """The given (not ``None``) values, checked to be strings."""
    changes = {}
    for key, value in values.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise TypeError(f"{key} must be a string, not {type(value).__name__}")
        changes[key] = value
    return changes
