"""URL resolution methods of :class:`~pyimgur.Imgur`: any imgur link to an object."""

from __future__ import annotations

from typing import Any

from .. import endpoints as ep
from ..exceptions import NotFound
from ..models.album import Album
from ..models.comment import Comment
from ..models.gallery_image import Gallery_image
from ..models.image import Image
from ..models.tag import Tag
from ..models.user import User
from ..plan import Fetch, Plan, action
from ..urls import ParsedURL, parse_url
from ..urls import is_imgur_url as _is_imgur_url
from .base import ImgurBase


class URLMethods(ImgurBase):
    """Turn imgur links into objects."""

    def is_imgur_url(self, url: str) -> bool:
        """Is ``url`` an imgur URL pyimgur can resolve?  Pure: no request.

        :raises TypeError: ``url`` is not a string.
        """
        return _is_imgur_url(url)

    @action
    def get_at_url(self, url: str, fetch: bool = False) -> Plan[Any]:
        """The object at an imgur URL, or ``None``.

        Returns an :class:`~pyimgur.Image`, :class:`~pyimgur.Album`,
        :class:`~pyimgur.Gallery_image`, :class:`~pyimgur.Gallery_album`,
        :class:`~pyimgur.Comment`, :class:`~pyimgur.User` or
        :class:`~pyimgur.Tag`, or a lazy :class:`~pyimgur.Listing` for a
        subreddit gallery, a topic, or a user's favorites.  An album link with
        an image after ``#`` (``imgur.com/a/{album}#{image}``) is the album; the
        image is ``get_image(parse_url(url).fragment_image_id)``.

        Costs: no request when the URL alone tells the type (the object comes
        back lazy); 1 request for a ``/gallery/`` (or ``/t/tag/``, ``/topic/``)
        post, which may be an image or an album.  ``None`` when the URL is not
        an imgur URL (see :func:`~pyimgur.parse_url`), or when that request (or,
        with ``fetch=True`` or on a ``lazy=False`` session, the load of a lazy
        object: 1 request, none more for a gallery post) says the object does
        not exist.

        :raises TypeError: ``url`` is not a string.
        :raises InvalidResponse: Imgur answered a gallery post with something
            that is not an object (a list, ``null``, a string, a number).
        """
        parsed = parse_url(url)
        if parsed is None:
            return None
        try:
            obj = yield from resolve(self, parsed)
            # a gallery post is loaded by the request that told its class
            if self.wants_load(fetch) and not getattr(obj, "_has_fetched", True):
                yield from obj._load_plan(use_cache=False)
        except NotFound:
            return None
        return obj


def resolve(self: Any, parsed: ParsedURL) -> Plan[Any]:
    """The object an imgur URL names, in ``self``'s flavour (a plan: 1 request for
    a gallery post, else none)."""
    kind, ident = parsed.kind, parsed.id
    if kind == "image":
        return self._make(Image, {"id": ident})
    if kind == "album":
        return self._make(Album, {"id": ident})
    if kind == "gallery":
        # raises InvalidResponse when the answer is not an object
        data = yield Fetch(ep.GALLERY_ITEM, {"id": ident})
        return self._make_gallery_item(data, has_fetched=True)
    if kind == "subreddit_image":
        return self._make(Gallery_image, {"id": ident, "section": parsed.subreddit})
    if kind == "comment":
        return self._make(Comment, {"id": int(ident)})
    if kind == "user":
        return self._make(User, {"url": ident})
    if kind == "user_favorites":
        return self.listing(self._pages(ep.ACCOUNT_GALLERY_FAVORITES,
                                        self._make_gallery_item, username=ident,
                                        sort="newest"))
    if kind == "gallery_tag":
        return self._make(Tag, {"name": ident})
    if kind == "subreddit_gallery":
        return self.listing(self._pages(ep.SUBREDDIT_GALLERY, self._make_gallery_item,
                                        subreddit=ident, sort="time", window="week"))
    if kind == "topic":
        return self.listing(self._pages(ep.TOPIC_GALLERY, self._make_gallery_item,
                                        topic=ident, sort="viral", window="week"))
    return None  # pragma: no cover - parse_url only returns the kinds above
