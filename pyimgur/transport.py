"""The one place pyimgur talks HTTP.

Every API call goes through :meth:`Transport.request`: one ``requests.Session``
per :class:`~pyimgur.Imgur` (connections are reused), a timeout on every call,
the ``Authorization`` header, retries of what is safe to retry, rate-limit
bookkeeping, token refresh, error parsing and a DEBUG log line.

Retry policy (urllib3's :class:`~urllib3.util.Retry` counts attempts and
computes the backoff):

* reads and idempotent writes (GET, HEAD, PUT, DELETE, and POSTs the endpoint
  table marks idempotent) are retried on connection errors, timeouts, 500, 502,
  503, 504, "over capacity" and unreadable bodies, at most ``max_retries`` times;
* every other call (uploads, comments, votes, favorites, messages, creations)
  is sent again only when the connection failed *before* the request went out;
  once it may have reached Imgur, the failure is raised, never re-sent;
* a Bearer call refused for its token (401, 403 "access token", 429 with no
  spent budget) refreshes the token once and is sent once more: Imgur did not
  apply it;
* a request requests refuses to build (a header it cannot carry, a URL with no
  scheme) is a local mistake: ``ValueError`` at once, never retried.

Every attempt has a ``deadline`` (seconds, default :data:`DEFAULT_DEADLINE`)
besides the per-read ``timeout``: an answer whose body still arrives past it
(a server dripping a byte at a time) is cut off and raised as
:class:`~pyimgur.exceptions.TransportError`.  Every error leaving
:meth:`Transport.request` has the known secrets redacted from its message and
no chained exception (the requests exception holds the ``Authorization`` header).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Mapping
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

import requests
from requests.adapters import DEFAULT_POOLSIZE, HTTPAdapter
from urllib3 import HTTPResponse
from urllib3.exceptions import HTTPError, MaxRetryError, NewConnectionError
from urllib3.util import Retry

from . import endpoints as ep
from ._version import __version__
from .auth import Credentials
from .exceptions import (
    ImgurError,
    InvalidResponse,
    TransportError,
)
from .pacing import Pacer
from .policy import (
    call_again,
    may_wait,
    new_retry,
    next_try,
    not_a_file,
    retry_failure,
    scrubbed,
    token_refused,
    transient,
)
from .ratelimit import RateLimits
from .response import error_for, parse

log = logging.getLogger("pyimgur")

API_BASE = "https://api.imgur.com/"
RAPIDAPI_BASE = "https://imgur-apiv3.p.rapidapi.com/"
#: (connect, read) seconds
DEFAULT_TIMEOUT = (5.0, 30.0)
#: seconds one attempt may take until the last byte of the answer (see the module doc)
DEFAULT_DEADLINE = 60.0
#: bytes read at a time from an answer, checking the deadline between reads
_CHUNK = 65536
#: requests' refusals to build a request: a local mistake, never worth a retry
_LOCAL = (
    requests.exceptions.InvalidHeader,
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidSchema,
    requests.exceptions.MissingSchema,
    requests.exceptions.URLRequired,
    requests.exceptions.InvalidJSONError,
)
USER_AGENT = f"pyimgur/{__version__} (+https://pypi.org/project/pyimgur/)"

Timeout = Union[float, tuple[float, float]]


def rapidapi_options(
    base_url: str, mashape_key: Optional[str], rapidapi_key: Optional[str]
) -> tuple[str, Optional[str]]:
    """``(base_url, mashape_key)`` once ``rapidapi_key`` (PyImgur 0.8.1's name) is
    taken in: the RapidAPI root unless another root was given, and the key.

    :raises ValueError: ``mashape_key`` and ``rapidapi_key`` are two different keys.
    """
    if rapidapi_key is None:
        return base_url, mashape_key
    if mashape_key is not None and mashape_key != rapidapi_key:
        raise ValueError("give rapidapi_key or mashape_key, not two different keys")
    return (RAPIDAPI_BASE if base_url == API_BASE else base_url), rapidapi_key


class TransportSettings:
    """The settings both transports (requests and httpx) check and keep alike."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        base_url: str = API_BASE,
        timeout: Timeout = DEFAULT_TIMEOUT,
        verify: Union[bool, str] = True,
        mashape_key: Optional[str] = None,
        max_retries: int = 2,
        backoff_factor: float = 0.5,
        ratelimit_wait: float = 0.0,
        user_agent: Optional[str] = None,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if ratelimit_wait < 0:
            raise ValueError("ratelimit_wait must be 0 or more")
        self.credentials = credentials
        self.base_url = check_base_url(base_url)
        self.timeout = check_timeout(timeout)
        self.deadline = _positive("deadline", deadline)
        self.verify = verify
        self.mashape_key = mashape_key
        self.max_retries = max_retries
        self.backoff_factor = backoff_factor
        self.ratelimit_wait = ratelimit_wait
        self.ratelimits = RateLimits()
        self.user_agent = f"{user_agent} {USER_AGENT}" if user_agent else USER_AGENT
        #: the clock streams and pacing read (replaced with ``sleep`` in tests)
        self.clock: Callable[[], float] = time.time
        #: spreads requests over the credit budgets (``pace=True``); None: off
        self.pacer: Optional[Pacer] = None
        self.request_count = 0

    def took_answer(
        self, method: str, path: str, status: int, headers: Mapping[str, str], started: float
    ) -> None:
        """What every answer is read for, whichever HTTP library brought it: the
        credits, a DEBUG line, and a WARNING when Imgur announces the call's end."""
        self.ratelimits.update(headers)
        if log.isEnabledFor(logging.DEBUG):
            credits = self.ratelimits.credits
            log.debug(
                "%s %s -> %s in %.0f ms (user credits %s, client credits %s)",
                method,
                path,
                status,
                (time.perf_counter() - started) * 1000,
                credits.get("UserRemaining", "?"),
                credits.get("ClientRemaining", "?"),
            )
        if "Sunset" in headers:
            log.warning("Imgur will retire %s %s on %s", method, path, headers["Sunset"])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r} requests={self.request_count}>"

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("a pyimgur transport is not picklable")


