"""The decisions of a stream, with no I/O: what is new, what to remember, how long to wait.

A runner (the sync :class:`~pyimgur.streams.runner.Stream`, and later an
async one) fetches pages and sleeps; :class:`StreamCore` tells it which items
of a page to yield, whether to read one more page, how long to sleep and when
to yield ``None``.  Everything here is plain computation on values, so the
same core drives every flavour and is tested without a clock.
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, Generic, NamedTuple, Optional, TypeVar

from ..exceptions import AuthenticationError, ImgurError, RateLimitError
from ..transport import _transient

T = TypeVar("T")

#: seconds between polls while nothing new arrives: the first wait ...
MIN_INTERVAL = 30.0
#: ... doubling up to this documented maximum
MAX_INTERVAL = 300.0
#: each wait is stretched or shrunk by up to this fraction, at random
JITTER = 0.1
#: extra pages read in one round when a whole page is new (the gap walk)
MAX_GAP_PAGES = 3
#: the fewest ids a stream remembers
MIN_SEEN = 301
#: bump this when the shape of :attr:`StreamCore.state` changes
STATE_VERSION = 1


class Entry(NamedTuple):
    """One item of a page as the core sees it: its id, its time (epoch
    seconds, or ``None`` when unknown) and the item itself."""

    key: str
    when: Optional[float]
    item: Any


class BoundedSet:
    """The ids a stream has yielded, at most ``capacity`` of them (oldest
    evicted first).  ``floor`` is the newest time among evicted items, so an
    old item that comes back once its id is forgotten is still known as old."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be 1 or more")
        self.capacity = capacity
        self._ids: OrderedDict[str, Optional[float]] = OrderedDict()
        self.floor: Optional[float] = None

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, key: str, when: Optional[float]) -> None:
        self._ids[key] = when
        self._ids.move_to_end(key)
        while len(self._ids) > self.capacity:
            _, evicted = self._ids.popitem(last=False)
            if evicted is not None and (self.floor is None or evicted > self.floor):
                self.floor = evicted

    def is_old(self, when: Optional[float]) -> bool:
        """Is an item of this time no newer than what was forgotten?"""
        return when is not None and self.floor is not None and when <= self.floor

    def items(self) -> list[tuple[str, Optional[float]]]:
        return list(self._ids.items())


class Backoff:
    """Waits between polls: ``minimum`` doubling to ``maximum``, with jitter.

    ``reset()`` goes back to ``minimum`` (something new arrived).
    """

    def __init__(self, minimum: float, maximum: float, jitter: float, rng: random.Random) -> None:
        if minimum <= 0 or maximum < minimum:
            raise ValueError("intervals must satisfy 0 < min_interval <= max_interval")
        if not 0 <= jitter < 1:
            raise ValueError("jitter must be between 0 and 1")
        self.minimum = minimum
        self.maximum = maximum
        self.jitter = jitter
        self._rng = rng
        self._base = minimum

    def reset(self) -> None:
        self._base = self.minimum

    def next(self) -> float:
        """The next wait (jittered), then double the base up to the maximum."""
        base = self._base
        self._base = min(self.maximum, base * 2)
        spread = base * self.jitter
        return max(0.0, base + self._rng.uniform(-spread, spread))


class Plan(NamedTuple):
    """What the runner does after a round: wait ``sleep`` seconds before the
    next poll; with ``pause``, yield ``None`` first (the wait then counts
    from the pause, so time the caller spends elsewhere is not waited twice)."""

    sleep: float
    pause: bool


