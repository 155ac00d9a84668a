"""An account's albums, images and comments (imgur-api.md 4.1): lists, ids, counts, deletes."""

from __future__ import annotations

from typing import Any

from ... import endpoints as ep
from .. import render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

COMMENT_SORTS = ("best", "worst", "oldest", "newest")


# -- albums ------------------------------------------------------------------------------------
def _albums(ctx: Ctx) -> list[state.Album]:
    acc = ctx.account()
    mine = ctx.viewer == acc.url
    albums = [a for a in ctx.world.albums.values()
              if a.owner == acc.url and (mine or a.privacy == "public")]
    return sorted(albums, key=lambda a: (-a.datetime, a.id))


@route(ep.ACCOUNT_ALBUMS)
def albums(ctx: Ctx) -> Any:
    chosen = ctx.paginate(_albums(ctx), ctx.per_page())
    return [render.album(ctx.view, a, with_images=False) for a in chosen]


@route(ep.ACCOUNT_ALBUM)
def album(ctx: Ctx) -> Any:
    acc = ctx.account()
    found = common.album_or_404(ctx, ctx.param("id"))
    if found.owner != acc.url:
        raise ApiError(404, f"Unable to find an album with the id, {found.id}")
    return render.album(ctx.view, found)


@route(ep.ACCOUNT_ALBUM_IDS)
def album_ids(ctx: Ctx) -> Any:
    return [a.id for a in ctx.paginate(_albums(ctx), ctx.per_page())]


@route(ep.ACCOUNT_ALBUM_COUNT)
def album_count(ctx: Ctx) -> Any:
    return len(_albums(ctx))


@route(ep.ACCOUNT_ALBUM_DELETE)
def album_delete(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    found = ctx.world.albums.get(ctx.param("id")) or ctx.world.album_by_hash(ctx.param("id"))
    if found is None or found.owner != acc.url:
        raise ApiError(404, f"Unable to find an album with the id, {ctx.param('id')}")
    common.remove_album(ctx.world, found)
    return True


# -- comments ----------------------------------------------------------------------------------
def _comments(ctx: Ctx) -> list[state.Comment]:
    acc = ctx.account()
    sort = ctx.params.get("sort", "newest")
    if sort not in COMMENT_SORTS:
        raise ApiError(400, f"Invalid sort '{sort}': use best, worst, oldest or newest")
    found = [c for c in ctx.world.comments.values() if c.author == acc.url and not c.deleted]
    return common.comment_sort(found, sort)


@route(ep.ACCOUNT_COMMENTS)
def comments(ctx: Ctx) -> Any:
    chosen = ctx.paginate(_comments(ctx), common.ACCOUNT_PAGE)
    return [render.comment(ctx.view, c) for c in chosen]


@route(ep.ACCOUNT_COMMENT)
def comment(ctx: Ctx) -> Any:
    acc = ctx.account()
    found = common.comment_or_404(ctx, ctx.param("id"))
    if found.author != acc.url or found.deleted:
        raise ApiError(404, f"Unable to find a comment with the id, {found.id}")
    return render.comment(ctx.view, found)


@route(ep.ACCOUNT_COMMENT_IDS)
def comment_ids(ctx: Ctx) -> Any:
    return [c.id for c in ctx.paginate(_comments(ctx), common.ACCOUNT_PAGE)]


@route(ep.ACCOUNT_COMMENT_COUNT)
def comment_count(ctx: Ctx) -> Any:
    ctx.params["sort"] = "newest"
    return len(_comments(ctx))


@route(ep.ACCOUNT_COMMENT_DELETE)
def comment_delete(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    found = common.comment_or_404(ctx, ctx.param("id"))
    if found.author != acc.url or found.deleted:
        raise ApiError(404, f"Unable to find a comment with the id, {found.id}")
    found.deleted = True
    return True


# -- images (the owner's only) -----------------------------------------------------------------
def _images(ctx: Ctx) -> list[state.Image]:
    acc = ctx.owner_only(ctx.account())
    found = [i for i in ctx.world.images.values() if i.owner == acc.url]
    return sorted(found, key=lambda i: (-i.datetime, i.id))


@route(ep.ACCOUNT_IMAGES)
def images(ctx: Ctx) -> Any:
    return [render.image(ctx.view, i) for i in ctx.paginate(_images(ctx), ctx.per_page())]


@route(ep.ACCOUNT_IMAGE)
def image(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    found = common.image_or_404(ctx, ctx.param("id"))
    if found.owner != acc.url:
        raise ApiError(404, f"Unable to find an image with the id, {found.id}")
    return render.image(ctx.view, found)


@route(ep.ACCOUNT_IMAGE_IDS)
def image_ids(ctx: Ctx) -> Any:
    return [i.id for i in ctx.paginate(_images(ctx), ctx.per_page())]


@route(ep.ACCOUNT_IMAGE_COUNT)
def image_count(ctx: Ctx) -> Any:
    return len(_images(ctx))


@route(ep.ACCOUNT_IMAGE_DELETE)
def image_delete(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    found = ctx.world.image_by_hash(ctx.param("deletehash"))
    if found is None or found.owner != acc.url:
        raise ApiError(404, "Unable to find an image with that deletehash")
    common.remove_image(ctx.world, found)
    return True
