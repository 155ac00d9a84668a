"""The loop of a stream, written once, and its sync runner.

All the decisions live in :mod:`pyimgur.streams.core`.  The loop
(:meth:`StreamLoop._steps`) is a generator that does no I/O either: it yields
*steps* (an effect of :mod:`pyimgur.plan` to perform, :data:`NOW` to read the
clock, a :class:`Wait`, an :class:`Emit` of an item for the caller) and gets
each result sent back.  :class:`Stream` (here) drives it with the session's
requests and sleeps; :class:`~pyimgur.streams.aio.AsyncStream` awaits them.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Callable, Generic, Optional, TypeVar, Union

from ..exceptions import ImgurError
from ..models.base import Basic_object, peek
from ..plan import Effect, Plan, run
from .core import MAX_INTERVAL, MIN_INTERVAL, Entry, StreamCore, passing

log = logging.getLogger("pyimgur")
T = TypeVar("T")


class Source(Generic[T]):
    """Where a stream reads, for either flavour: ``read(page)`` is a plan
    (:mod:`pyimgur.plan`) returning one page, newest first; ``paged`` says
    whether later pages exist (the gap walk reads them); ``handled(items)``,
    when given, is the plan that reports items as handled (notifications
    marked viewed).  ``key_field`` names the id; ``when_field`` a number that
    grows with time (``datetime``, or the id itself where ids only grow), so an
    item forgotten by the bounded memory is still known as old."""

    def __init__(
        self,
        name: str,
        read: Callable[[int], Plan[list[T]]],
        paged: bool = True,
        key_field: str = "id",
        when_field: str = "datetime",
        handled: Optional[Callable[[list[T]], Plan[Any]]] = None,
    ) -> None:
        self.name = name
        self.read = read
        self.paged = paged
        self.key_field = key_field
        self.when_field = when_field
        self.handled = handled

    def entry(self, item: T) -> Entry:
        """The core's view of one item (local reads only: never a request)."""
        model = item if isinstance(item, Basic_object) else None  # items are model objects
        when = peek(model, self.when_field) if model is not None else None
        key = peek(model, self.key_field) if model is not None else None
        return Entry(
            str(key),
            float(when) if isinstance(when, (int, float)) and not isinstance(when, bool) else None,
            item,
        )


# -- the steps of the loop (what a runner does for it) -----------------------------------------
@dataclass(frozen=True)
class Emit:
    """Hand ``item`` to the caller (``None``: a pause)."""

    item: Any


@dataclass(frozen=True)
class Wait:
    """Sleep ``seconds`` (nothing when 0 or less)."""

    seconds: float


class _Now:
    def __repr__(self) -> str:
        return "NOW"


#: the step that asks for the stream's clock (the runner sends the time back)
NOW = _Now()
Step = Union[Effect, Emit, Wait, _Now]


