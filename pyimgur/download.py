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

What a download promises (the tests are in ``tests/test_download.py`` and
``tests/reliability/test_h13f_files.py``):

* A missing destination folder is created, with any missing parents; a
  download that fails removes the folders it created.  A destination (or a
  part of it) that exists but is not a folder raises
  :class:`NotADirectoryError` naming it, before any request.
* The file is only put in place when it is complete: the byte count must
  match ``Content-Length``, a chunked body must end with its last chunk, a
  gzip or deflate body must reach its end of stream.  Otherwise the download
  raises :class:`~pyimgur.TransportError` and an existing file is kept.  (A
  body with none of these, ended by closing the connection, cannot be
  checked: HTTP gives no way to tell it was cut.)
* A download that receives less than :data:`STALL_BYTES` in
  ``stall_timeout`` seconds (a silent or dripping server) raises
  :class:`~pyimgur.TransportError`; ``deadline`` (off by default) bounds the
  whole download.
* The new file gets the mode ``open()`` would give it (``0o666`` less the
  umask); a replaced file keeps its mode.
* Local failures raise :class:`OSError` naming the destination, never the
  temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import os
import re
import socket
import stat
import time
import unicodedata
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Optional
from urllib.parse import urlsplit

import requests
import urllib3

from .exceptions import InvalidResponse, TransportError

if TYPE_CHECKING:
    from .transport import Transport

