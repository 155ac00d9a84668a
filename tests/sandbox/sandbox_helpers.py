"""Helpers of the sandbox's own tests: a raw HTTP client of the sandbox."""

from __future__ import annotations

from typing import Any, Optional

import requests

from pyimgur.testing import SEED_ACCESS_TOKEN, SEED_CLIENT_ID, FakeImgur
from pyimgur.testing.adapter import SandboxAdapter

API = "https://api.imgur.com/"


class RawAPI:
    """Plain requests to a sandbox; ``auth`` is ``"client"``, ``"user"``, ``None`` or a header."""

    def __init__(self, fake: FakeImgur, base: str = API, verify: Any = True) -> None:
        self.fake = fake
        self.base = base
        self.session = requests.Session()
        self.session.verify = verify
        if base == API:
            adapter = SandboxAdapter(fake, base)
            self.session.mount(base, adapter)
            self.session.mount("https://i.imgur.com/", adapter)

    def call(
        self, method: str, path: str, auth: Optional[str] = "client", **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if auth == "client":
            headers["Authorization"] = f"Client-ID {SEED_CLIENT_ID}"
        elif auth == "user":
            headers["Authorization"] = f"Bearer {SEED_ACCESS_TOKEN}"
        elif auth is not None:
            headers["Authorization"] = auth
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.base + path, headers=headers, **kwargs)

    def data(self, method: str, path: str, auth: Optional[str] = "client", **kwargs: Any) -> Any:
        """The envelope's ``data`` of a call that must succeed."""
        response = self.call(method, path, auth, **kwargs)
        assert response.status_code == 200, (response.status_code, response.text[:300])
        body = response.json()
        assert body["success"] is True and body["status"] == 200
        return body["data"]

    def bearer(self, token: str) -> str:
        return f"Bearer {token}"

    def close(self) -> None:
        self.session.close()


def error_of(response: requests.Response) -> Any:
    """The classic error message of an error response."""
    body = response.json()
    assert body["success"] is False
    assert body["status"] == response.status_code
    return body["data"]["error"]
