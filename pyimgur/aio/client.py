""":class:`AsyncImgur`: the session of the async flavour.

It runs the same plans as :class:`~pyimgur.Imgur` (see :mod:`pyimgur.plan`):
each public method below is a typed signature over the sync method's plan,
whose documentation it shares.  Its objects are the async twins of the models
(:mod:`pyimgur.aio.models`).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable
from typing import IO, Any, Awaitable, Callable, Optional, TypeVar, Union, cast

import anyio
import httpx

from .. import endpoints as ep
from ..api.albums import AlbumMethods
from ..api.base import SessionBase, _cache_key, check_id
from ..api.batch import BatchMethods, Uploads, _is_url, _UploadBudget, checked_sources
from ..api.custom_gallery import CustomGalleryMethods
from ..api.gallery import GalleryMethods
from ..api.images import ImageMethods, album_key
from ..api.messaging import MessagingMethods
from ..api.oauth import OAuthMethods, _non_empty
from ..api.urls import URLMethods
from ..api.users import UserMethods
from ..auth import Credentials
from ..batch import check_workers, outcome
from ..cache import FetchCache
from ..exceptions import AuthenticationError, BatchError, InvalidResponse
from ..imgur import Imgur
from ..models.album import Album, ImagesArg
from ..models.base import Basic_object
from ..models.image import Image
from ..pacing import Pacer
from ..plan import Action, AsyncFlavour, Call, Effect, Fetch, PagedAction, Pages, Pause, Save, arun
from ..streams import AsyncStream, ImgurStreams
from ..transport import API_BASE, DEFAULT_DEADLINE, DEFAULT_TIMEOUT, Timeout, rapidapi_options
from ..urls import is_imgur_url as _is_imgur_url
from .download import save
from .listing import AsyncListing
from .models import (
    AsyncAlbum,
    AsyncComment,
    AsyncConversation,
    AsyncCustom_gallery,
    AsyncGallery_album,
    AsyncGallery_image,
    AsyncGallery_item,
    AsyncImage,
    AsyncMessage,
    AsyncNotification,
    AsyncObject,
    AsyncTag,
    AsyncUser,
    twin_of,
)
from .transport import AsyncTokenCallback, AsyncTransport

__all__ = ["AsyncImgur"]

F = TypeVar("F", bound=Callable[..., Any])
ObjT = TypeVar("ObjT", bound=Basic_object)


def twin(sync: Any) -> Callable[[F], F]:
    """Give an async method the documentation of its sync twin (one text for both)."""

    def decorate(method: F) -> F:
        doc = getattr(sync, "__doc__", None)
        if doc:
            method.__doc__ = doc
        method.__dict__["__pyimgur_twin__"] = sync
        return method

    return decorate


#: the sync methods that make no request, called with an AsyncImgur as ``self``
_SYNC: Any = OAuthMethods
_SYNC_CLIENT: Any = Imgur


async def _each(
    func: Callable[[Any], Awaitable[Any]], items: list[Any], workers: int
) -> list[Any]:
    """``[await func(item) for item in items]``, up to ``workers`` at once in a task
    group; a failed item's exception is kept in its place."""
    results: list[Any] = [None] * len(items)
    limiter = anyio.CapacityLimiter(workers)

    async def one(index: int) -> None:
        async with limiter:
            try:
                results[index] = await func(items[index])
            except Exception as error:  # kept in place; the caller decides what to raise
                results[index] = error

    async with anyio.create_task_group() as group:
        for index in range(len(items)):
            group.start_soon(one, index)
    return results


class _Flight:
    """One fetch in progress, that other tasks wanting the same JSON wait for."""

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.data: Optional[dict[str, Any]] = None