class Transport(TransportSettings):
    """Session, auth header, timeouts, retries, rate limits and error parsing."""

    def __init__(self, credentials: Credentials, **options: Any) -> None:
        super().__init__(credentials, **options)
        self.session = requests.Session()
        self.session.verify = self.verify
        self.session.headers["User-Agent"] = self.user_agent
        self._retry = new_retry(self.max_retries, self.backoff_factor)
        #: replaced in tests so that backoff costs no time
        self.sleep: Callable[[float], None] = time.sleep
        self._count_lock = threading.Lock()
        self._pool_size = DEFAULT_POOLSIZE

    # -- the one entry point --------------------------------------------------------
    def request(
        self,
        endpoint: ep.Endpoint,
        *,
        params: Optional[Mapping[str, Any]] = None,
        data: Any = None,
        json: Any = None,
        files: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        **path_params: object,
    ) -> Any:
        """Make one API call and return its payload (the envelope's ``data``).

        :raises ValueError: a path parameter is empty (before any request), or
            requests cannot build the request (a local mistake, not retried).
        :raises AuthenticationError: the endpoint needs a logged-in user and
            only a client id is set (before any request).
        :raises ImgurError: the typed error for any failure; its message never
            shows a known secret, and it chains no other exception (except the
            callback's own, for :class:`~pyimgur.exceptions.TokenCallbackError`).
        """
        try:
            return self._request(endpoint, params, data, json, files, headers, path_params)
        except ImgurError as error:
            failure = error
        raise self._scrubbed(failure)  # outside ``except``: nothing chained implicitly

    def request_token(self, body: Mapping[str, str]) -> Any:
        """The token endpoint's own path: one ``POST /oauth2/token`` of ``body``
        (the client's id and secret and a grant), returning the bare answer.

        It shares the sending, the answer parsing, the retry and 429 decisions
        and the secret scrubbing of :meth:`request`, but none of the user's
        authentication: no ``Authorization`` header, and never a token refresh
        (it *is* the refresh, so it cannot wait for one).
        """
        path = "/" + ep.OAUTH_TOKEN.path
        try:
            return self._exchange(ep.OAUTH_TOKEN, path, None, dict(body), None, None, None, None)
        except ImgurError as error:
            failure = error
        raise self._scrubbed(failure)

    def _scrubbed(self, error: ImgurError) -> ImgurError:
        """``error`` with every known secret redacted and no chained exception."""
        return scrubbed(error, self.credentials, (self.mashape_key,))

    def _request(
        self,
        endpoint: ep.Endpoint,
        params: Optional[Mapping[str, Any]],
        data: Any,
        json: Any,
        files: Optional[Mapping[str, Any]],
        headers: Optional[Mapping[str, str]],
        path_params: dict[str, object],
    ) -> Any:
        path = "/" + endpoint.format(**path_params)
        creds = self.credentials
        if endpoint.user:
            creds.require_user(endpoint.method, path)
        if creds.needs_refresh():
            creds.refresh(self, if_needed=True)
        return self._exchange(endpoint, path, params, data, json, files, headers, creds)

    def _exchange(
        self,
        endpoint: ep.Endpoint,
        path: str,
        params: Optional[Mapping[str, Any]],
        data: Any,
        json: Any,
        files: Optional[Mapping[str, Any]],
        headers: Optional[Mapping[str, str]],
        creds: Optional[Credentials],
    ) -> Any:
        """Send until an answer, a final failure or the retries run out.  With
        ``creds`` each attempt carries the user's ``Authorization`` header, and a
        refused token is refreshed once; the token endpoint passes ``None``."""
        method = endpoint.method
        url = self.base_url + path[1:]
        # a callable ``data`` builds the body afresh for each attempt (streams)
        make_body: Optional[Callable[[], Any]] = data if callable(data) else None
        rewind = _Rewinder(None if make_body else data, files)
        retry = self._retry
        refreshed = waited = False
        while True:
            rewind()
            send_headers = dict(headers or {})
            token: Optional[str] = None
            if creds is not None:
                send_headers["Authorization"], token = creds.header()
            if self.mashape_key:
                send_headers["X-Mashape-Key"] = self.mashape_key
            pacer = self.pacer
            ticket: Optional[dict[str, int]] = None
            if pacer is not None:
                ticket = pacer.before(endpoint.cost, method == "POST", f"{method} {path}")
            try:
                body = make_body() if make_body is not None else data
                response = self._send(method, url, path, params, body, json, files, send_headers,
                                      upload=bool(files) or make_body is not None)
                if pacer is not None:
                    pacer.observe(self.ratelimits.credits, method == "POST", ticket)
            except TransportError as failure:
                if retry_failure(endpoint, failure, rewind.possible):
                    retry = self._next_try(retry, failure, url)
                    continue
                raise
            try:
                return parse(response, method, path, endpoint.shape)
            except ImgurError as error:
                if (creds is not None and token and not refreshed and creds.can_refresh
                        and token_refused(error)):
                    refreshed = True
                    creds.refresh(self, failed_token=token)
                    if not rewind.possible:
                        # the body (an upload's stream) was used up: a resend would be empty
                        raise call_again(error) from None
                    continue
                wait = None if waited else may_wait(method, error, self.ratelimit_wait)
                if wait is not None:
                    waited = True
                    log.warning("rate limited; waiting %.1f s", wait)
                    self.sleep(wait)
                    continue
                if retry_failure(endpoint, error, rewind.possible):
                    retry = self._next_try(retry, error, url)
                    continue
                raise

    def get_stream(self, url: str) -> requests.Response:
        """GET a file (an image or video on the CDN) as a stream.

        No ``Authorization`` header is sent: the CDN does not need one, and a
        token must never travel to another host.  Retried like any read.
        """
        path = urlsplit(url).path or "/"
        retry = self._retry
        while True:
            try:
                response = self._send("GET", url, path, None, None, None, None, {}, stream=True)
            except TransportError as failure:
                retry = self._next_try(retry, failure, url)
                continue
            if response.status_code < 400:
                problem = not_a_file(response)
                if problem is None:
                    return response
                response.close()  # an error page or nothing: never saved as the file
                error: ImgurError = InvalidResponse(
                    problem, status=response.status_code, method="GET", path=path
                )
                retry = self._next_try(retry, error, url)
                continue
            body = None
            try:
                body = response.json()
            except (ValueError, RecursionError):
                body = None
            finally:
                response.close()
            error = error_for(response.status_code, body, response.headers, "GET", path)
            if transient(error):
                retry = self._next_try(retry, error, url)
                continue
            raise error

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def ensure_pool(self, size: int) -> None:
        """Keep up to ``size`` connections per host (requests keeps 10), so that
        ``size`` threads sharing this transport never throw one away."""
        with self._count_lock:
            if size <= self._pool_size:
                return
            self._pool_size = size
            for prefix in ("https://", "http://"):
                self.session.mount(prefix, HTTPAdapter(pool_maxsize=size))

    # -- helpers -----------------------------------------------------------------------
    def _send(
        self,
        method: str,
        url: str,
        path: str,
        params: Optional[Mapping[str, Any]],
        data: Any,
        json: Any,
        files: Optional[Mapping[str, Any]],
        headers: dict[str, str],
        stream: bool = False,
        upload: bool = False,
    ) -> requests.Response:
        """One attempt.  Unless ``stream``, the whole body is read by the deadline,
        counted from now (from the answer's headers for an ``upload``, whose
        sending time depends on the file and the link)."""
        with self._count_lock:
            self.request_count += 1
        started = time.perf_counter()
        failure: Optional[Exception] = None
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                data=data,
                json=json,
                files=files,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
                stream=True,
                allow_redirects=stream,
            )
            if not stream:
                clock_from = time.perf_counter() if upload else started
                _read_body(response, clock_from + self.deadline, self.deadline)
        except (*_LOCAL, UnicodeError) as error:
            # the message of requests may quote the header (a token): name the class only
            failure = ValueError(
                f"pyimgur could not build the request to {path} ({type(error).__name__}): "
                "check the credentials, base_url and arguments"
            )
        except requests.RequestException as error:
            failure = TransportError(
                f"{type(error).__name__}: no answer from Imgur",
                method=method,
                path=path,
            )
            failure.not_sent = _not_sent(error)  # type: ignore[attr-defined]
        except _Late as late:
            failure = TransportError(str(late), method=method, path=path)
            failure.not_sent = False  # type: ignore[attr-defined]
        if failure is not None:
            raise failure  # outside ``except``: the requests exception is not chained
        self.took_answer(method, path, response.status_code, response.headers, started)
        return response

    def _next_try(self, retry: Retry, error: ImgurError, url: str) -> Retry:
        """Count one more attempt and sleep the backoff; raise ``error`` when spent."""
        retry = next_try(retry, error, url)
        wait = retry.get_backoff_time()
        log.warning(
            "retrying %s %s after %s (attempt %d, in %.1f s)",
            error.method, error.path, type(error).__name__, len(retry.history) + 1, wait,
        )
        self.sleep(wait)
        return retry


