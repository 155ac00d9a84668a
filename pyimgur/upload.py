"""The body of an upload (``POST /3/image``): a streamed ``multipart/form-data``.

:func:`build_upload` checks that exactly one source is given (a path, a URL,
a binary file object or ``bytes``), decides whether the file is a video (sent
as the ``video`` field) or an image (sent as ``image``), and returns a
:class:`requests_toolbelt.MultipartEncoder` that reads the file lazily, chunk
by chunk, while the request is sent: a 200 MB video is never held in memory.

The length of a file part is measured when the body is built and announced in
``Content-Length``.  A file that shrinks or grows before its last byte is sent
stops the upload: the read that finds it raises :class:`SourceChanged`, which
ends the request mid-body (the connection is dropped, so Imgur never receives
a complete request and no extra bytes follow it), and the upload call turns it
into the :class:`OSError` it carries.  A body whose length lies is never sent.
"""

from __future__ import annotations

import io
import mimetypes
import os
import uuid
from typing import IO, Any, Optional, Union

from requests_toolbelt import MultipartEncoder  # type: ignore[import-untyped]

from .download import extension_for

__all__ = [
    "VIDEO_EXTENSIONS",
    "VIDEO_MIME_TYPES",
    "SourceChanged",
    "UploadBody",
    "build_upload",
    "sniff_video",
]

#: file extensions uploaded as ``video`` (imgur-api.md section 4.3)
VIDEO_EXTENSIONS = frozenset(
    {".mp4", ".m4v", ".webm", ".mov", ".qt", ".mkv", ".flv", ".avi", ".wmv", ".mpeg", ".mpg"}
)
#: MIME types Imgur accepts as video
VIDEO_MIME_TYPES = frozenset(
    {
        "video/mp4",
        "video/webm",
        "video/x-matroska",
        "video/quicktime",
        "video/x-flv",
        "video/x-msvideo",
        "video/x-ms-wmv",
        "video/mpeg",
    }
)
_EXTENSION_MIME = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
    ".qt": "video/quicktime",
    ".mkv": "video/x-matroska",
    ".flv": "video/x-flv",
    ".avi": "video/x-msvideo",
    ".wmv": "video/x-ms-wmv",
    ".mpeg": "video/mpeg",
    ".mpg": "video/mpeg",
}
# ISO media brands that are still images, not videos (HEIC, AVIF)
_IMAGE_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"})
_SNIFF_BYTES = 64

PathLike = Union[str, "os.PathLike[str]"]


def sniff_video(head: bytes) -> Optional[str]:
    """The video MIME type the first bytes of a file show, or ``None``."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _IMAGE_BRANDS:
            return None
        return "video/quicktime" if brand == b"qt  " else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm" if b"webm" in head else "video/x-matroska"
    if head.startswith(b"FLV"):
        return "video/x-flv"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "video/x-ms-wmv"
    if head.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3")):
        return "video/mpeg"
    return None


def _video_type(filename: Optional[str], head: bytes) -> Optional[str]:
    """The video MIME type of a file, from its name, else from its first bytes."""
    if filename:
        extension = os.path.splitext(filename)[1].lower()
        if extension in _EXTENSION_MIME:
            return _EXTENSION_MIME[extension]
        guessed = mimetypes.guess_type(filename)[0]
        if guessed in VIDEO_MIME_TYPES:
            return guessed
        if guessed:
            return None  # a known non-video type: trust the name
    return sniff_video(head)


class SourceChanged(Exception):
    """A file being uploaded changed size after its length was announced.

    Raised from inside the request body (not an :class:`OSError`, so that the
    HTTP stack lets it through instead of calling it a connection failure);
    :attr:`error` is the :class:`OSError` the upload call raises for it.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _FileBody:
    """A binary file object read from its current position, with a known length.

    ``MultipartEncoder`` asks for ``len`` and then ``read(n)``s in chunks.  It
    never gets more than the length measured at the start, and a file that
    ends early or goes on past it raises :class:`SourceChanged` (an endless
    loop of empty reads, or a body longer than its ``Content-Length``, before).
    """

    def __init__(self, fileobj: IO[bytes], label: Optional[str] = None) -> None:
        self._file = fileobj
        self._label = label or "the file"
        self._start = fileobj.tell()
        end = fileobj.seek(0, io.SEEK_END)
        fileobj.seek(self._start)
        self._size = self._left = max(0, end - self._start)

    def rewind(self) -> None:
        """Back to where the body started, for a resend."""
        self._file.seek(self._start)
        self._left = self._size

    @property
    def len(self) -> int:
        return self._left

    def read(self, size: Optional[int] = -1) -> bytes:
        wanted = self._left if size is None or size < 0 else min(size, self._left)
        if wanted <= 0:
            return b""
        data = self._file.read(wanted)
        if not isinstance(data, bytes):
            raise TypeError("the file object must be opened in binary mode ('rb')")
        if not data:
            raise self._changed("shrank", f"it ended after {self._size - self._left} bytes")
        self._left -= len(data)
        if self._left == 0 and self._file.read(1):
            raise self._changed("grew", "it holds more bytes than announced")
        return data

    def _changed(self, how: str, detail: str) -> SourceChanged:
        return SourceChanged(
            OSError(
                f"{self._label} {how} while it was being uploaded ({detail}; "
                f"{self._size} bytes were announced): the upload was stopped before "
                "its end, so Imgur received no complete request"
            )
        )


