"""Gallery, comment, tag and search methods of :class:`~pyimgur.Imgur`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .. import endpoints as ep
from .._aliases import keyword_aliases
from ..checks import WINDOWS, check_choice
from ..listing import check_limit
from ..models.base import keep
from ..models.comment import Comment
from ..models.gallery_album import Gallery_album
from ..models.gallery_image import Gallery_image
from ..models.image import Image
from ..models.tag import Tag
from ..plan import Fetch, Pages, Plan, action, paged
from .base import ImgurBase, check_id

if TYPE_CHECKING:
    from ..models.gallery_item import Gallery_item

#: the allowed values of section 4.5 of the API reference
SECTIONS = ("hot", "top", "user")
GALLERY_SORTS = ("viral", "top", "time", "rising")
MEMES_SORTS = ("viral", "time", "top")
SUBREDDIT_SORTS = ("time", "top")
TAG_SORTS = ("viral", "top", "time")
SEARCH_SORTS = ("time", "viral", "top")
SEARCH_TYPES = ("jpg", "png", "gif", "anigif", "album")
SEARCH_SIZES = ("small", "med", "big", "lrg", "huge")


def _bool_text(value: object, name: str) -> str:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return "true" if value else "false"


class GalleryMethods(ImgurBase):
    """The public gallery: listings, posts, comments, tags and search."""

    # -- listings -------------------------------------------------------------------
    @paged
    def get_gallery(
        self,
        section: str = "hot",
        sort: str = "viral",
        window: str = "day",
        show_viral: bool = True,
        limit: Optional[int] = None,
    ) -> Pages[Gallery_item]:
        """The gallery's posts: a lazy list of :class:`Gallery_album` and
        :class:`Gallery_image` (each as its ``is_album`` says).

        No request until the list is used; then 1 request per page of about
        60 posts, only for the pages reached.

        :param section: ``hot`` (default), ``top`` or ``user``.
        :param sort: ``viral`` (default), ``top``, ``time``, or ``rising``
            (``user`` section only).
        :param window: the date range for the ``top`` section: ``day``
            (default), ``week``, ``month``, ``year`` or ``all``.
        :param show_viral: show viral posts in the ``user`` section (sent as
            ``showViral=true|false``).
        :param limit: at most this many posts (``None``: every post).
        :raises ValueError: an unknown section, sort or window (before any request).
        """
        check_choice("section", section, SECTIONS)
        check_choice("sort", sort, GALLERY_SORTS)
        check_choice("window", window, WINDOWS)
        if sort == "rising" and section != "user":
            raise ValueError("sort='rising' works only with section='user'")
        params = {"showViral": _bool_text(show_viral, "show_viral")}
        return self._pages(
            ep.GALLERY,
            self._make_gallery_item,
            limit=limit,
            params=params,
            section=section,
            sort=sort,
            window=window,
        )

    @paged
    def get_memes_gallery(
        self, sort: str = "viral", window: str = "week", limit: Optional[int] = None
    ) -> Pages[Gallery_item]:
        """The posts of the memes gallery (http://imgur.com/g/memes), a lazy list.

        1 request per page reached.  Imgur stopped supporting this gallery in
        2015: it may answer 404, raised as :class:`~pyimgur.NotFound` when
        the list is first used.

        :param sort: ``viral`` (default), ``time`` or ``top``.
        :param window: ``day``, ``week`` (default), ``month``, ``year`` or ``all``.
        :param limit: at most this many posts (``None``: every post).
        """
        check_choice("sort", sort, MEMES_SORTS)
        check_choice("window", window, WINDOWS)
        return self._pages(
            ep.MEMES_GALLERY, self._make_gallery_item, limit=limit, sort=sort, window=window
        )

    @paged
    def get_subreddit_gallery(
        self,
        subreddit: str,
        sort: str = "time",
        window: str = "week",
        limit: Optional[int] = None,
    ) -> Pages[Gallery_item]:
        """The images of a subreddit's gallery, a lazy list of :class:`Gallery_image`.

        1 request per page reached.  Imgur has been seen to answer empty
        pages for subreddits lately.

        :param subreddit: the subreddit's name, e.g. ``"aww"``.
        :param sort: ``time`` (default) or ``top``.
        :param window: the date range for ``top``: ``day``, ``week``
            (default), ``month``, ``year`` or ``all``.
        :param limit: at most this many images (``None``: every image).
        """
        check_id(subreddit, "subreddit")
        check_choice("sort", sort, SUBREDDIT_SORTS)
        check_choice("window", window, WINDOWS)
        return self._pages(
            ep.SUBREDDIT_GALLERY,
            self._make_gallery_item,
            limit=limit,
            subreddit=subreddit,
            sort=sort,
            window=window,
        )

    @paged
    def get_random_gallery(self, limit: Optional[int] = None) -> Pages[Gallery_item]:
        """Random gallery posts, a lazy list (1 request per page reached).

        Deprecated by Imgur: it now answers with an error ("This endpoint has
        been deprecated", often a 404 raised as :class:`~pyimgur.NotFound`),
        which is raised as is when the list is first used.
        """
        return self._pages(ep.GALLERY_RANDOM, self._make_gallery_item, limit=limit)

    @paged
    def search_gallery(
        self,
        q: Optional[str] = None,
        q_all: Optional[str] = None,
        q_any: Optional[str] = None,
        q_exactly: Optional[str] = None,
        q_not: Optional[str] = None,
        q_type: Optional[str] = None,
        q_size_px: Optional[str] = None,
        sort: str = "time",
        window: str = "all",
        limit: Optional[int] = None,
    ) -> Pages[Gallery_item]:
        """Search the gallery: a lazy list of the posts found (1 request per page reached).

        Give ``q`` (which understands ``AND``, ``OR``, ``NOT`` and
        ``tag:``, ``user:``, ``title:``, ``ext:``, ``subreddit:``,
        ``album:`` and ``meme:``) or the advanced parts, or both.

        :param q: the query.
        :param q_all: all of these words.
        :param q_any: any of these words.
        :param q_exactly: exactly this phrase.
        :param q_not: none of these words.
        :param q_type: only ``jpg``, ``png``, ``gif``, ``anigif`` or ``album``.
        :param q_size_px: only images of this size: ``small``, ``med``,
            ``big``, ``lrg`` or ``huge``.
        :param sort: ``time`` (default), ``viral`` or ``top``.
        :param window: ``day``, ``week``, ``month``, ``year`` or ``all`` (default).
        :param limit: at most this many posts (``None``: every post).
        :raises ValueError: no query at all, or an unknown type, size, sort
            or window (before any request).
        """
        words = {"q": q, "q_all": q_all, "q_any": q_any, "q_exactly": q_exactly, "q_not": q_not}
        params: dict[str, Any] = {}
        for name, value in words.items():
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a str, not {type(value).__name__}")
            if value.strip():
                params[name] = value
        if not params:
            raise ValueError("give a query: q, or at least one of q_all, q_any, q_exactly, q_not")
        if q_type is not None:
            params["q_type"] = check_choice("q_type", q_type, SEARCH_TYPES)
        if q_size_px is not None:
            params["q_size_px"] = check_choice("q_size_px", q_size_px, SEARCH_SIZES)
        check_choice("sort", sort, SEARCH_SORTS)
        check_choice("window", window, WINDOWS)
        return self._pages(
            ep.GALLERY_SEARCH,
            self._make_gallery_item,
            limit=limit,
            params=params,
            sort=sort,
            window=window,
        )

    # -- single posts -------------------------------------------------------------------
    @action
    @keyword_aliases(gallery_item_id="id")
    def get_gallery_image(self, id: str, *, fetch: bool = False) -> Plan[Gallery_image]:
        """The gallery image with this id (lazy: no request until a field is read).

        An image's id in the gallery may differ from its plain id, so that an
        image can leave the gallery and turn secret without showing its id.

        :param fetch: load it now (1 request), raising
            :class:`~pyimgur.NotFound` at once if it does not exist.
        """
        made: Gallery_image = yield from self.obtain(Gallery_image, {"id": check_id(id)}, fetch)
        return made

    @action
    @keyword_aliases(gallery_album_id="id")
    def get_gallery_album(self, id: str, *, fetch: bool = False) -> Plan[Gallery_album]:
        """The gallery album with this id (lazy: no request until a field is read).

        An album's id in the gallery may differ from its plain id, so that an
        album can leave the gallery and turn secret without showing its id.

        :param fetch: load it now (1 request), raising
            :class:`~pyimgur.NotFound` at once if it does not exist.
        """
        made: Gallery_album = yield from self.obtain(Gallery_album, {"id": check_id(id)}, fetch)
        return made

    @action
    def get_gallery_item(self, id: str) -> Plan[Gallery_item]:
        """The gallery post with this id, a :class:`Gallery_album` or a
        :class:`Gallery_image` as Imgur says (``is_album``).

        Costs 1 request, made now (the class is only known from the answer).
        """
        data = (yield Fetch(ep.GALLERY_ITEM, {"id": check_id(id)}))
        return self._make_gallery_item(data, has_fetched=True)

    @action
    @keyword_aliases(image_id="id")
    def get_subreddit_image(self, subreddit: str, id: str) -> Plan[Gallery_image]:
        """The :class:`Gallery_image` with this id in a subreddit's gallery.

        Costs 1 request, made now: the subreddit's copy of the image is only
        reachable through the subreddit.
        """
        check_id(subreddit, "subreddit")
        data = (yield Fetch(ep.SUBREDDIT_IMAGE, {"subreddit": subreddit, "id": check_id(id)}))
        return self._make(Gallery_image, data, has_fetched=True)

    @action
    def get_tag_image(self, tag: str, id: str) -> Plan[Gallery_item]:
        """The gallery post with this id inside a tag's gallery (legacy route;
        ``get_gallery_item(id)`` reaches the same post).

        Costs 1 request, made now (the class is only known from the answer).
        """
        check_id(tag, "tag")
        data = (yield Fetch(ep.TAG_GALLERY_ITEM, {"tag": tag, "id": check_id(id)}))
        return self._make_gallery_item(data, has_fetched=True)

    @action
    def get_memes_image(self, id: str) -> Plan[Gallery_item]:
        """A post of the memes subgallery.  Costs 1 request, made now.

        Imgur stopped supporting the memes subgallery in 2015: expect
        :class:`~pyimgur.NotFound` with Imgur's message.
        """
        data = (yield Fetch(ep.MEMES_IMAGE, {"id": check_id(id)}))
        return self._make_gallery_item(data, has_fetched=True)

    @paged
    def get_default_memes(self) -> Pages[Image]:
        """The meme templates of Imgur's meme generator, a lazy list of
        :class:`~pyimgur.Image`.  Costs 1 request, made when the list is first used.

        Legacy: Imgur may answer 404, raised as :class:`~pyimgur.NotFound`.
        """

        def make(json: dict[str, Any]) -> Image:
            made: Image = self._make(Image, json, has_fetched=False)
            return made

        return self._pages(ep.MEMEGEN_DEFAULTS, make, paged=False)

    @action
    @keyword_aliases(comment_id="id")
    def get_comment(self, id: int, *, fetch: bool = False) -> Plan[Comment]:
        """The comment with this id (lazy: no request until a field is read).

        :param id: the comment's id (an int, or its digits as a str).
        :param fetch: load it now (1 request), raising
            :class:`~pyimgur.NotFound` at once if it does not exist.
        """
        if isinstance(id, str) and id.strip().isdigit():
            text = id.strip()
            if not (text.isascii() and len(text) <= 19):  # '²', '٣', 5,000 digits
                raise ValueError(f"a comment id is a number (ASCII digits), not {id!r}")
            id = int(text)
        if isinstance(id, bool) or not isinstance(id, int):
            raise TypeError(f"id must be an int, not {id!r}")
        if id <= 0:
            raise ValueError(f"a comment id is a positive number, not {id}")
        made: Comment = yield from self.obtain(Comment, {"id": id}, fetch)
        return made

    # -- tags -------------------------------------------------------------------------
    @action
    def get_tag(
        self,
        tag: str,
        sort: str = "viral",
        window: str = "week",
        limit: Optional[int] = None,
        *,
        fetch: bool = False,
    ) -> Plan[Tag]:
        """The :class:`Tag` with this name (lazy: no request now; 1 with
        ``fetch=True`` or on a ``lazy=False`` session).

        Its fields (``followers``, ``description``, ...) load with 1 request
        when first read; its ``items`` are its gallery posts, a lazy list
        sorted by ``sort`` over ``window`` and cut at ``limit``, requesting a
        page only when it is reached.  ``tag.get_items(...)`` gives other orders.

        :param sort: ``viral`` (default), ``top`` or ``time``.
        :param window: ``day``, ``week`` (default), ``month``, ``year`` or ``all``.
        :param limit: at most this many items (``None``: all of them).
        :raises ValueError: an unknown sort or window, or a bad limit (before any request).
        """
        check_id(tag, "tag")
        check_choice("sort", sort, TAG_SORTS)
        check_choice("window", window, WINDOWS)
        check_limit(limit)
        made: Tag = self._make(Tag, {"name": tag}, has_fetched=False)
        keep(made, _items_query=(sort, window, limit))
        if self.wants_load(fetch):
            yield from made._load_plan(use_cache=False)
        return made

    @paged
    def get_tags(self) -> Pages[Tag]:
        """The default tags Imgur suggests, a lazy list of :class:`Tag`.

        Costs 1 request, made when the list is first used.
        """

        def make(json: dict[str, Any]) -> Tag:
            made: Tag = self._make(Tag, json, has_fetched=False)
            return made

        return self._pages(ep.TAGS, make, paged=False, items_key="tags")

