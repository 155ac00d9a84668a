"""What every area of :class:`~pyimgur.Imgur` builds on: the transport, the
shared-fetch cache, and turning JSON into model objects and listings."""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .. import endpoints as ep
from ..auth import Credentials
from ..cache import FetchCache
from ..exceptions import InvalidResponse
from ..listing import Listing
from ..models.base import MODELS, Basic_object
from ..transport import Transport


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


class ImgurBase:
    """State and helpers shared by the method mixins of :class:`~pyimgur.Imgur`."""

    credentials: Credentials
    transport: Transport
    cache: FetchCache
    #: ``False``: every lazy factory loads its object at once (``Imgur(lazy=False)``)
    lazy: bool = True

    def _call(self, endpoint: ep.Endpoint, **kwargs: Any) -> Any:
        """One API call through the transport (see :meth:`Transport.request`)."""
        return self.transport.request(endpoint, **kwargs)

    def _require_user(self, endpoint: ep.Endpoint, always: bool = False) -> None:
        """Raise :class:`AuthenticationError` now when ``endpoint`` needs a
        logged-in user (or ``always``) and only a client id is set."""
        if endpoint.user or always:
            self.credentials.require_user(endpoint.method, "/" + endpoint.path)

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

    def _make(self, class_name: str, json: dict[str, Any], has_fetched: bool = False) -> Any:
        """A model object of class ``class_name`` from ``json`` (no request)."""
        return MODELS[class_name](json, self, has_fetched=has_fetched)  # type: ignore[arg-type]

    def _lazy(self, class_name: str, json: dict[str, Any], fetch: bool = False) -> Any:
        """A lazy object (no request); with ``fetch``, or on a session made
        with ``lazy=False``, loaded now (1 request, so that a missing object
        raises :class:`~pyimgur.NotFound` here).  Every lazy factory goes through
        here (or asks :attr:`lazy` itself)."""
        obj = self._make(class_name, json, has_fetched=False)
        if fetch or not self.lazy:
            obj._fetch(use_cache=False)
        return obj

    def _make_gallery_item(self, json: dict[str, Any], has_fetched: bool = False) -> Any:
        """A ``Gallery_album`` or ``Gallery_image``, as the JSON's ``is_album`` says."""
        name = "Gallery_album" if json.get("is_album") else "Gallery_image"
        return self._make(name, json, has_fetched)

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
        query = dict(params or {})
        has_pages = "{page}" in endpoint.path
        probe = dict(path_params, page=first_page) if has_pages else dict(path_params)
        endpoint.format(**probe)  # bad arguments raise now, not at first use

        def fetch_page(page: int) -> list[Any]:
            args = dict(path_params)
            if has_pages:
                args["page"] = page
            data = self.transport.request(endpoint, params=dict(query) or None, **args)
            if items_key is not None and isinstance(data, dict):
                data = data.get(items_key)
            if data is None:
                return []
            if not isinstance(data, list):
                raise InvalidResponse(
                    f"expected a list, got {type(data).__name__}",
                    method=endpoint.method,
                    path="/" + endpoint.format(**args),
                )
            if ids is not None:
                return [one for one in map(ids, data) if one is not None]
            return [make(item) for item in data if isinstance(item, dict)]

        return Listing(fetch_page, limit=limit, first_page=first_page, paged=paged and has_pages)

    def attach(self, obj: Basic_object) -> Basic_object:
        """Attach an unpickled (detached) object to this Imgur object so it can load."""
        obj._imgur = self  # type: ignore[assignment]
        return obj


def _cache_key(endpoint: ep.Endpoint, path_params: dict[str, Any]) -> tuple[Any, ...]:
    return (endpoint.path, tuple(sorted((k, str(v)) for k, v in path_params.items())))
