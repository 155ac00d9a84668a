"""Every call described once, run by either flavour.

An *action* (``image.favorite()``, ``comment.reply(text)``, ``obj.refresh()``)
is written once, as a **plan**: a generator that yields *effects* (:class:`Call`
an endpoint, :class:`Fetch` an object's JSON, :class:`Save` a file) and gets
each effect's result sent back.  A plan does no I/O itself.  Two runners execute
plans: :func:`run` with :class:`~pyimgur.Imgur`'s requests transport, and
:func:`arun` (awaited) with :class:`~pyimgur.AsyncImgur`'s httpx transport.

:func:`action` turns a plan into a descriptor that is a plain method on a sync
object and a coroutine method on an async one (an object whose class derives
from :class:`AsyncFlavour`), typed so for mypy too: ``image.favorite()`` is a
``bool``, ``await async_image.favorite()`` is a ``bool``.  :func:`paged` does
the same for listings: a function returning a :class:`Pages` description is a
:class:`~pyimgur.listing.Listing` on a sync object and an
:class:`~pyimgur.aio.AsyncListing` on an async one.

A session (``Imgur`` or ``AsyncImgur``) performs the effects: see
:class:`Session` for the whole interface plans and models use.
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Coroutine,
    Generic,
    Optional,
    TypeVar,
    Union,
    overload,
)

from .endpoints import Endpoint
from .listing import read_page

if TYPE_CHECKING:
    from typing_extensions import Concatenate, ParamSpec

    from .listing import Listing

    P = ParamSpec("P")
else:  # ParamSpec is only needed by the type checker (Python 3.9 has none)
    P = TypeVar("P")

__all__ = [
    "AsyncFlavour",
    "Call",
    "Fetch",
    "Pages",
    "Pause",
    "Plan",
    "Save",
    "action",
    "arun",
    "call",
    "paged",
    "run",
]

R = TypeVar("R")
T = TypeVar("T")


# -- effects ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """Make one API call; the plan receives its payload (the envelope's ``data``)."""

    endpoint: Endpoint
    path: Mapping[str, Any] = field(default_factory=dict)
    params: Optional[Mapping[str, Any]] = None
    data: Any = None
    json: Any = None
    headers: Optional[Mapping[str, str]] = None

    def where(self) -> str:
        """The call's path, for error messages (no request)."""
        return "/" + self.endpoint.format(**self.path)


def call(
    endpoint: Endpoint,
    *,
    params: Optional[Mapping[str, Any]] = None,
    data: Any = None,
    json: Any = None,
    headers: Optional[Mapping[str, str]] = None,
    **path: object,
) -> Call:
    """A :class:`Call`, written like :meth:`pyimgur.transport.Transport.request`."""
    return Call(endpoint, path, params, data, json, headers)


@dataclass(frozen=True)
class Fetch:
    """GET one object's JSON (a ``dict``), sharing recent fetches when ``use_cache``."""

    endpoint: Endpoint
    path: Mapping[str, Any]
    use_cache: bool = True
    #: raises for an answer that is not the object asked for (before it is stored)
    check: Optional[Callable[[dict[str, Any]], None]] = None
    #: takes the answer in, in the task that fetched, before tasks waiting for it wake
    settle: Optional[Callable[[Any], None]] = None


@dataclass(frozen=True)
class Save:
    """Download ``url`` into ``folder/filename`` atomically; the plan receives the path."""

    url: str
    folder: str
    filename: str
    overwrite: bool = False
    progress: Optional[Callable[[int, Optional[int]], Any]] = None
    stall_timeout: Optional[float] = None
    deadline: Optional[float] = None


@dataclass(frozen=True)
class Pause:
    """Wait ``seconds``: with ``sleep`` when given, else ``time.sleep`` (sync) or
    ``anyio.sleep`` (async).  An async ``sleep`` may return an awaitable."""

    seconds: float
    sleep: Optional[Callable[[float], Any]] = None


Effect = Union[Call, Fetch, Save, Pause]
#: a plan: yields effects, receives their results, returns ``R``
Plan = Generator[Effect, Any, R]


@dataclass(frozen=True)
class Pages(Generic[T]):
    """A paged endpoint, described once: what to call and how to read each item.

    ``make(session, json_item)`` turns one JSON item into a result;
    ``items_key`` names the list inside an object payload (a tag's ``items``);
    ``read(session, payload)``, when given, reads a whole page instead.  Items
    that are not JSON objects are skipped; for a list of ids, ``ids(item)``
    gives the id to hand out, or ``None`` to skip the item.
    """

    endpoint: Endpoint
    make: Callable[[Any, dict[str, Any]], T]
    path: Mapping[str, Any] = field(default_factory=dict)
    limit: Optional[int] = None
    params: Optional[Mapping[str, Any]] = None
    paged: bool = True
    items_key: Optional[str] = None
    first_page: int = 0
    read: Optional[Callable[[Any, Any], list[T]]] = None
    ids: Optional[Callable[[Any], Any]] = None
    #: ``True`` once the endpoint said its last page was read (no more requests)
    finished: Optional[Callable[[], bool]] = None

    @property
    def has_pages(self) -> bool:
        return "{page}" in self.endpoint.path

    def path_of(self, page: int) -> dict[str, Any]:
        """The path parameters of page ``page``."""
        args = dict(self.path)
        if self.has_pages:
            args["page"] = page
        return args

    def check(self) -> None:
        """Raise for bad path arguments now, not at first use (no request)."""
        self.endpoint.format(**self.path_of(self.first_page))

    def items(self, session: Any, data: Any, args: Mapping[str, Any]) -> list[T]:
        """The results on one page, from its payload ``data`` (no request)."""
        if self.read is not None:
            return self.read(session, data)
        raw = read_page(data, self.items_key, self.endpoint.method,
                        "/" + self.endpoint.format(**args))
        if self.ids is not None:
            return [one for one in map(self.ids, raw) if one is not None]
        return [self.make(session, item) for item in raw if isinstance(item, dict)]


class AsyncFlavour:
    """Marks the async flavour: its objects' actions are coroutines."""

    __slots__ = ()


# -- runners ------------------------------------------------------------------------------
def session_of(owner: Any) -> Any:
    """The session that runs ``owner``'s plans: ``owner`` itself when it is one,
    else the session of a model object (its ``_client``)."""
    return owner if getattr(owner, "is_session", False) else owner._client


def run(plan: Plan[R], session: Any) -> R:
    """Run ``plan`` to its end, performing each effect with ``session.perform``.

    A failed effect is thrown into the plan, so its ``try``/``finally`` blocks run.
    """
    try:
        effect = next(plan)
        while True:
            try:
                answer = session.perform(effect)
            except BaseException as error:
                effect = plan.throw(error)
            else:
                effect = plan.send(answer)
    except StopIteration as stop:
        result: R = stop.value
        return result
    finally:
        plan.close()


async def arun(plan: Plan[R], session: Any) -> R:
    """:func:`run` for the async flavour: each effect is awaited."""
    try:
        effect = next(plan)
        while True:
            try:
                answer = await session.perform(effect)
            except BaseException as error:
                effect = plan.throw(error)
            else:
                effect = plan.send(answer)
    except StopIteration as stop:
        result: R = stop.value
        return result
    finally:
        plan.close()


# -- binders --------------------------------------------------------------------------------
class Action(Generic[P, R]):
    """A plan bound as a method: sync on sync objects, a coroutine on async ones."""

    def __init__(self, plan: Callable[Concatenate[Any, P], Plan[R]]) -> None:
        self.plan = plan
        functools.update_wrapper(self, plan)

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> Action[P, R]: ...

    @overload
    def __get__(
        self, obj: AsyncFlavour, owner: Optional[type] = None
    ) -> Callable[P, Coroutine[Any, Any, R]]: ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> Callable[P, R]: ...

    def __get__(self, obj: object, owner: Optional[type] = None) -> Any:
        if obj is None:
            return self
        plan = self.plan
        if isinstance(obj, AsyncFlavour):

            async def run_async(*args: Any, **kwargs: Any) -> Any:
                return await arun(plan(obj, *args, **kwargs), session_of(obj))

            bound: Callable[..., Any] = run_async
        else:

            def run_sync(*args: Any, **kwargs: Any) -> Any:
                return run(plan(obj, *args, **kwargs), session_of(obj))

            bound = run_sync
        functools.update_wrapper(bound, plan)
        bound.__dict__["__wrapped__"] = plan.__get__(obj)
        return bound

    def __call__(self, obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Called on the class, as an unbound method: ``Imgur.get_image(im, id)``."""
        return self.__get__(obj, type(obj))(*args, **kwargs)


def action(plan: Callable[Concatenate[Any, P], Plan[R]]) -> Action[P, R]:
    """Decorator: the method ``plan`` (a generator of effects) as an :class:`Action`."""
    return Action(plan)


class PagedAction(Generic[P, T]):
    """A :class:`Pages` description bound as a method returning a listing of the flavour."""

    def __init__(self, describe: Callable[Concatenate[Any, P], Pages[T]]) -> None:
        self.describe = describe
        functools.update_wrapper(self, describe)

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> PagedAction[P, T]: ...

    @overload
    def __get__(
        self, obj: AsyncFlavour, owner: Optional[type] = None
    ) -> Callable[P, AsyncListing[T]]: ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> Callable[P, Listing[T]]: ...

    def __get__(self, obj: object, owner: Optional[type] = None) -> Any:
        if obj is None:
            return self
        describe = self.describe

        def listing(*args: Any, **kwargs: Any) -> Any:
            return session_of(obj).listing(describe(obj, *args, **kwargs))

        functools.update_wrapper(listing, describe)
        listing.__dict__["__wrapped__"] = describe.__get__(obj)
        return listing

    def __call__(self, obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Called on the class, as an unbound method."""
        return self.__get__(obj, type(obj))(*args, **kwargs)


def paged(describe: Callable[Concatenate[Any, P], Pages[T]]) -> PagedAction[P, T]:
    """Decorator: a method returning :class:`Pages` as a listing of either flavour."""
    return PagedAction(describe)


if TYPE_CHECKING:
    from .aio.listing import AsyncListing
