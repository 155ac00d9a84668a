"""Fault injection: make the next N matching requests fail in a chosen way.

::

    fake.faults.add(status=503, body_shape="html", times=2, method="GET")
    fake.faults.add("drop_after_apply", path_regex=r"^3/comment$")
    fake.faults.add("timeout", times=1)

Kinds (``kind``, the first argument):

``status``
    answer ``status`` with an error body of ``body_shape`` (see
    :data:`~pyimgur.testing.protocol.SHAPES`); the request is not applied
    unless ``apply=True`` (Imgur sometimes fails *after* doing the work).
``timeout``
    no answer in time: in process ``requests.ReadTimeout`` is raised; on
    loopback the server waits ``delay`` seconds (default 2) before closing,
    longer than the client's read timeout should be.  Not applied.
``reset_before_read``
    the connection is reset before the request is read: not applied; in
    process ``requests.ConnectionError``, on loopback the socket is closed.
``refused``
    the connection could not even be opened (in process only; a
    ``NewConnectionError`` the client knows it may resend).
``drop_after_apply``
    the server applies the request, then the client gets no answer
    (``requests.ConnectionError`` in process, a closed socket on loopback).
``slow``
    answer normally after ``delay`` seconds.
``over_capacity``
    "Imgur is temporarily over capacity", with status 403 (default) or 500.
``rate_limit``
    429 in ``body_shape`` (default ``jsonapi``, the 2024+ edge shape), with
    the headers of the spent ``bucket`` (``user``, ``client`` or ``post``) at
    0; ``bucket=None`` leaves the headers alone (Imgur's ambiguous 429, which
    clients treat as a refused token).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Optional

from .protocol import SHAPES

KINDS = (
    "status",
    "timeout",
    "reset_before_read",
    "refused",
    "drop_after_apply",
    "slow",
    "over_capacity",
    "rate_limit",
)


@dataclass
class Fault:
    kind: str
    status: int = 500
    body_shape: str = "classic"
    times: Optional[int] = 1
    method: Optional[str] = None
    path_regex: Optional[str] = None
    delay: float = 0.0
    message: Optional[str] = None
    apply: bool = False
    bucket: Optional[str] = "user"
    #: how many requests this fault has hit so far
    hits: int = 0
    _pattern: Optional[re.Pattern[str]] = field(default=None, repr=False)

    @property
    def spent(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, path: str) -> bool:
        if self.spent:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self._pattern is None or self._pattern.search(path) is not None


class Faults:
    """The pending faults of one sandbox, consumed in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(
        self,
        kind: str = "status",
        *,
        status: Optional[int] = None,
        body_shape: Optional[str] = None,
        times: Optional[int] = 1,
        method: Optional[str] = None,
        path_regex: Optional[str] = None,
        delay: Optional[float] = None,
        message: Optional[str] = None,
        apply: bool = False,
        bucket: Optional[str] = "user",
    ) -> Fault:
        """Make the next ``times`` requests matching ``method`` and ``path_regex`` fail.

        ``times=None`` keeps the fault forever.  ``path_regex`` is searched in
        the path relative to the API root (``3/image/abc``; CDN files are
        ``cdn/abc.png``).  Returns the :class:`Fault` (its ``hits`` counts uses).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {', '.join(KINDS)}")
        if times is not None and times < 1:
            raise ValueError("times must be 1 or more (None: forever)")
        shape = body_shape or ("jsonapi" if kind == "rate_limit" else "classic")
        if shape not in SHAPES:
            raise ValueError(f"unknown body_shape {shape!r}; use one of {', '.join(SHAPES)}")
        if bucket not in ("user", "client", "post", None):
            raise ValueError("bucket must be 'user', 'client', 'post' or None")
        default_status = {"rate_limit": 429, "over_capacity": 403}.get(kind, 500)
        if kind == "status" and status is None:
            status = 200 if shape == "truncated" else 500
        default_delay = {"timeout": 2.0, "slow": 0.2}.get(kind, 0.0)
        fault = Fault(
            kind=kind,
            status=status if status is not None else default_status,
            body_shape=shape,
            times=times,
            method=method,
            path_regex=path_regex,
            delay=default_delay if delay is None else delay,
            message=message,
            apply=apply or kind == "drop_after_apply",
            bucket=bucket,
            _pattern=re.compile(path_regex) if path_regex else None,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Optional[Fault]:
        """The first pending fault matching this request, counted as used."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.hits += 1
                    return fault
            self._faults = [f for f in self._faults if not f.spent]
        return None

    def clear(self) -> None:
        """Forget every pending fault."""
        with self._lock:
            self._faults.clear()

    @property
    def pending(self) -> list[Fault]:
        """The faults that will still fire."""
        with self._lock:
            return [f for f in self._faults if not f.spent]

    def __len__(self) -> int:
        return len(self.pending)
