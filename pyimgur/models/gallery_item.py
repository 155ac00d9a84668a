"""``Gallery_item``: what gallery images and gallery albums share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from ..exceptions import InvalidResponse
from ..plan import Pages, Plan, action, call, paged
from ..streams.sources import async_post_streams, flavoured, post_streams
from .base import Basic_object, field, gallery_item, keep, model
from .fields import InGallery
from .mixins.commentable import Commentable
from .mixins.reportable import Reportable
from .mixins.votable import Votable
from .tag import Tag

if TYPE_CHECKING:
    from ..imgur import Imgur

__all__ = ["Gallery_item", "Votes"]


class Votes(Dict[str, Any]):
    """A post's vote totals, as :meth:`Gallery_item.get_votes` returns them.

    Typed as ``votes.ups`` and ``votes.downs``, and still the dict PyImgur
    0.8.1 returned (Imgur's answer): ``votes["ups"]``, ``votes.items()``, and
    ``votes == {"ups": 10, "downs": 2}``.
    """

    @property
    def ups(self) -> Optional[int]:
        """The number of upvotes."""
        value = self.get("ups")
        return value if isinstance(value, int) else None

    @property
    def downs(self) -> Optional[int]:
        """The number of downvotes."""
        value = self.get("downs")
        return value if isinstance(value, int) else None

    def __repr__(self) -> str:
        return f"Votes({dict.__repr__(self)})"


@model
class Gallery_item(InGallery, Votable, Commentable, Reportable, Basic_object):
    """Functionality shared by :class:`Gallery_image` and :class:`Gallery_album`.

    A post in Imgur's public gallery: it has votes, comments and tags.
    Gallery listings give a :class:`Gallery_album` or a :class:`Gallery_image`
    for each post, as its ``is_album`` says.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_ITEM
    _vote_endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_VOTE
    _report_endpoint: ClassVar[Optional[Endpoint]] = ep.GALLERY_REPORT

    topic: Optional[str] = field(doc="The topic of the post (legacy).")
    topic_id: Optional[int] = field(doc="The id of the topic of the post (legacy).")
    is_album: Optional[bool] = field(doc="True for a gallery album, False for a gallery image.")

    #: Streams of this post: ``post.stream.comments()`` (no request until iterated).
    stream = flavoured(post_streams, async_post_streams)

    @action
    def get_votes(self) -> Plan[Votes]:
        """The post's current upvote and downvote totals.  Costs 1 request.

        Also updates ``ups`` and ``downs`` on this object.
        """
        data = yield call(ep.GALLERY_VOTES, id=self._identity)
        if not isinstance(data, dict):
            raise InvalidResponse(
                f"expected the vote totals, got {type(data).__name__}",
                method=ep.GALLERY_VOTES.method,
                path="/" + ep.GALLERY_VOTES.format(id=self._identity),
            )
        self._populate({key: data[key] for key in ("ups", "downs") if key in data})
        return Votes(data)

    @staticmethod
    def get_album_or_image(json: dict[str, Any], imgur: Imgur) -> Gallery_item:
        """A :class:`Gallery_album` or :class:`Gallery_image` from a post's JSON,
        as its ``is_album`` says (no request; PyImgur 0.8.1's helper)."""
        item: Gallery_item = gallery_item(imgur, json, has_fetched=True)
        return item

    @paged
    def get_tags(self) -> Pages[Tag]:
        """The post's tags, fresh from Imgur, as a lazy list of :class:`Tag`.

        Costs 1 request, made when the list is first used (the ``tags``
        field holds the tags that came with the post, at no cost).
        """
        def make(session: Any, json: dict[str, Any]) -> Tag:
            tag: Tag = session.make(Tag, json, has_fetched=False)
            return tag

        return Pages(ep.GALLERY_ITEM_TAGS, make, {"id": self._identity}, paged=False,
                     items_key="tags")

    @action
    def remove_from_gallery(self) -> Plan[None]:
        """Remove this post from the gallery (needs its owner logged in).  Costs 1 request.

        The image or album itself stays on Imgur.
        """
        yield call(ep.GALLERY_REMOVE, id=self._identity)
        keep(self, in_gallery=False)
        self._forget_cached()