class UploadBody:
    """A streaming multipart upload body that can be built again for a resend.

    Calling it gives a fresh ``MultipartEncoder`` (file parts rewound, the
    same boundary, so :attr:`content_type` stays valid).  The transport calls
    it once per attempt, so a call it may re-send (the connection failed before
    sending, or Imgur refused an expired token) goes out whole, never empty.
    """

    def __init__(self, parts: list[tuple[str, Any]]) -> None:
        self._parts = parts
        self._boundary = uuid.uuid4().hex
        self.content_type = self().content_type

    def __call__(self) -> MultipartEncoder:
        for _, value in self._parts:
            if isinstance(value, tuple) and isinstance(value[1], _FileBody):
                value[1].rewind()
        return MultipartEncoder(fields=self._parts, boundary=self._boundary)

    @property
    def len(self) -> int:
        """The size of the body in bytes."""
        return int(self().len)


def _peek(fileobj: IO[bytes]) -> bytes:
    start = fileobj.tell()
    head = fileobj.read(_SNIFF_BYTES)
    fileobj.seek(start)
    if not isinstance(head, (bytes, bytearray)):
        raise TypeError("the file object must be opened in binary mode ('rb')")
    return bytes(head)


def _seekable(fileobj: Any) -> bool:
    try:
        return bool(fileobj.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def build_upload(
    *,
    path: Optional[PathLike] = None,
    url: Optional[str] = None,
    file: Optional[IO[bytes]] = None,
    content: Optional[bytes] = None,
    title: Optional[str] = None,
    description: Optional[str] = None,
    album: Optional[str] = None,
    name: Optional[str] = None,
    disable_audio: bool = False,
) -> tuple[UploadBody, Optional[IO[bytes]]]:
    """The multipart body of an upload, and the file it opened (close it after).

    :raises ValueError: not exactly one source, a URL that is not http(s),
        or ``disable_audio`` for something that is not a video file.
    :raises TypeError: a source of the wrong type (e.g. a text-mode file).
    :raises OSError: ``path`` cannot be opened.
    """
    given = [label for label, value in
             (("path", path), ("url", url), ("file", file), ("content", content))
             if value is not None]
    if len(given) != 1:
        raise ValueError(
            "give exactly one of path, url, file or content"
            + (f" (got {', '.join(given)})" if given else " (got none)")
        )
    for label, value in (("title", title), ("description", description),
                         ("album", album), ("name", name)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{label} must be a string, not {type(value).__name__}")

    opened: list[IO[bytes]] = []
    try:
        parts = _source_parts(path, url, file, content, name, disable_audio, opened)
        for label, value in (("title", title), ("description", description),
                             ("album", album), ("name", name)):
            if value is not None:
                parts.append((label, value))
        return UploadBody(parts), (opened[0] if opened else None)
    except BaseException:
        for handle in opened:
            handle.close()
        raise


def _source_parts(
    path: Optional[PathLike],
    url: Optional[str],
    file: Optional[IO[bytes]],
    content: Optional[bytes],
    name: Optional[str],
    disable_audio: bool,
    opened: list[IO[bytes]],
) -> list[tuple[str, Any]]:
    """The file (or URL) fields of the body; a file it opens goes in ``opened``."""
    if url is not None:
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            raise ValueError(f"url must be an http(s) URL, not {url!r}")
        if disable_audio:
            raise ValueError("disable_audio applies to video files, not to URL uploads")
        return [("image", url), ("type", "url")]
    body: Any
    filename: Optional[str]
    if content is not None:
        if isinstance(content, (bytearray, memoryview)):
            content = bytes(content)
        if not isinstance(content, bytes):
            raise TypeError(f"content must be bytes, not {type(content).__name__}")
        filename, head, body = None, content[:_SNIFF_BYTES], content
    elif file is not None:
        if not hasattr(file, "read"):
            raise TypeError(f"file must be a binary file object, not {type(file).__name__}")
        raw_name = getattr(file, "name", None)
        filename = os.path.basename(raw_name) if isinstance(raw_name, str) else None
        if _seekable(file):
            head, body = _peek(file), _FileBody(file, filename)
        else:  # a pipe or socket: no length to announce, so it is read whole
            data = file.read()
            if not isinstance(data, bytes):
                raise TypeError("the file object must be opened in binary mode ('rb')")
            head, body = data[:_SNIFF_BYTES], data
    else:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        filename = os.path.basename(os.fspath(path))
        handle = open(path, "rb")  # closed by build_upload on error, else by the caller
        opened.append(handle)
        head, body = _peek(handle), _FileBody(handle, os.fsdecode(path))
    video = _video_type(filename or name, head)
    if disable_audio and video is None:
        raise ValueError("disable_audio applies to video files only")
    if video is not None:
        mime, field_name = video, "video"
    else:
        guessed = mimetypes.guess_type(filename)[0] if filename else None
        mime, field_name = guessed or "application/octet-stream", "image"
    part_name = filename or "upload" + extension_for(mime)
    parts: list[tuple[str, Any]] = [(field_name, (part_name, body, mime)), ("type", "file")]
    if disable_audio:
        parts.append(("disable_audio", "1"))
    return parts
