"""Routing: from a :class:`SandboxRequest` to the handler of its endpoint.

Routes are declared with :func:`route` on the constants of
:mod:`pyimgur.endpoints`, so the sandbox serves exactly the paths the library
calls.  A path matching several templates goes to the one with the most
literal segments (``3/gallery/search/...`` before ``3/gallery/{section}/...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional
from urllib.parse import unquote

from .. import endpoints as ep
from . import render, state
from .protocol import ApiError, SandboxRequest

if TYPE_CHECKING:
    from .fake import FakeImgur

Handler = Callable[["Ctx"], Any]


@dataclass
class Raw:
    """A handler's answer that is not wrapped in the ``{data, success, status}`` envelope."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


@dataclass
class Route:
    endpoint: ep.Endpoint
    handler: Handler
    pattern: re.Pattern[str]
    literals: int
    legacy: bool
    auth: bool
    cost: int


ROUTES: list[Route] = []


def route(
    endpoint: ep.Endpoint, *, legacy: bool = False, auth: bool = True, cost: Optional[int] = None
) -> Callable[[Handler], Handler]:
    """Register a handler for ``endpoint``.

    ``legacy`` routes answer 404 when the sandbox is made with
    ``legacy=False`` (like today's Imgur); ``auth=False`` skips the
    ``Authorization`` check and the credits (OAuth).
    """

    def register(handler: Handler) -> Handler:
        parts = endpoint.path.split("/")
        regex = "/".join(
            f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts
        )
        literals = sum(1 for p in parts if not p.startswith("{"))
        ROUTES.append(
            Route(
                endpoint,
                handler,
                re.compile(f"^{regex}$"),
                literals,
                legacy,
                auth,
                endpoint.cost if cost is None else cost,
            )
        )
        return handler

    return register


def find(method: str, path: str) -> tuple[Optional[Route], dict[str, str], bool]:
    """``(route, path params, path known)`` for a request (route ``None`` if no match)."""
    best: Optional[Route] = None
    params: dict[str, str] = {}
    known = False
    for candidate in ROUTES:
        found = candidate.pattern.match(path)
        if not found:
            continue
        known = True
        if candidate.endpoint.method != method:
            continue
        if best is None or candidate.literals > best.literals:
            best = candidate
            params = {k: unquote(v) for k, v in found.groupdict().items()}
    return best, params, known


class Ctx:
    """What a handler gets: the request, its path parameters, who asks, the world."""

    def __init__(
        self,
        fake: FakeImgur,
        request: SandboxRequest,
        params: dict[str, str],
        viewer: Optional[str],
        client_id: Optional[str],
        cdn: str,
    ) -> None:
        self.fake = fake
        self.world: state.World = fake.state
        self.req = request
        self.params = params
        self.viewer = viewer
        self.client_id = client_id
        self.view = render.View(self.world, viewer, cdn)
        self.now = int(fake.now())

    # -- parameters --------------------------------------------------------------------
    def param(self, name: str) -> str:
        return self.params[name]

    def page(self, name: str = "page") -> int:
        text = self.params.get(name, "0")
        try:
            page = int(text)
        except ValueError:
            raise ApiError(400, f"Invalid page number {text!r}") from None
        if page < 0:
            raise ApiError(400, "Invalid page number")
        return page

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.req.value(name)
        if value is None:
            return default
        return value.strip().lower() in ("1", "true", "yes", "on")

    # -- who -------------------------------------------------------------------------------
    def me(self) -> state.Account:
        """The logged-in user (401 for Client-ID calls)."""
        if self.viewer is None or self.viewer not in self.world.accounts:
            raise ApiError(401, "Authentication required")
        return self.world.accounts[self.viewer]

    def account(self, name: Optional[str] = None) -> state.Account:
        """The account of the ``{username}`` parameter (``me`` is the viewer)."""
        name = self.params.get("username", "me") if name is None else name
        if name == "me":
            return self.me()
        found = self.world.account(name)
        if found is None:
            raise ApiError(404, f"A user with the name {name} does not exist")
        return found

    def owner_only(self, account: state.Account) -> state.Account:
        """``account``, if the viewer is that user (else 401/403)."""
        me = self.me()
        if me.url != account.url:
            raise ApiError(403, "Permission denied")
        return account

    # -- lists -----------------------------------------------------------------------------
    def per_page(self, default: int = 50) -> int:
        value = self.req.value("perPage")
        if value is None:
            return default
        try:
            return max(1, min(100, int(value)))
        except ValueError:
            return default

    def paginate(self, items: list[Any], size: int, page: Optional[int] = None) -> list[Any]:
        number = self.page() if page is None else page
        return items[number * size : (number + 1) * size]
