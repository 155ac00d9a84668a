"""The scenarios of issue 16 (``pyimgur.AsyncImgur``), numbered on from issues 9 and 18 (1 to 12).

Each side is a plain function that runs one event loop (``asyncio.run``), so the
runner times, counts and measures memory exactly as for the sync scenarios:

* 13: 50 images loaded concurrently (``asyncio.gather``) with 20 ms added to every
  request, against the same 50 loaded one by one (both with ``AsyncImgur``);
* 14: per-request overhead, ``AsyncImgur`` against a plain ``httpx.AsyncClient``
  making the same calls one by one;
* 15: download a 20-file album with ``AsyncImgur`` (peak memory);
* 16: upload a 200 MB video from disk with ``AsyncImgur`` (peak memory).

Every AsyncImgur and httpx client is made inside the loop that uses it, and
counts the responses it receives (``Ctx.hits``) through an httpx event hook.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, Callable

import scenarios as issue9
from harness import Ctx
from scenarios import CHUNK, Scenario, _fresh_dir, upload_files

import pyimgur


def missing_async() -> str | None:
    """Why the async scenarios cannot run here, or None when they can."""
    try:
        pyimgur.AsyncImgur  # noqa: B018
    except (AttributeError, ImportError) as error:
        return f"pyimgur.AsyncImgur is not available ({type(error).__name__}: {error})"
    return None


def _in_a_loop(function: Callable[[Ctx], Any]) -> Callable[[Ctx], Any]:
    def run(ctx: Ctx) -> Any:
        return asyncio.run(function(ctx))

    run.__name__ = function.__name__
    return run


# -- 13. 50 images at once, +20 ms per request ------------------------------------------------
async def gathered(ctx: Ctx) -> Any:
    async with ctx.async_imgur() as im:
        ids = ctx.fx["images"][: ctx.sizes.concurrent_images]
        images = await asyncio.gather(*(im.get_image(image_id) for image_id in ids))
        return [image.title for image in images]


async def one_by_one(ctx: Ctx) -> Any:
    async with ctx.async_imgur() as im:
        ids = ctx.fx["images"][: ctx.sizes.concurrent_images]
        return [(await im.get_image(image_id)).title for image_id in ids]


# -- 14. per-request overhead against httpx --------------------------------------------------------
async def images_async(ctx: Ctx) -> Any:
    async with ctx.async_imgur() as im:
        return [(await im.get_image(image_id)).title for image_id in ctx.fx["images"]]


async def images_httpx(ctx: Ctx) -> Any:
    async with ctx.async_session() as http:
        titles = []
        for image_id in ctx.fx["images"]:
            response = await http.get(f"3/image/{image_id}")
            response.raise_for_status()
            titles.append(response.json()["data"]["title"])
        return titles


# -- 15. download a 20-file album -----------------------------------------------------------------
async def download_async(ctx: Ctx) -> Any:
    folder = _fresh_dir(ctx, "async-downloads")
    async with ctx.async_imgur() as im:
        album = await im.get_album(ctx.fx["big_album"])
        paths = [await image.download(path=folder, overwrite=True) for image in album.images]
    return [os.path.getsize(path) for path in paths]


async def download_httpx(ctx: Ctx) -> Any:
    folder = _fresh_dir(ctx, "httpx-downloads")
    sizes = []
    async with ctx.async_session() as http:
        album = await http.get(f"3/album/{ctx.fx['big_album']}")
        album.raise_for_status()
        for image in album.json()["data"]["images"]:
            path = os.path.join(folder, image["id"] + ".png")
            async with http.stream("GET", image["link"]) as response:
                response.raise_for_status()
                with open(path, "wb") as out:  # blocking writes: the baseline
                    async for chunk in response.aiter_bytes(CHUNK):
                        out.write(chunk)
            sizes.append(os.path.getsize(path))
    return sizes


# -- 16. upload a 200 MB video from disk ----------------------------------------------------
async def upload_async(ctx: Ctx) -> Any:
    _, video_path = upload_files(ctx.workdir, ctx.sizes)
    async with ctx.async_imgur() as im:
        video = await im.upload_image(video_path, title="bench video")
        return [video.type, video.size]


async def upload_httpx(ctx: Ctx) -> Any:
    _, video_path = upload_files(ctx.workdir, ctx.sizes)
    async with ctx.async_session() as http:
        with open(video_path, "rb") as handle:  # httpx reads it in chunks
            response = await http.post(
                "3/image", files={"video": (os.path.basename(video_path), handle, "video/mp4")},
                data={"type": "file", "title": "bench video"})
        response.raise_for_status()
        data = response.json()["data"]
        return [data["type"], data["size"]]


ASYNC_SCENARIOS = [
    Scenario(13, "images at once (gather) vs one by one, AsyncImgur", "wall",
             lambda s: s.concurrent_images, _in_a_loop(gathered), _in_a_loop(one_by_one),
             "1 per image", needs_async=True,
             latency_ms=lambda s: s.concurrent_latency_ms),
    Scenario(14, "get images one by one, AsyncImgur vs httpx.AsyncClient", "wall",
             lambda s: s.images, _in_a_loop(images_async), _in_a_loop(images_httpx),
             "1 per image", needs_async=True),
    Scenario(15, "download an album, AsyncImgur vs httpx.AsyncClient", "download",
             lambda s: s.downloads + 1, _in_a_loop(download_async), _in_a_loop(download_httpx),
             "1 per file + the album", needs_async=True, modes=("full", "tiny")),
    Scenario(16, "upload a video from disk, AsyncImgur vs httpx.AsyncClient", "upload",
             lambda s: 1, _in_a_loop(upload_async), _in_a_loop(upload_httpx),
             "1 upload", needs_async=True, modes=("full", "tiny")),
]

#: every scenario of the benchmark, sync and async
SCENARIOS = [*issue9.SCENARIOS, *ASYNC_SCENARIOS]
BY_NUMBER = {scenario.number: scenario for scenario in SCENARIOS}
