"""Album routes (imgur-api.md 4.2): anonymous albums are edited through their deletehash."""

from __future__ import annotations

from typing import Any

from ... import endpoints as ep
from .. import build, render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

PRIVACY = ("public", "hidden", "secret", "private")
LAYOUTS = ("blog", "grid", "horizontal", "vertical")
_FORM_REFUSED = (
    "Album creation no longer accepts application/x-www-form-urlencoded bodies: "
    "send JSON or multipart/form-data"
)


@route(ep.ALBUM)
def get_album(ctx: Ctx) -> Any:
    return render.album(ctx.view, common.album_or_404(ctx, ctx.param("id")))


@route(ep.ALBUM_IMAGES)
def album_images(ctx: Ctx) -> Any:
    album = common.album_or_404(ctx, ctx.param("id"))
    return [render.image(ctx.view, ctx.world.images[i]) for i in album.images
            if i in ctx.world.images]


@route(ep.ALBUM_IMAGE)
def album_image(ctx: Ctx) -> Any:
    album = common.album_or_404(ctx, ctx.param("id"))
    image_id = ctx.param("image_id")
    if image_id not in album.images:
        raise ApiError(404, f"Unable to find an image with the id, {image_id}")
    return render.image(ctx.view, common.image_or_404(ctx, image_id))


def _apply_fields(ctx: Ctx, album: state.Album) -> None:
    req = ctx.req
    for key in ("title", "description"):
        value = req.value(key)
        if value is not None:
            setattr(album, key, value)
    privacy = req.value("privacy")
    if privacy is not None:
        if privacy not in PRIVACY:
            raise ApiError(400, f"Invalid privacy '{privacy}'")
        album.privacy = privacy
    layout = req.value("layout")
    if layout is not None:
        if layout not in LAYOUTS:
            raise ApiError(400, f"Invalid layout '{layout}'")
        album.layout = layout
    cover = req.value("cover")
    if cover:
        image = ctx.world.images.get(cover) or ctx.world.image_by_hash(cover)
        if image is None:
            raise ApiError(400, f"Invalid cover image '{cover}'")
        album.cover = image.id


@route(ep.ALBUM_CREATE)
def create_album(ctx: Ctx) -> Any:
    if ctx.req.body_kind == "form":
        raise ApiError(400, _FORM_REFUSED)
    if ctx.req.body_kind == "bad-json":
        raise ApiError(400, "Invalid JSON body")
    album = build.add_album(ctx.world, ctx.now, owner=ctx.viewer)
    try:
        _apply_fields(ctx, album)
        images = common.images_for_album(ctx, album.id)
    except ApiError:
        del ctx.world.albums[album.id]
        raise
    album.images = images or []
    return {"id": album.id, "deletehash": album.deletehash}


def _update(ctx: Ctx) -> Any:
    album = common.editable_album(ctx, ctx.param("id"), adding=ctx.req.values("ids") is not None)
    _apply_fields(ctx, album)
    images = common.images_for_album(ctx, album.id)
    if images is not None:
        album.images = images
        if album.cover not in images:
            album.cover = None
    return True


@route(ep.ALBUM_UPDATE)
def update_album(ctx: Ctx) -> Any:
    return _update(ctx)


@route(ep.ALBUM_SET_IMAGES)
def set_album_images(ctx: Ctx) -> Any:
    return _update(ctx)


@route(ep.ALBUM_ADD_IMAGES)
def add_album_images(ctx: Ctx) -> Any:
    album = common.editable_album(ctx, ctx.param("id"), adding=True)
    images = common.images_for_album(ctx, album.id) or []
    album.images.extend(i for i in images if i not in album.images)
    return True


@route(ep.ALBUM_REMOVE_IMAGES)
def remove_album_images(ctx: Ctx) -> Any:
    album = common.editable_album(ctx, ctx.param("id"))
    ids = ctx.req.values("ids") or []
    for deletehash in ctx.req.values("deletehashes") or []:
        image = ctx.world.image_by_hash(deletehash)
        if image is not None:
            ids.append(image.id)
    album.images = [i for i in album.images if i not in ids]
    if album.cover in ids:
        album.cover = None
    return True


@route(ep.ALBUM_DELETE)
def delete_album(ctx: Ctx) -> Any:
    album = common.editable_album(ctx, ctx.param("id"))
    common.remove_album(ctx.world, album)
    return True


@route(ep.ALBUM_FAVORITE)
def favorite_album(ctx: Ctx) -> Any:
    album = common.album_or_404(ctx, ctx.param("id"))
    return common.toggle_favorite(ctx.me(), album.id, ctx.now)
