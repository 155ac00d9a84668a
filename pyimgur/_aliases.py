"""Keyword names PyImgur 0.8.1 used that pyimgur spells differently.

``@keyword_aliases(image_id="id")`` lets ``get_image(image_id="abc")`` mean
``get_image(id="abc")``.  The signature (and ``help()``) shows only the
current names; the old ones are listed in docs/migration.rst.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["aliases_of", "keyword_aliases"]


def keyword_aliases(**old_to_new: str) -> Callable[[F], F]:
    """Accept each old keyword name as the new one (giving both is a TypeError)."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(
                            f"{func.__name__}() got both {old!r} and {new!r}: give only {new!r}"
                        )
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        wrapper.__pyimgur_aliases__ = dict(old_to_new)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def aliases_of(func: Any) -> dict[str, str]:
    """``{old name: new name}`` of a function decorated with :func:`keyword_aliases`."""
    found = getattr(func, "__pyimgur_aliases__", None)
    return dict(found) if isinstance(found, dict) else {}
