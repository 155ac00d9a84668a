"""The scenarios of issues 9 and 18, each written twice: with pyimgur and by hand
(issue 16's async scenarios, 13 to 16, are in ``async_scenarios.py``).

A scenario's two functions take a :class:`~harness.Ctx` and return what they
read (titles, reputations, file sizes...): the runner checks that both
answers are equal, so the plain version does the same work as pyimgur.

* ``wall`` scenarios are timed from the outside, whole (client creation
  included, so a fresh session and a fresh pyimgur cache every time);
* ``micro`` scenarios (4 and 7) need no network and time a loop themselves;
  they return ``{"result", "per_op_s", "requests"}``.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Optional

from harness import MB, TIMEOUT, Ctx, Sizes
from requests_toolbelt import MultipartEncoder  # type: ignore[import-untyped]

CHUNK = 64 * 1024  # pyimgur's download chunk


@dataclass(frozen=True)
class Scenario:
    number: int
    title: str
    #: ``wall``, ``download``, ``upload`` (timed whole) or ``micro`` (times itself)
    kind: str
    minimum: Callable[[Sizes], int]
    pyimgur: Callable[[Ctx], Any]
    plain: Callable[[Ctx], Any]
    #: what ``minimum`` is made of, for the table and the docs
    why: str = ""
    #: runs only when ``pyimgur.AsyncImgur`` is available (issue 16)
    needs_async: bool = False
    #: the latency (ms) the sandbox adds while this scenario runs, instead of ``--latency``
    latency_ms: Optional[Callable[[Sizes], float]] = None
    #: the run modes that include this scenario
    modes: tuple[str, ...] = ("full", "quick", "tiny")

    @property
    def network(self) -> bool:
        return self.kind != "micro"


# -- 1. 200 images, each title -------------------------------------------------------
def images_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()
    return [im.get_image(image_id).title for image_id in ctx.fx["images"]]


def images_plain(ctx: Ctx) -> Any:
    session = ctx.session()
    return [ctx.get(session, f"3/image/{image_id}")["title"] for image_id in ctx.fx["images"]]


# -- 2. 120 gallery posts, each author's reputation ----------------------------------------
GALLERY = {"section": "user", "sort": "time"}


def gallery_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()
    posts = im.get_gallery(**GALLERY, limit=ctx.sizes.gallery_items)
    return [(post.id, post.author.reputation) for post in posts]


def gallery_plain(ctx: Ctx) -> Any:
    session = ctx.session()
    wanted = ctx.sizes.gallery_items
    posts: list[dict[str, Any]] = []
    page = 0
    while len(posts) < wanted:
        items = ctx.get(session, f"3/gallery/user/time/day/{page}", showViral="true")
        if not items:
            break
        posts.extend(items)
        page += 1
    reputations: dict[str, Any] = {}
    answer = []
    for post in posts[:wanted]:
        name = post["account_url"]
        if name not in reputations:
            reputations[name] = ctx.get(session, f"3/account/{name}")["reputation"]
        answer.append((post["id"], reputations[name]))
    return answer


# -- 3. an album of 50, each image's title ----------------------------------------------
def album_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()
    return [image.title for image in im.get_album(ctx.fx["album"]).images]


def album_plain(ctx: Ctx) -> Any:
    session = ctx.session()
    return [image["title"] for image in ctx.get(session, f"3/album/{ctx.fx['album']}")["images"]]


# -- 4. hasattr(image, 'typo'), fetched and not ------------------------------------------
class Trivial:
    """A class with nothing special: the floor for attribute look-ups and setting."""

    def __init__(self, data: Optional[dict[str, Any]] = None) -> None:
        for key, value in (data or {}).items():
            setattr(self, key, value)


def _hasattr_loop(ctx: Ctx, first: Any, second: Any) -> dict[str, Any]:
    before = ctx.server_count() if ctx.server_count else None
    hits = ctx.hits
    loops = ctx.sizes.hasattr_loops
    found = False
    started = time.perf_counter()
    for _ in range(loops):
        found = found or hasattr(first, "typo") or hasattr(second, "typo")
    elapsed = time.perf_counter() - started
    after = ctx.server_count() if ctx.server_count else None
    return {
        "result": found,
        "per_op_s": elapsed / (2 * loops),
        "requests": None if before is None or after is None else after - before,
        "client_requests": ctx.hits - hits,
    }


def hasattr_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()
    fetched = im.get_image(ctx.fx["images"][0], fetch=True)  # setup: 1 request, not counted
    unfetched = im.get_image(ctx.fx["images"][1])
    result = _hasattr_loop(ctx, fetched, unfetched)
    result["still_unfetched"] = not unfetched.__dict__["_has_fetched"]
    return result


def hasattr_plain(ctx: Ctx) -> Any:
    return _hasattr_loop(ctx, Trivial({"title": "x"}), Trivial())


# -- 5. download 20 files of 2 MB ----------------------------------------------------------
def _fresh_dir(ctx: Ctx, name: str) -> str:
    folder = os.path.join(ctx.workdir, name)
    os.makedirs(folder, exist_ok=True)
    for entry in os.listdir(folder):
        os.unlink(os.path.join(folder, entry))
    return folder


def download_pyimgur(ctx: Ctx) -> Any:
    folder = _fresh_dir(ctx, "pyimgur-downloads")
    im = ctx.imgur()
    paths = [image.download(path=folder, overwrite=True)
             for image in im.get_album(ctx.fx["big_album"]).images]
    return [os.path.getsize(path) for path in paths]


def download_plain(ctx: Ctx) -> Any:
    folder = _fresh_dir(ctx, "plain-downloads")
    session = ctx.session()
    sizes = []
    for image in ctx.get(session, f"3/album/{ctx.fx['big_album']}")["images"]:
        path = os.path.join(folder, image["id"] + ".png")
        with session.get(image["link"], stream=True, timeout=TIMEOUT,
                         verify=ctx.verify) as response:
            response.raise_for_status()
            with open(path, "wb") as out:
                for chunk in response.iter_content(CHUNK):
                    out.write(chunk)
        sizes.append(os.path.getsize(path))
    return sizes


# -- 6. upload a 20 MB image and a 200 MB video from disk -------------------------------------
#: a PNG signature and IHDR of 1024 x 768 (what the sandbox sniffs)
PNG_HEAD = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
            b"\x00\x00\x04\x00\x00\x00\x03\x00\x08\x02\x00\x00\x00")
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def upload_files(workdir: str, sizes: Sizes) -> tuple[str, str]:
    """The two files to upload: a real header, then a hole (sparse files, no disk used)."""
    made = []
    for name, head, size in (("upload.png", PNG_HEAD, sizes.upload_image_bytes),
                             ("upload.mp4", MP4_HEAD, sizes.upload_video_bytes)):
        path = os.path.join(workdir, name)
        if not (os.path.exists(path) and os.path.getsize(path) == size):
            with open(path, "wb") as out:
                out.write(head)
                out.truncate(size)
        made.append(path)
    return made[0], made[1]


def upload_pyimgur(ctx: Ctx) -> Any:
    image_path, video_path = upload_files(ctx.workdir, ctx.sizes)
    im = ctx.imgur()
    image = im.upload_image(image_path, title="bench image")
    video = im.upload_image(video_path, title="bench video")
    return [(image.type, image.size), (video.type, video.size)]


def upload_plain(ctx: Ctx) -> Any:
    image_path, video_path = upload_files(ctx.workdir, ctx.sizes)
    session = ctx.session()
    answer = []
    for field, path, mime, title in (("image", image_path, "image/png", "bench image"),
                                     ("video", video_path, "video/mp4", "bench video")):
        with open(path, "rb") as handle:
            body = MultipartEncoder(fields=[
                (field, (os.path.basename(path), handle, mime)),
                ("type", "file"),
                ("title", title),
            ])
            response = session.post(ctx.url + "3/image", data=body, timeout=TIMEOUT,
                                    verify=ctx.verify,
                                    headers={"Content-Type": body.content_type})
        response.raise_for_status()
        data = response.json()["data"]
        answer.append((data["type"], data["size"]))
    return answer


# -- 7. a 100-post gallery page into objects ---------------------------------------------------
def _convert_loop(ctx: Ctx, make: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    page = ctx.fx["page"]
    best = float("inf")
    objects: list[Any] = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(ctx.sizes.parse_loops):
            objects = [make(item) for item in page]
        best = min(best, time.perf_counter() - started)
    return {
        "result": [getattr(obj, "title", None) for obj in objects],
        "per_op_s": best / (ctx.sizes.parse_loops * len(page)),
        "requests": 0,
        "client_requests": 0,
    }


def convert_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()  # what a gallery Listing calls for every post of a page
    before = ctx.hits
    result = _convert_loop(ctx, im._make_gallery_item)
    result["client_requests"] = ctx.hits - before
    result["requests"] = result["client_requests"]
    return result


def convert_plain(ctx: Ctx) -> Any:
    return _convert_loop(ctx, Trivial)


# -- 8-12. many objects at once (issue 18) -------------------------------------------------
ALBUM_WORKERS = 4
LOAD_WORKERS = 8


def _plain_file(ctx: Ctx, session: Any, link: str, path: str) -> int:
    with session.get(link, stream=True, timeout=TIMEOUT, verify=ctx.verify) as response:
        response.raise_for_status()
        with open(path, "wb") as out:
            for chunk in response.iter_content(CHUNK):
                out.write(chunk)
    return os.path.getsize(path)


def album_workers_pyimgur(ctx: Ctx, album_key: str = "big_album") -> Any:
    folder = _fresh_dir(ctx, os.path.join("pyimgur-album", "album"))
    im = ctx.imgur()
    album = im.get_album(ctx.fx[album_key])
    paths = album.download(os.path.dirname(folder), name="album", overwrite=True,
                           workers=ALBUM_WORKERS)
    return [os.path.getsize(path) for path in paths]


def album_threads_plain(ctx: Ctx, album_key: str = "big_album") -> Any:
    """What a careful script does by hand: one Session, a pool of 4 threads."""
    folder = _fresh_dir(ctx, "plain-album")
    session = ctx.session()
    images = ctx.get(session, f"3/album/{ctx.fx[album_key]}")["images"]
    with ThreadPoolExecutor(ALBUM_WORKERS) as pool:
        return list(pool.map(
            lambda pair: _plain_file(ctx, session, pair[1]["link"],
                                     os.path.join(folder, f"{pair[0]:03d}.png")),
            enumerate(images)))


def load_all_pyimgur(ctx: Ctx) -> Any:
    im = ctx.imgur()
    images = im.load_all([im.get_image(i) for i in ctx.fx["images"]], workers=LOAD_WORKERS)
    return [image.title for image in images]


def parallel_pyimgur(ctx: Ctx) -> Any:
    return album_workers_pyimgur(ctx, "huge_album")


def parallel_plain(ctx: Ctx) -> Any:
    return album_threads_plain(ctx, "huge_album")


def parallel_upload_file(workdir: str, sizes: Sizes) -> str:
    """The file scenario 12 uploads 4 times at once (a sparse MP4)."""
    path = os.path.join(workdir, "parallel.mp4")
    if not (os.path.exists(path) and os.path.getsize(path) == sizes.parallel_bytes):
        with open(path, "wb") as out:
            out.write(MP4_HEAD)
            out.truncate(sizes.parallel_bytes)
    return path


def parallel_uploads_pyimgur(ctx: Ctx) -> Any:
    path = parallel_upload_file(ctx.workdir, ctx.sizes)
    im = ctx.imgur()
    done = im.upload_images([path] * ctx.sizes.parallel_files, workers=ALBUM_WORKERS)
    return [(image.type, image.size) for image in done.images]


def parallel_uploads_plain(ctx: Ctx) -> Any:
    path = parallel_upload_file(ctx.workdir, ctx.sizes)
    session = ctx.session()

    def one(_: int) -> tuple[str, int]:
        with open(path, "rb") as handle:
            body = MultipartEncoder(fields=[
                ("video", (os.path.basename(path), handle, "video/mp4")), ("type", "file")])
            response = session.post(ctx.url + "3/image", data=body, timeout=TIMEOUT,
                                    verify=ctx.verify,
                                    headers={"Content-Type": body.content_type})
        response.raise_for_status()
        data = response.json()["data"]
        return data["type"], data["size"]

    with ThreadPoolExecutor(ALBUM_WORKERS) as pool:
        return list(pool.map(one, range(ctx.sizes.parallel_files)))


SCENARIOS = [
    Scenario(1, "get images, read each title", "wall", lambda s: s.images,
             images_pyimgur, images_plain, "1 per image"),
    Scenario(2, "gallery posts, each author's reputation", "wall",
             lambda s: -(-s.gallery_items // 60) + s.gallery_authors,
             gallery_pyimgur, gallery_plain, "pages of 60 + 1 per distinct author"),
    Scenario(3, "album of 50, each image's title", "wall", lambda s: 1,
             album_pyimgur, album_plain, "the album (its images come with it)"),
    Scenario(4, "hasattr(image, 'typo'), fetched and unfetched", "micro", lambda s: 0,
             hasattr_pyimgur, hasattr_plain, "none"),
    Scenario(5, "download images from an album", "download", lambda s: s.downloads + 1,
             download_pyimgur, download_plain, "1 per file + the album (links unknown)"),
    Scenario(6, "upload an image and a video from disk", "upload", lambda s: 2,
             upload_pyimgur, upload_plain, "1 per upload"),
    Scenario(7, "gallery page of 100 posts into objects", "micro", lambda s: 0,
             convert_pyimgur, convert_plain, "none"),
    Scenario(8, "album download, workers=4, vs sequential", "wall",
             lambda s: s.downloads + 1, album_workers_pyimgur, download_plain,
             "1 per file + the album"),
    Scenario(9, "album download, workers=4, vs 4 threads by hand", "wall",
             lambda s: s.downloads + 1, album_workers_pyimgur, album_threads_plain,
             "1 per file + the album"),
    Scenario(10, "lazy images, load_all(workers=8), vs sequential", "wall",
             lambda s: s.images, load_all_pyimgur, images_plain, "1 per image"),
    Scenario(11, "4 big downloads at once", "download",
             lambda s: s.parallel_files + 1, parallel_pyimgur, parallel_plain,
             "1 per file + the album"),
    Scenario(12, "4 big uploads at once", "upload",
             lambda s: s.parallel_files, parallel_uploads_pyimgur, parallel_uploads_plain,
             "1 per upload"),
]
BY_NUMBER = {scenario.number: scenario for scenario in SCENARIOS}


def describe(scenario: Scenario, sizes: Sizes) -> str:
    """The scenario's title with this run's sizes."""
    if scenario.number == 1:
        return f"get {sizes.images} images, read each title"
    if scenario.number == 2:
        return (f"{sizes.gallery_items} gallery posts, author reputations "
                f"({sizes.gallery_authors} authors)")
    if scenario.number == 3:
        return f"album of {sizes.album_images}, each image's title"
    if scenario.number == 5:
        return f"download {sizes.downloads} x {sizes.download_bytes / MB:g} MB"
    if scenario.number == 6:
        return (f"upload {sizes.upload_image_bytes / MB:g} MB image + "
                f"{sizes.upload_video_bytes / MB:g} MB video")
    if scenario.number == 7:
        return f"{sizes.parse_items} gallery posts into objects"
    if scenario.number in (8, 9):
        rival = "sequential" if scenario.number == 8 else "4 threads by hand"
        return (f"album of {sizes.downloads} x {sizes.download_bytes / MB:g} MB, "
                f"workers=4, vs {rival}")
    if scenario.number == 10:
        return f"{sizes.images} lazy images, load_all(workers=8), vs sequential"
    if scenario.number in (11, 12):
        verb = "downloads" if scenario.number == 11 else "uploads"
        return (f"{sizes.parallel_files} x {sizes.parallel_bytes / MB:g} MB {verb} at once "
                "vs 4 threads by hand")
    if scenario.number == 13:
        return (f"{sizes.concurrent_images} images at once vs one by one, "
                f"+{sizes.concurrent_latency_ms:g} ms each (AsyncImgur)")
    if scenario.number == 14:
        return f"get {sizes.images} images, AsyncImgur vs httpx.AsyncClient"
    if scenario.number == 15:
        return (f"download {sizes.downloads} x {sizes.download_bytes / MB:g} MB, "
                "AsyncImgur vs httpx.AsyncClient")
    if scenario.number == 16:
        return (f"upload {sizes.upload_video_bytes / MB:g} MB video, "
                "AsyncImgur vs httpx.AsyncClient")
    return scenario.title
