"""The one pagination mechanism: :class:`Listing`, a lazy list of results.

Imgur pages are 0-based path segments with no totals and no cursor; the end
is the first empty page.  A :class:`Listing` asks for nothing until it is
used, then only for the pages the items used live on.  It behaves like a list
for a person in a REPL (iteration, indexing, slicing, ``len``) and like a
stream for a bot (iterating never loads a page it has not reached).

A listing ends at the first empty page, or at the first page that brings
nothing new: every item on it has an identity (its class and id, or the id
itself in a list of ids) seen before on an earlier page, or no identity at
all.  So an endpoint that ignores the page number, or cycles through the
same items (in another order, rotated, two pages alternating), cannot make
``list(listing)`` run forever.  The first page is always kept; on later
pages an item seen before is still handed out when the page also brings
something new.  To stay bounded, a listing remembers the identities of its
last :data:`MAX_REMEMBERED` items only.

What goes into a listing is decided where the page is read (see
``ImgurBase._listing``): an item of a page that is not a JSON object (or,
in a list of ids, not an id) is skipped, never handed out.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Hashable, Iterator
from typing import Any, Callable, Generic, Optional, TypeVar, Union, overload

from .exceptions import InvalidResponse

T = TypeVar("T")

#: how many item identities a listing remembers to see that a page is not new
MAX_REMEMBERED = 100_000
#: what an image or album id in a list of ids looks like (Imgur's ids are short, alphanumeric)
_TEXT_ID = re.compile(r"[A-Za-z0-9]{1,64}")


def text_id(value: object) -> Optional[str]:
    """``value`` if it is an image or album id (1 to 64 ASCII letters or digits), else None."""
    if isinstance(value, str) and _TEXT_ID.fullmatch(value):
        return value
    return None


def item_key(item: object) -> Optional[Hashable]:
    """What identifies a listing item across pages (``None``: nothing does).

    An id (``str``/``int``) is its own key; a model object is keyed by its
    class and identity, read locally (never a request).
    """
    if isinstance(item, (str, int)) and not isinstance(item, bool):
        return (type(item).__name__, item)
    identity = getattr(item, "_identity", None)
    if identity is None or not isinstance(identity, Hashable):
        return None
    return (type(item).__name__, identity)

#: ``fetch_page(page_number) -> items`` (an empty list ends the listing)
PageFetcher = Callable[[int], list[T]]


def check_limit(limit: Optional[int]) -> Optional[int]:
    """Validate a ``limit`` argument: ``None`` or an integer of 0 or more."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an int or None, not {type(limit).__name__}")
    if limit < 0:
        raise ValueError("limit must be 0 or more (None means every item)")
    return limit


class PageBook(Generic[T]):
    """The bookkeeping of a paged listing, shared by both flavours: which page
    comes next, the items so far, the limit, and when the listing ends."""

    def __init__(
        self, limit: Optional[int] = None, first_page: int = 0, paged: bool = True
    ) -> None:
        self._limit = check_limit(limit)
        self._first_page = first_page
        self._next_page = first_page
        self._paged = paged
        self._items: list[T] = []
        self._done = self._limit == 0
        self._seen: set[Hashable] = set()
        self._seen_order: deque[Hashable] = deque()

    def _accept(self, page: list[T]) -> bool:
        """Take in the page just fetched (page ``_next_page``); ``False`` when it
        ends the listing."""
        first = self._next_page == self._first_page
        self._next_page += 1
        if not self._remember(page) and not (first and page):
            # an empty page ends the listing; so does a page with nothing new
            # (an endpoint that ignores the page number, or cycles)
            self._done = True
            return False
        if self._limit is not None:
            page = page[: self._limit - len(self._items)]
        self._items.extend(page)
        if not self._paged or (self._limit is not None and len(self._items) >= self._limit):
            self._done = True
        return True

    def _remember(self, page: list[T]) -> bool:
        """Remember the identities on ``page``; ``True`` if one was new."""
        new = False
        seen = self._seen
        for item in page:
            key = item_key(item)
            if key is None or key in seen:
                continue
            new = True
            seen.add(key)
            self._seen_order.append(key)
            if len(self._seen_order) > MAX_REMEMBERED:
                seen.discard(self._seen_order.popleft())
        return new

    def __repr__(self) -> str:
        parts = [repr(item) for item in self._items[:10]]
        if len(self._items) > 10:
            parts.append(f"... ({len(self._items)} loaded)")
        if not self._done:
            parts.append("<more not loaded>")
        return f"{type(self).__name__}([{', '.join(parts)}])"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    @property
    def loaded(self) -> list[T]:
        """The items loaded so far (a copy; no request)."""
        return list(self._items)

    @property
    def is_complete(self) -> bool:
        """``True`` once every item (up to ``limit``) is loaded."""
        return self._done


