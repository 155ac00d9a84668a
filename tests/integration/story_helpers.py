"""The ``Sandbox`` helper of the integration stories."""

from __future__ import annotations

from typing import Any, Optional

import pyimgur
from pyimgur.testing import SEED_CLIENT_ID, SEED_CLIENT_SECRET, FakeImgur


class Sandbox:
    """The fake plus a factory of clients, in process or over loopback HTTP."""

    def __init__(self, fake: FakeImgur, mode: str, url: Optional[str] = None) -> None:
        self.fake = fake
        self.mode = mode
        self.url = url
        self._clients: list[pyimgur.Imgur] = []

    def anonymous(self, **kwargs: Any) -> pyimgur.Imgur:
        """A client with the seeded client id and secret, no user."""
        return self._make(None, None, **kwargs)

    def user(self, username: Optional[str] = None, **kwargs: Any) -> pyimgur.Imgur:
        """A client logged in as ``username`` (default: the seeded test user)."""
        token = self.fake.issue_token(username)
        return self._make(token.access_token, token.refresh_token, **kwargs)

    def _make(self, access: Optional[str], refresh: Optional[str], **kwargs: Any
              ) -> pyimgur.Imgur:
        kwargs.setdefault("backoff_factor", 0.0)
        if self.mode == "in_process":
            client = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, access, refresh,
                                   sandbox=self.fake, **kwargs)
        else:
            assert self.url is not None
            client = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, access, refresh,
                                   base_url=self.url, **kwargs)
        self._clients.append(client)
        return client

    @property
    def cdn(self) -> str:
        return "https://i.imgur.com/" if self.url is None else self.url + "cdn/"

    def close(self) -> None:
        for client in self._clients:
            client.close()
