"""Simulated time for the sandbox: content that arrives over time, and clocks
that run hours in milliseconds.

::

    fake = FakeImgur()
    sim = SimulatedTime(fake)
    im = sim.install(fake.user_client(pace=True))   # sleeps advance the sandbox clock
    sim.every(90, lambda: sim.post(owner="gracehopper", tags=["cats"]))
    sim.at(600, lambda: sim.reply(SEED_COMMENT_ID, "gracehopper", "hi !bot"))
    for post in im.get_tag("cats").stream(pause_after=0):
        ...                                          # each sleep fires what falls due

Nothing sleeps for real: :meth:`SimulatedTime.sleep` moves the sandbox
clock (:meth:`FakeImgur.advance`) from event to event and runs each event
when its time comes.  :meth:`SimulatedTime.asleep` is its async companion
(installed on an :class:`~pyimgur.AsyncImgur`): tasks sleeping at once wake
in the order of their wake times, and the clock moves by the longest sleep,
not by their sum.  The content helpers (:meth:`~SimulatedTime.post`,
:meth:`~SimulatedTime.comment`, :meth:`~SimulatedTime.reply`,
:meth:`~SimulatedTime.message`) also work on demand, outside any schedule.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from . import build, state

if TYPE_CHECKING:
    from .fake import FakeImgur

__all__ = ["SimulatedTime"]

Action = Callable[[], Any]
Session = TypeVar("Session")


class SimulatedTime:
    """A simulated clock over one sandbox, with scheduled events.

    :param fake: the sandbox whose clock moves.
    """

    def __init__(self, fake: FakeImgur) -> None:
        self.fake = fake
        self.start = fake.now()
        self._events: list[tuple[float, int, Action]] = []
        self._order = itertools.count()
        #: total seconds slept through :meth:`sleep`
        self.slept = 0.0
        #: each sleep asked for, in order
        self.sleeps: list[float] = []
        #: the wake times of the tasks asleep in :meth:`asleep`
        self._sleepers: list[float] = []

    def __repr__(self) -> str:
        return f"<SimulatedTime t={self.elapsed:.0f}s events={len(self._events)}>"

    # -- the clock ----------------------------------------------------------------------------
    def now(self) -> float:
        """The sandbox's clock (epoch seconds)."""
        return self.fake.now()

    @property
    def elapsed(self) -> float:
        """Seconds of simulated time since this object was made."""
        return self.fake.now() - self.start

    def sleep(self, seconds: float) -> None:
        """Advance the clock by ``seconds``, running each event as its time comes."""
        seconds = max(0.0, float(seconds))
        self.sleeps.append(seconds)
        self.slept += seconds
        target = self.fake.now() + seconds
        while self._events and self._events[0][0] <= target:
            when, _, action = heapq.heappop(self._events)
            gap = when - self.fake.now()
            if gap > 0:
                self.fake.advance(gap)
            action()
        gap = target - self.fake.now()
        if gap > 0:
            self.fake.advance(gap)

    async def asleep(self, seconds: float) -> None:
        """:meth:`sleep` for async tasks: wake ``seconds`` of simulated time
        from now, after every task due to wake earlier (needs ``anyio``)."""
        from anyio.lowlevel import checkpoint

        wake = self.fake.now() + max(0.0, float(seconds))
        self._sleepers.append(wake)
        try:
            await checkpoint()  # the other ready tasks go to sleep too
            while min(self._sleepers) < wake:
                await checkpoint()  # one due earlier wakes first
        finally:
            self._sleepers.remove(wake)
        self.sleep(wake - self.fake.now())

    def install(self, imgur: Session) -> Session:
        """Make ``imgur`` (an :class:`~pyimgur.Imgur` or an
        :class:`~pyimgur.AsyncImgur`: its retries, its pacer, its streams)
        sleep on this clock."""
        from ..plan import AsyncFlavour

        transport: Any = imgur.transport  # type: ignore[attr-defined]
        asynchronous = isinstance(imgur, AsyncFlavour)
        transport.sleep = self.asleep if asynchronous else self.sleep
        transport.clock = self.now
        pacer = transport.pacer
        if pacer is not None:
            pacer.clock = self.now
            pacer.sleep = self.sleep
        return imgur

    # -- scheduling ---------------------------------------------------------------------------
    def at(self, offset: float, action: Action) -> None:
        """Run ``action`` when ``offset`` seconds have passed since the start."""
        heapq.heappush(self._events, (self.start + offset, next(self._order), action))

    def after(self, seconds: float, action: Action) -> None:
        """Run ``action`` ``seconds`` from now."""
        heapq.heappush(self._events, (self.fake.now() + seconds, next(self._order), action))

    def every(self, interval: float, action: Action, *, count: Optional[int] = None,
              first: Optional[float] = None) -> None:
        """Run ``action`` every ``interval`` seconds (``count`` times, or forever)."""
        if interval <= 0:
            raise ValueError("interval must be more than 0")
        start = self.fake.now() + (interval if first is None else first)
        for n in range(count if count is not None else 1):
            when = start + n * interval
            if count is None:
                self._repeat(when, interval, action)
            else:
                heapq.heappush(self._events, (when, next(self._order), action))

    def _repeat(self, when: float, interval: float, action: Action) -> None:
        def run() -> None:
            action()
            self._repeat(when + interval, interval, action)

        heapq.heappush(self._events, (when, next(self._order), run))

    @property
    def pending(self) -> int:
        """How many events are still to come."""
        return len(self._events)

    # -- content, on demand or from a schedule ----------------------------------------------------
    def post(self, owner: Optional[str] = None, title: Optional[str] = None,
             tags: Optional[list[str]] = None, subreddit: Optional[str] = None,
             album: bool = False) -> state.Post:
        """A new gallery post (an image, or an album of one image) made now."""
        fake = self.fake
        with fake.lock:
            now = int(fake.now())
            image = build.add_image(fake.state, build.sample_bytes("png"), now, owner=owner,
                                    title=title)
            item_id = image.id
            if album:
                item_id = build.add_album(fake.state, now, owner=owner, images=[image.id],
                                          title=title).id
            fields: dict[str, Any] = {"tags": list(tags or [])}
            if subreddit is not None:
                fields.update(subreddit=subreddit, section=subreddit)
            return build.add_post(fake.state, item_id, now, title or item_id, **fields)

    def comment(self, post_id: str, author: str, text: str) -> state.Comment:
        """A new top-level comment on a gallery post, made now."""
        return self.fake.add_comment(post_id, author, text)

    def reply(self, comment_id: int, author: str, text: str) -> state.Comment:
        """A reply to a comment, made now (its author gets a reply notification)."""
        fake = self.fake
        with fake.lock:
            parent = fake.state.comments[comment_id]
            post_id = parent.image_id
        return fake.add_comment(post_id, author, text, parent_id=comment_id)

    def message(self, sender: str, recipient: str, body: str) -> state.Message:
        """A message, made now (the recipient gets a message notification)."""
        fake = self.fake
        with fake.lock:
            return build.send_message(fake.state, sender, recipient, body, int(fake.now()))
