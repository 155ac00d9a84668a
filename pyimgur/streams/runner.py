"""The sync runner of a stream: fetch, ask the core, yield, sleep.

All the decisions live in :mod:`pyimgur.streams.core`; this module only does
the I/O (the requests through the session's transport, and the sleeping).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

from ..exceptions import ImgurError
from .core import MAX_INTERVAL, MIN_INTERVAL, Entry, StreamCore, passing

if TYPE_CHECKING:
    from ..imgur import Imgur

log = logging.getLogger("pyimgur")
T = TypeVar("T")


class Source(Generic[T]):
    """Where a stream reads: ``fetch(page)`` returns one page newest first;
    ``paged`` says whether later pages exist (the gap walk reads them).
    ``key_field`` names the id; ``when_field`` a number that grows with
    time (``datetime``, or the id itself where ids only grow), so an item
    forgotten by the bounded memory is still known as old."""

    def __init__(
        self,
        name: str,
        fetch: Callable[[int], list[T]],
        paged: bool = True,
        key_field: str = "id",
        when_field: str = "datetime",
    ) -> None:
        self.name = name
        self.fetch = fetch
        self.paged = paged
        self.key_field = key_field
        self.when_field = when_field

    def entry(self, item: T) -> Entry:
        """The core's view of one item (local reads only: never a request)."""
        fields = item.__dict__
        when = fields.get(self.when_field)
        return Entry(
            str(fields.get(self.key_field)),
            float(when) if isinstance(when, (int, float)) and not isinstance(when, bool) else None,
            item,
        )


class Stream(Generic[T]):
    """An endless iterator of new items, oldest first, each exactly once.

    Made by the ``stream`` attributes (``im.stream.gallery()``,
    ``tag.stream()``, ``user.stream.comments()`` ...), not directly.

    Each poll costs 1 request (page 0 of a newest-first list), plus up to 3
    when a whole page is new (the items between two polls are then read from
    the next pages).  While nothing new arrives the wait between polls
    doubles from ``min_interval`` (30 s) to ``max_interval`` (300 s), give or
    take 10%; anything new resets it.  With pacing on
    (``Imgur(pace=True)``) each request may wait more, for the budgets.

    Server trouble (5xx, over capacity, timeouts, a garbled answer) and a
    429 never end the stream: it logs a WARNING, waits (a 429 until its
    reset) and polls again.  An :class:`~pyimgur.AuthenticationError` and
    any other error end the loop; iterating again (after logging in again,
    say) goes on from where it stopped.

    :param skip_existing: ``True`` yields only what arrives after the first poll.
    :param pause_after: ``None`` (default) never yields ``None``; ``0`` yields
        ``None`` after each poll that brought nothing; ``n`` after ``n + 1``
        such polls in a row; a negative number after every poll.  Iterating
        again goes on where it paused.
    :param state: a :attr:`state` saved earlier: resume after what was
        yielded then (nothing yielded twice, nothing skipped).
    :param sleep: called with the seconds to wait (default: the session's).
    :param clock: returns the time in seconds (default: the session's).
    """

    def __init__(
        self,
        imgur: Imgur,
        source: Source[T],
        *,
        skip_existing: bool = False,
        pause_after: Optional[int] = None,
        state: Optional[dict[str, Any]] = None,
        min_interval: float = MIN_INTERVAL,
        max_interval: float = MAX_INTERVAL,
        sleep: Optional[Callable[[float], None]] = None,
        clock: Optional[Callable[[], float]] = None,
        rng: Optional[random.Random] = None,
        on_handled: Optional[Callable[[list[T]], None]] = None,
        seen_size: int = 0,
    ) -> None:
        self.core: StreamCore[T] = StreamCore(
            skip_existing=skip_existing,
            pause_after=pause_after,
            min_interval=min_interval,
            max_interval=max_interval,
            state=state,
            rng=rng,
            seen_size=seen_size,
        )
        self.source = source
        self._imgur = imgur
        self._sleep = sleep
        self._time = clock
        self._on_handled = on_handled
        self._handed: list[T] = []
        self._run_iter: Optional[Generator[Optional[T], None, None]] = None

    def __repr__(self) -> str:
        return f"<Stream {self.source.name} seen={len(self.core.seen)}>"

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> Optional[T]:
        if self._run_iter is None:
            self._run_iter = self._run()
        try:
            return next(self._run_iter)
        except ImgurError:
            # the loop ended with an error; iterating again starts a new one
            # from where this one stopped (after logging in again, say)
            self._run_iter = None
            raise

    @property
    def state(self) -> dict[str, Any]:
        """What this stream has yielded, as a small JSON-able dict (no request).

        Save it (``json.dump``) after handling an item; pass it back as
        ``state=`` to resume after a restart.
        """
        return self.core.state

    def close(self) -> None:
        """Stop the stream; items handed out are reported as handled
        (notification streams with ``mark_viewed`` mark them now)."""
        self._flush_handled()
        if self._run_iter is not None:
            self._run_iter.close()
            self._run_iter = None

    # -- the loop --------------------------------------------------------------------------
    def _run(self) -> Generator[Optional[T], None, None]:
        core = self.core
        while True:
            self._flush_handled()
            try:
                fresh = self._poll()
            except ImgurError as error:
                self._wait(self._after_failure(error))
                continue
            for entry in fresh:
                core.mark(entry)
                if self._on_handled is not None:
                    self._handed.append(entry.item)
                yield entry.item
            plan = core.end_round()
            if plan.pause:
                due = self._clock() + plan.sleep
                yield None
                self._wait(due - self._clock())
            else:
                self._wait(plan.sleep)

    def _poll(self) -> list[Entry]:
        source, core = self.source, self.core
        pages = [[source.entry(item) for item in source.fetch(0)]]
        while core.wants_page(pages, source.paged):
            pages.append([source.entry(item) for item in source.fetch(len(pages))])
        return core.new_items(pages)

    def _after_failure(self, error: ImgurError) -> float:
        """Seconds to wait after ``error`` (the core raises it when it ends the stream)."""
        wait = self.core.after_failure(error, self._clock())
        log.warning(
            "stream %s: %s; polling again in %.0f s",
            self.source.name, type(error).__name__, wait,
        )
        return wait

    def _flush_handled(self) -> None:
        if not self._handed or self._on_handled is None:
            return
        handed, self._handed = self._handed, []
        try:
            self._on_handled(handed)
        except ImgurError as error:
            self._handed = handed + self._handed  # reported again before the next poll
            if not passing(error):
                raise
            log.warning("stream %s: %s while reporting handled items",
                        self.source.name, type(error).__name__)

    def _clock(self) -> float:
        return (self._time or self._imgur.transport.clock)()

    def _wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        sleep = self._sleep or self._imgur.transport.sleep
        sleep(seconds)
