"""Saving Imgur files to disk safely.

Two helpers, used by :meth:`pyimgur.Image.download` and
:meth:`pyimgur.Album.download`:

* :func:`clean_filename` turns any text (a title Imgur sent, a name a user
  typed) into one file name that always stays inside the target folder: no
  path separators, no ``..``, no control characters, no Windows reserved
  names, no trailing dots or spaces, and a capped length.
* :func:`stream_to_file` streams a CDN file in chunks into a temporary file
  in the target folder and renames it into place, so an interrupted download
  leaves nothing behind and, unless asked to, an existing file is never
  touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from typing import TYPE_CHECKING, Callable, Optional
from urllib.parse import urlsplit

import requests

from .exceptions import TransportError

if TYPE_CHECKING:
    from .transport import Transport

__all__ = [
    "MAX_NAME_LENGTH",
    "Progress",
    "clean_filename",
    "extension_for",
    "stream_to_file",
    "target_path",
]

#: ``progress(bytes_done, bytes_total)``; ``bytes_total`` is ``None`` when unknown
Progress = Callable[[int, Optional[int]], None]

#: the longest name (in characters, without the extension) a download gets
MAX_NAME_LENGTH = 150
#: and in UTF-8 bytes, so that name + extension + temporary suffix fit in 255
_MAX_NAME_BYTES = 200
_CHUNK_SIZE = 64 * 1024

# Characters no file name may hold on any common system: separators, the
# characters Windows refuses, and every control character.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f-\x9f/\\<>:"|?*]')
_DOTS = re.compile(r"\.{2,}")
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3"]
)

_MIME_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/png": ".png",
    "image/apng": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/tiff": ".tiff",
    "image/bmp": ".bmp",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "video/x-matroska": ".mkv",
    "video/quicktime": ".mov",
    "video/x-flv": ".flv",
    "video/x-msvideo": ".avi",
    "video/x-ms-wmv": ".wmv",
    "video/mpeg": ".mpeg",
}
_URL_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,5})$")


def clean_filename(name: object, fallback: str = "", max_length: int = MAX_NAME_LENGTH) -> str:
    """A safe file name (without folder) made from ``name``.

    Separators, Windows' forbidden characters and control characters become
    ``_``; invisible format characters (such as right-to-left overrides,
    which can disguise an extension) are dropped; runs of dots become one
    dot; leading dots, and trailing dots and spaces, are dropped; a Windows
    reserved name (``CON``, ``nul.txt``, ``COM1``...) gets a leading ``_``;
    the result is cut to ``max_length`` characters (and 200 UTF-8 bytes).
    When nothing usable is left, ``fallback`` is cleaned the same way and
    used; when that is empty too, ``"download"`` is.

    The result never contains a path separator, is never ``.`` or ``..``,
    and joined to a folder it always names a file directly inside it.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    cleaned = _clean(name, max_length)
    if not cleaned and fallback:
        cleaned = _clean(fallback, max_length)
    return cleaned or "download"


