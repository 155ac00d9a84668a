"""The one place the async flavour talks HTTP: :class:`AsyncTransport` (httpx).

It runs the same loop as :class:`pyimgur.transport.Transport` around the same
pure decisions (:mod:`pyimgur.policy`): retries only what is safe to repeat,
waits out a short 429 on reads, refreshes a refused token once (one refresh for
every task that saw it refused: an anyio lock, made at first use inside the
loop), parses answers and maps errors with :mod:`pyimgur.response`.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

import anyio
import httpx

from .. import endpoints as ep
from ..auth import Credentials, refresh_failure
from ..exceptions import ImgurError, InvalidResponse, TokenCallbackError, TransportError
from ..policy import (
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
from ..response import error_for, parse
from ..transport import (
    API_BASE,
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    Timeout,
    TransportSettings,
)

log = logging.getLogger("pyimgur")

__all__ = ["AsyncTransport"]

#: the bytes an upload body is read in (in a worker thread, never on the loop)
_CHUNK = 64 * 1024
#: failures of httpx that happen before any byte of the request is sent
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

AsyncTokenCallback = Callable[[str, Optional[str]], Any]


def httpx_timeout(timeout: Timeout) -> httpx.Timeout:
    """``timeout`` as httpx wants it; queued tasks wait for a connection, never fail."""
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    return httpx.Timeout(connect=connect, read=read, write=read, pool=None)


class AsyncTransport(TransportSettings):
    """httpx client, auth header, timeouts, retries, rate limits and error parsing."""

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
        on_token_refresh: Optional[AsyncTokenCallback] = None,
        http_transport: Optional[httpx.AsyncBaseTransport] = None,
        client: Optional[httpx.AsyncClient] = None,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        super().__init__(
            credentials, base_url=base_url, timeout=timeout, verify=verify,
            mashape_key=mashape_key, max_retries=max_retries, backoff_factor=backoff_factor,
            ratelimit_wait=ratelimit_wait, user_agent=user_agent, deadline=deadline,
        )
        self.on_token_refresh = on_token_refresh
        self._http_transport = http_transport
        self._client = client
        #: pyimgur closes only the client it made itself
        self._owns_client = client is None
        self._refresh_lock: Optional[anyio.Lock] = None
        self._attempts = 0
        self._failure: Optional[tuple[type[ImgurError], str, dict[str, Any]]] = None
        #: replaced in tests so that backoff costs no time
        self.sleep: Callable[[float], Any] = anyio.sleep

    @property
    def http(self) -> httpx.AsyncClient:
        """The httpx client, made at first use (so inside the running event loop)."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                transport=self._http_transport,
                timeout=httpx_timeout(self.timeout),
                verify=self.verify,
                headers={"User-Agent": self.user_agent},
                follow_redirects=False,
            )
        return self._client

    async def aclose(self) -> None:
        """Close the pooled connections (of a client pyimgur made)."""
        client, self._client = self._client, None
        if client is not None and self._owns_client:
            await client.aclose()

    # -- the one entry point ------------------------------------------------------------
    async def request(
        self,
        endpoint: ep.Endpoint,
        *,
        params: Optional[Mapping[str, Any]] = None,
        data: Any = None,
        json: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        **path_params: object,
    ) -> Any:
        """Make one API call and return its payload (see
        :meth:`pyimgur.transport.Transport.request`: the same rules)."""
        try:
            return await self._request(endpoint, params, data, json, headers, path_params)
        except ImgurError as error:
            failure = error
        raise scrubbed(failure, self.credentials, (self.mashape_key,))

    async def request_token(self, body: Mapping[str, str]) -> Any:
        """The token endpoint's own path (see
        :meth:`pyimgur.transport.Transport.request_token`: the same rules)."""
        path = "/" + ep.OAUTH_TOKEN.path
        try:
            return await self._exchange(ep.OAUTH_TOKEN, path, None, dict(body), None, None, None)
        except ImgurError as error:
            failure = error
        raise scrubbed(failure, self.credentials, (self.mashape_key,))

    async def _request(
        self,
        endpoint: ep.Endpoint,
        params: Optional[Mapping[str, Any]],
        data: Any,
        json: Any,
        headers: Optional[Mapping[str, str]],
        path_params: dict[str, object],
    ) -> Any:
        path = "/" + endpoint.format(**path_params)
        creds = self.credentials
        if endpoint.user:
            creds.require_user(endpoint.method, path)
        if creds.needs_refresh():
            await self.refresh(if_needed=True)
        return await self._exchange(endpoint, path, params, data, json, headers, creds)

    async def _exchange(
        self,
        endpoint: ep.Endpoint,
        path: str,
        params: Optional[Mapping[str, Any]],
        data: Any,
        json: Any,
        headers: Optional[Mapping[str, str]],
        creds: Optional[Credentials],
    ) -> Any:
        """Send until an answer, a final failure or the retries run out (see
        :meth:`pyimgur.transport.Transport._exchange`: ``creds`` ``None`` for
        the token endpoint)."""
        method = endpoint.method
        url = self.base_url + path[1:]
        # a callable ``data`` (an upload) builds the body afresh for each attempt
        make_body: Optional[Callable[[], Any]] = data if callable(data) else None
        rewindable = not hasattr(data, "read")
        retry = new_retry(self.max_retries, self.backoff_factor)
        refreshed = waited = False
        while True:
            send_headers = dict(headers or {})
            token: Optional[str] = None
            if creds is not None:
                send_headers["Authorization"], token = creds.header()
            if self.mashape_key:
                send_headers["X-Mashape-Key"] = self.mashape_key
            ticket: Optional[dict[str, int]] = None
            if self.pacer is not None:
                ticket = await self.pacer.take_turn(endpoint.cost, method == "POST", self.sleep,
                                                    f"{method} {path}")
            try:
                response = await self._send(
                    method, url, path, params, make_body, data, json, send_headers
                )
                if self.pacer is not None:
                    self.pacer.observe(self.ratelimits.credits, method == "POST", ticket)
            except TransportError as failure:
                if retry_failure(endpoint, failure, rewindable):
                    retry = await self._next_try(retry, failure, url)
                    continue
                raise
            try:
                return parse(response, method, path, endpoint.shape)  # type: ignore[arg-type]
            except ImgurError as error:
                if (creds is not None and token and not refreshed and creds.can_refresh
                        and token_refused(error)):
                    refreshed = True
                    await self.refresh(failed_token=token)
                    if not rewindable:
                        raise call_again(error) from None
                    continue
                wait = None if waited else may_wait(method, error, self.ratelimit_wait)
                if wait is not None:
                    waited = True
                    log.warning("pyimgur: rate limited; waiting %.1f s", wait)
                    await self.sleep(wait)
                    continue
                if retry_failure(endpoint, error, rewindable):
                    retry = await self._next_try(retry, error, url)
                    continue
                raise

    async def refresh(self, failed_token: Optional[str] = None, if_needed: bool = False) -> str:
        """Get a new access token with the refresh token: one refresh however
        many tasks saw ``failed_token`` refused (or saw it expire, ``if_needed``);
        when it fails, the tasks that waited for it raise the same failure."""
        if self._refresh_lock is None:
            self._refresh_lock = anyio.Lock()
        creds = self.credentials
        seen = self._attempts
        async with self._refresh_lock:
            current = creds.current_if_fresh(failed_token, if_needed)
            if current is not None:
                return current
            if self._attempts != seen and self._failure is not None:
                kind, message, details = self._failure
                raise kind(message, **details)
            self._failure = None
            body = creds.token_body("refresh_token", refresh_token=str(creds.refresh_token))
            try:
                answer = await self.request_token(body)
            except ImgurError as error:
                self._failure = refresh_failure(error)
                kind, message, details = self._failure
                raise kind(message, **details) from None
            finally:
                self._attempts += 1
            creds.refresh_count += 1
            log.info("refreshed the access token")
            access, refresh = creds.store(answer)
        await self.tell_new_tokens(access, refresh)
        return access

    async def tell_new_tokens(self, access: str, refresh: Optional[str]) -> None:
        """Call ``on_token_refresh`` (a function or a coroutine function) with new tokens.

        :raises TokenCallbackError: the callback raised (the new tokens are in use).
        """
        if self.on_token_refresh is None:
            return
        try:
            outcome = self.on_token_refresh(access, refresh)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception as error:  # the user's code: any exception
            failure = TokenCallbackError(
                f"on_token_refresh raised {type(error).__name__}; the new tokens are in "
                "use but were not saved",
                method="POST",
                path="/" + ep.OAUTH_TOKEN.path,
            )
            failure.__cause__ = error
        else:
            return
        raise failure

    async def open_stream(self, url: str) -> httpx.Response:
        """GET a file on the CDN as a stream (no ``Authorization``: a token never
        travels to another host); retried like any read.  Close it with ``aclose()``."""
        path = urlsplit(url).path or "/"
        retry = new_retry(self.max_retries, self.backoff_factor)
        while True:
            self.request_count += 1
            try:
                request = self.http.build_request("GET", url)
                response = await self.http.send(request, stream=True, follow_redirects=True)
            except httpx.HTTPError as problem:
                failure = _failure(problem, "GET", path)
                retry = await self._next_try(retry, failure, url)
                continue
            error: ImgurError
            if response.status_code < 400:
                problem_text = not_a_file(response)
                if problem_text is None:
                    return response
                await response.aclose()
                error = InvalidResponse(
                    problem_text, status=response.status_code, method="GET", path=path
                )
                retry = await self._next_try(retry, error, url)
                continue
            try:
                await response.aread()
                body = response.json()
            except (ValueError, httpx.HTTPError):
                body = None
            finally:
                await response.aclose()
            error = error_for(response.status_code, body, response.headers, "GET", path)
            if transient(error):
                retry = await self._next_try(retry, error, url)
                continue
            raise error

    # -- helpers ----------------------------------------------------------------------------
    async def _send(
        self,
        method: str,
        url: str,
        path: str,
        params: Optional[Mapping[str, Any]],
        make_body: Optional[Callable[[], Any]],
        data: Any,
        json: Any,
        headers: dict[str, str],
    ) -> httpx.Response:
        self.request_count += 1
        started = time.perf_counter()
        content: Any = None
        form: Any = None
        if make_body is not None:
            encoder = make_body()
            headers["Content-Length"] = str(encoder.len)
            headers.setdefault("Content-Type", encoder.content_type)
            content = _read_in_thread(encoder)
        elif isinstance(data, (bytes, str)) or hasattr(data, "read"):
            content = data
        else:
            form = data
        failure: Optional[Exception] = None
        try:
            with anyio.fail_after(self.deadline):
                response = await self.http.request(
                    method,
                    url,
                    params=dict(params) if params else None,
                    content=content,
                    data=form,
                    json=json,
                    headers=headers,
                )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.LocalProtocolError,
                UnicodeError) as error:
            # the message may quote a header (a token): name the class only
            failure = ValueError(
                f"pyimgur could not build the request to {path} ({type(error).__name__}): "
                "check the credentials, base_url and arguments"
            )
        except httpx.HTTPError as problem:
            failure = _failure(problem, method, path)
        except TimeoutError:
            failure = TransportError(
                f"Imgur's answer was still arriving after the {self.deadline:g} s deadline",
                method=method, path=path,
            )
            failure.not_sent = False  # type: ignore[attr-defined]
        if failure is not None:
            raise failure  # outside ``except``: the httpx exception is not chained
        self.took_answer(method, path, response.status_code, response.headers, started)
        return response

    async def _next_try(self, retry: Any, error: ImgurError, url: str) -> Any:
        retry = next_try(retry, error, url)
        wait = retry.get_backoff_time()
        log.warning(
            "pyimgur: retrying %s %s after %s (attempt %d, in %.1f s)",
            error.method, error.path, type(error).__name__, len(retry.history) + 1, wait,
        )
        await self.sleep(wait)
        return retry


def _failure(problem: httpx.HTTPError, method: str, path: str) -> TransportError:
    """An httpx failure as pyimgur's :class:`TransportError` (never its message:
    it may hold a URL with a query)."""
    failure = TransportError(
        f"{type(problem).__name__}: no answer from Imgur", method=method, path=path
    )
    failure.not_sent = isinstance(problem, _NOT_SENT)  # type: ignore[attr-defined]
    return failure


async def _read_in_thread(encoder: Any) -> AsyncIterator[bytes]:
    """The chunks of a multipart encoder, read from disk in a worker thread so a
    large upload neither blocks the event loop nor sits in memory."""
    while True:
        chunk = await anyio.to_thread.run_sync(encoder.read, _CHUNK)
        if not chunk:
            return
        yield chunk
