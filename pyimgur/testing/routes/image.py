"""Image routes (imgur-api.md 4.3): get, upload, update, delete, favorite."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ... import endpoints as ep
from .. import build, media, render
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

#: Imgur's alias of the upload endpoint
UPLOAD_ALIAS = ep.Endpoint("POST", "3/upload", cost=10)
MAX_IMAGE = 20 * 1024 * 1024
MAX_VIDEO = 200 * 1024 * 1024


@route(ep.IMAGE)
def get_image(ctx: Ctx) -> Any:
    image = common.image_or_404(ctx, ctx.param("id"))
    if image.processing_left:
        image.processing_left -= 1
    return render.image(ctx.view, image)


def _source(ctx: Ctx) -> tuple[bytes, str]:
    """The uploaded bytes and their file name, from a file, a URL or base64."""
    req = ctx.req
    upload = req.files.get("image") or req.files.get("video")
    if upload is not None:
        return upload.data, upload.filename or ""
    text = req.value("image") or req.value("video")
    if not text:
        raise ApiError(400, "No image data was sent to the upload api")
    kind = (req.value("type") or "").lower()
    if kind == "url" or (kind != "base64" and text.startswith(("http://", "https://"))):
        data = ctx.fake.fetch_url(text)
        if data is None:
            raise ApiError(400, "Invalid URL (" + text[:200] + ")", shape="nested", code=1003)
        return data, text.rsplit("/", 1)[-1].split("?")[0]
    try:
        return base64.b64decode(text, validate=False), ""
    except (binascii.Error, ValueError):
        raise ApiError(400, "File type invalid (1)", shape="nested", code=1003) from None


def _upload(ctx: Ctx) -> Any:
    if ctx.req.body_kind not in ("multipart", "form", "json", "raw"):
        raise ApiError(400, "No image data was sent to the upload api")
    data, filename = _source(ctx)
    if not data:
        raise ApiError(400, "No image data was sent to the upload api")
    info = media.sniff(data)
    if info is None:
        raise ApiError(400, "File type invalid (1)", shape="nested", code=1003)
    if len(data) > (MAX_VIDEO if info.is_video else MAX_IMAGE):
        raise ApiError(400, "File is over the size limit", shape="nested", code=1003)
    album = None
    album_key = ctx.req.value("album")
    if album_key:
        album = ctx.world.album_by_hash(album_key)
        if album is None:
            album = ctx.world.albums.get(album_key)
            if album is None:
                raise ApiError(404, f"Unable to find an album with the id, {album_key}")
            if album.owner is None or album.owner != ctx.viewer:
                raise ApiError(
                    400,
                    f"You are not the owner of album '{album_key}', which means you can't add "
                    "images to it. For anonymous albums, use the album deletehash.",
                )
    disable_audio = ctx.req.value("disable_audio") in ("1", "true")
    image = build.add_image(
        ctx.world,
        data,
        ctx.now,
        owner=ctx.viewer,
        title=ctx.req.value("title"),
        description=ctx.req.value("description"),
        name=ctx.req.value("name") or filename,
        processing_polls=ctx.fake.processing_polls,
        has_sound=False if disable_audio else None,
    )
    if album is not None:
        album.images.append(image.id)
    data_json = render.image(ctx.view, image)
    data_json["deletehash"] = image.deletehash
    data_json["name"] = image.name
    return data_json


@route(ep.IMAGE_UPLOAD)
def upload(ctx: Ctx) -> Any:
    return _upload(ctx)


@route(UPLOAD_ALIAS)
def upload_alias(ctx: Ctx) -> Any:
    return _upload(ctx)


@route(ep.IMAGE_UPDATE)
def update_image(ctx: Ctx) -> Any:
    image = common.editable_image(ctx, ctx.param("id"))
    for key in ("title", "description"):
        value = ctx.req.value(key)
        if value is not None:
            setattr(image, key, value)
            image.edited = True
    return True


@route(ep.IMAGE_DELETE)
def delete_image(ctx: Ctx) -> Any:
    image = common.editable_image(ctx, ctx.param("id"))
    common.remove_image(ctx.world, image)
    return True


@route(ep.IMAGE_FAVORITE)
def favorite_image(ctx: Ctx) -> Any:
    image = common.image_or_404(ctx, ctx.param("id"))
    return common.toggle_favorite(ctx.me(), image.id, ctx.now)
