"""``pyimgur gallery`` and ``pyimgur credits``."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from ..checks import WINDOWS
from ..models.base import peek
from .common import EXIT_OK, Context, print_json

SECTIONS = ("hot", "top", "user")
SORTS = ("viral", "top", "time", "rising")


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(commands: Any) -> None:
    gallery: argparse.ArgumentParser = commands.add_parser(
        "gallery",
        help="list gallery posts",
        description="List posts of the public gallery, one a line: id, kind, points, "
        "title and link. Costs 1 request per page of posts.",
    )
    gallery.add_argument("--section", choices=SECTIONS, default="hot", help="default: hot")
    gallery.add_argument("--sort", choices=SORTS, default="viral", help="default: viral")
    gallery.add_argument(
        "--window", choices=WINDOWS, default="day", help="with --section top (default: day)"
    )
    gallery.add_argument(
        "--limit", type=_limit, default=20, metavar="N", help="at most N posts (default: 20)"
    )
    gallery.add_argument("--json", action="store_true", help="print JSON instead of text")
    gallery.set_defaults(run=run_gallery)

    credits: argparse.ArgumentParser = commands.add_parser(
        "credits",
        help="show the rate-limit budget",
        description="Ask Imgur how many requests this client id (and you) have left "
        "(1 request, which costs no credit).",
    )
    credits.add_argument("--json", action="store_true", help="print JSON instead of text")
    credits.set_defaults(run=run_credits)


def run_gallery(ctx: Context) -> int:
    args = ctx.args
    im = ctx.imgur()
    posts = im.get_gallery(
        section=args.section, sort=args.sort, window=args.window, limit=args.limit
    )
    if args.json:
        print_json(ctx, posts)
        return EXIT_OK
    for post in posts:
        # only what the listing loaded: never one request per post
        kind = "album" if peek(post, "is_album") else "image"
        points = peek(post, "points")
        points_text = f"{points:>6}" if isinstance(points, int) else "     ?"
        title = (peek(post, "title") or "").replace("\n", " ")
        post_id = peek(post, "id")
        link = peek(post, "link") or f"https://imgur.com/gallery/{post_id}"
        ctx.out(f"{post_id}  {kind:5}  {points_text}  {title}  {link}")
    return EXIT_OK


_ORDER = (
    "UserLimit",
    "UserRemaining",
    "UserReset",
    "ClientLimit",
    "ClientRemaining",
    "PostLimit",
    "PostRemaining",
    "PostReset",
)


def run_credits(ctx: Context) -> int:
    im = ctx.imgur()
    credits = im.get_credits()
    if ctx.args.json:
        ctx.out(json.dumps(credits, indent=2))
        return EXIT_OK
    keys = [k for k in _ORDER if k in credits] + sorted(k for k in credits if k not in _ORDER)
    width = max((len(k) for k in keys), default=0)
    for key in keys:
        value = credits[key]
        note = ""
        if key == "UserReset":
            left = value - time.time()
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(value))
            note = f"  ({stamp}, in {max(0, int(left)) // 60} min)"
        elif key in ("PostReset", "ClientReset"):
            note = f"  (in {value // 60} min)"
        ctx.out(f"{key.ljust(width)}  {value}{note}")
    return EXIT_OK