class _Late(Exception):
    """The answer's body was still arriving at the deadline."""


def _read_body(response: requests.Response, deadline_at: float, deadline: float) -> None:
    """Read the whole body of ``response`` (streamed) into ``response.content``,
    raising :class:`_Late` when it is still incomplete at ``deadline_at``."""
    raw = response.raw
    if not isinstance(raw, HTTPResponse):  # an adapter that is not a socket
        response.content  # noqa: B018 (reads the body)
        return
    chunks = []
    try:
        while True:
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            chunks.append(chunk)
            if time.perf_counter() > deadline_at and raw.length_remaining != 0:
                response.close()
                raise _Late(
                    f"Imgur's answer was still arriving after the {deadline:g} s deadline"
                )
    except (HTTPError, OSError) as error:
        response.close()
        raise requests.ConnectionError(f"{type(error).__name__} while reading the answer") \
            from None
    response._content = b"".join(chunks)
    response._content_consumed = True  # type: ignore[attr-defined]
    raw.release_conn()


def check_base_url(base_url: Any) -> str:
    """``base_url`` ending in ``/``.

    :raises TypeError: not a string.
    :raises ValueError: not an ``http://`` or ``https://`` URL with a host.
    """
    if not isinstance(base_url, str):
        raise TypeError(f"base_url must be a string, not {type(base_url).__name__}")
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"base_url must start with http:// or https:// and name a host, "
                         f"not {base_url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"base_url must not hold a query or a fragment: {base_url!r}")
    url = base_url.strip()
    return url if url.endswith("/") else url + "/"


