"""Methods of :class:`~pyimgur.Imgur` that work on many objects at once.

Each one overlaps its requests on a few threads (see :mod:`pyimgur.batch`)
and returns its results in the order given.  When some items fail, the
others are not lost: by default a :class:`~pyimgur.BatchError` is raised
that carries every result and every error; with ``return_exceptions=True``
the list comes back with each failure's exception in its place.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Hashable, Iterable
from typing import Any, Callable, Optional, TypeVar, Union

import attrs

from .. import endpoints as ep
from ..batch import check_workers, outcome, run_each
from ..exceptions import BatchError, NotFound, RateLimitError
from ..models.album import Album
from ..models.base import Basic_object, is_loaded, peek
from ..models.image import Image
from ..ratelimit import RateLimits
from .base import ImgurBase, _cache_key, check_id
from .images import album_key

__all__ = ["BatchMethods", "Uploads"]

ObjT = TypeVar("ObjT", bound=Basic_object)


def _is_loaded(obj: Basic_object) -> bool:
    return bool(peek(obj, "_has_fetched", True))


def _load(obj: Basic_object) -> Basic_object:
    """Load ``obj`` the way reading a field does (shared fetches, single flight)."""
    if _is_loaded(obj):
        return obj
    names = sorted(type(obj)._field_names)
    missing = next((name for name in names if not is_loaded(obj, name)), None)
    if missing is not None:
        getattr(obj, missing)  # a field not loaded yet: loads every field
    if not _is_loaded(obj):
        obj._fetch(use_cache=True)
    return obj


def _flight_key(obj: Basic_object) -> Hashable:
    """Objects with the same key load the same JSON: one request serves them all."""
    endpoint = type(obj)._endpoint
    imgur = peek(obj, "_imgur")
    if endpoint is None or imgur is None:
        return ("object", id(obj))
    return (id(imgur), _cache_key(endpoint, obj._path_params()))


class BatchMethods(ImgurBase):
    """Loading, getting, resolving and uploading many objects at once."""

    def load_all(
        self,
        objects: Iterable[ObjT],
        workers: int = 8,
        return_exceptions: bool = False,
    ) -> list[ObjT]:
        """Load many lazy objects at once, on up to ``workers`` threads.

        Returns the objects, loaded, in the order given.  An object already
        loaded costs nothing; objects for the same Imgur thing (the same
        object twice, or two objects with the same id) cost one request
        together, as the shared-fetch cache promises.  Every other object
        costs 1 request: it is loaded exactly as reading one of its fields
        would load it, so the rules of :doc:`lazy` (shared fetches, one load
        at a time per object) hold for it.

        :param return_exceptions: put a failed object's exception in its place
            instead of raising.
        :raises BatchError: some objects failed (and ``return_exceptions`` is
            false); ``error.results`` holds every loaded object, and the
            exception of each failed one in its place.
        :raises TypeError: an item is not a pyimgur object (before any request).
        """
        items = list(objects)
        check_workers(workers)
        for item in items:
            if not isinstance(item, Basic_object):
                raise TypeError(f"load_all takes pyimgur objects, not {type(item).__name__}")
        # one task per Imgur thing: the first object loads it, the others then
        # read the shared copy; if it fails, they share its failure
        groups: dict[Hashable, list[int]] = {}
        for index, item in enumerate(items):
            if not _is_loaded(item):
                groups.setdefault(_flight_key(item), []).append(index)

        def load_group(indexes: list[int]) -> None:
            _load(items[indexes[0]])
            for index in indexes[1:]:
                _load(items[index])

        tasks = list(groups.values())
        done = run_each(load_group, tasks, workers, transport=self.transport)
        results: list[Any] = list(items)
        for indexes, result in zip(tasks, done):
            if isinstance(result, BaseException):
                for index in indexes:
                    results[index] = result
        return outcome(results, return_exceptions, "loads")

    def get_images(
        self, ids: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[Image]:
        """The :class:`~pyimgur.Image` objects with these ids, loaded, in order.

        Costs 1 request per distinct id, overlapped on up to ``workers``
        threads (a repeated id gets the same object).  Failures work as in
        :meth:`load_all` (a missing image is a :class:`~pyimgur.NotFound`).

        :raises TypeError: an id is not a string; :raises ValueError: an empty
            id (both before any request).
        """
        return self._get_many("image", ids, self.get_image, workers, return_exceptions)  # type: ignore[attr-defined]

    def get_albums(
        self, ids: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[Album]:
        """The :class:`~pyimgur.Album` objects with these ids, loaded, in order.

        Costs 1 request per distinct id (``images`` included), as
        :meth:`get_images` does.
        """
        return self._get_many("album", ids, self.get_album, workers, return_exceptions)  # type: ignore[attr-defined]

    def _get_many(
        self,
        kind: str,
        ids: Iterable[str],
        factory: Callable[[str], ObjT],
        workers: int,
        return_exceptions: bool,
    ) -> list[ObjT]:
        if isinstance(ids, str):
            raise TypeError(f"give a list of {kind} ids, not one string")
        wanted = [check_id(value, f"{kind} id") for value in ids]
        check_workers(workers)
        made: dict[str, ObjT] = {}
        for value in wanted:
            if value not in made:
                made[value] = factory(value)
        loaded = self.load_all(list(made.values()), workers, return_exceptions=True)
        by_id = dict(zip(made, loaded))
        return outcome([by_id[value] for value in wanted], return_exceptions, f"{kind} loads")

    def resolve_urls(
        self, urls: Iterable[str], workers: int = 8, return_exceptions: bool = False
    ) -> list[Any]:
        """The objects at many imgur URLs, loaded, in order (see :meth:`get_at_url`).

        Each entry is the object the URL names, loaded, or ``None`` when the
        URL is not an imgur URL or the object does not exist.  A listing
        (a subreddit gallery, a topic, favorites) comes back lazy.  Costs at
        most 1 request per distinct URL (a ``/gallery/`` post: the one request
        that tells its type also loads it), and one per Imgur thing when
        several URLs name it; non-imgur URLs cost nothing.

        :raises TypeError: a URL is not a string (before any request).
        """
        if isinstance(urls, str):
            raise TypeError("give a list of URLs, not one string")
        wanted = list(urls)
        for url in wanted:
            if not isinstance(url, str):
                raise TypeError(f"a URL must be a string, not {type(url).__name__}")
        check_workers(workers)
        distinct = list(dict.fromkeys(wanted))
        found = run_each(self._object_at, distinct, workers, transport=self.transport)
        lazy = [obj for obj in found if isinstance(obj, Basic_object)]
        loads = self.load_all(lazy, workers, return_exceptions=True)
        load_result = {id(obj): result for obj, result in zip(lazy, loads)}
        by_url: dict[str, Any] = {}
        for url, obj in zip(distinct, found):
            if isinstance(obj, Basic_object):
                obj = load_result[id(obj)]
            by_url[url] = None if isinstance(obj, NotFound) else obj
        return outcome([by_url[url] for url in wanted], return_exceptions, "URLs")

    def _object_at(self, url: str) -> Any:
        """What :meth:`get_at_url` gives (0 or 1 request); ``NotFound`` -> ``None``."""
        try:
            return self.get_at_url(url)  # type: ignore[attr-defined]
        except NotFound:
            return None

    def upload_images(
        self,
        sources: Iterable[Union[str, os.PathLike[str]]],
        workers: int = 4,
        album: Optional[Union[Album, str]] = None,
        new_album: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        return_exceptions: bool = False,
    ) -> Uploads:
        """Upload many files (or URLs) at once, then put them in an album once.

        Each source is a path, or an ``http(s)://`` URL that Imgur fetches
        itself.  Up to ``workers`` uploads are in flight at a time, each
        streamed from disk as :meth:`upload_image` does; none is ever sent
        twice.  Before each upload the last known budget is checked
        (``PostRemaining``, and 10 credits per upload of ``UserRemaining`` and
        ``ClientRemaining``, counting the uploads in flight): when it cannot
        pay for one more, the remaining uploads are not sent and get a
        :class:`~pyimgur.RateLimitError` in their place.  While the budget is
        not known yet, the first upload goes alone to learn it.

        :param album: an existing album (an :class:`~pyimgur.Album`, your
            album's id, or an anonymous album's deletehash): the uploads are
            added to it in the order given, with 1 request after the uploads.
        :param new_album: a title: a new album holding the uploads in the order
            given is created after them (1 request).
        :param title: the title of every upload.
        :param description: the description of every upload.
        :param return_exceptions: put a failed upload's exception in its
            place in ``images`` instead of raising.
        :returns: an :class:`Uploads`: ``images`` in the order given, and the
            album (``None`` without ``album`` or ``new_album``).  The album
            gets only the uploads that succeeded.
        :raises BatchError: some uploads failed (and ``return_exceptions`` is
            false); ``error.results`` holds the uploaded images and the
            failures in place, ``error.album`` the album.
        :raises FileNotFoundError: a path is not a file (before any request).

        Costs 1 request (10 credits) per upload, plus 1 for the album.
        """
        items = checked_sources(sources, workers, album, new_album, title, description)
        target = self._album_to_fill(album)
        budget = _UploadBudget(self.transport.ratelimits, ep.IMAGE_UPLOAD.cost)

        def upload(source: Union[str, os.PathLike[str]]) -> Image:
            budget.reserve()
            where = {"url": source} if _is_url(source) else {"path": source}
            image: Image = self.upload_image(  # type: ignore[attr-defined]
                title=title, description=description, **where
            )
            return image

        results: list[Any] = []
        if items and not budget.known():
            results = run_each(upload, items[:1], 1)  # learn the budget first
        results += run_each(upload, items[len(results):], workers, transport=self.transport)
        uploaded = [image for image in results if isinstance(image, Image)]
        made: Optional[Album] = None
        if uploaded and new_album is not None:
            made = self.create_album(title=new_album, images=uploaded)  # type: ignore[attr-defined]
        elif uploaded and target is not None:
            target.add_images(uploaded)
            made = target
        elif target is not None:
            made = target
        try:
            outcome(results, return_exceptions, "uploads")
        except BatchError as error:
            error.album = made  # type: ignore[attr-defined]
            error._extra["album"] = made
            raise
        return Uploads(results, made)

    def _album_to_fill(self, album: Optional[Union[Album, str]]) -> Optional[Album]:
        """``album`` as an Album the uploads can be added to (no request)."""
        if album is None or isinstance(album, Album):
            return album
        key = album_key(self, album)
        if self.credentials.is_user:
            found: Album = self.get_album(key)  # type: ignore[attr-defined]
            return found
        made: Album = self._make(Album, {"deletehash": key})  # anonymous: by deletehash
        return made


def checked_sources(
    sources: Iterable[Union[str, os.PathLike[str]]],
    workers: int,
    album: Any,
    new_album: Optional[str],
    title: Optional[str],
    description: Optional[str],
) -> list[Union[str, os.PathLike[str]]]:
    """The arguments of ``upload_images``, checked before any request (both flavours).

    :raises TypeError: not a list of paths or URLs, or a text that is not a string.
    :raises ValueError: both ``album`` and ``new_album``, or bad ``workers``.
    :raises FileNotFoundError: a path is not a file.
    """
    if isinstance(sources, (str, os.PathLike)):
        raise TypeError("give a list of files, not one")
    items = list(sources)
    check_workers(workers)
    if album is not None and new_album is not None:
        raise ValueError("give album or new_album, not both")
    for label, text in (("new_album", new_album), ("title", title),
                        ("description", description)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{label} must be a string, not {type(text).__name__}")
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"a source must be a path or a URL, not {type(item).__name__}")
        if not _is_url(item) and not os.path.isfile(item):
            raise FileNotFoundError(errno.ENOENT, "no such file", os.fspath(item))
    return items


def _is_url(source: Union[str, os.PathLike[str]]) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


@attrs.frozen
class Uploads:
    """What :meth:`Imgur.upload_images` returns."""

    #: the new images in the order given (with ``return_exceptions``, a
    #: failure's exception in its place)
    images: list[Any]
    #: the album the uploads were put in, or ``None``
    album: Optional[Album] = None


class _UploadBudget:
    """Stops sending uploads once the budget cannot pay for one more.

    The budget Imgur last reported is copied at the first upload that knows
    it, and every upload sent after that is taken off the copy at once (its
    answer may still be on its way); the live figure is checked too, in case
    other threads spend from it meanwhile.
    """

    _NEEDS = (("PostRemaining", 1), ("UserRemaining", 0), ("ClientRemaining", 0))

    def __init__(self, ratelimits: RateLimits, cost: int) -> None:
        self._ratelimits = ratelimits
        self._cost = cost
        self._lock = threading.Lock()
        self._left: Optional[dict[str, int]] = None

    def known(self) -> bool:
        return "PostRemaining" in self._ratelimits.credits

    def reserve(self) -> None:
        """Take one upload off the budget, or raise :class:`RateLimitError`."""
        with self._lock:
            live = self._ratelimits.credits
            if self._left is None and "PostRemaining" in live:
                self._left = {key: live[key] for key, _ in self._NEEDS if key in live}
            left = self._left or {}
            for key, per in self._NEEDS:
                need = per or self._cost
                have = min(n for n in (live.get(key), left.get(key), need) if n is not None)
                if key in live and have < need:
                    bucket = key[: -len("Remaining")].lower()
                    raise RateLimitError(
                        f"not sent: the {bucket} budget has {have} left, {need} needed",
                        method="POST", path="/3/image", bucket=bucket,
                    )
            for key, per in self._NEEDS:
                if key in left:
                    left[key] -= per or self._cost
