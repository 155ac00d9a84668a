"""The ``stream`` attributes: ``im.stream``, ``user.stream``, ``post.stream``
(and ``tag.stream()``), each a factory of streams of its session's flavour:
:class:`~pyimgur.streams.Stream` on :class:`~pyimgur.Imgur` and its objects,
:class:`~pyimgur.streams.aio.AsyncStream` on :class:`~pyimgur.AsyncImgur`
and its objects.

What each stream reads is described once, for both flavours, as a
:class:`~pyimgur.streams.Source` over the listing's
:class:`~pyimgur.plan.Pages` description (the same one ``get_gallery()`` and
friends use).  Every factory only builds the stream (no request); the polls
start when it is iterated.  Keyword arguments (``skip_existing``,
``pause_after``, ``state``, ``min_interval``, ``max_interval``, ``sleep``,
``clock``) go to the stream (see :class:`~pyimgur.streams.runner.StreamLoop`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar, overload

from ..models.base import peek
from ..plan import AsyncFlavour, Call, Pages, Plan
from .aio import AsyncStream
from .runner import Source, Stream, StreamLoop

if TYPE_CHECKING:
    from ..models.gallery_item import Gallery_item
    from ..models.tag import Tag
    from ..models.user import User

__all__ = [
    "ImgurStreams",
    "PostStreams",
    "UserStreams",
    "flavoured",
    "page_plan",
    "pages_source",
]

S = TypeVar("S", bound=StreamLoop[Any])
A = TypeVar("A")
B = TypeVar("B")


def page_plan(session: Any, pages: Pages[Any], page: int) -> Plan[list[Any]]:
    """Read page ``page`` of a :class:`~pyimgur.plan.Pages` description, uncached
    (a plan: 1 request, none when the endpoint said its last page was read)."""
    if pages.finished is not None and pages.finished():
        return []
    args = pages.path_of(page)
    data = yield Call(pages.endpoint, args, params=dict(pages.params) if pages.params else None)
    return pages.items(session, data, args)


def pages_source(
    name: str,
    session: Any,
    describe: Callable[[], Pages[Any]],
    arrange: Optional[Callable[[list[Any]], list[Any]]] = None,
    **kwargs: Any,
) -> Source[Any]:
    """A :class:`Source` reading a fresh page of ``describe()`` on every poll
    (a listing caches its pages; a stream must not), newest first once
    ``arrange`` (when given) has ordered it.  ``describe`` is called once now,
    so bad arguments raise before any request."""
    first = describe()
    first.check()

    def read(page: int) -> Plan[list[Any]]:
        found = yield from page_plan(session, describe(), page)
        return arrange(found) if arrange is not None else found

    kwargs.setdefault("paged", first.paged and first.has_pages)
    return Source(name, read, **kwargs)


class flavoured(Generic[A, B]):
    """An attribute that is ``sync(obj)`` on an object of the sync flavour and
    ``async_(obj)`` on one of the async flavour (typed so for mypy too); no request."""

    def __init__(self, sync: Callable[[Any], A], async_: Callable[[Any], B]) -> None:
        self.sync = sync
        self.async_ = async_
        self.__doc__ = sync.__doc__

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> flavoured[A, B]: ...

    @overload
    def __get__(self, obj: AsyncFlavour, owner: Optional[type] = None) -> B: ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> A: ...

    def __get__(self, obj: object, owner: Optional[type] = None) -> Any:
        if obj is None:
            return self
        return self.async_(obj) if isinstance(obj, AsyncFlavour) else self.sync(obj)

    def __set__(self, obj: object, value: Any) -> None:
        raise AttributeError("a stream attribute cannot be set")


class ImgurStreams(Generic[S]):
    """``im.stream``: streams of the session (no request until iterated)."""

    def __init__(self, imgur: Any, runner: Callable[..., S]) -> None:
        self._imgur = imgur
        self._runner = runner

    def __repr__(self) -> str:
        return "<ImgurStreams>"

    def notifications(self, *, mark_viewed: bool = False, **options: Any) -> S:
        """The logged-in user's new notifications (replies and messages),
        oldest first.  1 request per poll (``GET /3/notification?new=true``).

        :param mark_viewed: mark what the loop has handled as viewed, in one
            request before the next poll (an item counts as handled once the
            loop asks for the item after it).
        :raises AuthenticationError: no logged-in user (at the first poll).
        """
        from ..api.messaging import MessagingMethods

        imgur = self._imgur

        def newest_first(found: list[Any]) -> list[Any]:
            return sorted(found, key=lambda n: -_number(peek(n, "id")))

        def mark(items: list[Any]) -> Plan[None]:
            return MessagingMethods.mark_notifications_as_read.plan(imgur, items)

        # notifications carry no time of their own, but their ids only grow
        source = pages_source(
            "notifications", imgur,
            lambda: MessagingMethods.get_notifications.describe(imgur, new=True),
            newest_first, paged=False, when_field="id", handled=mark if mark_viewed else None,
        )
        return self._runner(imgur, source, **options)

    def gallery(
        self, section: str = "user", sort: str = "time", show_viral: bool = True, **options: Any
    ) -> S:
        """New gallery posts of ``section`` (default ``user``, the newest
        submissions), oldest first.  1 request per poll.

        :raises ValueError: an unknown section or sort (now, before any request).
        """
        from ..api.gallery import GalleryMethods

        imgur = self._imgur
        source = pages_source(
            f"gallery/{section}/{sort}", imgur,
            lambda: GalleryMethods.get_gallery.describe(imgur, section, sort,
                                                        show_viral=show_viral),
        )
        return self._runner(imgur, source, **options)

    def subreddit(self, name: str, **options: Any) -> S:
        """New images of a subreddit's gallery, oldest first.  1 request per poll."""
        from ..api.gallery import GalleryMethods

        imgur = self._imgur
        source = pages_source(
            f"r/{name}", imgur,
            lambda: GalleryMethods.get_subreddit_gallery.describe(imgur, name, "time"),
        )
        return self._runner(imgur, source, **options)


