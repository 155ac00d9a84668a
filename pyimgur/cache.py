"""Shared fetches: objects that refer to the same Imgur thing load it once.

When 120 gallery posts share 10 authors, reading every author's reputation
should cost 10 requests, not 120.  Each :class:`~pyimgur.Imgur` keeps the JSON
of its recent lazy fetches for ``cache_ttl`` seconds (default 60; 0 turns it
off).  Only lazy loads read it: ``refresh()`` always goes to Imgur, and its
answer replaces the stored one.

Loads are also *single-flight*: while one thread is fetching a key, every
other thread that needs the same key (the same object, or another object for
the same Imgur thing) waits for that one request instead of making its own,
even with the cache off.  The waiters share its outcome: its JSON, or its
exception (each waiter gets its own copy).  Nothing of a failed flight is
kept, so the next access tries again.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Optional


class _Flight:
    """One fetch in progress: its waiters block on ``done``."""

    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: Optional[BaseException] = None


class FetchCache:
    """A small, thread-safe, time-limited map of fetch key -> JSON."""

    def __init__(
        self,
        ttl: float = 60.0,
        max_entries: int = 2048,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl < 0:
            raise ValueError("cache_ttl must be 0 or more seconds")
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._flights: dict[Any, _Flight] = {}

    def load(
        self,
        key: Any,
        fetch: Callable[[], Any],
        use_cache: bool = True,
        settle: Optional[Callable[[Any], None]] = None,
    ) -> Any:
        """The JSON for ``key``: stored, from a flight in progress, or from ``fetch()``.

        ``settle(value)`` runs in the thread that fetched, before its waiters
        wake (so that an object is loaded before anyone sees the flight end).
        With ``use_cache=False`` (``refresh()``) this always calls ``fetch()``
        and stores its answer.
        """
        if not use_cache:
            return self._fetch_and_store(key, fetch, settle)
        while True:
            cached = self.get(key)
            if cached is not None:
                return cached
            with self._lock:
                flight = self._flights.get(key)
                leader = flight is None
                if flight is None:
                    flight = self._flights[key] = _Flight()
            if leader:
                return self._lead(key, flight, fetch, settle)
            flight.done.wait()
            if isinstance(flight.error, Exception):
                raise _own_copy(flight.error)
            if flight.error is None:
                return flight.value
            # the fetching thread was interrupted (KeyboardInterrupt, ...): try again

    def _lead(
        self,
        key: Any,
        flight: _Flight,
        fetch: Callable[[], Any],
        settle: Optional[Callable[[Any], None]],
    ) -> Any:
        try:
            flight.value = self._fetch_and_store(key, fetch, settle)
            return flight.value
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()

    def _fetch_and_store(
        self, key: Any, fetch: Callable[[], Any], settle: Optional[Callable[[Any], None]]
    ) -> Any:
        value = fetch()
        self.put(key, value)
        if settle is not None:
            settle(value)
        return value

    def get(self, key: Any) -> Optional[Any]:
        """The stored JSON for ``key`` if younger than ``ttl``, else ``None``."""
        if self.ttl <= 0:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, value = entry
            if self._clock() - stored_at > self.ttl:
                del self._entries[key]
                return None
            return value

    def put(self, key: Any, value: Any) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._entries[key] = (self._clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def discard(self, key: Any) -> None:
        """Forget ``key`` (after an action changed the object it names)."""
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def _own_copy(error: BaseException) -> BaseException:
    """A copy of a shared failure, so that waiters do not share one traceback."""
    try:
        clone = copy.copy(error)
    except Exception:  # an exception type that cannot be copied: share it
        return error
    clone.__dict__.update(error.__dict__)
    clone.__cause__ = error.__cause__
    clone.__suppress_context__ = error.__suppress_context__
    return clone