class StreamLoop(Generic[T]):
    """What both flavours of a stream share: the options, the state and the loop.

    Each poll costs 1 request (page 0 of a newest-first list), plus up to 3
    when a whole page is new (the items between two polls are then read from
    the next pages).  While nothing new arrives the wait between polls
    doubles from ``min_interval`` (30 s) to ``max_interval`` (300 s), give or
    take 10%; anything new resets it.  With pacing on
    (``Imgur(pace=True)``, ``AsyncImgur(pace=True)``) each request may wait
    more, for the budgets.

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
    :param sleep: called with the seconds to wait (default: the session's);
        in the async flavour it may return an awaitable (a coroutine function).
    :param clock: returns the time in seconds (default: the session's).
    """

    def __init__(
        self,
        imgur: Any,
        source: Source[T],
        *,
        skip_existing: bool = False,
        pause_after: Optional[int] = None,
        state: Optional[dict[str, Any]] = None,
        min_interval: float = MIN_INTERVAL,
        max_interval: float = MAX_INTERVAL,
        sleep: Optional[Callable[[float], Any]] = None,
        clock: Optional[Callable[[], float]] = None,
        rng: Optional[random.Random] = None,
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
        self._handed: list[T] = []
        self._steps_iter: Optional[Generator[Step, Any, None]] = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.source.name} seen={len(self.core.seen)}>"

    @property
    def state(self) -> dict[str, Any]:
        """What this stream has yielded, as a small JSON-able dict (no request).

        Save it (``json.dump``) after handling an item; pass it back as
        ``state=`` to resume after a restart.
        """
        return self.core.state

    # -- the loop, for every flavour ----------------------------------------------------------
    def _steps(self) -> Generator[Step, Any, None]:
        core = self.core
        while True:
            yield from self._flush_handled()
            try:
                fresh = yield from self._poll()
            except ImgurError as error:
                now = yield NOW
                wait = core.after_failure(error, now)  # raises when it ends the stream
                log.warning(
                    "stream %s: %s; polling again in %.0f s",
                    self.source.name, type(error).__name__, wait,
                )
                yield Wait(wait)
                continue
            for entry in fresh:
                core.mark(entry)
                if self.source.handled is not None:
                    self._handed.append(entry.item)
                yield Emit(entry.item)
            plan = core.end_round()
            if plan.pause:
                due = (yield NOW) + plan.sleep
                yield Emit(None)
                yield Wait(due - (yield NOW))
            else:
                yield Wait(plan.sleep)

    def _poll(self) -> Generator[Step, Any, list[Entry]]:
        source, core = self.source, self.core
        found = yield from source.read(0)
        pages = [[source.entry(item) for item in found]]
        while core.wants_page(pages, source.paged):
            found = yield from source.read(len(pages))
            pages.append([source.entry(item) for item in found])
        return core.new_items(pages)

    def _flush_handled(self) -> Plan[None]:
        """Report the items handed out since the last poll (a plan)."""
        report = self.source.handled
        if not self._handed or report is None:
            return
        handed, self._handed = self._handed, []
        try:
            yield from report(handed)
        except ImgurError as error:
            self._handed = handed + self._handed  # reported again before the next poll
            if not passing(error):
                raise
            log.warning("stream %s: %s while reporting handled items",
                        self.source.name, type(error).__name__)

    def _clock(self) -> float:
        return (self._time or self._imgur.transport.clock)()

    def _sleeper(self) -> Callable[[float], Any]:
        return self._sleep or self._imgur.transport.sleep


class Stream(StreamLoop[T]):
    """An endless iterator of new items, oldest first, each exactly once.

    Made by the ``stream`` attributes (``im.stream.gallery()``,
    ``tag.stream()``, ``user.stream.comments()`` ...), not directly; the
    async flavour is :class:`~pyimgur.streams.aio.AsyncStream`.  Costs,
    rules and options: :class:`StreamLoop`.
    """

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> Optional[T]:
        if self._steps_iter is None:
            self._steps_iter = self._steps()
        steps = self._steps_iter
        result: Any = None
        failure: Optional[BaseException] = None
        try:
            while True:
                step = steps.throw(failure) if failure is not None else steps.send(result)
                result, failure = None, None
                if isinstance(step, Emit):
                    return step.item  # type: ignore[no-any-return]
                try:
                    result = self._do(step)
                except BaseException as error:  # thrown into the loop, which decides
                    failure = error
        except BaseException:
            # the loop ended with an error; iterating again starts a new one
            # from where this one stopped (after logging in again, say)
            self._steps_iter = None
            raise

    def _do(self, step: Step) -> Any:
        if isinstance(step, Wait):
            if step.seconds > 0:
                self._sleeper()(step.seconds)
            return None
        if step is NOW:
            return self._clock()
        return self._imgur.perform(step)

    def close(self) -> None:
        """Stop the stream; items handed out are reported as handled
        (notification streams with ``mark_viewed`` mark them now)."""
        run(self._flush_handled(), self._imgur)
        if self._steps_iter is not None:
            self._steps_iter.close()
            self._steps_iter = None