class Listing(PageBook[T]):
    """A lazily loaded, list-like sequence of API results.

    :param fetch_page: returns the items of one page.
    :param limit: at most this many items (``None``: every item Imgur gives).
    :param first_page: the number of the first page (0 for Imgur, 1 for
        conversations).
    :param paged: ``False`` when the endpoint returns everything at once.

    Costs: iterating or indexing item *n* requests the pages up to *n*'s page,
    once; ``len()``, negative indexes and ``list()`` load every page up to
    ``limit``.  ``repr`` shows what is loaded and costs nothing.
    """

    def __init__(
        self,
        fetch_page: PageFetcher[T],
        limit: Optional[int] = None,
        first_page: int = 0,
        paged: bool = True,
    ) -> None:
        super().__init__(limit, first_page, paged)
        self._fetch_page = fetch_page

    # -- loading ---------------------------------------------------------------------
    def _load_page(self) -> bool:
        """Load one more page; ``False`` when there is nothing more."""
        if self._done:
            return False
        return self._accept(list(self._fetch_page(self._next_page)))

    def _load_until(self, count: Optional[int]) -> None:
        """Load pages until ``count`` items are here (``None``: all of them)."""
        while (count is None or len(self._items) < count) and self._load_page():
            pass

    # -- list behaviour --------------------------------------------------------------------
    def __iter__(self) -> Iterator[T]:
        index = 0
        while True:
            while index < len(self._items):
                yield self._items[index]
                index += 1
            if not self._load_page():
                return

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[T, list[T]]:
        if isinstance(index, slice):
            self._load_until(_items_needed(index))
            return self._items[index]
        if isinstance(index, bool) or not isinstance(index, int):
            kind = type(index).__name__
            raise TypeError(f"listing indices must be integers or slices, not {kind}")
        self._load_until(None if index < 0 else index + 1)
        return self._items[index]

    def __len__(self) -> int:
        self._load_until(None)
        return len(self._items)

    def __bool__(self) -> bool:
        self._load_until(1)
        return bool(self._items)

    def __contains__(self, item: object) -> bool:
        return any(item == mine for mine in self)


def read_page(data: Any, items_key: Optional[str], method: str, path: str) -> list[Any]:
    """The JSON items of one page's payload (both flavours read pages with this).

    :raises InvalidResponse: the payload is not a list (nor an object holding
        one under ``items_key``).
    """
    if items_key is not None and isinstance(data, dict):
        data = data.get(items_key)
    if data is None:
        return []
    if not isinstance(data, list):
        kind = type(data).__name__
        raise InvalidResponse(f"expected a list, got {kind}", method=method, path=path)
    return data


def _items_needed(index: slice) -> Optional[int]:
    """How many items a slice needs loaded (``None``: all of them)."""
    start, stop, step = index.start, index.stop, index.step
    if step is not None and step < 0:
        # walking backwards starts at ``start`` (or at the end)
        return None if start is None or start < 0 else start + 1
    if stop is None or stop < 0 or (start is not None and start < 0):
        return None
    return int(stop)
