"""The :class:`Imgur` session object: authentication, and the factory of every model."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, Union

from .api.albums import AlbumMethods
from .api.batch import BatchMethods
from .api.custom_gallery import CustomGalleryMethods
from .api.gallery import GalleryMethods
from .api.images import ImageMethods
from .api.messaging import MessagingMethods
from .api.oauth import OAuthMethods
from .api.urls import URLMethods
from .api.users import UserMethods
from .auth import Credentials, TokenCallback
from .cache import FetchCache
from .pacing import Pacer
from .transport import (
    API_BASE,
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    Timeout,
    Transport,
    rapidapi_options,
)

if TYPE_CHECKING:
    from .streams import ImgurStreams, Stream

_ENV = {
    "client_id": "IMGUR_CLIENT_ID",
    "client_secret": "IMGUR_CLIENT_SECRET",
    "access_token": "IMGUR_ACCESS_TOKEN",
    "refresh_token": "IMGUR_REFRESH_TOKEN",
}


class Imgur(
    OAuthMethods,
    ImageMethods,
    AlbumMethods,
    GalleryMethods,
    UserMethods,
    MessagingMethods,
    CustomGalleryMethods,
    URLMethods,
    BatchMethods,
):
    """A session with Imgur: it holds the authentication and makes every object.

    Create one at the start of your program and get every object through it::

        im = pyimgur.Imgur(CLIENT_ID)
        image = im.get_image("S1jmapR")   # no request yet
        print(image.title)                # 1 request, loads every field

    :param client_id: your application's client id.
    :param client_secret: needed only to obtain or refresh user tokens.
    :param access_token: act as a user (``Authorization: Bearer``).
    :param refresh_token: lets pyimgur get new access tokens by itself.
        The id, secret and tokens lose surrounding whitespace (a newline read
        from a file); a blank one, or one with whitespace inside, is a
        ``ValueError``.
    :param verify: verify TLS certificates (``True``), or a CA bundle path.
    :param timeout: seconds, or ``(connect, read)`` seconds, for every call
        (each positive and finite).
    :param deadline: seconds one attempt of an API call may take until the
        last byte of its answer, however slowly it trickles in (default 60;
        an upload's clock starts when the answer begins).
    :param base_url: the API root; ``pyimgur.transport.RAPIDAPI_BASE`` with
        ``mashape_key`` for the commercial endpoint.
    :param mashape_key: sent as ``X-Mashape-Key`` (RapidAPI).
    :param rapidapi_key: use Imgur through RapidAPI, as PyImgur 0.8.1 did:
        the base URL becomes ``RAPIDAPI_BASE`` (unless ``base_url`` is given)
        and the key is sent as ``X-Mashape-Key``.
    :param lazy: ``False`` makes every factory (``get_image``, ``get_album``,
        ``get_user``, ``get_comment``, ``get_at_url``...) load its object at
        once (1 request), as PyImgur did, so a missing object raises
        :class:`~pyimgur.NotFound` at the call; ``True`` (the default) returns
        lazy objects that load on first use (``fetch=True`` loads one now).
    :param max_retries: how many times a read or idempotent write is retried.
    :param backoff_factor: the wait before retry *n* is about
        ``backoff_factor * 2 ** (n - 1)`` seconds, plus up to
        ``backoff_factor`` of random jitter, at most 30 s (0: retry at once).
    :param ratelimit_wait: GETs that hit a 429 wait up to this many seconds
        for the reset and try once more (default 0: raise at once).
    :param cache_ttl: seconds that objects referring to the same Imgur thing
        share one fetch (0 turns sharing off; ``refresh()`` always fetches).
    :param on_token_refresh: called with ``(access_token, refresh_token)``
        whenever new tokens arrive, so a bot can save them.
    :param user_agent: your program's name, put before pyimgur's own.
    :param sandbox: a :class:`pyimgur.testing.FakeImgur` to talk to instead
        of the real Imgur (no network at all).
    :param pace: ``True`` spreads requests so that the credit budgets last
        until they reset (see :mod:`pyimgur.pacing`); a
        :class:`~pyimgur.pacing.Pacer` sets its options.

    :raises ValueError: a blank id, a ``base_url`` that is not ``http(s)://``,
        a timeout or deadline that is not positive (all before any request).
    :raises TypeError: an argument of the wrong type (``on_token_refresh``
        not callable, ``sandbox`` not a ``FakeImgur``).
    """

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
        lazy: bool = True,
        max_retries: int = 2,
        backoff_factor: float = 0.5,
        ratelimit_wait: float = 0.0,
        cache_ttl: float = 60.0,
        on_token_refresh: Optional[TokenCallback] = None,
        user_agent: Optional[str] = None,
        sandbox: Any = None,
        pace: Union[bool, Pacer] = False,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        if sandbox is not None:
            from .testing import FakeImgur

            if not isinstance(sandbox, FakeImgur):
                raise TypeError(
                    f"sandbox must be a pyimgur.testing.FakeImgur, not {type(sandbox).__name__}"
                )
        base_url, mashape_key = rapidapi_options(base_url, mashape_key, rapidapi_key)
        #: ``False``: every factory loads its object at once (see ``lazy`` above)
        self.lazy = bool(lazy)
        self.credentials = Credentials(
            client_id, client_secret, access_token, refresh_token, on_token_refresh
        )
        self.transport = Transport(
            self.credentials,
            base_url=base_url,
            timeout=timeout,
            verify=verify,
            mashape_key=mashape_key,
            max_retries=max_retries,
            backoff_factor=backoff_factor,
            ratelimit_wait=ratelimit_wait,
            user_agent=user_agent,
            deadline=deadline,
        )
        self.transport.pacer = Pacer.from_option(pace)
        self.cache = FetchCache(cache_ttl)
        if sandbox is not None:
            sandbox.attach(self)

    @classmethod
    def from_env(cls, **kwargs: Any) -> Imgur:
        """An :class:`Imgur` from ``IMGUR_CLIENT_ID``, ``IMGUR_CLIENT_SECRET``,
        ``IMGUR_ACCESS_TOKEN`` and ``IMGUR_REFRESH_TOKEN``; ``kwargs`` go to the
        constructor.

        A variable that is unset or blank counts as not given; the others are
        checked as the constructor checks its arguments.

        :raises ValueError: ``IMGUR_CLIENT_ID`` is not set, or a value is not usable.
        """
        values = {name: (os.environ.get(var) or "").strip() or None for name, var in _ENV.items()}
        if not values["client_id"]:
            raise ValueError(
                "IMGUR_CLIENT_ID is not set: put your application's client id in it"
            )
        return cls(**values, **kwargs)  # type: ignore[arg-type]

    @property
    def stream(self) -> ImgurStreams[Stream[Any]]:
        """Streams of new items: ``notifications()``, ``gallery()``,
        ``subreddit(name)`` (no request until iterated)."""
        from .streams import ImgurStreams, Stream

        return ImgurStreams(self, Stream)

    @property
    def base_url(self) -> str:
        """The API root every call goes to."""
        return self.transport.base_url

    def close(self) -> None:
        """Close the pooled HTTP connections."""
        self.transport.close()

    def __enter__(self) -> Imgur:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
