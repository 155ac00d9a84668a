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
  apply it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError
from urllib3.util import Retry

from . import endpoints as ep
from ._version import __version__
from .auth import Credentials
from .exceptions import (
    ImgurError,
    InvalidResponse,
    RateLimitError,
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
USER_AGENT = f"pyimgur/{__version__} (+https://pypi.org/project/pyimgur/)"

Timeout = Union[float, tuple[float, float]]


class Transport:
    """Session, auth header, timeouts, retries, rate limits and error parsing."""

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
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if ratelimit_wait < 0:
            raise ValueError("ratelimit_wait must be 0 or more")
        self.credentials = credentials
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self.mashape_key = mashape_key
        self.ratelimit_wait = ratelimit_wait
        self.ratelimits = RateLimits()
        self.verify = verify
        self.session = requests.Session()
        self.session.verify = verify
        self.session.headers["User-Agent"] = (
            f"{user_agent} {USER_AGENT}" if user_agent else USER_AGENT
        )
        self._retry = new_retry(max_retries, backoff_factor)
        #: replaced in tests so that backoff costs no time
        self.sleep: Callable[[float], None] = time.sleep
        #: the clock streams and pacing read (replaced with ``sleep`` in tests)
        self.clock: Callable[[], float] = time.time
        self._count_lock = threading.Lock()
        self.request_count = 0
        #: spreads requests over the credit budgets (``Imgur(pace=True)``); None: off
        self.pacer: Optional[Pacer] = None

    def __repr__(self) -> str:
        return f"<Transport base_url={self.base_url!r} requests={self.request_count}>"

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("a pyimgur transport is not picklable")

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
        authenticate: bool = True,
        **path_params: object,
    ) -> Any:
        """Make one API call and return its payload (the envelope's ``data``).

        :raises ValueError: a path parameter is empty (before any request).
        :raises AuthenticationError: the endpoint needs a logged-in user and
            only a client id is set (before any request).
        :raises ImgurError: the typed error for any failure.
        """
        path = "/" + endpoint.format(**path_params)
        method = endpoint.method
        creds = self.credentials
        if authenticate and endpoint.user:
            creds.require_user(method, path)
        if authenticate and creds.needs_refresh():
            creds.refresh(self, if_needed=True)
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
            if authenticate:
                send_headers["Authorization"], token = creds.header()
            if self.mashape_key:
                send_headers["X-Mashape-Key"] = self.mashape_key
            pacer = self.pacer
            if pacer is not None:
                pacer.before(endpoint.cost, method == "POST", f"{method} {path}")
            try:
                body = make_body() if make_body is not None else data
                response = self._send(method, url, path, params, body, json, files, send_headers)
                if pacer is not None:
                    pacer.observe(self.ratelimits.credits, method == "POST")
            except TransportError as failure:
                if retry_failure(endpoint, failure, rewind.possible):
                    retry = self._next_try(retry, failure, url)
                    continue
                raise
            try:
                return parse(response, method, path)
            except ImgurError as error:
                if token and not refreshed and creds.can_refresh and token_refused(error):
                    refreshed = True
                    creds.refresh(self, failed_token=token)
                    if not rewind.possible:
                        # the body (an upload's stream) was used up: a resend would be empty
                        raise call_again(error) from None
                    continue
                if not waited and may_wait(method, error, self.ratelimit_wait):
                    waited = True
                    assert isinstance(error, RateLimitError) and error.retry_after is not None
                    log.warning("pyimgur: rate limited; waiting %.1f s", error.retry_after)
                    self.sleep(error.retry_after)
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
            except ValueError:
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
    ) -> requests.Response:
        with self._count_lock:
            self.request_count += 1
        started = time.perf_counter()
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
                stream=stream,
                allow_redirects=stream,
            )
        except requests.RequestException as error:
            failure = TransportError(
                f"{type(error).__name__}: no answer from Imgur",
                method=method,
                path=path,
            )
            failure.not_sent = _not_sent(error)  # type: ignore[attr-defined]
            raise failure from None
        self.ratelimits.update(response.headers)
        if log.isEnabledFor(logging.DEBUG):
            credits = self.ratelimits.credits
            log.debug(
                "%s %s -> %s in %.0f ms (user credits %s, client credits %s)",
                method,
                path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                credits.get("UserRemaining", "?"),
                credits.get("ClientRemaining", "?"),
            )
        if "Sunset" in response.headers:
            log.warning("pyimgur: Imgur will retire %s %s on %s", method, path,
                        response.headers["Sunset"])
        return response

    def _next_try(self, retry: Retry, error: ImgurError, url: str) -> Retry:
        """Count one more attempt and sleep the backoff; raise ``error`` when spent."""
        retry = next_try(retry, error, url)
        wait = retry.get_backoff_time()
        log.warning(
            "pyimgur: retrying %s %s after %s (attempt %d, in %.1f s)",
            error.method, error.path, type(error).__name__, len(retry.history) + 1, wait,
        )
        self.sleep(wait)
        return retry



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
