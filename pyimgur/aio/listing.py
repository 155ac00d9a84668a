""":class:`AsyncListing`: the async flavour of :class:`~pyimgur.listing.Listing`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from typing import Callable, Optional, TypeVar

from ..listing import PageBook

T = TypeVar("T")

__all__ = ["AsyncListing"]


class AsyncListing(PageBook[T]):
    """A lazily loaded list of API results, for ``async for``.

    The same rules as :class:`~pyimgur.listing.Listing` (the bookkeeping is
    shared): nothing is requested until iteration starts, then one request per
    page reached; ``limit`` caps the items; the first empty (or repeated) page
    ends it.  An event loop cannot block on ``len()`` or ``listing[5]``, so
    those are :meth:`first` and :meth:`all` instead.  ``repr``, :attr:`loaded`
    and :attr:`is_complete` cost nothing.
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[list[T]]],
        limit: Optional[int] = None,
        first_page: int = 0,
        paged: bool = True,
    ) -> None:
        super().__init__(limit, first_page, paged)
        self._fetch_page = fetch_page

    async def _load_page(self) -> bool:
        if self._done:
            return False
        return self._accept(list(await self._fetch_page(self._next_page)))

    async def __aiter__(self) -> AsyncIterator[T]:
        index = 0
        while True:
            while index < len(self._items):
                yield self._items[index]
                index += 1
            if not await self._load_page():
                return

    async def first(self, count: int) -> list[T]:
        """The first ``count`` items (loads only the pages they are on)."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError("count must be an int of 0 or more")
        while len(self._items) < count and await self._load_page():
            pass
        return self._items[:count]

    async def all(self) -> list[T]:
        """Every item, up to ``limit`` (loads every page)."""
        while await self._load_page():
            pass
        return list(self._items)
