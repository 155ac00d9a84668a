"""What every area of :class:`~pyimgur.Imgur` builds on: the transport, the
shared-fetch cache, and turning JSON into model objects and listings."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, cast

from .. import endpoints as ep
from ..auth import Credentials
from ..cache import FetchCache
from ..download import stream_to_file
from ..exceptions import InvalidResponse
from ..listing import Listing, check_limit
from ..models.base import Basic_object, gallery_item
from ..plan import Call, Effect, Fetch, Pages, Pause, Plan, Save, run
from ..transport import Transport

if TYPE_CHECKING:
    from ..imgur import Imgur
    from ..models.gallery_item import Gallery_item

M = TypeVar("M", bound=Basic_object)


def check_id(value: Any, name: str = "id", *, numbers: bool = False) -> Any:
    """Validate an id argument before any request.

    An id that can never be valid is refused: empty, or holding ``/``,
    whitespace or control characters (it would address another path, or
    nothing).

    :param numbers: a numeric id (comment, message, notification,
        conversation): an ``int``, or a string of ASCII digits.
    :raises TypeError: not a string (nor an int, with ``numbers``).
    :raises ValueError: an id that can never be valid.
    """
    allowed = (str, int) if numbers else (str,)
    if isinstance(value, bool) or not isinstance(value, allowed):
        kind = "a string or an int" if numbers else "a string"
        raise TypeError(f"{name} must be {kind}, not {type(value).__name__}")
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(f"{name} must not be empty")
        if "/" in value or any(char.isspace() or not char.isprintable() for char in value):
            raise ValueError(f"{name} {value!r} holds '/', whitespace or a control character")
        if numbers and not _DIGITS.fullmatch(value):
            raise ValueError(f"{name} must be a number, not {value!r}")
    return value


_DIGITS = re.compile(r"[0-9]{1,20}")


class SessionBase:
    """What the plans of :class:`~pyimgur.Imgur`'s methods use, in either flavour.

    A flavour adds :meth:`make` (objects of its model classes), ``perform`` (carry
    out one effect), ``listing`` (a listing of :class:`~pyimgur.plan.Pages`) and
    ``forget`` (drop a shared fetch).
    """

    credentials: Credentials
    cache: FetchCache
    #: ``False``: every lazy factory loads its object at once (``Imgur(lazy=False)``)
    lazy: bool = True
    #: plans run through this object (see :func:`pyimgur.plan.session_of`)
    is_session = True

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
        return f"<{type(self).__name__} client_id={self.client_id!r} {who}>"

    __str__ = __repr__

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError(
            f"an {type(self).__name__} object holds credentials and is not picklable"
        )

    def make(self, model: type[M], json: dict[str, Any], has_fetched: bool = False) -> M:
        """An object of class ``model`` (of this session's flavour: the async
        session makes its async twin) from ``json`` (no request)."""
        raise NotImplementedError

    def wants_load(self, fetch: Optional[bool]) -> bool:
        """Does a factory called with ``fetch`` load its object now?  Sync: when
        asked, or always on a ``lazy=False`` session."""
        return bool(fetch) or not self.lazy

    def obtain(self, model: type[M], json: dict[str, Any], fetch: Optional[bool]) -> Plan[M]:
        """The plan of every lazy factory: the object (no request), loaded now
        (1 request, so a missing object raises :class:`~pyimgur.NotFound`
        here) when :meth:`wants_load` says so."""
        obj = self.make(model, json)
        if self.wants_load(fetch):
            yield from obj._load_plan(use_cache=False)
        return obj

    def _require_user(self, endpoint: ep.Endpoint, always: bool = False) -> None:
        """Raise :class:`AuthenticationError` now when ``endpoint`` needs a
        logged-in user (or ``always``) and only a client id is set."""
        if endpoint.user or always:
            self.credentials.require_user(endpoint.method, "/" + endpoint.path)

    def _make(self, model: type[M], json: dict[str, Any], has_fetched: bool = False) -> M:
        """An object of class ``model`` from ``json`` (no request)."""
        return self.make(model, json, has_fetched)

    def _make_gallery_item(self, json: dict[str, Any], has_fetched: bool = False) -> Gallery_item:
        """A ``Gallery_album`` or ``Gallery_image``, as the JSON's ``is_album`` says."""
        return gallery_item(self, json, has_fetched)

    def _pages(
        self,
        endpoint: ep.Endpoint,
        make: Callable[[dict[str, Any]], Any],
        limit: Optional[int] = None,
        params: Optional[dict[str, Any]] = None,
        paged: bool = True,
        items_key: Optional[str] = None,
        first_page: int = 0,
        ids: Optional[Callable[[Any], Any]] = None,
        **path_params: Any,
    ) -> Pages[Any]:
        """A :class:`~pyimgur.plan.Pages` description of a paged endpoint; ``make``
        turns one JSON item into an object (``ids``: see :class:`~pyimgur.plan.Pages`).
        Bad arguments raise now."""
        pages: Pages[Any] = Pages(
            endpoint, lambda session, item: make(item), path_params, limit=check_limit(limit),
            params=dict(params) if params else None, paged=paged, items_key=items_key,
            first_page=first_page, ids=ids,
        )
        pages.check()
        return pages


