"""``Commentable``: gallery posts users can comment on, and read the comments of."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from ... import endpoints as ep
from ...exceptions import InvalidResponse
from ...listing import check_limit
from ...plan import Pages, Plan, action, call, paged
from ..base import Basic_object, keep, peek

if TYPE_CHECKING:
    from ..comment import Comment

__all__ = ["COMMENT_SORTS", "Commentable", "check_text", "comment_number", "new_comment"]

#: the orders Imgur can sort a post's comments in
COMMENT_SORTS = ("best", "top", "new")


#: ids and counts above this are not numbers Imgur can send (a signed 64-bit int)
_MAX_NUMBER = 2**63 - 1
#: ASCII decimal only: ``str.isdigit()`` also accepts '²' and '٣', which ``int()`` refuses
_DECIMAL = re.compile(r"[0-9]{1,19}")


def comment_number(value: object, zero: bool = False) -> Optional[int]:
    """``value`` as a comment id (or, with ``zero``, a count), else ``None``.

    Accepted: an ``int`` (not a ``bool``), or a ``str`` of 1 to 19 ASCII
    digits, from 1 (0 with ``zero``) to 2**63 - 1.  Anything else (other
    digits such as '²' or '٣', signs, spaces, huge numbers) is not one.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value):
            return None
        value = int(value)
    if not isinstance(value, int) or not (0 if zero else 1) <= value <= _MAX_NUMBER:
        return None
    return value


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_text(text: object) -> str:
    """Validate comment text before any request.

    :raises TypeError: not a str.
    :raises ValueError: empty or only whitespace.
    """
    if not isinstance(text, str):
        raise TypeError(f"the comment text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("the comment text must not be empty")
    return text


def _comment_class() -> type[Comment]:
    from ..comment import Comment  # comment.py imports this module

    return Comment


def new_comment(session: Any, answer: Any, endpoint: ep.Endpoint, known: dict[str, Any]) -> Comment:
    """The :class:`~pyimgur.Comment` Imgur just created, from its answer ``{"id": N}``.

    ``known`` is what the caller already knows of it (text, post, parent);
    every other field loads lazily (1 request when first read).
    """
    if not isinstance(answer, dict) or answer.get("id") in (None, ""):
        raise InvalidResponse(
            f"expected the new comment's id, got {answer!r}",
            method=endpoint.method,
            path="/" + endpoint.path,
        )
    known = dict(known, id=answer["id"])
    comment: Comment = session.make(_comment_class(), known, has_fetched=False)
    return comment


class Commentable(Basic_object):
    """Adds :meth:`comment` and :meth:`get_comments` to a gallery post."""

    @action
    def comment(self, text: str) -> Plan[Comment]:
        """Make a top-level comment on this post (needs a logged-in user).

        Costs 1 request.  Returns the new :class:`~pyimgur.Comment`; its
        ``text`` and ``image`` are known at once, its other fields load
        lazily (1 more request when first read).

        :raises ValueError: ``text`` is empty (before any request).
        """
        check_text(text)
        imgur = self._client
        post_id = self._identity
        answer = yield call(ep.COMMENT_CREATE, data={"image_id": post_id, "comment": text})
        known = {"image_id": post_id, "comment": text, "parent_id": 0}
        known["on_album"] = bool(peek(self, "is_album", False))
        created = new_comment(imgur, answer, ep.COMMENT_CREATE, known)
        keep(created, image=self)
        return created

    @paged
    def get_comments(self, sort: str = "best", limit: Optional[int] = None) -> Pages[Comment]:
        """The top-level comments on this post, as a lazy list.

        Costs 1 request, made when the list is first used.  Each comment's
        ``replies`` (and theirs, down the tree) are built from the same
        answer, with no further request.

        :param sort: ``best`` (default), ``top`` or ``new``.
        :param limit: at most this many top-level comments (``None``: all).
        :raises ValueError: an unknown ``sort`` or a bad ``limit`` (before any request).
        """
        if sort not in COMMENT_SORTS:
            raise ValueError(f"sort must be one of {', '.join(COMMENT_SORTS)}, not {sort!r}")
        check_limit(limit)

        def make(session: Any, json: dict[str, Any]) -> Comment:
            made: Comment = session.make(_comment_class(), json, has_fetched=True)
            made._set_post(self)
            return made

        return Pages(ep.GALLERY_COMMENTS, make, {"id": self._identity, "sort": sort},
                     limit=limit, paged=False)

    @action
    def get_comment_ids(self) -> Plan[list[int]]:
        """The ids of every comment on this post.  Costs 1 request.

        Items of Imgur's list that are not a comment id (see
        :func:`comment_number`) are skipped.
        """
        data = yield call(ep.GALLERY_COMMENT_IDS, id=self._identity)
        if not isinstance(data, list):
            raise InvalidResponse(
                f"expected a list of comment ids, got {type(data).__name__}",
                method="GET",
                path="/" + ep.GALLERY_COMMENT_IDS.format(id=self._identity),
            )
        ids = (comment_number(item) for item in data)
        return [number for number in ids if number is not None]

    @action
    def get_comment_count(self) -> Plan[int]:
        """How many comments the post has, fresh from Imgur.  Costs 1 request.

        (The ``comment_count`` field holds the count that came with the post,
        at no cost.)  Also updates ``comment_count`` on this object.
        """
        data = yield call(ep.GALLERY_COMMENT_COUNT, id=self._identity)
        count = comment_number(data, zero=True)
        if count is None:
            raise InvalidResponse(
                f"expected a number of comments, got {_short(data)}",
                method="GET",
                path="/" + ep.GALLERY_COMMENT_COUNT.format(id=self._identity),
            )
        keep(self, comment_count=count)
        return count