class StreamCore(Generic[T]):
    """The state machine of one stream (no I/O).

    Per round the runner calls :meth:`new_items` with page 0 (newest first),
    reads more pages while :meth:`wants_page` says so, yields what
    :meth:`new_items` returned (calling :meth:`mark` as each item goes
    out), then calls :meth:`end_round` for the plan.  On a transient error it
    calls :meth:`after_error`.
    """

    def __init__(
        self,
        *,
        skip_existing: bool = False,
        pause_after: Optional[int] = None,
        min_interval: float = MIN_INTERVAL,
        max_interval: float = MAX_INTERVAL,
        jitter: float = JITTER,
        seen_size: int = MIN_SEEN,
        state: Optional[dict[str, Any]] = None,
        rng: Optional[random.Random] = None,
    ) -> None:
        if pause_after is not None and (
            isinstance(pause_after, bool) or not isinstance(pause_after, int)
        ):
            raise TypeError("pause_after must be an int or None")
        if not isinstance(skip_existing, bool):
            raise TypeError("skip_existing must be True or False")
        self.skip_existing = skip_existing
        self.pause_after = pause_after
        self.backoff = Backoff(min_interval, max_interval, jitter, rng or random.Random())
        self.seen = BoundedSet(max(MIN_SEEN, seen_size))
        self.first_round = True
        self.empty_rounds = 0
        self._found = False
        if state is not None:
            self._restore(state)

    # -- one round ----------------------------------------------------------------------
    def new_items(self, pages: Sequence[Sequence[Entry]]) -> list[Entry]:
        """The unseen entries of ``pages`` (each newest first), oldest first.

        On the first round with ``skip_existing`` everything is remembered
        and nothing returned.
        """
        fresh: dict[str, Entry] = {}
        for page in pages:
            for entry in page:
                if entry.key in self.seen or entry.key in fresh:
                    continue
                if self.seen.is_old(entry.when):
                    continue
                fresh[entry.key] = entry
        ordered = list(fresh.values())
        ordered.reverse()
        if self.first_round and self.skip_existing:
            for entry in ordered:
                self.seen.add(entry.key, entry.when)
            times = [e.when for page in pages for e in page if e.when is not None]
            if times and self.seen.floor is None:
                # what was there at the start never counts as new, even once forgotten
                self.seen.floor = min(times) - 1e-6
            return []
        self._found = self._found or bool(ordered)
        return ordered

    def wants_page(self, pages: Sequence[Sequence[Entry]], paged: bool) -> bool:
        """Read one more page?  Only when every entry of the last page is new
        (items may have been missed between polls), never on the very first
        round, and at most :data:`MAX_GAP_PAGES` extra pages."""
        if not paged or self.first_round or not pages or len(pages) > MAX_GAP_PAGES:
            return False
        last = pages[-1]
        if not last:
            return False
        return all(e.key not in self.seen and not self.seen.is_old(e.when) for e in last)

    def mark(self, entry: Entry) -> None:
        """``entry`` went out to the caller: never yield it again."""
        self.seen.add(entry.key, entry.when)

    def end_round(self) -> Plan:
        """The plan after a round (PRAW's rules: ``pause_after=0`` yields
        ``None`` after each poll with nothing new, ``n`` after ``n + 1`` such
        polls in a row, a negative value after every poll).  Unlike PRAW, a
        pause keeps the backoff: the next poll still waits its interval, so a
        loop that goes straight back to the stream costs no extra requests."""
        found, self._found = self._found, False
        self.first_round = False
        if found:
            self.backoff.reset()
            self.empty_rounds = 0
        else:
            self.empty_rounds += 1
        pause_after = self.pause_after
        pause = pause_after is not None and (pause_after < 0 or self.empty_rounds > pause_after)
        if pause:
            self.empty_rounds = 0
        return Plan(self.backoff.next(), pause)

    def after_failure(self, error: ImgurError, now: float) -> float:
        """Seconds to wait after a failed poll, or raise ``error`` when it
        ends the stream: an :class:`~pyimgur.AuthenticationError`, or any
        error that is neither a 429 nor transient (5xx, over capacity, no
        answer, a garbled answer).  ``now`` is the stream's clock, for a
        429's reset time."""
        if isinstance(error, AuthenticationError):
            raise error
        if isinstance(error, RateLimitError):
            wait = error.retry_after
            if error.reset_at is not None:
                left = max(0.0, error.reset_at - now)
                wait = left if wait is None else min(wait, left)
            return self.after_error(wait)
        if passing(error):
            return self.after_error()
        raise error

    def after_error(self, retry_after: Optional[float] = None) -> float:
        """Seconds to wait after a transient failure (a 429's reset when known,
        else the next backoff step)."""
        step = self.backoff.next()
        if retry_after is not None:
            return max(retry_after + 1.0, 0.0)
        return step

    # -- saving and resuming -------------------------------------------------------------------
    @property
    def state(self) -> dict[str, Any]:
        """A small JSON-able snapshot: the ids yielded (newest last) with their
        times, and the time floor of forgotten ids."""
        return {
            "version": STATE_VERSION,
            "seen": [[key, when] for key, when in self.seen.items()],
            "floor": self.seen.floor,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            raise ValueError(f"not a stream state of version {STATE_VERSION}: {state!r:.80}")
        seen = state.get("seen")
        floor = state.get("floor")
        if not isinstance(seen, list) or (
            floor is not None and not isinstance(floor, (int, float))
        ):
            raise ValueError("a stream state needs a 'seen' list and a numeric 'floor'")
        for pair in _pairs(seen):
            self.seen.add(*pair)
        if floor is not None and (self.seen.floor is None or floor > self.seen.floor):
            self.seen.floor = float(floor)
        # a resumed stream yields what arrived while it was stopped: no skipping
        self.skip_existing = False
        self.first_round = False


def passing(error: ImgurError) -> bool:
    """Does ``error`` pass (a 429, or transient trouble) rather than end a stream?"""
    if isinstance(error, AuthenticationError):
        return False
    return isinstance(error, RateLimitError) or _transient(error)


def _pairs(seen: Iterable[Any]) -> Iterable[tuple[str, Optional[float]]]:
    for pair in seen:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValueError(f"a stream state's 'seen' holds [id, time] pairs, not {pair!r:.40}")
        key, when = pair
        if when is not None and not isinstance(when, (int, float)):
            raise ValueError(f"a stream state's time must be a number, not {when!r:.40}")
        yield str(key), (None if when is None else float(when))
