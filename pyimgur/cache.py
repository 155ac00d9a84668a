"""Shared fetches: objects that refer to the same Imgur thing load it once.

When 120 gallery posts share 10 authors, reading every author's reputation
should cost 10 requests, not 120.  Each :class:`~pyimgur.Imgur` keeps the JSON
of its recent lazy fetches for ``cache_ttl`` seconds (default 60; 0 turns it
off).  Only lazy loads read it: ``refresh()`` always goes to Imgur, and its
answer replaces the stored one.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Optional


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
