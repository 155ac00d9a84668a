"""The ``Tag`` model: a tag that groups gallery posts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional

from .. import endpoints as ep
from ..checks import WINDOWS as WINDOWS
from ..checks import check_choice as check_choice
from ..endpoints import Endpoint
from ..listing import Listing
from ..plan import Pages, Plan, action, call, paged
from ..streams.sources import async_tag_stream, flavoured, tag_stream
from .base import field, gallery_item, keep, model, peek
from .mixins.named import NamedCaseInsensitive

if TYPE_CHECKING:
    from .gallery_item import Gallery_item

#: the orders and time windows of a tag's gallery (section 4.5)
TAG_SORTS = ("viral", "top", "time")
# WINDOWS and check_choice live in pyimgur.checks (imported here for older imports)


@model
class Tag(NamedCaseInsensitive):
    """A tag that groups gallery posts.

    Tags are identified by name, case-insensitively (``get_tag("Cats") ==
    get_tag("cats")``), with the name they were made with: ``==`` and
    ``hash`` do not change when the tag loads.

    ``items`` is the tag's gallery, a lazy list of :class:`Gallery_image`
    and :class:`Gallery_album` objects that requests its pages only as they
    are reached; :meth:`get_items` gives the gallery in another order.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.TAG_INFO
    _id_field: ClassVar[str] = "name"
    _repr_fields: ClassVar[tuple[str, ...]] = ("followers", "total_items")

    name: Optional[str] = field(doc="The tag's name.")
    display_name: Optional[str] = field(doc="The tag's name as shown on the site.")
    followers: Optional[int] = field(doc="How many users follow the tag.")
    total_items: Optional[int] = field(doc="How many gallery posts have the tag.")
    following: Optional[bool] = field(doc="Does the logged-in user follow the tag?")
    is_whitelisted: Optional[bool] = field(doc="Is the tag whitelisted?")
    is_promoted: Optional[bool] = field(doc="Is the tag promoted by Imgur?")
    description: Optional[str] = field(doc="The tag's description.")
    accent: Optional[str] = field(doc="The tag's accent color, hex.")
    background_hash: Optional[str] = field(doc="The id of the tag's background image.")
    background_is_animated: Optional[bool] = field(doc="Is the background animated?")
    thumbnail_hash: Optional[str] = field(doc="The id of the tag's thumbnail image.")
    thumbnail_is_animated: Optional[bool] = field(doc="Is the thumbnail animated?")
    logo_hash: Optional[str] = field(doc="The id of the tag's logo image.")
    logo_destination_url: Optional[str] = field(doc="Where the tag's logo links to.")
    description_annotations: Optional[dict[str, Any]] = field(
        doc="Imgur's annotations of the description."
    )

    def _path_params(self) -> dict[str, object]:
        return {"tag": peek(self, "name")}

    @property
    def items(self) -> Listing[Gallery_item]:
        """The tag's gallery posts, a lazy list (no request until used).

        Sorted and limited as :meth:`Imgur.get_tag` was asked (by default
        ``viral`` over the last ``week``, every item).  Reading item *n*
        requests the pages up to *n*'s, once.
        """
        listing: Optional[Listing[Gallery_item]] = peek(self, "_items")
        if listing is None:
            sort, window, limit = peek(self, "_items_query") or ("viral", "week", None)
            listing = self.get_items(sort, window, limit)
            keep(self, _items=listing)
        return listing

    @paged
    def get_items(
        self, sort: str = "viral", window: str = "week", limit: Optional[int] = None
    ) -> Pages[Gallery_item]:
        """The tag's gallery posts, a new lazy list (no request until used).

        Each page costs 1 request, made when an item on it is first reached.

        :param sort: ``viral`` (default), ``top`` or ``time``.
        :param window: ``day``, ``week`` (default), ``month``, ``year`` or ``all``.
        :param limit: at most this many posts (``None``: all of them).
        :raises ValueError: an unknown ``sort`` or ``window`` (before any request).
        """
        check_choice("sort", sort, TAG_SORTS)
        check_choice("window", window, WINDOWS)
        return Pages(ep.TAG_GALLERY, gallery_item,
                     {"tag": peek(self, "name"), "sort": sort, "window": window},
                     limit=limit, items_key="items")

    #: ``tag.stream(**options)``: new posts with this tag, oldest first, each
    #: once (a :class:`~pyimgur.streams.Stream`, or an ``AsyncStream`` on an
    #: async tag; see :class:`~pyimgur.streams.runner.StreamLoop` for the
    #: options).  No request until iterated; then 1 request per poll.
    stream = flavoured(tag_stream, async_tag_stream)

    @action
    def follow(self) -> Plan[None]:
        """Follow the tag as the logged-in user.  Costs 1 request."""
        yield call(ep.FOLLOW_TAG, tag=peek(self, "name"))
        keep(self, following=True)
        self._forget_cached()

    @action
    def unfollow(self) -> Plan[None]:
        """Stop following the tag as the logged-in user.  Costs 1 request."""
        yield call(ep.UNFOLLOW_TAG, tag=peek(self, "name"))
        keep(self, following=False)
        self._forget_cached()

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_items", None)  # a listing holds the session: never pickled
        return state
