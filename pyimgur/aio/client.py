""":class:`AsyncImgur`: the session of the async flavour.

It runs the same plans as :class:`~pyimgur.Imgur` (see :mod:`pyimgur.plan`):
each public method below is a typed signature over the sync method's plan,
whose documentation it shares.  Its objects are the async twins of the models
(:mod:`pyimgur.aio.models`).
"""

from __future__ import annotations

import inspect
from typing import IO, Any, Callable, Optional, TypeVar, Union

import anyio
import httpx

from .. import endpoints as ep
from ..api.base import _cache_key
from ..api.images import ImageMethods
from ..api.urls import URLMethods
from ..auth import Credentials
from ..cache import FetchCache
from ..exceptions import InvalidResponse
from ..models.base import Basic_object
from ..plan import Action, AsyncFlavour, Call, Effect, Fetch, PagedAction, Pages, Pause, Save, arun
from ..transport import API_BASE, DEFAULT_TIMEOUT, RAPIDAPI_BASE, Timeout
from ..urls import is_imgur_url as _is_imgur_url
from .download import save
from .listing import AsyncListing
from .models import (
    ASYNC_MODELS,
    AsyncAlbum,
    AsyncImage,
)
from .transport import AsyncTokenCallback, AsyncTransport

__all__ = ["AsyncImgur"]

F = TypeVar("F", bound=Callable[..., Any])


def twin(sync: Any) -> Callable[[F], F]:
    """Give an async method the documentation of its sync twin (one text for both)."""

    def decorate(method: F) -> F:
        doc = getattr(sync, "__doc__", None)
        if doc:
            method.__doc__ = doc
        method.__pyimgur_twin__ = sync  # type: ignore[attr-defined]
        return method

    return decorate


class _Flight:
    """One fetch in progress, that other tasks wanting the same JSON wait for."""

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.data: Optional[dict[str, Any]] = None


