"""Imgur's credit budgets, read from the ``X-RateLimit-*`` headers of every response."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from typing import Any, Optional

#: header (lower case) -> key of :attr:`pyimgur.Imgur.credits`
_HEADERS = {
    "x-ratelimit-userlimit": "UserLimit",
    "x-ratelimit-userremaining": "UserRemaining",
    "x-ratelimit-userreset": "UserReset",
    "x-ratelimit-clientlimit": "ClientLimit",
    "x-ratelimit-clientremaining": "ClientRemaining",
    "x-ratelimit-clientreset": "ClientReset",
    "x-post-rate-limit-limit": "PostLimit",
    "x-post-rate-limit-remaining": "PostRemaining",
    "x-post-rate-limit-reset": "PostReset",
}
#: Values below this are seconds from now, not epoch timestamps (imgur-api.md 2.1).
_EPOCH_FLOOR = 1_000_000_000
_WAIT_RE = re.compile(r"wait (\d{1,9}) more (second|minute|hour)", re.IGNORECASE)
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600}


def _to_int(value: str) -> Optional[int]:
    try:
        return int(float(value.strip()))
    except (ValueError, AttributeError, OverflowError):  # "abc", None, "inf"
        return None


class RateLimits:
    """The latest credit state; updated from every response, thread-safe.

    ``UserReset`` is always kept as an epoch timestamp, whether Imgur sent an
    epoch or a number of seconds.  ``PostReset`` and ``ClientReset`` stay as
    Imgur sends them: seconds until the budget resets.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._credits: dict[str, int] = {}

    @property
    def credits(self) -> dict[str, int]:
        """A copy of the latest values (empty until a response carried them)."""
        with self._lock:
            return dict(self._credits)

    def update(self, headers: Mapping[str, str], now: Optional[float] = None) -> None:
        """Read every rate-limit header of a response (names are case-insensitive)."""
        found: dict[str, int] = {}
        for name, value in headers.items():
            key = _HEADERS.get(name.lower())
            if key is None:
                continue
            number = _to_int(value)
            if number is None:
                continue
            if key == "UserReset" and number < _EPOCH_FLOOR:
                number = int((time.time() if now is None else now) + number)
            found[key] = number
        if found:
            with self._lock:
                self._credits.update(found)

    def set_all(self, values: Mapping[str, Any]) -> None:
        """Replace the state with the body of ``GET /3/credits``."""
        with self._lock:
            for key, value in values.items():
                number = _to_int(str(value))
                if number is not None:
                    self._credits[key] = number


def describe_429(headers: Mapping[str, str], message: str) -> dict[str, Optional[Any]]:
    """Work out which budget a 429 spent and how long to wait.

    Returns the keyword arguments ``bucket``, ``reset_at`` and ``retry_after``
    of :class:`~pyimgur.exceptions.RateLimitError`.
    """
    now = time.time()
    lower = {k.lower(): v for k, v in headers.items()}
    values = {_HEADERS[k]: _to_int(v) for k, v in lower.items() if k in _HEADERS}
    bucket: Optional[str] = None
    reset_at: Optional[float] = None
    retry_after: Optional[float] = None
    text = message.lower()
    waited = _WAIT_RE.search(message)
    if waited:
        bucket = "post"
        retry_after = float(int(waited.group(1)) * _UNIT_SECONDS[waited.group(2).lower()])
    elif values.get("PostRemaining") == 0 or "too fast" in text:
        bucket = "post"
        retry_after = _float_or_none(values.get("PostReset"))
    elif values.get("ClientRemaining") == 0 or "client" in text:
        bucket = "client"
        retry_after = _float_or_none(values.get("ClientReset"))
    elif values.get("UserRemaining") == 0 or "user" in text:
        bucket = "user"
        user_reset = values.get("UserReset")
        if user_reset is not None:
            reset_at = float(user_reset if user_reset >= _EPOCH_FLOOR else now + user_reset)
    header_wait = _to_int(lower.get("retry-after", ""))
    if header_wait is not None:
        retry_after = float(header_wait)
    if retry_after is not None:
        retry_after = max(0.0, retry_after)  # a negative Retry-After means "now"
    if retry_after is None and reset_at is not None:
        retry_after = max(0.0, reset_at - now)
    if reset_at is None and retry_after is not None:
        reset_at = now + retry_after
    return {"bucket": bucket, "reset_at": reset_at, "retry_after": retry_after}


def _float_or_none(value: Optional[int]) -> Optional[float]:
    return None if value is None else float(value)
