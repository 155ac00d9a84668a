"""Custom galleries and filtered tags (imgur-api.md 4.8, the 2014 variant; legacy)."""

from __future__ import annotations

from typing import Any

from ... import endpoints as ep
from .. import render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common
from .gallery import main_posts


def _gallery_or_404(ctx: Ctx) -> state.CustomGallery:
    found = ctx.world.custom_galleries.get(ctx.param("id"))
    if found is None or found.owner != ctx.me().url:
        raise ApiError(404, f"Unable to find the custom gallery {ctx.param('id')}")
    return found


def _json(ctx: Ctx, gallery: state.CustomGallery, items: list[state.Post]) -> Any:
    posts = [p for p in main_posts(ctx) if any(t in p.tags for t in gallery.tags)]
    return {
        "id": gallery.id,
        "name": gallery.name,
        "datetime": gallery.datetime,
        "account_url": gallery.owner,
        "link": f"{ctx.view.site}g/{gallery.id}",
        "tags": list(gallery.tags),
        "item_count": len(posts),
        "items": [render.gallery_item(ctx.view, p, with_images=False) for p in items],
    }


def _tags(ctx: Ctx, required: bool = True) -> list[str]:
    tags = ctx.req.values("tags")
    if not tags and required:
        raise ApiError(400, "The tags parameter is required")
    return [t.lower() for t in tags or []]


@route(ep.CUSTOM_GALLERIES, legacy=True)
def custom_galleries(ctx: Ctx) -> Any:
    me = ctx.me()
    return [_json(ctx, g, []) for g in ctx.world.custom_galleries.values() if g.owner == me.url]


@route(ep.CUSTOM_GALLERY_CREATE, legacy=True)
def create(ctx: Ctx) -> Any:
    me = ctx.me()
    name = ctx.req.value("name")
    if not name:
        raise ApiError(400, "The name parameter is required")
    gallery = state.CustomGallery(
        id=ctx.world.token(7), owner=me.url, name=name, tags=_tags(ctx, False), datetime=ctx.now
    )
    ctx.world.custom_galleries[gallery.id] = gallery
    return {"id": gallery.id}


@route(ep.CUSTOM_GALLERY, legacy=True)
def custom_gallery(ctx: Ctx) -> Any:
    gallery = _gallery_or_404(ctx)
    posts = [p for p in main_posts(ctx) if any(t in p.tags for t in gallery.tags)]
    posts = [p for p in posts if common.in_window(p, ctx.param("window"), ctx.now)]
    chosen = ctx.paginate(common.sort_posts(posts, ctx.param("sort")), common.GALLERY_PAGE)
    return _json(ctx, gallery, chosen)


@route(ep.CUSTOM_GALLERY_UPDATE, legacy=True)
def update(ctx: Ctx) -> Any:
    gallery = _gallery_or_404(ctx)
    name = ctx.req.value("name")
    if name:
        gallery.name = name
    return True


@route(ep.CUSTOM_GALLERY_ADD_TAGS, legacy=True)
def add_tags(ctx: Ctx) -> Any:
    gallery = _gallery_or_404(ctx)
    gallery.tags.extend(t for t in _tags(ctx) if t not in gallery.tags)
    return True


@route(ep.CUSTOM_GALLERY_REMOVE_TAGS, legacy=True)
def remove_tags(ctx: Ctx) -> Any:
    gallery = _gallery_or_404(ctx)
    gone = set(_tags(ctx))
    gallery.tags = [t for t in gallery.tags if t not in gone]
    return True


@route(ep.CUSTOM_GALLERY_DELETE, legacy=True)
def delete(ctx: Ctx) -> Any:
    gallery = _gallery_or_404(ctx)
    del ctx.world.custom_galleries[gallery.id]
    return True


@route(ep.FILTERED_OUT_TAGS, legacy=True)
def filtered_out(ctx: Ctx) -> Any:
    me = ctx.me()
    tags = sorted(me.filtered_tags)
    posts = [p for p in ctx.world.posts.values() if any(t in p.tags for t in tags)]
    return {
        "account_url": me.url,
        "link": f"{ctx.view.site}g/filtered",
        "tags": tags,
        "item_count": len(posts),
        "items": [render.gallery_item(ctx.view, p, with_images=False)
                  for p in common.sort_posts(posts, "time")[: common.GALLERY_PAGE]],
    }


def _tag_param(ctx: Ctx) -> str:
    tag = ctx.req.value("tag")
    if not tag:
        raise ApiError(400, "The tag parameter is required")
    return tag.lower()


@route(ep.BLOCK_TAG, legacy=True)
def block_tag(ctx: Ctx) -> Any:
    ctx.me().filtered_tags.add(_tag_param(ctx))
    return True


@route(ep.UNBLOCK_TAG, legacy=True)
def unblock_tag(ctx: Ctx) -> Any:
    ctx.me().filtered_tags.discard(_tag_param(ctx))
    return True
