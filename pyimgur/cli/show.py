"""``pyimgur show``: what is at an imgur URL (or behind an id)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from ..exceptions import NotFound
from ..imgur import Imgur
from ..listing import Listing
from ..models.base import Basic_object, peek
from ..urls import parse_url
from .common import EXIT_OK, Context, UsageError, describe, print_json

TYPES = ("image", "album", "gallery", "comment", "user", "tag")
_ID = re.compile(r"[A-Za-z0-9]{5,10}")
#: how many items of a listing (a subreddit, a topic, favorites) ``show`` prints
LISTING_ITEMS = 20


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "show",
        help="print the fields of the object at an imgur URL (or an id)",
        description="Resolve an imgur URL (or an id with --type) and print its fields. "
        "Costs 1 request.",
    )
    parser.add_argument("target", metavar="URL-or-ID", help="an imgur URL, or an id")
    parser.add_argument(
        "--type",
        choices=TYPES,
        help="what a bare id names (default: image); ignored for URLs",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(run=run)


def resolve(im: Imgur, target: str, kind: Any = None) -> Any:
    """The object an imgur URL or an id names, loaded (raises NotFound, UsageError)."""
    text = target.strip()
    if parse_url(text) is not None:
        obj = im.get_at_url(text)
        if obj is None:
            raise NotFound(f"nothing at {text}")
    else:
        obj = _by_id(im, text, kind)
    if isinstance(obj, Basic_object) and not peek(obj, "_has_fetched", True):
        obj.refresh()
    return obj


def _by_id(im: Imgur, text: str, kind: Any) -> Any:
    if "/" in text or "." in text or ":" in text:
        raise UsageError(f"not an imgur URL pyimgur understands: {text}")
    kind = kind or "image"
    if kind in ("image", "album", "gallery") and not _ID.fullmatch(text):
        raise UsageError(f"not an imgur {kind} id: {text!r} (ids are 5 to 10 letters and digits)")
    if kind == "image":
        return im.get_image(text)
    if kind == "album":
        return im.get_album(text)
    if kind == "gallery":
        return im.get_gallery_item(text)
    if kind == "comment":
        if not text.isdigit():
            raise UsageError(f"comment ids are numbers: {text!r}")
        return im.get_comment(int(text))
    if kind == "user":
        if not text:
            raise UsageError("give a username")
        return im.get_user(text)
    return im.get_tag(text)


def run(ctx: Context) -> int:
    args = ctx.args
    im = ctx.imgur()
    obj = resolve(im, args.target, args.type)
    if isinstance(obj, Listing):
        obj = first_items(obj)
    if args.json:
        print_json(ctx, obj)
    else:
        for line in describe(obj):
            ctx.out(line)
    return EXIT_OK


def first_items(listing: Listing[Any]) -> list[Any]:
    """The first items of a listing (one page, usually)."""
    return listing[:LISTING_ITEMS]
