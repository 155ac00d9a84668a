"""The :class:`Imgur` session object: authentication, and the factory of every model."""

from __future__ import annotations

import os
from typing import Any, Optional, Union

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
from .transport import API_BASE, DEFAULT_TIMEOUT, Timeout, Transport

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
    :param verify: verify TLS certificates (``True``), or a CA bundle path.
    :param timeout: seconds, or ``(connect, read)`` seconds, for every call.
    :param base_url: the API root; ``pyimgur.transport.RAPIDAPI_BASE`` with
        ``mashape_key`` for the commercial endpoint.
    :param mashape_key: sent as ``X-Mashape-Key`` (RapidAPI).
    :param max_retries: how many times a read or idempotent write is retried.
    :param ratelimit_wait: GETs that hit a 429 wait up to this many seconds
        for the reset and try once more (default 0: raise at once).
    :param cache_ttl: seconds that objects referring to the same Imgur thing
        share one fetch (0 turns sharing off; ``refresh()`` always fetches).
    :param on_token_refresh: called with ``(access_token, refresh_token)``
        whenever new tokens arrive, so a bot can save them.
    :param user_agent: your program's name, put before pyimgur's own.
    :param sandbox: a :class:`pyimgur.testing.FakeImgur` to talk to instead
        of the real Imgur (no network at all).
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
        max_retries: int = 2,
        backoff_factor: float = 0.5,
        ratelimit_wait: float = 0.0,
        cache_ttl: float = 60.0,
        on_token_refresh: Optional[TokenCallback] = None,
        user_agent: Optional[str] = None,
        sandbox: Any = None,
    ) -> None:
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
        )
        self.cache = FetchCache(cache_ttl)
        if sandbox is not None:
            sandbox.attach(self)

    @classmethod
    def from_env(cls, **kwargs: Any) -> Imgur:
        """An :class:`Imgur` from ``IMGUR_CLIENT_ID``, ``IMGUR_CLIENT_SECRET``,
        ``IMGUR_ACCESS_TOKEN`` and ``IMGUR_REFRESH_TOKEN``; ``kwargs`` go to the
        constructor.

        :raises ValueError: ``IMGUR_CLIENT_ID`` is not set.
        """
        values = {name: os.environ.get(var) or None for name, var in _ENV.items()}
        if not values["client_id"]:
            raise ValueError(
                "IMGUR_CLIENT_ID is not set: put your application's client id in it"
            )
        return cls(**values, **kwargs)  # type: ignore[arg-type]

    # The documented attributes, kept on the credentials (never in a repr).
    @property
    def client_id(self) -> str:
        return self.credentials.client_id

    @property
    def client_secret(self) -> Optional[str]:
        return self.credentials.client_secret

    @property
    def access_token(self) -> Optional[str]:
        return self.credentials.access_token

    @property
    def refresh_token(self) -> Optional[str]:
        return self.credentials.refresh_token

    def __repr__(self) -> str:
        who = "user" if self.credentials.is_user else "anonymous"
        return f"<Imgur client_id={self.client_id!r} {who}>"

    __str__ = __repr__

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("an Imgur object holds credentials and is not picklable")

    def close(self) -> None:
        """Close the pooled HTTP connections."""
        self.transport.close()

    def __enter__(self) -> Imgur:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
