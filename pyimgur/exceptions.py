"""Every error pyimgur raises, under one base class, :class:`ImgurError`.

Each HTTP error carries the HTTP ``status``, Imgur's own ``message``, and the
``method`` and ``path`` of the call (the path never includes a query string).
None of them ever holds a token, the client secret or an ``Authorization``
header, and every one of them pickles (so it can cross a process boundary).
"""

from __future__ import annotations

from typing import Any, Optional

# with the names PyImgur 0.8.1 used, kept as aliases (see docs/migration.rst); the
# two aliases of built-in exceptions (InvalidParameterError, FileOverwriteError)
# import by name but stay out of __all__, which lists pyimgur's own tree
__all__ = [
    "AuthenticationError",
    "BadRequest",
    "BatchError",
    "Conflict",
    "Forbidden",
    "ImgurError",
    "ImgurIsDownException",
    "InvalidResponse",
    "InvalidURL",
    "NotFound",
    "OverCapacity",
    "PyImgurError",
    "RateLimitError",
    "ResourceNotFoundError",
    "ServerError",
    "TokenCallbackError",
    "TransportError",
    "UnexpectedImgurException",
    "UploadError",
]


class ImgurError(Exception):
    """Base class of every pyimgur error.

    :ivar status: the HTTP status code, or ``None`` when no response arrived.
    :ivar message: Imgur's message (or ours, when Imgur sent none).
    :ivar method: the HTTP method of the call, e.g. ``"GET"``.
    :ivar path: the API path of the call, e.g. ``"/3/image/abc"``.
    """

    def __init__(
        self,
        message: str = "",
        *,
        status: Optional[int] = None,
        method: Optional[str] = None,
        path: Optional[str] = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self._extra = extra
        for key, value in extra.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        where = f" ({self.method} {self.path})" if self.method and self.path else ""
        status = f"{self.status} " if self.status is not None else ""
        return f"{status}{self.message}{where}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = dict(self._extra, status=self.status, method=self.method, path=self.path)
        return (_rebuild, (type(self), self.message, kwargs))


def _rebuild(cls: type[ImgurError], message: str, kwargs: dict[str, Any]) -> ImgurError:
    return cls(message, **kwargs)


class TransportError(ImgurError):
    """No usable answer arrived: the connection failed or the call timed out."""


class TokenCallbackError(ImgurError):
    """The ``on_token_refresh`` callback raised.  The new tokens are already in
    use (``imgur.access_token``); only saving them failed.  The callback's own
    exception is the ``__cause__``.  The call that needed the new token was not
    made: make it again."""


class InvalidResponse(ImgurError):
    """Imgur answered with a body pyimgur cannot read (HTML, empty, truncated JSON),
    or a model field holds a value of the wrong type."""


class InvalidURL(ImgurError, ValueError):
    """The text given is not an imgur URL pyimgur understands."""


class BadRequest(ImgurError):
    """400: Imgur refused the parameters of the call."""


class AuthenticationError(ImgurError):
    """401, an invalid or expired token, or a call that needs a logged-in user
    made with only a client id (raised before any request)."""


class Forbidden(ImgurError):
    """403: the authenticated user may not do this."""


class NotFound(ImgurError):
    """404: the object does not exist, or Imgur removed the endpoint."""


class Conflict(ImgurError):
    """409: the call conflicts with the current state (e.g. "Not following tag")."""


class UploadError(ImgurError):
    """An upload was refused; ``code`` is Imgur's numeric error code (e.g. 1003)."""

    code: Optional[int] = None


class RateLimitError(ImgurError):
    """429: a credit budget is spent.

    :ivar bucket: ``"user"``, ``"client"`` or ``"post"`` (``None`` if unknown).
    :ivar reset_at: epoch seconds when the budget resets, if known.
    :ivar retry_after: seconds to wait before trying again, if known.
    """

    bucket: Optional[str] = None
    reset_at: Optional[float] = None
    retry_after: Optional[float] = None


class ServerError(ImgurError):
    """5xx: something failed on Imgur's side."""


class OverCapacity(ServerError):
    """"Imgur is temporarily over capacity" (sent as 403 or 500)."""


# The exception names of PyImgur 0.8.1, as aliases of the classes above, so that
# its ``except`` clauses keep catching what they meant.  Not new classes: one tree.
#: 0.8.1's base class.
PyImgurError = ImgurError
#: 0.8.1 raised it for any unexpected answer; every pyimgur error is one.
UnexpectedImgurException = ImgurError
#: 0.8.1 raised it for a 503/504; pyimgur raises ServerError for any 5xx.
ImgurIsDownException = ServerError
#: 0.8.1's 404.
ResourceNotFoundError = NotFound
#: 0.8.1 raised it for bad arguments; pyimgur raises ValueError (before any request).
InvalidParameterError = ValueError
#: 0.8.1 raised it when a download would replace a file; pyimgur raises
#: FileExistsError (an OSError: rule "local files raise OSError").
FileOverwriteError = FileExistsError


class BatchError(ImgurError):
    """Some items of a many-at-once call (``load_all``, ``get_images``,
    ``upload_images``...) failed; the others succeeded and are kept here.

    :ivar results: one entry per item, in the order given: the item's result,
        or the exception it raised.
    :ivar errors: ``{index: exception}`` for the failed items only.
    """

    results: list[Any]
    errors: dict[int, BaseException]