class AsyncImgur(AsyncFlavour):
    """A session with Imgur for asyncio and trio programs.

    The same options as :class:`~pyimgur.Imgur` (but ``lazy``: async objects
    never load on attribute access), plus ``http_client`` (an
    ``httpx.AsyncClient`` of yours, which pyimgur then does not close).  Use it
    with ``async with`` inside the event loop that uses it::

        async with pyimgur.AsyncImgur(CLIENT_ID) as im:
            image = await im.get_image("S1jmapR")    # 1 request: loaded
            print(image.title)                       # no request

    :param on_token_refresh: called with ``(access_token, refresh_token)``
        whenever new tokens arrive; a plain function or a coroutine function.
    :param sandbox: a :class:`pyimgur.testing.FakeImgur` to talk to, in
        process, instead of the real Imgur.
    """

    #: plans run through this object (see :func:`pyimgur.plan.session_of`)
    is_session = True
    #: async objects never load on attribute access; factories load unless ``fetch=False``
    lazy = True

    def __init__(
        self,
        client_id: str,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
        verify: Union[bool, str] = True,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        base_url: str = API_BASE,
        mashape_key: Optional[str] = None,
        rapidapi_key: Optional[str] = None,
        max_retries: int = 2,
        backoff_factor: float = 0.5,
        ratelimit_wait: float = 0.0,
        cache_ttl: float = 60.0,
        on_token_refresh: Optional[AsyncTokenCallback] = None,
        user_agent: Optional[str] = None,
        sandbox: Any = None,
        http_client: Optional[httpx.AsyncClient] = None,
        http_transport: Optional[httpx.AsyncBaseTransport] = None,
    ) -> None:
        if rapidapi_key is not None:
            if mashape_key is not None and mashape_key != rapidapi_key:
                raise ValueError("give rapidapi_key or mashape_key, not two different keys")
            mashape_key = rapidapi_key
            if base_url == API_BASE:
                base_url = RAPIDAPI_BASE
        self.credentials = Credentials(client_id, client_secret, access_token, refresh_token)
        if sandbox is not None and http_transport is None and http_client is None:
            http_transport = sandbox.async_transport(base_url)
        self.transport = AsyncTransport(
            self.credentials,
            base_url=base_url,
            timeout=timeout,
            verify=verify,
            mashape_key=mashape_key,
            max_retries=max_retries,
            backoff_factor=backoff_factor,
            ratelimit_wait=ratelimit_wait,
            user_agent=user_agent,
            on_token_refresh=on_token_refresh,
            http_transport=http_transport,
            client=http_client,
        )
        self.cache = FetchCache(cache_ttl)
        self._flights: dict[Any, _Flight] = {}

    # -- documented attributes (never in a repr) ------------------------------------------
    @property
    def client_id(self) -> str:
        return self.credentials.client_id

    @property
    def access_token(self) -> Optional[str]:
        return self.credentials.access_token

    @property
    def refresh_token(self) -> Optional[str]:
        return self.credentials.refresh_token

    @property
    def client_secret(self) -> Optional[str]:
        return self.credentials.client_secret

    @property
    def base_url(self) -> str:
        return self.transport.base_url

    @property
    def credits(self) -> dict[str, int]:
        """The rate-limit budget from the latest response (no request)."""
        return self.transport.ratelimits.credits

    def __repr__(self) -> str:
        who = "user" if self.credentials.is_user else "anonymous"
        return f"<AsyncImgur client_id={self.client_id!r} {who}>"

    __str__ = __repr__

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("an AsyncImgur object holds credentials and is not picklable")

    async def __aenter__(self) -> AsyncImgur:
        self.transport.http  # noqa: B018 - the client is made here, inside the loop
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the pooled connections (not those of an ``http_client`` you gave)."""
        await self.transport.aclose()

    # -- the interface plans and models use (the same as Imgur's) ---------------------------
    async def perform(self, effect: Effect) -> Any:
        """Carry out one effect of a plan (see :mod:`pyimgur.plan`) and return its result."""
        if isinstance(effect, Call):
            return await self.transport.request(
                effect.endpoint,
                params=effect.params,
                data=effect.data,
                json=effect.json,
                headers=effect.headers,
                authenticate=effect.authenticate,
                **effect.path,
            )
        if isinstance(effect, Fetch):
            return await self._fetch_json(effect.endpoint, dict(effect.path), effect.use_cache)
        if isinstance(effect, Save):
            return await save(self.transport, effect)
        if isinstance(effect, Pause):
            if effect.sleep is None:
                await anyio.sleep(effect.seconds)
                return None
            outcome = effect.sleep(effect.seconds)
            if inspect.isawaitable(outcome):
                await outcome
            return None
        raise TypeError(f"not an effect: {effect!r}")

    def listing(self, pages: Pages[Any]) -> AsyncListing[Any]:
        """The :class:`AsyncListing` of a :class:`~pyimgur.plan.Pages` description."""
        pages.check()
        query = dict(pages.params or {})

        async def fetch_page(page: int) -> list[Any]:
            if pages.finished is not None and pages.finished():
                return []
            args = pages.path_of(page)
            data = await self.transport.request(
                pages.endpoint, params=dict(query) or None, **args
            )
            return pages.items(self, data, args)

        return AsyncListing(fetch_page, limit=pages.limit, first_page=pages.first_page,
                            paged=pages.paged and pages.has_pages)

    def make(self, class_name: str, json: dict[str, Any], has_fetched: bool = False) -> Any:
        """An async model object from ``json`` (no request)."""
        return ASYNC_MODELS[class_name](json, self, has_fetched=has_fetched)  # type: ignore[arg-type]

    def wants_load(self, fetch: Optional[bool]) -> bool:
        """Async factories load unless called with ``fetch=False``."""
        return fetch is None or bool(fetch)

    obtain = ImageMethods.obtain
    _require_user = ImageMethods._require_user

    def forget(self, endpoint: ep.Endpoint, path_params: dict[str, Any]) -> None:
        """Drop the shared copy of one object (an action changed it); no request."""
        self.cache.discard(_cache_key(endpoint, path_params))

    def attach(self, obj: Basic_object) -> Basic_object:
        """Attach an unpickled async object to this session so it can load."""
        obj._imgur = self  # type: ignore[assignment]
        return obj

    async def _fetch_json(
        self, endpoint: ep.Endpoint, path_params: dict[str, Any], use_cache: bool
    ) -> dict[str, Any]:
        """GET one object's JSON.  Tasks wanting the same JSON at once share one
        request (single flight); recent answers are shared for ``cache_ttl``."""
        key = _cache_key(endpoint, path_params)
        if use_cache:
            cached = self.cache.get(key)
            if cached is not None:
                return cached  # type: ignore[no-any-return]
            flight = self._flights.get(key)
            if flight is not None:
                await flight.done.wait()
                if flight.data is not None:
                    return flight.data
        flight = _Flight()
        self._flights.setdefault(key, flight)
        try:
            data = await self.transport.request(endpoint, **path_params)
            if not isinstance(data, dict):
                raise InvalidResponse(
                    f"expected an object, got {type(data).__name__}",
                    method=endpoint.method,
                    path="/" + endpoint.format(**path_params),
                )
            self.cache.put(key, data)
            flight.data = data
            return data
        finally:
            flight.done.set()
            if self._flights.get(key) is flight:
                del self._flights[key]

    async def _run(self, action: Union[Action[..., Any], PagedAction[..., Any]],
                   *args: Any, **kwargs: Any) -> Any:
        assert isinstance(action, Action)
        return await arun(action.plan(self, *args, **kwargs), self)

    def _list(self, action: PagedAction[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.listing(action.describe(self, *args, **kwargs))

    # -- objects ------------------------------------------------------------------------------
    @twin(ImageMethods.get_image)
    async def get_image(self, id: str, fetch: bool = True) -> AsyncImage:
        return await self._run(ImageMethods.get_image, id, fetch)  # type: ignore[no-any-return]

    @twin(ImageMethods.upload_image)
    async def upload_image(
        self,
        path: Optional[Union[str, Any]] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        album: Optional[Union[AsyncAlbum, str]] = None,
        *,
        file: Optional[IO[bytes]] = None,
        content: Optional[bytes] = None,
        name: Optional[str] = None,
        disable_audio: bool = False,
    ) -> AsyncImage:
        return await self._run(  # type: ignore[no-any-return]
            ImageMethods.upload_image, path, url, title, description, album,
            file=file, content=content, name=name, disable_audio=disable_audio,
        )

    @twin(URLMethods.is_imgur_url)
    def is_imgur_url(self, url: str) -> bool:
        return _is_imgur_url(url)
