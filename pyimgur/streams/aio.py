"""The async runner of a stream: the loop of :class:`~pyimgur.streams.runner.StreamLoop`,
awaited (``async for item in im.stream.notifications()`` on an
:class:`~pyimgur.AsyncImgur`).

Nothing here decides anything: the loop and its decisions are shared with the
sync :class:`~pyimgur.streams.Stream`.  This module imports no async library,
so the sync flavour never needs one.
"""

from __future__ import annotations

import inspect
from typing import Any, Optional, TypeVar

from ..plan import arun
from .runner import NOW, Emit, Step, StreamLoop, Wait

T = TypeVar("T")

__all__ = ["AsyncStream"]


class AsyncStream(StreamLoop[T]):
    """An endless async iterator of new items, oldest first, each exactly once.

    Made by the ``stream`` attributes of :class:`~pyimgur.AsyncImgur` and of
    its objects (``im.stream.gallery()``, ``tag.stream()``,
    ``user.stream.comments()`` ...).  The costs, rules and options are those
    of the sync flavour (:class:`~pyimgur.streams.runner.StreamLoop`); the
    waits are awaited (the session's ``sleep``, ``anyio.sleep`` unless
    replaced; a ``sleep=`` of yours may be a plain or a coroutine function).
    A cancelled task leaves the stream where it was: iterating again goes on
    from its state.
    """

    def __aiter__(self) -> AsyncStream[T]:
        return self

    async def __anext__(self) -> Optional[T]:
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
                    result = await self._do(step)
                except BaseException as error:  # thrown into the loop, which decides
                    failure = error
        except BaseException:
            self._steps_iter = None  # the next iteration starts afresh from the state
            raise

    async def _do(self, step: Step) -> Any:
        if isinstance(step, Wait):
            if step.seconds > 0:
                outcome = self._sleeper()(step.seconds)
                if inspect.isawaitable(outcome):
                    await outcome
            return None
        if step is NOW:
            return self._clock()
        return await self._imgur.perform(step)

    async def aclose(self) -> None:
        """Stop the stream; items handed out are reported as handled
        (notification streams with ``mark_viewed`` mark them now)."""
        await arun(self._flush_handled(), self._imgur)
        if self._steps_iter is not None:
            self._steps_iter.close()
            self._steps_iter = None