def _tag_stream(tag: Tag, runner: Callable[..., S], options: dict[str, Any]) -> S:
    source = pages_source(f"t/{tag._identity}", tag._client,
                          lambda: type(tag).get_items.describe(tag, sort="time"))
    return runner(tag._client, source, **options)


def tag_stream(tag: Tag) -> Callable[..., Stream[Any]]:
    """``tag.stream(**options)``: new posts with the tag, oldest first, each
    once.  No request until iterated; then 1 request per poll."""
    return lambda **options: _tag_stream(tag, Stream, options)


def async_tag_stream(tag: Tag) -> Callable[..., AsyncStream[Any]]:
    return lambda **options: _tag_stream(tag, AsyncStream, options)


class UserStreams(Generic[S]):
    """``user.stream``: what one user adds (no request until iterated)."""

    def __init__(self, user: User, runner: Callable[..., S]) -> None:
        self._user = user
        self._runner = runner

    def __repr__(self) -> str:
        return f"<UserStreams {self._user._path_name!r}>"

    def _open(self, what: str, describe: Callable[[], Pages[Any]], options: Any) -> S:
        user = self._user
        source = pages_source(f"{user._path_name}/{what}", user._client, describe)
        return self._runner(user._client, source, **options)

    def submissions(self, **options: Any) -> S:
        """The user's new gallery submissions, oldest first.  1 request per poll."""
        user = self._user
        return self._open("submissions", lambda: type(user).get_submissions.describe(user),
                          options)

    def comments(self, **options: Any) -> S:
        """The user's new comments, oldest first.  1 request per poll."""
        user = self._user
        return self._open(
            "comments", lambda: type(user).get_comments.describe(user, sort="newest"), options
        )

    def images(self, **options: Any) -> S:
        """The logged-in user's new images, oldest first.  1 request per poll.

        :raises ValueError: not the logged-in user (``im.get_current_user()``).
        """
        user = self._user
        user._require_current("stream.images()")
        return self._open("images", lambda: type(user).get_images.describe(user), options)

    def albums(self, **options: Any) -> S:
        """The logged-in user's new albums, oldest first.  1 request per poll.

        :raises ValueError: not the logged-in user (``im.get_current_user()``).
        """
        user = self._user
        user._require_current("stream.albums()")
        return self._open("albums", lambda: type(user).get_albums.describe(user), options)


def user_streams(user: User) -> UserStreams[Stream[Any]]:
    """Streams of what this user adds: ``stream.submissions()``,
    ``stream.comments()``, and for the logged-in user ``stream.images()``
    and ``stream.albums()`` (no request until iterated)."""
    return UserStreams(user, Stream)


def async_user_streams(user: User) -> UserStreams[AsyncStream[Any]]:
    return UserStreams(user, AsyncStream)


class PostStreams(Generic[S]):
    """``post.stream``: what happens on one gallery post."""

    def __init__(self, post: Gallery_item, runner: Callable[..., S]) -> None:
        self._post = post
        self._runner = runner

    def __repr__(self) -> str:
        return f"<PostStreams {self._post._identity!r}>"

    def comments(self, **options: Any) -> S:
        """New comments on the post, replies included, oldest first.

        1 request per poll (the whole tree, ``sort=new``).
        """
        post = self._post

        def newest_first(top: list[Any]) -> list[Any]:
            found = list(_walk(top))
            found.sort(key=lambda c: (-(peek(c, "datetime") or 0),
                                      -_number(peek(c, "id"))))
            return found

        source = pages_source(
            f"{post._identity}/comments", post._client,
            lambda: type(post).get_comments.describe(post, sort="new"), newest_first,
        )
        return self._runner(post._client, source, **options)


def post_streams(post: Gallery_item) -> PostStreams[Stream[Any]]:
    """Streams of this post: ``post.stream.comments()`` (no request until iterated)."""
    return PostStreams(post, Stream)


def async_post_streams(post: Gallery_item) -> PostStreams[AsyncStream[Any]]:
    return PostStreams(post, AsyncStream)


def _walk(comments: Any) -> Any:
    for comment in comments:
        yield comment
        yield from _walk(peek(comment, "replies") or [])


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