__all__ = [
    "DEFAULT_STALL_TIMEOUT",
    "MAX_NAME_LENGTH",
    "STALL_BYTES",
    "Progress",
    "check_folder",
    "check_limits",
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
#: seconds a download may take to receive :data:`STALL_BYTES` before it fails
DEFAULT_STALL_TIMEOUT = 30.0
#: the amount of data that counts as progress for the stall limit
STALL_BYTES = 16 * 1024

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


def check_limits(stall_timeout: Optional[float], deadline: Optional[float]) -> None:
    """Check the time limits of a download (no request).

    :raises TypeError: a limit is not a number (or ``None``).
    :raises ValueError: a limit is not a positive number of seconds.
    """
    for limit, label in ((stall_timeout, "stall_timeout"), (deadline, "deadline")):
        if limit is None:
            continue
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            raise TypeError(f"{label} must be a number of seconds or None, "
                            f"not {type(limit).__name__}")
        if not limit > 0:
            raise ValueError(f"{label} must be a positive number of seconds or None")


def check_folder(folder: str) -> None:
    """Check that ``folder`` is, or can be created as, a folder (no request, no change).

    :raises NotADirectoryError: ``folder``, or the first part of it that
        exists, is a file (or anything else that is not a folder); its
        ``filename`` names that part.
    """
    _missing_folders(os.path.abspath(folder or os.curdir))


def _missing_folders(directory: str) -> list[str]:
    """The folders to create for ``directory``, outermost first."""
    missing = []
    current = directory
    while not os.path.isdir(current):
        if os.path.lexists(current):
            if os.path.isdir(current):
                break  # made meanwhile (another download of the same album)
            raise _not_a_folder(current)
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return missing[::-1]


def _not_a_folder(path: str) -> NotADirectoryError:
    return NotADirectoryError(errno.ENOTDIR, "not a folder", path)


def _make_folders(directory: str) -> list[str]:
    """Create ``directory`` and its missing parents; return those this call made."""
    created = []
    try:
        for folder in _missing_folders(directory):
            try:
                os.mkdir(folder)
            except FileExistsError:
                if not os.path.isdir(folder):
                    raise _not_a_folder(folder) from None
                continue  # made meanwhile by someone else: not ours to remove
            created.append(folder)
    except BaseException:
        _remove_folders(created)
        raise
    return created


def _remove_folders(created: list[str]) -> None:
    """Remove the folders a failed download made, innermost first, if still empty."""
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _create_temporary(directory: str) -> tuple[int, str]:
    """Create a new empty file in ``directory`` as ``open()`` would (its mode
    follows the umask), under a name no one else uses."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for name in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    for _ in range(100):
        temporary = os.path.join(directory, f".pyimgur-{os.urandom(8).hex()}.part")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", directory)


def _local_error(error: OSError, path: str) -> OSError:
    """``error`` told about ``path`` (the destination), never the temporary file."""
    reason = error.strerror or str(error)
    if error.errno is None:
        return OSError(f"cannot save {path}: {reason}")
    return OSError(error.errno, f"cannot save the file: {reason}", path)


def stream_to_file(
    transport: Transport,
    url: str,
    folder: str,
    filename: str,
    overwrite: bool = False,
    progress: Optional[Progress] = None,
    chunk_size: int = _CHUNK_SIZE,
    *,
    stall_timeout: Optional[float] = DEFAULT_STALL_TIMEOUT,
    deadline: Optional[float] = None,
) -> str:
    """Download ``url`` to ``folder/filename`` and return that path.

    ``folder`` is created if missing (and removed again, with the parents
    this call created, if the download fails).  The file is streamed in
    chunks to a temporary file in ``folder`` (created before the request) and
    renamed into place once complete, so an interrupted download (a dropped
    connection, a full disk, Ctrl-C) leaves no file behind.
    ``progress(bytes_done, bytes_total)`` is called once at the start and
    after every chunk (``bytes_total`` is ``None`` when the server sent no
    length, or a compressed one).

    :param stall_timeout: fail when less than :data:`STALL_BYTES` arrive in
        this many seconds (``None``: no limit but the read timeout).
    :param deadline: fail when the whole download takes longer than this
        many seconds (``None``: no limit).
    :raises FileExistsError: the file exists and ``overwrite`` is ``False``
        (checked before the request, and again atomically when the file is
        put in place, so a file created meanwhile is not clobbered either).
    :raises NotADirectoryError: ``folder`` or a part of it is not a folder.
    :raises TransportError: the stream broke off, came up short, was not
        complete, stalled or passed the deadline.
    :raises InvalidResponse: the file came compressed in a way pyimgur cannot check.
    :raises OSError: the file cannot be written (the message names the
        destination).
    """
    check_limits(stall_timeout, deadline)
    final = target_path(folder, filename)
    directory = os.path.dirname(final)
    check_folder(directory)
    if not overwrite and os.path.lexists(final):
        raise _exists(final)
    created: list[str] = []
    temporary: Optional[str] = None
    try:
        descriptor, temporary = _open_temporary(directory, final, created)
        with os.fdopen(descriptor, "wb") as out:
            response = transport.get_stream(url)
            with response:
                copy = _Copy(response, url, stall_timeout, deadline)
                copy.run(out, final, progress, chunk_size)
            try:
                out.flush()
            except OSError as error:
                raise _local_error(error, final) from None
        _put_in_place(temporary, final, overwrite)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _remove_folders(created)
        raise
    return final


def _open_temporary(directory: str, final: str, created: list[str]) -> tuple[int, str]:
    """Create the missing folders (adding them to ``created``) and a temporary
    file in ``directory``; errors name ``final``."""
    attempts = 3
    while True:
        created += _make_folders(directory)
        try:
            return _create_temporary(directory)
        except FileNotFoundError as error:  # a failing download next door removed the folder
            attempts -= 1
            if not attempts:
                raise _local_error(error, final) from None
        except OSError as error:
            raise _local_error(error, final) from None


class _Copy:
    """Copies one CDN answer to a file, checking that all of it arrived in time."""

    def __init__(
        self,
        response: requests.Response,
        url: str,
        stall_timeout: Optional[float],
        deadline: Optional[float],
    ) -> None:
        self.response = response
        self.url = url
        self.stall_timeout = stall_timeout
        self.deadline = deadline
        self.expected = _length(response)
        self.decoder = _decoder_for(response, url)
        self.received = 0  # bytes off the wire (compressed, when it is)

    def fail(self, what: str) -> TransportError:
        return TransportError(
            f"download of {self.url} {what}", method="GET", path=urlsplit(self.url).path
        )

    def run(self, out: Any, final: str, progress: Optional[Progress], chunk_size: int) -> None:
        raw = self.response.raw
        read = _reader(raw)
        first = _socket(raw)
        sock_timeout = first.gettimeout() if first is not None else None
        total = self.expected if self.decoder is None else None
        done = 0
        started = mark = time.monotonic()
        since_mark = 0
        if progress is not None:
            progress(0, total)
        try:
            while True:
                # looked up each time: once the body is read, the connection
                # goes back to the pool and its socket is no longer ours
                sock = _socket(raw)
                if sock is not None:
                    _limit_wait(sock, sock_timeout, self._time_left(started, mark))
                try:
                    data = read(chunk_size)
                except (requests.RequestException, urllib3.exceptions.HTTPError,
                        http.client.HTTPException, OSError) as error:
                    raise self._broken(error, started, mark) from None
                if not data:
                    break
                now = time.monotonic()
                self.received += len(data)
                since_mark += len(data)
                self._check_time(now, started, mark)
                if since_mark >= STALL_BYTES:
                    mark, since_mark = now, 0
                for piece in self.decoder.feed(data) if self.decoder else (data,):
                    try:
                        out.write(piece)
                    except OSError as error:
                        raise _local_error(error, final) from None
                    done += len(piece)
                if progress is not None:
                    progress(done, total)
        finally:
            sock = _socket(raw)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.settimeout(sock_timeout)
        if self.expected is not None and self.received != self.expected:
            raise self.fail(f"ended after {self.received} of {self.expected} bytes")
        if self.decoder is not None and not self.decoder.finished:
            raise self.fail(
                f"ended after {self.received} bytes, before the end of its compressed stream"
            )

    def _time_left(self, started: float, mark: float) -> Optional[float]:
        now = time.monotonic()
        limits = []
        if self.stall_timeout is not None:
            limits.append(mark + self.stall_timeout - now)
        if self.deadline is not None:
            limits.append(started + self.deadline - now)
        return min(limits) if limits else None

    def _check_time(self, now: float, started: float, mark: float, slack: float = 0.0) -> None:
        if self.stall_timeout is not None and now - mark + slack > self.stall_timeout:
            raise self.fail(
                f"stalled: less than {STALL_BYTES // 1024} KiB arrived in "
                f"{self.stall_timeout:g} s (after {self.received} bytes)"
            )
        if self.deadline is not None and now - started + slack > self.deadline:
            raise self.fail(
                f"passed its deadline of {self.deadline:g} s (after {self.received} bytes)"
            )

    def _broken(self, error: BaseException, started: float, mark: float) -> TransportError:
        # a socket wait cut short by the stall limit or the deadline says so
        self._check_time(time.monotonic(), started, mark, slack=0.01)
        return self.fail(f"broke off after {self.received} bytes ({type(error).__name__})")


def _reader(raw: Any) -> Callable[[int], bytes]:
    """A function reading what is there (up to n bytes) without waiting for n.

    ``read1`` returns as soon as one read from the socket gave something, so
    the stall limit and deadline are checked even while a server drips.
    Bodies are read undecoded: gzip and deflate are decoded here, so that
    their end can be checked.
    """
    if isinstance(raw, urllib3.BaseHTTPResponse):
        inner = getattr(raw, "_fp", None)
        some = hasattr(raw, "read1") and hasattr(inner, "read1")

        def read_raw(n: int) -> bytes:
            if some:
                return bytes(raw.read1(n, decode_content=False))
            return bytes(raw.read(n, decode_content=False))

        return read_raw
    reader: Callable[[int], bytes] = getattr(raw, "read1", None) or raw.read
    return reader


def _socket(raw: Any) -> Optional[socket.socket]:
    """The socket under a streamed answer, when there is one to put a time limit on."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def _limit_wait(sock: socket.socket, read_timeout: Optional[float], left: Optional[float]) -> None:
    """Make the next socket read wait no longer than ``left`` seconds, nor than
    its own read timeout."""
    wait = read_timeout
    if left is not None:
        wait = max(0.001, left) if wait is None else min(wait, max(0.001, left))
    with contextlib.suppress(OSError):
        sock.settimeout(wait)


class _Inflate:
    """Decodes a gzip (one or more members) or deflate body and knows whether it ended."""

    def __init__(self, gzip: bool, url: str) -> None:
        self.gzip = gzip
        self.url = url
        self.started = False
        self._new()

    def _new(self, wbits: Optional[int] = None) -> None:
        default = 16 + zlib.MAX_WBITS if self.gzip else zlib.MAX_WBITS
        self.wbits = default if wbits is None else wbits
        self.engine = zlib.decompressobj(self.wbits)

    @property
    def finished(self) -> bool:
        return self.started and self.engine.eof and not self.engine.unused_data

    def _garbled(self, what: str) -> InvalidResponse:
        return InvalidResponse(
            f"the CDN sent {self.url} with {what}", method="GET", path=urlsplit(self.url).path
        )

    def feed(self, data: bytes) -> Iterator[bytes]:
        first = not self.started
        self.started = True
        while data:
            if self.engine.eof:
                if not self.gzip:
                    raise self._garbled("bytes after the end of its deflate stream")
                self._new()  # the next member of a multi-member gzip file
            try:
                piece = self.engine.decompress(data, _CHUNK_SIZE)
            except zlib.error:
                if first and not self.gzip and self.wbits > 0:
                    self._new(-zlib.MAX_WBITS)  # "deflate" sent raw, without its header
                    first = False
                    continue
                raise self._garbled("a compressed body that does not decode") from None
            first = False
            if piece:
                yield piece
            data = self.engine.unused_data if self.engine.eof else self.engine.unconsumed_tail


def _decoder_for(response: requests.Response, url: str) -> Optional[_Inflate]:
    coding = response.headers.get("Content-Encoding", "").strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip", "deflate"):
        return _Inflate(coding != "deflate", url)
    raise InvalidResponse(
        f"the CDN sent {url} encoded as {coding!r}, which pyimgur cannot check",
        method="GET",
        path=urlsplit(url).path,
    )


def _length(response: requests.Response) -> Optional[int]:
    """The ``Content-Length`` (of the bytes on the wire), unless chunking overrides it."""
    if response.headers.get("Transfer-Encoding"):
        return None
    try:
        value = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _put_in_place(temporary: str, final: str, overwrite: bool) -> None:
    """Rename ``temporary`` to ``final``; without ``overwrite`` never replace a file."""
    try:
        if overwrite:
            with contextlib.suppress(OSError):
                existing = os.stat(final)
                if stat.S_ISREG(existing.st_mode):  # as open() would: keep its mode
                    os.chmod(temporary, stat.S_IMODE(existing.st_mode))
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
                claim = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                raise _exists(final) from None
            os.close(claim)
            os.replace(temporary, final)
            return
        os.unlink(temporary)
    except FileExistsError:
        raise
    except OSError as error:
        raise _local_error(error, final) from None


def _exists(path: str) -> FileExistsError:
    return FileExistsError(
        errno.EEXIST, f"{path} exists; pass overwrite=True to replace it", path
    )
