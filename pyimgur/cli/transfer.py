"""``pyimgur download`` and ``pyimgur upload``."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping
from typing import Any

from ..download import check_folder
from ..models.album import Album
from ..models.base import loaded
from ..models.image import THUMBNAIL_SUFFIXES, Image
from .common import EXIT_OK, Context, UsageError
from .progress import Bar
from .show import resolve


def register(commands: Any) -> None:
    down: argparse.ArgumentParser = commands.add_parser(
        "download",
        help="save an image, or every image of an album or gallery post",
        description="Save the image at URL, or every image of the album or gallery "
        "post at URL (into a folder named after it). Prints each file's path.",
    )
    down.add_argument("target", metavar="URL", help="an imgur URL (or an image id)")
    down.add_argument(
        "--dest", metavar="DIR", default=".",
        help="where to save (default: .); created if missing",
    )
    down.add_argument(
        "--size",
        choices=sorted(THUMBNAIL_SUFFIXES),
        help="save this thumbnail instead of the original",
    )
    down.add_argument("--video", action="store_true", help="save the .mp4 of GIFs and videos")
    keep = down.add_mutually_exclusive_group()
    keep.add_argument("--overwrite", action="store_true", help="replace existing files")
    keep.add_argument(
        "--skip-existing",
        action="store_true",
        help="keep files already there (finish an interrupted album download)",
    )
    down.add_argument(
        "--workers",
        type=_workers,
        default=4,
        metavar="N",
        help="how many files of an album download at once (default: 4)",
    )
    down.set_defaults(run=run_download)

    up: argparse.ArgumentParser = commands.add_parser(
        "upload",
        help="upload files (or URLs) and print each link and deletehash",
        description="Upload each FILE (a path, or an http(s) URL Imgur fetches itself) and "
        "print its link and deletehash, in the order given (several are sent at once, "
        "none twice; an album is filled once they are all done). Each upload costs 10 "
        "credits.",
    )
    up.add_argument("files", metavar="FILE", nargs="+", help="a path or an http(s) URL")
    where = up.add_mutually_exclusive_group()
    where.add_argument(
        "--album",
        metavar="ID|DELETEHASH",
        help="add the uploads to this album (your album's id, or an anonymous "
        "album's deletehash)",
    )
    where.add_argument(
        "--new-album", metavar="TITLE", help="put the uploads in a new album with this title"
    )
    up.add_argument("--title", help="the title of each upload")
    up.add_argument("--description", help="the description of each upload")
    up.add_argument(
        "--workers",
        type=_workers,
        default=4,
        metavar="N",
        help="how many uploads are in flight at once (default: 4)",
    )
    up.add_argument("--json", action="store_true", help="print JSON instead of text")
    up.set_defaults(run=run_upload)


# -- download --------------------------------------------------------------------------------
def run_download(ctx: Context) -> int:
    args = ctx.args
    if args.size and args.video:
        raise UsageError("give --size or --video, not both (thumbnails are stills)")
    try:  # a missing --dest is created by the download, as the library does
        check_folder(args.dest)
    except NotADirectoryError as error:
        if os.path.abspath(error.filename) == os.path.abspath(args.dest):
            raise UsageError(f"--dest is not a folder: {args.dest}") from None
        raise UsageError(
            f"--dest {args.dest} cannot be a folder: {error.filename} is not a folder"
        ) from None
    im = ctx.imgur()
    target = resolve(im, args.target)
    options = {"overwrite": args.overwrite, "size": args.size, "prefer_video": args.video}
    if isinstance(target, Album):
        count = len(target.images or [])
        with Bar(ctx.stderr, f"album {target.id}") as bar:
            paths = target.download(
                args.dest,
                progress=bar.files,
                byte_progress=bar,
                workers=args.workers,
                skip_existing=args.skip_existing,
                **options,
            )
        for path in paths:
            ctx.out(path)
        if not count:
            ctx.err(f"pyimgur: album {target.id} has no images")
        return EXIT_OK
    if isinstance(target, Image):
        # a thumbnail gets its own name, so that it never clashes with the original
        name = f"{target.title or target.id} {args.size}" if args.size else None
        with Bar(ctx.stderr, str(target.id)) as bar:
            try:
                path = target.download(args.dest, name, progress=bar, **options)
            except FileExistsError as error:
                if not args.skip_existing or not error.filename:
                    raise
                path = str(error.filename)
        ctx.out(path)  # only once the bar is gone, so the two never share a line
        return EXIT_OK
    kind = type(target).__name__
    raise UsageError(f"{args.target} is a {kind}: only images, albums and gallery posts download")


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


# -- upload ----------------------------------------------------------------------------------
def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def run_upload(ctx: Context) -> int:
    args = ctx.args
    for name in args.files:
        if not _is_url(name) and not os.path.isfile(name):
            raise UsageError(f"no such file: {name}")
    im = ctx.imgur()
    done = im.upload_images(
        args.files,
        workers=args.workers,
        album=args.album,
        new_album=args.new_album,
        title=args.title,
        description=args.description,
        return_exceptions=True,
    )
    uploaded = [image for image in done.images if isinstance(image, Image)]
    from . import describe_error  # the one wording of every failure (imported late: a cycle)

    code = EXIT_OK
    for name, image in zip(args.files, done.images):
        if isinstance(image, Image):
            if not args.json:
                ctx.out(_line(loaded(image)))
            continue
        message, failed = describe_error(image)
        if message is None:
            raise image
        ctx.err(f"pyimgur: error: {message} ({name} not uploaded)")
        code = code or failed
    album = done.album if args.new_album is not None else None
    if args.json:
        report: dict[str, Any] = {"images": [_summary(loaded(i)) for i in uploaded]}
        if album is not None:
            report["album"] = _summary(loaded(album), album=True)
        ctx.out(json.dumps(report, indent=2))
    elif album is not None:
        ctx.out("album " + _line(loaded(album), album=True))
    return code


def _summary(state: Mapping[str, Any], album: bool = False) -> dict[str, Any]:
    """Id, link and deletehash from what is loaded (no request)."""
    link = state.get("link")
    if not link and album and state.get("id"):
        link = f"https://imgur.com/a/{state['id']}"
    return {"id": state.get("id"), "link": link, "deletehash": state.get("deletehash")}


def _line(state: Mapping[str, Any], album: bool = False) -> str:
    found = _summary(state, album)
    link = found["link"] or found["id"]
    hash_text = found["deletehash"] or "-"
    return f"{link}  deletehash: {hash_text}"