def _clean(name: object, max_length: int) -> str:
    if name is None:
        return ""
    text = unicodedata.normalize("NFC", str(name))
    text = _FORBIDDEN.sub("_", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = _SPACES.sub(" ", text)
    text = _DOTS.sub(".", text)
    text = _trim(text)
    if not text.strip("_ ."):
        return ""  # nothing but separators or replaced characters: no name at all
    text = text[:max_length]
    while len(text.encode("utf-8")) > _MAX_NAME_BYTES:
        text = text[:-1]
    text = _trim(text)
    stem = text.split(".", 1)[0].strip().upper()
    if stem in _RESERVED:
        text = "_" + text
        text = _trim(text[:max_length])
    return text


def _trim(text: str) -> str:
    return text.strip().lstrip(".").rstrip(". ").strip()


def extension_for(mime: Optional[str], url: Optional[str] = None) -> str:
    """The file extension (with its dot) for a MIME type, else for a URL's path.

    Unknown types and URLs without a plain extension give ``""``.
    """
    if mime:
        known = _MIME_EXTENSIONS.get(mime.split(";", 1)[0].strip().lower())
        if known:
            return known
    if url:
        last = urlsplit(url).path.rsplit("/", 1)[-1]
        match = _URL_EXTENSION.search(last)
        if match:
            return "." + match.group(1).lower()
    return ""


def target_path(folder: str, filename: str) -> str:
    """``folder/filename``, checked to name a file directly inside ``folder``.

    :raises ValueError: ``filename`` would land elsewhere (it was not cleaned).
    """
    base = os.path.abspath(folder or os.curdir)
    final = os.path.abspath(os.path.join(base, filename))
    if os.path.dirname(final) != base or os.path.basename(final) != filename:
        raise ValueError(f"unsafe file name {filename!r}")
    return final


def stream_to_file(
    transport: Transport,
    url: str,
    folder: str,
    filename: str,
    overwrite: bool = False,
    progress: Optional[Progress] = None,
    chunk_size: int = _CHUNK_SIZE,
) -> str:
    """Download ``url`` to ``folder/filename`` and return that path.

    ``folder`` is created if missing.  The file is streamed in chunks to a
    temporary file in ``folder`` and renamed into place once complete, so an
    interrupted download (a dropped connection, a full disk, Ctrl-C) leaves
    no file behind.  ``progress(bytes_done, bytes_total)`` is called once at
    the start and after every chunk (``bytes_total`` is ``None`` when the
    server sent no length).

    :raises FileExistsError: the file exists and ``overwrite`` is ``False``
        (checked before the request, and again atomically when the file is
        put in place, so a file created meanwhile is not clobbered either).
    :raises TransportError: the stream broke off or came up short.
    """
    final = target_path(folder, filename)
    directory = os.path.dirname(final)
    os.makedirs(directory, exist_ok=True)
    if not overwrite and os.path.lexists(final):
        raise _exists(final)
    response = transport.get_stream(url)
    descriptor, temporary = tempfile.mkstemp(prefix=".pyimgur-", suffix=".part", dir=directory)
    try:
        with response, os.fdopen(descriptor, "wb") as out:
            total = _length(response)
            done = 0
            if progress is not None:
                progress(0, total)
            try:
                for chunk in response.iter_content(chunk_size):
                    if not chunk:
                        continue
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            except requests.RequestException as error:
                raise TransportError(
                    f"download of {url} broke off after {done} bytes ({type(error).__name__})",
                    method="GET",
                    path=urlsplit(url).path,
                ) from None
            if total is not None and done < total:
                raise TransportError(
                    f"download of {url} ended after {done} of {total} bytes",
                    method="GET",
                    path=urlsplit(url).path,
                )
            out.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), 0o644)  # mkstemp made it private (0600)
        _put_in_place(temporary, final, overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return final


def _length(response: requests.Response) -> Optional[int]:
    if response.headers.get("Content-Encoding"):
        return None  # the length counts compressed bytes, iter_content yields plain ones
    try:
        value = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _put_in_place(temporary: str, final: str, overwrite: bool) -> None:
    """Rename ``temporary`` to ``final``; without ``overwrite`` never replace a file."""
    if overwrite:
        os.replace(temporary, final)
        return
    try:
        os.link(temporary, final)  # fails atomically if final exists
    except FileExistsError:
        raise _exists(final) from None
    except (OSError, AttributeError, NotImplementedError):
        # No hard links here (some file systems, some platforms): claim the
        # name by exclusive creation, then move the complete file onto it.
        try:
            claim = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise _exists(final) from None
        os.close(claim)
        os.replace(temporary, final)
        return
    os.unlink(temporary)


def _exists(path: str) -> FileExistsError:
    return FileExistsError(
        errno.EEXIST, f"{path} exists; pass overwrite=True to replace it", path
    )