def check_timeout(timeout: Any) -> Timeout:
    """A number of seconds, or ``(connect, read)``, each positive and finite.

    :raises TypeError: not a number or a pair of numbers (``None`` included:
        every call has a timeout).
    :raises ValueError: zero, negative, infinite or NaN.
    """
    if isinstance(timeout, tuple):
        if len(timeout) != 2:
            raise TypeError("timeout must be seconds or a (connect, read) pair of seconds")
        return (_positive("connect timeout", timeout[0]), _positive("read timeout", timeout[1]))
    return _positive("timeout", timeout)


def _positive(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
    return float(value)


def _not_sent(error: requests.RequestException) -> bool:
    """Did the connection fail before any byte of the request was sent?"""
    if isinstance(error, requests.ConnectTimeout):
        return True
    if isinstance(error, requests.ConnectionError) and error.args:
        reason = error.args[0]
        if isinstance(reason, MaxRetryError):
            return isinstance(reason.reason, NewConnectionError)
        return isinstance(reason, NewConnectionError)
    return False






#: the old name, kept for the modules that import it
_transient = transient


class _Rewinder:
    """Puts file objects of a request body back where they started before a resend."""

    def __init__(self, data: Any, files: Optional[Mapping[str, Any]]) -> None:
        streams = [data] if hasattr(data, "read") else []
        for value in (files or {}).values():
            if isinstance(value, tuple) and len(value) > 1:
                value = value[1]
            if hasattr(value, "read"):
                streams.append(value)
        self._positions: list[tuple[Any, int]] = []
        self.possible = True
        for stream in streams:
            try:
                self._positions.append((stream, stream.tell()))
            except (AttributeError, OSError, ValueError):
                self.possible = False

    def __call__(self) -> None:
        for stream, position in self._positions:
            stream.seek(position)
