"""Argument checks and word lists, in one place.

Every public call checks its arguments before any request, with these: a bad
argument raises ``ValueError`` or ``TypeError`` naming it and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["WINDOWS", "check_bool", "check_choice", "flag"]

#: the time windows of Imgur's galleries (section 4.5)
WINDOWS = ("day", "week", "month", "year", "all")


def check_choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    """``value`` if it is one of ``allowed``, else a ValueError naming them."""
    options = tuple(allowed)
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}, not {value!r}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False``, else a TypeError."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value


def flag(value: bool) -> str:
    """A boolean as Imgur's form fields want it: ``"true"`` or ``"false"``."""
    return "true" if value else "false"
