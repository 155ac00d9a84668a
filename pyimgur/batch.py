"""Doing the same thing to many items at once, on a few threads, results in order.

Every many-at-once call of pyimgur (:meth:`Imgur.load_all
<pyimgur.Imgur.load_all>`, ``get_images``, ``resolve_urls``,
``upload_images``, :meth:`Album.download <pyimgur.Album.download>`) runs its
items through :func:`run_each`:

* ``workers`` threads share the one :class:`~pyimgur.Imgur` object (its
  transport, credentials and shared-fetch cache are thread-safe); the
  connection pool is grown to ``workers`` first, so no connection is thrown
  away;
* ``workers=1`` runs everything in the calling thread, one item after the
  other, exactly as a plain loop would;
* results come back in the order of the items, whatever order they finish in;
* an item's exception is caught and put in its place, so one failure never
  loses the other results; with ``stop_on_error`` the items not started yet
  are skipped instead (:data:`NOT_RUN` in their place);
* nothing is ever tried twice here: retries are the transport's business, and
  it never re-sends an upload.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .exceptions import BatchError

if TYPE_CHECKING:
    from .transport import Transport

__all__ = ["NOT_RUN", "check_workers", "failures", "outcome", "run_each"]

T = TypeVar("T")
R = TypeVar("R")


class _NotRun:
    """The place holder of an item skipped after another one failed."""

    def __repr__(self) -> str:
        return "NOT_RUN"


#: what :func:`run_each` puts in place of an item it did not start
NOT_RUN: Any = _NotRun()


def check_workers(workers: object, name: str = "workers") -> int:
    """``workers`` as a positive int.

    :raises TypeError: not an int (a bool is not accepted).
    :raises ValueError: less than 1.
    """
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError(f"{name} must be an int, not {type(workers).__name__}")
    if workers < 1:
        raise ValueError(f"{name} must be 1 or more, not {workers}")
    return workers


def run_each(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    transport: Optional[Transport] = None,
    stop_on_error: bool = False,
    stop: Optional[threading.Event] = None,
) -> list[Any]:
    """``[func(item) for item in items]`` on up to ``workers`` threads.

    Each entry is the item's result, the :class:`Exception` it raised, or
    :data:`NOT_RUN` (only with ``stop_on_error``: an earlier failure stopped
    it from starting).  A ``KeyboardInterrupt`` in the caller cancels what has
    not started, waits for what is running, and propagates.  ``stop`` is set
    when no new item may start (give one to let running items check it).
    """
    count = len(items)
    results: list[Any] = [NOT_RUN] * count
    stop = stop or threading.Event()

    def one(index: int) -> None:
        if stop.is_set():
            return
        try:
            results[index] = func(items[index])
        except Exception as error:  # kept in place; the caller decides what to raise
            results[index] = error
            if stop_on_error:
                stop.set()
        except BaseException:  # Ctrl-C, SystemExit: nothing new starts, and it propagates
            stop.set()
            raise

    threads = min(workers, count)
    if threads <= 1:
        for index in range(count):
            one(index)
        return results
    if transport is not None:
        transport.ensure_pool(threads)
    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pyimgur")
    futures: list[Future[None]] = []
    try:
        futures = [pool.submit(one, index) for index in range(count)]
        wait(futures, return_when=FIRST_EXCEPTION)  # only BaseExceptions get out of one()
        for future in futures:
            future.result()
    except BaseException:
        stop.set()
        for future in futures:
            future.cancel()
        raise
    finally:
        pool.shutdown(wait=True)
    return results


def failures(results: Sequence[Any]) -> dict[int, BaseException]:
    """``{index: exception}`` for the entries of ``results`` that are exceptions."""
    return {n: value for n, value in enumerate(results) if isinstance(value, BaseException)}


def outcome(results: list[Any], return_exceptions: bool, what: str) -> list[Any]:
    """``results`` as the caller asked: exceptions in place, or a :class:`BatchError`.

    :raises BatchError: some entries are exceptions and ``return_exceptions``
        is false; it carries every result and every error.
    """
    errors = failures(results)
    if not errors or return_exceptions:
        return results
    first_index, first = next(iter(errors.items()))
    raise BatchError(
        f"{len(errors)} of {len(results)} {what} failed; the first (#{first_index}): "
        f"{type(first).__name__}: {first}",
        results=results,
        errors=errors,
    )
