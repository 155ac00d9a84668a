"""The CDN (i.imgur.com): image bytes, thumbnails by size suffix, video renditions.

Paths arrive as ``cdn/{id}.{ext}`` or ``cdn/{id}{suffix}.{ext}`` (suffix one
of ``s b t m l h``).  GETs only, no credits, no ``Authorization`` needed.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Optional

from .. import media, state
from ..protocol import SandboxRequest, SandboxResponse

if TYPE_CHECKING:
    from ..fake import FakeImgur

_HEADERS = {"Server": "cat factory 1.0 (pyimgur sandbox CDN)", "Cache-Control": "public"}


def _not_found() -> SandboxResponse:
    return SandboxResponse(404, {**_HEADERS, "Content-Type": "text/html"},
                           b"<html><body><h1>404 Not Found</h1></body></html>")


def split(filename: str, world: state.World) -> tuple[Optional[state.Image], Optional[str], str]:
    """``(image, thumbnail suffix or None, extension)`` of a CDN file name."""
    stem, _, extension = filename.partition(".")
    image = world.images.get(stem)
    if image is not None:
        return image, None, extension
    if len(stem) > 1 and stem[-1] in media.THUMBNAILS:
        image = world.images.get(stem[:-1])
        if image is not None:
            return image, stem[-1], extension
    return None, None, extension


def serve(fake: FakeImgur, request: SandboxRequest) -> SandboxResponse:
    if request.method not in ("GET", "HEAD"):
        return SandboxResponse(405, {**_HEADERS, "Content-Type": "text/plain"}, b"")
    parts = request.path.split("/")[1:]
    if len(parts) >= 2 and parts[0] in ("user", "avatar"):
        body = media.png(32, 32, (120, 120, 120))
        return SandboxResponse(200, {**_HEADERS, "Content-Type": "image/png"}, body)
    if len(parts) != 1:
        return _not_found()
    image, suffix, extension = split(parts[0], fake.state)
    if image is None:
        return _not_found()
    if suffix is not None:
        body, kind = media.thumbnail(suffix, image.width, image.height), "image/png"
    elif extension in ("mp4", "gifv") and (image.is_video or image.mime == "image/gif"):
        body, kind = (image.data if image.is_video else media.mp4()), "video/mp4"
    elif extension == "m3u8" and image.is_video:
        playlist = f"#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:3.0,\n{image.id}.mp4\n#EXT-X-ENDLIST\n"
        body, kind = playlist.encode(), "application/vnd.apple.mpegurl"
    else:
        body, kind = image.data, image.mime
    etag = '"' + hashlib.md5(image.data, usedforsecurity=False).hexdigest() + '"'
    headers = {**_HEADERS, "Content-Type": kind, "ETag": etag}
    return SandboxResponse(200, headers, b"" if request.method == "HEAD" else body)
