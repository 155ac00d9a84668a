"""The ``Comment`` model: a comment on a gallery post, or a reply to one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from .. import endpoints as ep
from ..endpoints import Endpoint
from ..plan import Pages, Plan, action, call, paged
from .base import Basic_object, field, gallery_class, keep, lazy_ref, model, peek
from .comment_tree import build_replies, deepcopy_tree, reduce_tree, walk
from .image import Image
from .mixins.commentable import check_text, new_comment
from .mixins.reportable import Reportable
from .mixins.votable import Votable
from .user import User

if TYPE_CHECKING:
    from .gallery_item import Gallery_item

PERMALINK = "https://imgur.com/gallery/{image_id}/comment/{id}"


def _post_ref(value: Any, owner: Basic_object) -> Any:
    """A lazy ``Gallery_album`` or ``Gallery_image`` (as ``on_album`` says) from an id."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a post id, got {type(value).__name__}")
    post = owner._flavour_of(gallery_class({"is_album": peek(owner, "on_album")}))
    return post({"id": value}, owner._imgur, has_fetched=False)


def _parent_ref(value: Any, owner: Basic_object) -> Any:
    """The parent ``Comment`` (lazy) from ``parent_id``; ``None`` for 0 (top level)."""
    if value in (None, 0, "0", ""):
        return None
    return _parent(value, owner)


#: what Imgur sends as the author of a deleted comment (with ``author_id`` 0)
DELETED_AUTHOR = "[deleted]"


def _author_ref(value: Any, owner: Basic_object) -> Any:
    """The author, a lazy ``User``; ``None`` for a deleted author (``"[deleted]"``)."""
    if value == DELETED_AUTHOR:
        return None
    return _author(value, owner)


_parent = lazy_ref(lambda: Comment)
_author = lazy_ref(User, "url")


def _children(value: Any, owner: Basic_object) -> Any:
    """The replies, built from the nested ``children`` JSON with no request."""
    return build_replies(value, owner)  # type: ignore[arg-type]


