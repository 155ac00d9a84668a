"""Pacing: spread requests so that Imgur's credit budgets last until they reset.

Opt in with ``Imgur(..., pace=True)`` (or ``pace=Pacer(...)``).  Imgur has
three budgets (imgur-api.md 2.1): the user budget (per IP and app, reset
hourly), the client budget (per app, reset daily) and the POST budget (per
IP, reset hourly).  Each answer says what is left; the pacer reads that after
every answer and, before every request, decides how long to wait:

* while a budget has more than half of its credits left (``plentiful``), no wait;
* below that, the wait grows: the spacing that would spread the credits left
  evenly until the reset, scaled from 0 (half left) up to the full even
  spacing (a quarter left, ``even``) and kept there, so the credits never run
  out before the reset;
* a spent budget waits until its reset (plus one second).

The wait is the largest of the budgets the request draws on (a POST also
draws on the POST budget; OAuth calls cost nothing and are never paced).
Requests take their turn under a lock and their credits are counted at once,
before the answer comes, so threads sharing a session never rush together.
A wait longer than ``max_wait`` raises :class:`~pyimgur.RateLimitError`
without sending anything.  :func:`pace_delay` is the pure formula.
"""

from __future__ import annotations

import inspect
import logging
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from .exceptions import RateLimitError

log = logging.getLogger("pyimgur")

#: above this share of a budget left: no wait
PLENTIFUL = 0.5
#: at or below this share left: the full even spacing until the reset
EVEN = 0.25
#: the longest a request waits for its turn before RateLimitError (an hour and a bit)
MAX_WAIT = 3700.0
#: the names in :attr:`pyimgur.Imgur.credits` of each budget: remaining, limit, reset
_KEYS = {
    "user": ("UserRemaining", "UserLimit", "UserReset"),
    "client": ("ClientRemaining", "ClientLimit", "ClientReset"),
    "post": ("PostRemaining", "PostLimit", "PostReset"),
}
#: each reset is epoch seconds (True) or seconds from now (False), as kept by RateLimits
_RESET_IS_EPOCH = {"user": True, "client": False, "post": False}
#: when Imgur says nothing of a reset: its documented period
_PERIOD = {"user": 3600.0, "client": 86400.0, "post": 3600.0}


def pace_delay(
    remaining: int,
    limit: int,
    reset_in: float,
    cost: int = 1,
    plentiful: float = PLENTIFUL,
    even: float = EVEN,
) -> float:
    """Seconds between the start of the previous request and this one, for
    one budget with ``remaining`` of ``limit`` credits, resetting in
    ``reset_in`` seconds, for a request of ``cost`` credits (pure)."""
    reset_in = max(0.0, reset_in)
    if cost <= 0 or limit <= 0:
        return 0.0
    if remaining < cost:
        return reset_in + 1.0
    share = remaining / limit
    if share > plentiful:
        return 0.0
    spacing = reset_in * cost / remaining
    scarcity = min(1.0, (plentiful - share) / (plentiful - even))
    return spacing * scarcity


@dataclass
class _Budget:
    remaining: int
    limit: int
    reset_at: float


