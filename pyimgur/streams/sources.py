"""The ``stream`` attributes: ``im.stream``, ``user.stream``, ``post.stream``
(and ``tag.stream()``), each a factory of :class:`~pyimgur.streams.Stream`.

Every factory only builds the stream (no request); the polls start when it
is iterated.  Keyword arguments (``skip_existing``, ``pause_after``,
``state``, ``min_interval``, ``max_interval``, ``sleep``) go to
:class:`~pyimgur.streams.Stream`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..listing import Listing
from ..models.base import peek
from .runner import Source, Stream

if TYPE_CHECKING:
    from ..imgur import Imgur
    from ..models.comment import Comment
    from ..models.gallery_item import Gallery_item
    from ..models.notification import Notification
    from ..models.tag import Tag
    from ..models.user import User

__all__ = ["ImgurStreams", "PostStreams", "UserStreams", "listing_source", "tag_stream"]


def listing_source(name: str, make: Any, paged: bool = True) -> Source[Any]:
    """A :class:`Source` reading page ``n`` of a fresh listing from ``make()``
    on every poll (a listing caches its pages; a stream must not)."""

    def fetch(page: int) -> list[Any]:
        listing: Listing[Any] = make()
        return list(listing._fetch_page(page))  # one page, uncached

    return Source(name, fetch, paged=paged)


class ImgurStreams:
    """``im.stream``: streams of the session (no request until iterated)."""

    def __init__(self, imgur: Imgur) -> None:
        self._imgur = imgur

    def __repr__(self) -> str:
        return "<ImgurStreams>"

    def notifications(self, *, mark_viewed: bool = False, **options: Any) -> Stream[Notification]:
        """The logged-in user's new notifications (replies and messages),
        oldest first.  1 request per poll (``GET /3/notification?new=true``).

        :param mark_viewed: mark what the loop has handled as viewed, in one
            request before the next poll (an item counts as handled once the
            loop asks for the item after it).
        :raises AuthenticationError: no logged-in user (at the first poll).
        """
        imgur = self._imgur

        def fetch(page: int) -> list[Notification]:
            found = list(imgur.get_notifications(new=True))
            found.sort(key=lambda n: -_number(peek(n, "id")))
            return found

        on_handled = imgur.mark_notifications_as_read if mark_viewed else None
        # notifications carry no time of their own, but their ids only grow
        source: Source[Notification] = Source("notifications", fetch, paged=False,
                                              when_field="id")
        return Stream(imgur, source,
                      on_handled=on_handled, **options)

    def gallery(
        self, section: str = "user", sort: str = "time", show_viral: bool = True, **options: Any
    ) -> Stream[Gallery_item]:
        """New gallery posts of ``section`` (default ``user``, the newest
        submissions), oldest first.  1 request per poll.

        :raises ValueError: an unknown section or sort (now, before any request).
        """
        imgur = self._imgur
        imgur.get_gallery(section, sort, show_viral=show_viral)  # checks now, no request
        source = listing_source(
            f"gallery/{section}/{sort}",
            lambda: imgur.get_gallery(section, sort, show_viral=show_viral),
        )
        return Stream(imgur, source, **options)

    def subreddit(self, name: str, **options: Any) -> Stream[Gallery_item]:
        """New images of a subreddit's gallery, oldest first.  1 request per poll."""
        imgur = self._imgur
        imgur.get_subreddit_gallery(name, "time")  # checks now, no request
        source = listing_source(f"r/{name}", lambda: imgur.get_subreddit_gallery(name, "time"))
        return Stream(imgur, source, **options)


def tag_stream(tag: Tag, **options: Any) -> Stream[Gallery_item]:
    """New posts with ``tag``, oldest first.  1 request per poll."""
    imgur = tag._client
    source = listing_source(f"t/{tag._identity}", lambda: tag.get_items(sort="time"))
    return Stream(imgur, source, **options)


class UserStreams:
    """``user.stream``: what one user adds (no request until iterated)."""

    def __init__(self, user: User) -> None:
        self._user = user

    def __repr__(self) -> str:
        return f"<UserStreams {self._user._path_name!r}>"

    def submissions(self, **options: Any) -> Stream[Gallery_item]:
        """The user's new gallery submissions, oldest first.  1 request per poll."""
        user = self._user
        source = listing_source(f"{user._path_name}/submissions", user.get_submissions)
        return Stream(user._client, source, **options)

    def comments(self, **options: Any) -> Stream[Comment]:
        """The user's new comments, oldest first.  1 request per poll."""
        user = self._user
        source = listing_source(f"{user._path_name}/comments",
                                lambda: user.get_comments(sort="newest"))
        return Stream(user._client, source, **options)

    def images(self, **options: Any) -> Stream[Any]:
        """The logged-in user's new images, oldest first.  1 request per poll.

        :raises ValueError: not the logged-in user (``im.get_current_user()``).
        """
        user = self._user
        user._require_current("stream.images()")
        source = listing_source(f"{user._path_name}/images", user.get_images)
        return Stream(user._client, source, **options)

    def albums(self, **options: Any) -> Stream[Any]:
        """The logged-in user's new albums, oldest first.  1 request per poll.

        :raises ValueError: not the logged-in user (``im.get_current_user()``).
        """
        user = self._user
        user._require_current("stream.albums()")
        source = listing_source(f"{user._path_name}/albums", user.get_albums)
        return Stream(user._client, source, **options)


class PostStreams:
    """``post.stream``: what happens on one gallery post."""

    def __init__(self, post: Gallery_item) -> None:
        self._post = post

    def __repr__(self) -> str:
        return f"<PostStreams {self._post._identity!r}>"

    def comments(self, **options: Any) -> Stream[Comment]:
        """New comments on the post, replies included, oldest first.

        1 request per poll (the whole tree, ``sort=new``).
        """
        post = self._post

        def fetch(page: int) -> list[Comment]:
            found = list(_walk(post.get_comments(sort="new")))
            found.sort(key=lambda c: (-(peek(c, "datetime") or 0),
                                      -_number(peek(c, "id"))))
            return found

        return Stream(post._client, Source(f"{post._identity}/comments", fetch, paged=False),
                      **options)


def _walk(comments: Any) -> Any:
    for comment in comments:
        yield comment
        yield from _walk(peek(comment, "replies") or [])


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
