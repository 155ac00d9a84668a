"""The transport's decisions, as pure functions both flavours call.

No I/O here: given a failure (and what is known of the call), each function
says what to do: try again or not, refresh the token or not, wait for a 429's
reset or not, and which exception the caller gets.  :class:`~pyimgur.transport.Transport`
(requests) and :class:`~pyimgur.aio.transport.AsyncTransport` (httpx) run the
same loop around them, so the two flavours cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional

from urllib3.exceptions import MaxRetryError
from urllib3.util import Retry

from . import endpoints as ep
from .exceptions import (
    AuthenticationError,
    ImgurError,
    InvalidResponse,
    OverCapacity,
    RateLimitError,
    ServerError,
    TokenCallbackError,
    TransportError,
)

if TYPE_CHECKING:
    from .auth import Credentials

__all__ = [
    "call_again",
    "may_wait",
    "new_retry",
    "next_try",
    "not_a_file",
    "retry_failure",
    "scrubbed",
    "token_refused",
    "transient",
]


def new_retry(max_retries: int, backoff_factor: float) -> Retry:
    """The attempt counter of one call: urllib3's pure :class:`Retry` arithmetic."""
    return Retry(
        total=max_retries,
        backoff_factor=backoff_factor,
        backoff_max=30.0,
        backoff_jitter=backoff_factor,
        raise_on_status=False,
        respect_retry_after_header=False,
    )


def next_try(retry: Retry, error: ImgurError, url: str) -> Retry:
    """Count one more attempt after ``error``; the new counter's
    ``get_backoff_time()`` is the wait before it.

    :raises ImgurError: ``error`` itself, when the attempts are spent.
    """
    try:
        return retry.increment(error.method, url, error=error)
    except MaxRetryError:
        raise error from None


def transient(error: ImgurError) -> bool:
    """Worth trying again: server trouble, over capacity, a garbled body, no answer."""
    if isinstance(error, (TransportError, InvalidResponse)):
        return True
    if isinstance(error, OverCapacity):
        return True
    return isinstance(error, ServerError) and error.status in (None, 500, 502, 503, 504)


def retry_failure(endpoint: ep.Endpoint, error: ImgurError, rewindable: bool) -> bool:
    """May a call that failed with ``error`` be sent again?

    Only when its body can be sent again, and: it never reached Imgur (a
    connection that failed before sending), or it is safe to repeat (a read or
    an idempotent write) and the failure is transient.  A non-idempotent write
    (upload, comment, vote, favorite, message) that may have reached Imgur is
    never sent twice.
    """
    if not rewindable:
        return False
    if isinstance(error, TransportError) and getattr(error, "not_sent", False):
        return True
    return endpoint.retryable and transient(error)


def token_refused(error: ImgurError) -> bool:
    """Did Imgur refuse the access token (as opposed to the request)?"""
    if isinstance(error, AuthenticationError):
        return True
    return isinstance(error, RateLimitError) and error.bucket is None


def may_wait(method: str, error: ImgurError, ratelimit_wait: float) -> Optional[float]:
    """Seconds a rate-limited GET waits before its one more try, or ``None``
    (not a 429, not a read, no reset time, or longer than ``ratelimit_wait``)."""
    if not isinstance(error, RateLimitError) or method != "GET":
        return None
    wait = error.retry_after
    if wait is None or ratelimit_wait <= 0 or wait > ratelimit_wait:
        return None
    return wait


def call_again(error: ImgurError) -> ImgurError:
    """``error``, saying that the token is fresh and the call can simply be made again."""
    message = (
        f"{error.message} (pyimgur refreshed the access token, but this call's body is a "
        "stream it cannot send twice: make the call again)"
    )
    return type(error)(
        message, status=error.status, method=error.method, path=error.path, **error._extra
    )


def not_a_file(response: Any) -> Optional[str]:
    """Why a successful CDN answer (requests or httpx) is not the file asked for, or ``None``."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/json") or kind.endswith("+json"):
        return f"the CDN sent {kind} instead of the file"
    if response.headers.get("Content-Length", "").strip() == "0":
        return "the CDN sent an empty file"
    return None


def scrubbed(
    error: ImgurError, credentials: Credentials, extra: Iterable[Optional[str]] = ()
) -> ImgurError:
    """``error`` with every known secret redacted and no chained exception
    (but the callback's own, for :class:`~pyimgur.exceptions.TokenCallbackError`)."""
    secrets = tuple(extra)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return credentials.redact(value, secrets)
        return value

    details = {key: clean(value) for key, value in error._extra.items()}
    message = clean(error.message)
    if message != error.message or details != error._extra:
        cause = error.__cause__
        error = type(error)(message, status=error.status, method=error.method,
                            path=clean(error.path), **details)
        error.__cause__ = cause
    error.__context__ = None
    if not isinstance(error, TokenCallbackError):
        error.__cause__ = None
    return error