class Pacer:
    """The pacing gate of one session (thread-safe).

    :param clock: returns the time in epoch seconds (injectable for tests).
    :param sleep: waits (injectable for tests).
    :param max_wait: the longest wait for a turn; beyond it the request is
        not sent and :class:`~pyimgur.RateLimitError` is raised.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        max_wait: float = MAX_WAIT,
        plentiful: float = PLENTIFUL,
        even: float = EVEN,
    ) -> None:
        if not 0 < even < plentiful <= 1:
            raise ValueError("need 0 < even < plentiful <= 1")
        if max_wait < 0:
            raise ValueError("max_wait must be 0 or more")
        self.clock = clock
        self.sleep = sleep
        self.max_wait = max_wait
        self.plentiful = plentiful
        self.even = even
        self._lock = threading.Lock()
        self._budgets: dict[str, _Budget] = {}
        #: credits of each budget sent so far (a request's ticket is these counts
        #: just after it went out: what was sent after it is the difference) and
        #: credits of turns taken but not sent yet (still waiting for their start)
        self._issued: dict[str, int] = {"user": 0, "client": 0, "post": 0}
        self._pending: dict[str, int] = {"user": 0, "client": 0, "post": 0}
        self._last_start: Optional[float] = None
        #: the wait of the latest request and the budget that set it
        self.last_delay = 0.0
        self.last_bucket: Optional[str] = None

    @classmethod
    def from_option(cls, pace: Union[bool, Pacer]) -> Optional[Pacer]:
        """The pacer of a session's ``pace=`` option: ``None`` (off), a new
        :class:`Pacer` for ``True``, or the one given."""
        if isinstance(pace, Pacer):
            return pace
        return cls() if pace else None

    def __repr__(self) -> str:
        return f"<Pacer delay={self.last_delay:.1f}s bucket={self.last_bucket}>"

    # -- the two hooks the transport calls ----------------------------------------------------
    def observe(
        self,
        credits: Mapping[str, int],
        is_post: bool = False,
        ticket: Optional[Mapping[str, int]] = None,
    ) -> None:
        """Take in the budgets an answer reported (``RateLimits.credits``).

        :param ticket: what :meth:`before`/:meth:`take_turn` returned for the
            request this answer belongs to.  The credits of the requests whose
            turn came after it are then subtracted from what Imgur reported
            (Imgur had not counted them yet), so an answer that arrives late,
            or out of order, never makes the budget look fuller than it is.
        """
        now = self.clock()
        with self._lock:
            for name, (rem_key, limit_key, reset_key) in _KEYS.items():
                if name == "post" and not is_post:
                    continue
                if rem_key not in credits or limit_key not in credits:
                    continue
                raw_reset = credits.get(reset_key)
                if raw_reset is None:
                    reset_at = now + _PERIOD[name]
                elif _RESET_IS_EPOCH[name]:
                    reset_at = float(raw_reset)
                else:
                    reset_at = now + float(raw_reset)
                remaining = int(credits[rem_key])
                known = self._budgets.get(name)
                if known is not None and reset_at < known.reset_at - 1.0:
                    continue  # an answer from an earlier window, read late: old news
                if ticket is not None and name in ticket:
                    # Imgur had not counted what went out after this request, nor
                    # the turns still waiting to go out
                    remaining -= self._issued[name] - ticket[name] + self._pending[name]
                elif known is not None and now < known.reset_at:
                    # same window: credits reserved for requests still in flight stay spent
                    remaining = min(remaining, known.remaining)
                self._budgets[name] = _Budget(remaining, int(credits[limit_key]), reset_at)

    def before(self, cost: int, is_post: bool, what: str = "") -> dict[str, int]:
        """Wait for this request's turn and count its credits as spent.

        :returns: the request's ticket, for :meth:`observe` with its answer.
        :raises RateLimitError: the wait would exceed ``max_wait`` (nothing sent).
        """
        wait, bucket = self.reserve(cost, is_post)
        try:
            if wait > 0:
                _log_wait(what, wait, bucket)
                self.sleep(wait)
        finally:
            ticket = self._went_out(cost, is_post)
        return ticket

    async def take_turn(
        self, cost: int, is_post: bool, sleep: Callable[[float], Any], what: str = ""
    ) -> dict[str, int]:
        """:meth:`before` for the async flavour: the wait is awaited with
        ``sleep`` (the async transport's), so the event loop goes on meanwhile.

        Safe with many tasks (and threads): :meth:`reserve` never awaits, so
        each task takes its turn atomically and then waits for it on its own.

        :raises RateLimitError: the wait would exceed ``max_wait`` (nothing sent).
        """
        wait, bucket = self.reserve(cost, is_post)
        try:
            if wait > 0:
                _log_wait(what, wait, bucket)
                outcome = sleep(wait)
                if inspect.isawaitable(outcome):
                    await outcome
        finally:
            ticket = self._went_out(cost, is_post)  # (or was cancelled: counted as sent)
        return ticket

    def reserve(self, cost: int, is_post: bool) -> tuple[float, Optional[str]]:
        """Take the next turn and count its credits, without waiting: returns
        the seconds to wait and the budget that set them (an async gate
        awaits that instead of sleeping).

        :raises RateLimitError: the wait would exceed ``max_wait``.
        """
        if cost <= 0:
            return 0.0, None
        with self._lock:
            now = self.clock()
            delay, bucket, spent = self._delay(now, cost, is_post)
            if spent or self._last_start is None:
                start = now + delay if spent else now
            else:
                start = max(now, self._last_start + delay)
            wait = start - now
            if wait > self.max_wait:
                assert bucket is not None
                raise RateLimitError(
                    f"pacing: the {bucket} budget needs a wait of {wait:.0f} s, "
                    f"more than max_wait={self.max_wait:.0f} s (nothing was sent)",
                    bucket=bucket, retry_after=wait, reset_at=start,
                )
            self._last_start = start
            self.last_delay, self.last_bucket = wait, bucket
            for name in self._names(is_post):
                self._pending[name] += cost
                budget = self._budgets.get(name)
                if budget is not None:
                    budget.remaining -= cost
        return wait, bucket

    def _went_out(self, cost: int, is_post: bool) -> dict[str, int]:
        """A turn taken with :meth:`reserve` is over: its request goes out now.
        Returns its ticket for :meth:`observe`."""
        if cost <= 0:
            return {}
        with self._lock:
            for name in self._names(is_post):
                self._pending[name] -= cost
                self._issued[name] += cost
            return dict(self._issued)

    # -- helpers ----------------------------------------------------------------------------------
    def _names(self, is_post: bool) -> tuple[str, ...]:
        return ("user", "client", "post") if is_post else ("user", "client")

    def _delay(self, now: float, cost: int, is_post: bool) -> tuple[float, Optional[str], bool]:
        """The largest wait of the budgets drawn on, its budget, and whether
        that budget is spent (a wait from now, not from the previous start)."""
        worst, worst_name, spent = 0.0, None, False
        for name in self._names(is_post):
            budget = self._budgets.get(name)
            if budget is None:
                continue
            if now >= budget.reset_at + 1.0:
                # the window turned over (Imgur's reset is whole seconds, hence the
                # margin): full again until Imgur says otherwise
                budget.remaining = budget.limit
                budget.reset_at = now + _PERIOD[name]
            delay = pace_delay(budget.remaining, budget.limit, budget.reset_at - now, cost,
                               self.plentiful, self.even)
            if delay > worst or worst_name is None:
                worst, worst_name = delay, name
                spent = budget.remaining < cost
        return worst, worst_name, spent

    @property
    def delay(self) -> float:
        """The wait a 1-credit GET would have now (no request, no waiting)."""
        with self._lock:
            now = self.clock()
            delay, _, spent = self._delay(now, 1, False)
            if spent:
                return delay
            if self._last_start is None:
                return 0.0
            return max(0.0, self._last_start + delay - now)

    def pace_seconds(self) -> int:
        """:attr:`delay` rounded up to whole seconds (``PaceDelay`` in ``im.credits``)."""
        return math.ceil(self.delay)


def _log_wait(what: str, wait: float, bucket: Optional[str]) -> None:
    log.debug("pacing %s: waiting %.1f s for the %s budget", what, wait, bucket)
