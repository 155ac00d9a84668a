"""Comment routes (imgur-api.md 4.4) and the comments of a gallery post (4.5)."""

from __future__ import annotations

from typing import Any, Optional

from ... import endpoints as ep
from .. import build, render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

MAX_COMMENT = 1000


def _create(ctx: Ctx, post_id: Optional[str], parent_id: int) -> Any:
    me = ctx.me()
    text = ctx.req.value("comment")
    if text is None or not text.strip():
        raise ApiError(400, "The comment parameter is required")
    if len(text) > MAX_COMMENT:
        raise ApiError(400, f"Comments may be at most {MAX_COMMENT} characters")
    parent: Optional[state.Comment] = None
    if parent_id:
        parent = common.comment_or_404(ctx, str(parent_id))
        if post_id is not None and parent.image_id != post_id:
            raise ApiError(400, "The parent comment is on another post")
        post_id = parent.image_id
    if not post_id:
        raise ApiError(400, "The image_id parameter is required")
    common.post_or_404(ctx, post_id)
    comment = build.add_comment(
        ctx.world, post_id, me.url, text, ctx.now, parent_id=parent.id if parent else 0
    )
    return {"id": comment.id}


@route(ep.COMMENT)
def get_comment(ctx: Ctx) -> Any:
    return render.comment(ctx.view, common.comment_or_404(ctx, ctx.param("id")))


@route(ep.COMMENT_REPLIES)
def get_replies(ctx: Ctx) -> Any:
    return render.comment(ctx.view, common.comment_or_404(ctx, ctx.param("id")))


@route(ep.COMMENT_CREATE)
def create_comment(ctx: Ctx) -> Any:
    parent = ctx.req.value("parent_id") or "0"
    try:
        parent_id = int(parent)
    except ValueError:
        raise ApiError(400, f"Invalid parent_id '{parent}'") from None
    return _create(ctx, ctx.req.value("image_id"), parent_id)


@route(ep.COMMENT_REPLY)
def reply(ctx: Ctx) -> Any:
    parent = common.comment_or_404(ctx, ctx.param("id"))
    return _create(ctx, ctx.req.value("image_id") or parent.image_id, parent.id)


@route(ep.COMMENT_DELETE)
def delete_comment(ctx: Ctx) -> Any:
    comment = common.comment_or_404(ctx, ctx.param("id"))
    if comment.deleted:
        raise ApiError(404, f"Unable to find a comment with the id, {comment.id}")
    if comment.author != ctx.me().url:
        raise ApiError(403, "Permission denied")
    comment.deleted = True
    return True


@route(ep.COMMENT_VOTE)
def vote_comment(ctx: Ctx) -> Any:
    comment = common.comment_or_404(ctx, ctx.param("id"))
    common.toggle_vote(comment.votes, ctx.me().url, ctx.param("vote"))
    return True


@route(ep.COMMENT_REPORT)
def report_comment(ctx: Ctx) -> Any:
    comment = common.comment_or_404(ctx, ctx.param("id"))
    ctx.me()
    common.report_reason(ctx)
    comment.reports += 1
    return True


# -- the comments of a gallery post ------------------------------------------------------
def _post_comments(ctx: Ctx, post_id: str) -> list[state.Comment]:
    common.post_or_404(ctx, post_id)
    return [
        c for c in ctx.world.comments.values()
        if c.image_id == post_id and render.visible(ctx.world, c)
    ]


@route(ep.GALLERY_COMMENTS)
def gallery_comments(ctx: Ctx) -> Any:
    sort = ctx.param("sort")
    if sort not in ("best", "top", "new"):
        raise ApiError(400, f"Invalid sort '{sort}': use best, top or new")
    top = [c for c in _post_comments(ctx, ctx.param("id")) if c.parent_id == 0]
    return [render.comment(ctx.view, c) for c in common.comment_sort(top, sort)]


@route(ep.GALLERY_COMMENT)
def gallery_comment(ctx: Ctx) -> Any:
    common.post_or_404(ctx, ctx.param("id"))
    comment = common.comment_or_404(ctx, ctx.param("comment_id"))
    if comment.image_id != ctx.param("id"):
        raise ApiError(404, f"Unable to find a comment with the id, {comment.id}")
    return render.comment(ctx.view, comment)


@route(ep.GALLERY_COMMENT_CREATE)
def gallery_comment_create(ctx: Ctx) -> Any:
    return _create(ctx, ctx.param("id"), 0)


@route(ep.GALLERY_COMMENT_REPLY)
def gallery_comment_reply(ctx: Ctx) -> Any:
    try:
        parent_id = int(ctx.param("parent_id"))
    except ValueError:
        raise ApiError(404, "Unable to find the parent comment") from None
    return _create(ctx, ctx.param("id"), parent_id)


@route(ep.GALLERY_COMMENT_IDS)
def gallery_comment_ids(ctx: Ctx) -> Any:
    return sorted(c.id for c in _post_comments(ctx, ctx.param("id")) if not c.deleted)


@route(ep.GALLERY_COMMENT_COUNT)
def gallery_comment_count(ctx: Ctx) -> Any:
    return sum(1 for c in _post_comments(ctx, ctx.param("id")) if not c.deleted)