@model
class Comment(Votable, Reportable, Basic_object):
    """A comment a user made on a gallery post, or a reply to a comment.

    Comments read through :meth:`Gallery_item.get_comments` come with their
    whole reply tree: ``replies`` holds :class:`Comment` objects (each with
    its own ``replies`` and ``parent``), built with no further request.
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.COMMENT
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("text",)
    _vote_endpoint: ClassVar[Optional[Endpoint]] = ep.COMMENT_VOTE
    _report_endpoint: ClassVar[Optional[Endpoint]] = ep.COMMENT_REPORT

    id: Optional[int] = field(doc="The comment's id.")
    text: Optional[str] = field("comment", doc="The comment's text.")
    author: Optional[User] = field(
        convert=_author_ref,
        doc="The user who wrote the comment (lazy); None when the author deleted it.",
    )
    author_id: Optional[int] = field(doc="The account id of the author.")
    image_id: Optional[str] = field(doc="The id of the gallery post the comment is on.")
    image: Optional[Gallery_item] = field(
        "image_id",
        convert=_post_ref,
        doc="The gallery post the comment is on: a lazy Gallery_image, or a"
        " Gallery_album when on_album is true.",
    )
    on_album: Optional[bool] = field(doc="Is the comment on an album?")
    album_cover: Optional[Image] = field(
        convert=lazy_ref(Image), doc="The cover image of the album, if on_album (lazy)."
    )
    parent_id: Optional[int] = field(doc="The id of the comment replied to (0: top level).")
    parent: Optional[Comment] = field(
        "parent_id",
        convert=_parent_ref,
        doc="The comment this one replies to, or None for a top-level comment.",
    )
    replies: Optional[list[Comment]] = field(
        "children",
        convert=_children,
        doc="The replies, built from the comment tree Imgur sent (no request);"
        " use get_replies() on a comment that came without its tree.",
    )
    ups: Optional[int] = field(doc="The number of upvotes.")
    downs: Optional[int] = field(doc="The number of downvotes.")
    points: Optional[float] = field(doc="ups - downs.")
    vote: Optional[str] = field(doc="The logged-in user's vote: 'up', 'down' or None.")
    is_deleted: Optional[bool] = field("deleted", doc="Has the comment been deleted?")
    datetime: Optional[int] = field(doc="When the comment was made, epoch time.")
    platform: Optional[str] = field(
        doc="Where it was written from: iphone, android, desktop, mweb or unknown."
    )
    has_admin_badge: Optional[bool] = field(doc="Is the author an Imgur admin?")
    deletehash: Optional[str] = field(
        doc="Kept for PyImgur code: Imgur sends no deletehash for comments (None)."
    )

    def _populate(self, json_dict: Any) -> None:
        super()._populate(json_dict)
        # ``image`` depends on ``on_album``, which may come after ``image_id``
        if isinstance(json_dict, dict) and "on_album" in json_dict:
            post = peek(self, "image")
            if post is not None and not peek(post, "_has_fetched", True):
                wanted = self._flavour_of(gallery_class({"is_album": peek(self, "on_album")}))
                if type(post) is not wanted:
                    stub = wanted({"id": peek(post, "id")}, self._imgur, has_fetched=False)
                    keep(self, image=stub)

    def _set_post(self, post: Basic_object) -> None:
        """Point this comment and its loaded replies at ``post`` (no request)."""
        for comment in walk(self):
            if peek(comment, "image_id") in (None, post._identity):
                keep(comment, image=post)

    # -- trees of any depth: copied and pickled flat (see comment_tree) -------------------
    def __reduce_ex__(self, protocol: Any) -> Any:
        return reduce_tree(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Comment:
        clone: Comment = deepcopy_tree(self, memo)
        return clone

    def walk(self) -> Iterator[Comment]:
        """This comment, then each reply followed by its own replies, down the
        whole loaded tree (depth first, at any depth).  No request: it reads
        ``replies`` as loaded, and a comment whose ``replies`` are not loaded
        ends its branch."""
        return walk(self)

    @property
    def permalink(self) -> str:
        """A permanent link to the comment (no request if ``image_id`` is loaded)."""
        return PERMALINK.format(image_id=self.image_id, id=self.id)

    # -- actions ------------------------------------------------------------------------
    @action
    def delete(self) -> Plan[None]:
        """Delete the comment (needs its author logged in).  Costs 1 request."""
        yield call(ep.COMMENT_DELETE, id=self._identity)
        keep(self, is_deleted=True)
        self._forget_cached()

    @paged
    def get_replies(self) -> Pages[Comment]:
        """The replies to this comment, as a lazy list of :class:`Comment`.

        Costs 1 request, made when the list is first used; replies of
        replies come in the same answer (each reply's ``replies``).
        """
        def make(session: Any, json: dict[str, Any]) -> Comment:
            reply: Comment = session.make(Comment, json, has_fetched=True)
            keep(reply, parent=self)
            return reply

        return Pages(ep.COMMENT_REPLIES, make, {"id": self._identity}, paged=False,
                     items_key="children")

    @action
    def reply(self, text: str) -> Plan[Comment]:
        """Reply to this comment (needs a logged-in user); returns the new :class:`Comment`.

        Costs 1 request (1 more first if this comment's ``image_id`` is not
        loaded yet).  The reply's ``text``, ``parent`` and ``image`` are known
        at once; its other fields load lazily.

        :raises ValueError: ``text`` is empty (before any request).
        """
        check_text(text)
        imgur = self._client
        # before the load of image_id: no request at all without a logged-in user
        imgur.credentials.require_user(ep.COMMENT_REPLY.method, "/" + ep.COMMENT_REPLY.path)
        yield from self._need("image_id")
        post_id = self.image_id
        answer = yield call(
            ep.COMMENT_REPLY, data={"image_id": post_id, "comment": text}, id=self._identity
        )
        known = {"image_id": post_id, "comment": text, "parent_id": self._identity}
        if peek(self, "on_album") is not None:
            known["on_album"] = peek(self, "on_album")
        created = new_comment(imgur, answer, ep.COMMENT_REPLY, known)
        keep(created, parent=self)
        if peek(self, "image") is not None:
            keep(created, image=peek(self, "image"))
        return created