class ImgurBase(SessionBase):
    """State and helpers shared by the method mixins of :class:`~pyimgur.Imgur`."""

    transport: Transport

    # -- the interface plans and models use (the async flavour has the same) -------------
    def perform(self, effect: Effect) -> Any:
        """Carry out one effect of a plan (see :mod:`pyimgur.plan`) and return its result."""
        if isinstance(effect, Call):
            return self.transport.request(
                effect.endpoint,
                params=effect.params,
                data=effect.data,
                json=effect.json,
                headers=effect.headers,
                **effect.path,
            )
        if isinstance(effect, Fetch):
            return self._fetch_json(effect.endpoint, dict(effect.path), effect.use_cache,
                                    check=effect.check, settle=effect.settle)
        if isinstance(effect, Save):
            return stream_to_file(
                self.transport, effect.url, effect.folder, effect.filename, effect.overwrite,
                effect.progress, stall_timeout=effect.stall_timeout, deadline=effect.deadline,
            )
        if isinstance(effect, Pause):
            return (effect.sleep or time.sleep)(effect.seconds)
        raise TypeError(f"not an effect: {effect!r}")

    def listing(self, pages: Pages[Any]) -> Listing[Any]:
        """The :class:`~pyimgur.listing.Listing` of a :class:`~pyimgur.plan.Pages` description."""
        pages.check()
        query = dict(pages.params or {})

        def fetch_page(page: int) -> list[Any]:
            if pages.finished is not None and pages.finished():
                return []
            args = pages.path_of(page)
            data = self.transport.request(pages.endpoint, params=dict(query) or None, **args)
            return pages.items(self, data, args)

        return Listing(fetch_page, limit=pages.limit, first_page=pages.first_page,
                       paged=pages.paged and pages.has_pages)

    def make(self, model: type[M], json: dict[str, Any], has_fetched: bool = False) -> M:
        """An object of class ``model`` from ``json`` (no request)."""
        return model(json, cast("Imgur", self), has_fetched=has_fetched)

    def forget(self, endpoint: ep.Endpoint, path_params: dict[str, Any]) -> None:
        """Drop the shared copy of one object (an action changed it); no request."""
        self._forget(endpoint, path_params)

    def _call(self, endpoint: ep.Endpoint, **kwargs: Any) -> Any:
        """One API call through the transport (see :meth:`Transport.request`)."""
        return self.transport.request(endpoint, **kwargs)

    def _fetch_json(
        self,
        endpoint: ep.Endpoint,
        path_params: dict[str, Any],
        use_cache: bool = True,
        check: Optional[Callable[[dict[str, Any]], None]] = None,
        settle: Optional[Callable[[Any], None]] = None,
    ) -> Any:
        """GET one object's JSON, sharing recent fetches and fetches in flight
        (see :mod:`pyimgur.cache`).  ``check(data)`` raises for an answer that
        is not the object asked for, before anything is stored."""

        def fetch() -> dict[str, Any]:
            data = self.transport.request(endpoint, **path_params)
            if not isinstance(data, dict):
                raise InvalidResponse(
                    f"expected an object, got {type(data).__name__}",
                    method=endpoint.method,
                    path="/" + endpoint.format(**path_params),
                )
            if check is not None:
                check(data)
            return data

        key = _cache_key(endpoint, path_params)
        return self.cache.load(key, fetch, use_cache=use_cache, settle=settle)

    def _forget(self, endpoint: ep.Endpoint, path_params: dict[str, Any]) -> None:
        """Drop the shared copy of one object (an action changed it)."""
        self.cache.discard(_cache_key(endpoint, path_params))

    def _lazy(self, model: type[M], json: dict[str, Any], fetch: bool = False) -> M:
        """A lazy object (no request); with ``fetch``, or on a session made
        with ``lazy=False``, loaded now (1 request, so that a missing object
        raises :class:`~pyimgur.NotFound` here).  Every lazy factory goes through
        here (or asks :attr:`lazy` itself)."""
        return run(self.obtain(model, json, fetch), self)

    def _listing(
        self,
        endpoint: ep.Endpoint,
        make: Callable[[dict[str, Any]], Any],
        limit: Optional[int] = None,
        params: Optional[dict[str, Any]] = None,
        paged: bool = True,
        items_key: Optional[str] = None,
        first_page: int = 0,
        ids: Optional[Callable[[Any], Any]] = None,
        **path_params: Any,
    ) -> Listing[Any]:
        """A lazy :class:`~pyimgur.listing.Listing` over a paged endpoint.

        ``make`` turns one JSON item into an object; ``items_key`` names the
        list inside the payload when the payload is an object (e.g. ``items``
        of a tag).  ``params`` is copied, never mutated.  Items that are not
        JSON objects are skipped; for a list of ids, ``ids(item)`` gives the
        id to hand out, or ``None`` to skip the item.
        """
        return self.listing(self._pages(
            endpoint, make, limit, params, paged, items_key, first_page, ids, **path_params
        ))

    def attach(self, obj: Basic_object) -> Basic_object:
        """Attach an unpickled (detached) object to this Imgur object so it can load."""
        obj._imgur = self  # type: ignore[assignment]
        return obj


def fetch_object(endpoint: ep.Endpoint, **path: Any) -> Plan[dict[str, Any]]:
    """GET one object's JSON (1 request, shared with recent fetches)."""
    data: dict[str, Any] = yield Fetch(endpoint, path)
    return data


def _cache_key(endpoint: ep.Endpoint, path_params: dict[str, Any]) -> tuple[Any, ...]:
    return (endpoint.path, tuple(sorted((k, str(v)) for k, v in path_params.items())))