class AsyncImgur(AsyncFlavour, SessionBase):
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
    :param pace: ``True`` (or a :class:`~pyimgur.pacing.Pacer`) spreads the
        requests of every task of the session so that the credit budgets last
        until they reset, as for :class:`~pyimgur.Imgur` (the waits are awaited).
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
        deadline: float = DEFAULT_DEADLINE,
        pace: Union[bool, Pacer] = False,
    ) -> None:
        base_url, mashape_key = rapidapi_options(base_url, mashape_key, rapidapi_key)
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
            deadline=deadline,
        )
        self.transport.pacer = Pacer.from_option(pace)
        self.cache = FetchCache(cache_ttl)
        self._flights: dict[Any, _Flight] = {}
        #: the :class:`~pyimgur.testing.FakeImgur` this client talks to, if any
        self.sandbox = sandbox

    @classmethod
    def from_env(cls, **kwargs: Any) -> AsyncImgur:
        """An :class:`AsyncImgur` from ``IMGUR_CLIENT_ID``, ``IMGUR_CLIENT_SECRET``,
        ``IMGUR_ACCESS_TOKEN`` and ``IMGUR_REFRESH_TOKEN`` (see :meth:`Imgur.from_env`)."""
        return cast(AsyncImgur, _SYNC_CLIENT.from_env.__func__(cls, **kwargs))

    # -- documented attributes (client_id, ... come from SessionBase) -----------------------
    @property
    def base_url(self) -> str:
        return self.transport.base_url

    @property
    def credits(self) -> dict[str, int]:
        return cast(dict[str, int], _SYNC.credits.fget(self))

    credits.__doc__ = OAuthMethods.credits.__doc__

    @property
    def stream(self) -> ImgurStreams[AsyncStream[Any]]:
        """Streams of new items, for ``async for``: ``notifications()``,
        ``gallery()``, ``subreddit(name)`` (no request until iterated)."""
        return ImgurStreams(self, AsyncStream)

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
            data = await self.transport.request(pages.endpoint, params=dict(query) or None, **args)
            return pages.items(self, data, args)

        return AsyncListing(
            fetch_page,
            limit=pages.limit,
            first_page=pages.first_page,
            paged=pages.paged and pages.has_pages,
        )

    def make(self, model: type[ObjT], json: dict[str, Any], has_fetched: bool = False) -> ObjT:
        """An object of the async twin of class ``model`` from ``json`` (no request)."""
        return twin_of(model)(json, cast(Imgur, self), has_fetched=has_fetched)

    def wants_load(self, fetch: Optional[bool]) -> bool:
        """Async factories load unless called with ``fetch=False``."""
        return fetch is None or bool(fetch)

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
            cached: Optional[dict[str, Any]] = self.cache.get(key)
            if cached is not None:
                return cached
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

    async def _run(
        self, action: Union[Action[..., Any], PagedAction[..., Any]], *args: Any, **kwargs: Any
    ) -> Any:
        assert isinstance(action, Action)
        return await arun(action.plan(self, *args, **kwargs), self)

    def _list(self, action: PagedAction[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.listing(action.describe(self, *args, **kwargs))

    # -- every call of Imgur, as a coroutine (generated from the plans: see
    # tests/aio/test_aio_parity.py, which checks that each matches its twin) --------------
    @twin(CustomGalleryMethods.block_tag)
    async def block_tag(self, tag: Any) -> None:
        await self._run(CustomGalleryMethods.block_tag, tag=tag)

    @twin(AlbumMethods.create_album)
    async def create_album(
        self,
        title: Optional[str] = None,
        description: Optional[str] = None,
        images: Optional[ImagesArg] = None,
        cover: Optional[Union[AsyncImage, str]] = None,
        privacy: Optional[str] = None,
    ) -> AsyncAlbum:
        return cast(
            AsyncAlbum,
            await self._run(
                AlbumMethods.create_album,
                title=title,
                description=description,
                images=images,
                cover=cover,
                privacy=privacy,
            ),
        )

    @twin(CustomGalleryMethods.create_custom_gallery)
    async def create_custom_gallery(
        self, name: str, tags: Optional[Union[str, Any, Iterable[Any]]] = None
    ) -> AsyncCustom_gallery:
        return cast(
            AsyncCustom_gallery,
            await self._run(CustomGalleryMethods.create_custom_gallery, name=name, tags=tags),
        )

    @twin(MessagingMethods.create_message)
    async def create_message(self, recipient: Union[AsyncUser, str], body: str) -> None:
        await self._run(MessagingMethods.create_message, recipient=recipient, body=body)

    @twin(AlbumMethods.get_album)
    async def get_album(self, id: str, fetch: bool = True) -> AsyncAlbum:
        return cast(AsyncAlbum, await self._run(AlbumMethods.get_album, id=id, fetch=fetch))

    @twin(URLMethods.get_at_url)
    async def get_at_url(self, url: str, fetch: bool = True) -> Any:
        return cast(Any, await self._run(URLMethods.get_at_url, url=url, fetch=fetch))

    @twin(UserMethods.get_blocked_users)
    def get_blocked_users(self) -> AsyncListing[AsyncUser]:
        return cast(AsyncListing[AsyncUser], self._list(UserMethods.get_blocked_users))

    @twin(GalleryMethods.get_comment)
    async def get_comment(self, id: int, *, fetch: bool = True) -> AsyncComment:
        return cast(AsyncComment, await self._run(GalleryMethods.get_comment, id=id, fetch=fetch))

    @twin(MessagingMethods.get_conversation)
    async def get_conversation(
        self, id: Union[int, str], *, fetch: bool = True
    ) -> AsyncConversation:
        return cast(
            AsyncConversation,
            await self._run(MessagingMethods.get_conversation, id=id, fetch=fetch),
        )

    @twin(MessagingMethods.get_conversations)
    def get_conversations(self) -> AsyncListing[AsyncConversation]:
        return cast(AsyncListing[AsyncConversation], self._list(MessagingMethods.get_conversations))

    @twin(OAuthMethods.get_credits)
    async def get_credits(self) -> dict[str, int]:
        return cast(dict[str, int], await self._run(OAuthMethods.get_credits))

    @twin(UserMethods.get_current_user)
    async def get_current_user(self, *, fetch: bool = True) -> AsyncUser:
        return cast(AsyncUser, await self._run(UserMethods.get_current_user, fetch=fetch))

    @twin(CustomGalleryMethods.get_custom_galleries)
    def get_custom_galleries(self) -> AsyncListing[AsyncCustom_gallery]:
        return cast(
            AsyncListing[AsyncCustom_gallery], self._list(CustomGalleryMethods.get_custom_galleries)
        )

    @twin(CustomGalleryMethods.get_custom_gallery)
    async def get_custom_gallery(
        self, id: Union[int, str], *, fetch: bool = True
    ) -> AsyncCustom_gallery:
        return cast(
            AsyncCustom_gallery,
            await self._run(CustomGalleryMethods.get_custom_gallery, id=id, fetch=fetch),
        )

    @twin(GalleryMethods.get_default_memes)
    def get_default_memes(self) -> AsyncListing[AsyncImage]:
        return cast(AsyncListing[AsyncImage], self._list(GalleryMethods.get_default_memes))

    @twin(CustomGalleryMethods.get_filtered_out_tags)
    async def get_filtered_out_tags(self) -> AsyncCustom_gallery:
        return cast(
            AsyncCustom_gallery, await self._run(CustomGalleryMethods.get_filtered_out_tags)
        )

    @twin(GalleryMethods.get_gallery)
    def get_gallery(
        self,
        section: str = "hot",
        sort: str = "viral",
        window: str = "day",
        show_viral: bool = True,
        limit: Optional[int] = None,
    ) -> AsyncListing[AsyncGallery_item]:
        return cast(
            AsyncListing[AsyncGallery_item],
            self._list(
                GalleryMethods.get_gallery,
                section=section,
                sort=sort,
                window=window,
                show_viral=show_viral,
                limit=limit,
            ),
        )

    @twin(GalleryMethods.get_gallery_album)
    async def get_gallery_album(self, id: str, *, fetch: bool = True) -> AsyncGallery_album:
        return cast(
            AsyncGallery_album,
            await self._run(GalleryMethods.get_gallery_album, id=id, fetch=fetch),
        )

    @twin(GalleryMethods.get_gallery_image)
    async def get_gallery_image(self, id: str, *, fetch: bool = True) -> AsyncGallery_image:
        return cast(
            AsyncGallery_image,
            await self._run(GalleryMethods.get_gallery_image, id=id, fetch=fetch),
        )

    @twin(GalleryMethods.get_gallery_item)
    async def get_gallery_item(self, id: str) -> AsyncGallery_item:
        return cast(AsyncGallery_item, await self._run(GalleryMethods.get_gallery_item, id=id))

    @twin(ImageMethods.get_image)
    async def get_image(self, id: str, fetch: bool = True) -> AsyncImage:
        return cast(AsyncImage, await self._run(ImageMethods.get_image, id=id, fetch=fetch))

    @twin(GalleryMethods.get_memes_gallery)
    def get_memes_gallery(
        self, sort: str = "viral", window: str = "week", limit: Optional[int] = None
    ) -> AsyncListing[AsyncGallery_item]:
        return cast(
            AsyncListing[AsyncGallery_item],
            self._list(GalleryMethods.get_memes_gallery, sort=sort, window=window, limit=limit),
        )

    @twin(GalleryMethods.get_memes_image)
    async def get_memes_image(self, id: str) -> AsyncGallery_item:
        return cast(AsyncGallery_item, await self._run(GalleryMethods.get_memes_image, id=id))

    @twin(MessagingMethods.get_message)
    async def get_message(self, id: Union[int, str], *, fetch: bool = True) -> AsyncMessage:
        return cast(AsyncMessage, await self._run(MessagingMethods.get_message, id=id, fetch=fetch))

    @twin(MessagingMethods.get_notification)
    async def get_notification(
        self, id: Union[int, str], *, fetch: bool = True
    ) -> AsyncNotification:
        return cast(
            AsyncNotification,
            await self._run(MessagingMethods.get_notification, id=id, fetch=fetch),
        )

    @twin(MessagingMethods.get_notifications)
    def get_notifications(self, new: bool = True) -> AsyncListing[AsyncNotification]:
        return cast(
            AsyncListing[AsyncNotification], self._list(MessagingMethods.get_notifications, new=new)
        )

    @twin(GalleryMethods.get_random_gallery)
    def get_random_gallery(self, limit: Optional[int] = None) -> AsyncListing[AsyncGallery_item]:
        return cast(
            AsyncListing[AsyncGallery_item],
            self._list(GalleryMethods.get_random_gallery, limit=limit),
        )

    @twin(GalleryMethods.get_subreddit_gallery)
    def get_subreddit_gallery(
        self, subreddit: str, sort: str = "time", window: str = "week", limit: Optional[int] = None
    ) -> AsyncListing[AsyncGallery_item]:
        return cast(
            AsyncListing[AsyncGallery_item],
            self._list(
                GalleryMethods.get_subreddit_gallery,
                subreddit=subreddit,
                sort=sort,
                window=window,
                limit=limit,
            ),
        )

    @twin(GalleryMethods.get_subreddit_image)
    async def get_subreddit_image(self, subreddit: str, id: str) -> AsyncGallery_image:
        return cast(
            AsyncGallery_image,
            await self._run(GalleryMethods.get_subreddit_image, subreddit=subreddit, id=id),
        )

    @twin(GalleryMethods.get_tag)
    async def get_tag(
        self,
        tag: str,
        sort: str = "viral",
        window: str = "week",
        limit: Optional[int] = None,
        *,
        fetch: bool = True,
    ) -> AsyncTag:
        return cast(
            AsyncTag,
            await self._run(
                GalleryMethods.get_tag, tag=tag, sort=sort, window=window, limit=limit,
                fetch=fetch,
            ),
        )

    @twin(GalleryMethods.get_tag_image)
    async def get_tag_image(self, tag: str, id: str) -> AsyncGallery_item:
        return cast(
            AsyncGallery_item, await self._run(GalleryMethods.get_tag_image, tag=tag, id=id)
        )

    @twin(GalleryMethods.get_tags)
    def get_tags(self) -> AsyncListing[AsyncTag]:
        return cast(AsyncListing[AsyncTag], self._list(GalleryMethods.get_tags))

    @twin(UserMethods.get_user)
    async def get_user(self, username: str, *, fetch: bool = True) -> AsyncUser:
        return cast(
            AsyncUser, await self._run(UserMethods.get_user, username=username, fetch=fetch)
        )

    @twin(MessagingMethods.mark_notifications_as_read)
    async def mark_notifications_as_read(
        self, notifications: Iterable[Union[AsyncNotification, int, str]]
    ) -> None:
        await self._run(MessagingMethods.mark_notifications_as_read, notifications=notifications)

    @twin(GalleryMethods.search_gallery)
    def search_gallery(
        self,
        q: Optional[str] = None,
        q_all: Optional[str] = None,
        q_any: Optional[str] = None,
        q_exactly: Optional[str] = None,
        q_not: Optional[str] = None,
        q_type: Optional[str] = None,
        q_size_px: Optional[str] = None,
        sort: str = "time",
        window: str = "all",
        limit: Optional[int] = None,
    ) -> AsyncListing[AsyncGallery_item]:
        return cast(
            AsyncListing[AsyncGallery_item],
            self._list(
                GalleryMethods.search_gallery,
                q=q,
                q_all=q_all,
                q_any=q_any,
                q_exactly=q_exactly,
                q_not=q_not,
                q_type=q_type,
                q_size_px=q_size_px,
                sort=sort,
                window=window,
                limit=limit,
            ),
        )

    @twin(CustomGalleryMethods.unblock_tag)
    async def unblock_tag(self, tag: Any) -> None:
        await self._run(CustomGalleryMethods.unblock_tag, tag=tag)

    @twin(ImageMethods.upload_image)
    async def upload_image(
        self,
        path: Optional[Union[str, os.PathLike[str]]] = None,
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
        return cast(
            AsyncImage,
            await self._run(
                ImageMethods.upload_image,
                path=path,
                url=url,
                title=title,
                description=description,
                album=album,
                file=file,
                content=content,
                name=name,
                disable_audio=disable_audio,
            ),
        )

    # -- many at once: the fan-out is written for each flavour (a task group here) ------------
    @twin(BatchMethods.load_all)
    async def load_all(
        self, objects: Iterable[ObjT], workers: int = 8, return_exceptions: bool = False
    ) -> list[ObjT]:
        items = list(objects)
        check_workers(workers)
        for item in items:
            if not isinstance(item, AsyncObject):
                raise TypeError(
                    f"load_all takes async pyimgur objects, not {type(item).__name__}"
                )

        async def load(item: Any) -> Any:
            return await item.load() if not item.is_loaded else item

        results = await _each(load, items, workers)
        return cast("list[ObjT]", outcome(results, return_exceptions, "loads"))

    @twin(BatchMethods.get_images)
    async def get_images(
        self, ids: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[AsyncImage]:
        return await self._get_many(Image, "image", ids, workers, return_exceptions)

    @twin(BatchMethods.get_albums)
    async def get_albums(
        self, ids: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[AsyncAlbum]:
        return await self._get_many(Album, "album", ids, workers, return_exceptions)

    async def _get_many(
        self,
        model: type[Basic_object],
        kind: str,
        ids: Iterable[str],
        workers: int,
        return_exceptions: bool,
    ) -> list[Any]:
        if isinstance(ids, str):
            raise TypeError(f"give a list of {kind} ids, not one string")
        wanted = [check_id(value, f"{kind} id") for value in ids]
        check_workers(workers)
        made = {value: self.make(model, {"id": value}) for value in wanted}
        loaded = await self.load_all(list(made.values()), workers, return_exceptions=True)
        by_id = dict(zip(made, loaded))
        results = [by_id[value] for value in wanted]
        return outcome(results, return_exceptions, f"{kind} loads")

    @twin(BatchMethods.resolve_urls)
    async def resolve_urls(
        self, urls: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[Any]:
        if isinstance(urls, str):
            raise TypeError("give a list of URLs, not one string")
        wanted = list(urls)
        for url in wanted:
            if not isinstance(url, str):
                raise TypeError(f"a URL must be a string, not {type(url).__name__}")
        check_workers(workers)
        distinct = list(dict.fromkeys(wanted))
        found = await _each(lambda url: self.get_at_url(url), distinct, workers)
        by_url = dict(zip(distinct, found))
        return outcome([by_url[url] for url in wanted], return_exceptions, "URLs")

    @twin(BatchMethods.upload_images)
    async def upload_images(
        self,
        sources: Iterable[Union[str, os.PathLike[str]]],
        workers: int = 4,
        album: Optional[Union[AsyncAlbum, str]] = None,
        new_album: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        return_exceptions: bool = False,
    ) -> Uploads:
        items = checked_sources(sources, workers, album, new_album, title, description)
        target: Optional[AsyncAlbum] = None
        if isinstance(album, AsyncAlbum):
            target = album
        elif album is not None:
            key = album_key(self, album)
            if self.credentials.is_user:
                target = await self.get_album(str(key), fetch=False)
            else:
                target = cast(AsyncAlbum, self.make(Album, {"deletehash": key}))
        budget = _UploadBudget(self.transport.ratelimits, ep.IMAGE_UPLOAD.cost)

        async def upload(source: Union[str, os.PathLike[str]]) -> AsyncImage:
            budget.reserve()
            if _is_url(source):
                return await self.upload_image(url=str(source), title=title,
                                               description=description)
            return await self.upload_image(source, title=title, description=description)

        results: list[Any] = []
        if items and not budget.known():
            results = await _each(upload, items[:1], 1)  # learn the budget first
        results += await _each(upload, items[len(results):], workers)
        uploaded = [image for image in results if isinstance(image, AsyncImage)]
        made: Optional[AsyncAlbum] = target
        if uploaded and new_album is not None:
            made = await self.create_album(title=new_album, images=uploaded)
        elif uploaded and target is not None:
            await target.add_images(uploaded)
        try:
            outcome(results, return_exceptions, "uploads")
        except BatchError as error:
            error._extra["album"] = made
            setattr(error, "album", made)  # noqa: B010 (an attribute BatchError does not declare)
            raise
        return Uploads(results, made)

    # -- what makes no request, or differs in the async flavour ------------------------------
    @twin(URLMethods.is_imgur_url)
    def is_imgur_url(self, url: str) -> bool:
        return _is_imgur_url(url)

    @twin(OAuthMethods.authorization_url)
    def authorization_url(self, response: str, state: str = "") -> str:
        return cast(str, _SYNC.authorization_url(self, response, state))

    @twin(OAuthMethods.parse_token_redirect)
    def parse_token_redirect(self, url: str) -> dict[str, str]:
        return cast("dict[str, str]", _SYNC.parse_token_redirect(self, url))

    @twin(OAuthMethods.change_authentication)
    def change_authentication(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
    ) -> None:
        _SYNC.change_authentication(self, client_id, client_secret, access_token, refresh_token)

    @twin(OAuthMethods.exchange_pin)
    async def exchange_pin(self, pin: str) -> tuple[str, Optional[str]]:
        return await self._exchange("pin", pin=_non_empty("pin", pin))

    @twin(OAuthMethods.exchange_code)
    async def exchange_code(self, code: str) -> tuple[str, Optional[str]]:
        return await self._exchange("authorization_code", code=_non_empty("code", code))

    async def _exchange(self, grant_type: str, **values: str) -> tuple[str, Optional[str]]:
        body = self.credentials.token_body(grant_type, **values)
        answer = await self.transport.request_token(body)
        tokens = self.credentials.store(answer)
        await self.transport.tell_new_tokens(*tokens)
        return tokens

    @twin(OAuthMethods.refresh_access_token)
    async def refresh_access_token(self) -> str:
        if not self.credentials.refresh_token:
            raise AuthenticationError("no refresh_token is set")
        return await self.transport.refresh()
