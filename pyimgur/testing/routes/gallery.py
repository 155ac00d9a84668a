"""Gallery routes (imgur-api.md 4.5): listings, items, sharing, votes, search, subreddits."""

from __future__ import annotations

import random
import re
from typing import Any, Callable

from ... import endpoints as ep
from .. import build, render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

SECTIONS = ("hot", "top", "user")
SORTS = ("viral", "top", "time", "rising")
WINDOWS = ("day", "week", "month", "year", "all")


def _items(ctx: Ctx, posts: list[state.Post], previews: bool = False) -> list[Any]:
    return [render.gallery_item(ctx.view, p, with_images=previews) for p in posts]


def main_posts(ctx: Ctx) -> list[state.Post]:
    """Posts of the main gallery (not subreddit or meme-only items)."""
    return [
        p for p in ctx.world.posts.values()
        if p.subreddit is None and not p.meme and common.visible_to(ctx, p)
    ]


@route(ep.GALLERY)
def gallery(ctx: Ctx) -> Any:
    section, sort, window = ctx.param("section"), ctx.param("sort"), ctx.param("window")
    if section not in SECTIONS:
        raise ApiError(400, f"Invalid section '{section}'")
    if sort not in SORTS:
        raise ApiError(400, f"Invalid sort '{sort}'")
    if window not in WINDOWS:
        raise ApiError(400, f"Invalid window '{window}'")
    posts = main_posts(ctx)
    if section == "hot":
        posts = [p for p in posts if p.in_most_viral]
    elif section == "user" and not ctx.flag("showViral", True):
        posts = [p for p in posts if not p.in_most_viral]
    elif section == "top":
        posts = [p for p in posts if common.in_window(p, window, ctx.now)]
    chosen = ctx.paginate(common.sort_posts(posts, sort), common.GALLERY_PAGE)
    return _items(ctx, chosen, ctx.flag("album_previews"))


@route(ep.GALLERY_ITEM)
def gallery_item(ctx: Ctx) -> Any:
    return render.gallery_item(ctx.view, common.post_or_404(ctx, ctx.param("id")))


@route(ep.GALLERY_IMAGE)
def gallery_image(ctx: Ctx) -> Any:
    return render.gallery_item(ctx.view, common.post_or_404(ctx, ctx.param("id"), False))


@route(ep.GALLERY_ALBUM)
def gallery_album(ctx: Ctx) -> Any:
    return render.gallery_item(ctx.view, common.post_or_404(ctx, ctx.param("id"), True))


def _share(ctx: Ctx, item_id: str, owner: Any) -> Any:
    me = ctx.me()
    if owner != me.url:
        raise ApiError(403, "Permission denied: you can only submit your own images and albums")
    title = ctx.req.value("title")
    if not title or not title.strip():
        raise ApiError(400, "A title is required to submit to the gallery")
    if not me.accepted_gallery_terms:
        if not ctx.flag("terms"):
            raise ApiError(
                400,
                "You must accept the gallery terms before submitting (send terms=1 to accept)",
            )
        me.accepted_gallery_terms = True
    tags = ctx.req.values("tags") or []
    topic = ctx.req.value("topic")
    topic_id = 0
    for candidate in ctx.world.topics.values():
        if topic and topic in (str(candidate.id), candidate.name):
            topic_id = candidate.id
    if item_id in ctx.world.posts:
        return True
    build.add_post(ctx.world, item_id, ctx.now, title.strip(), tags=tags, topic_id=topic_id,
                   mature=ctx.flag("mature"), section="user")
    return True


@route(ep.GALLERY_SHARE_IMAGE)
def share_image(ctx: Ctx) -> Any:
    image = common.image_or_404(ctx, ctx.param("id"))
    return _share(ctx, image.id, image.owner)


@route(ep.GALLERY_SHARE_ALBUM)
def share_album(ctx: Ctx) -> Any:
    album = common.album_or_404(ctx, ctx.param("id"))
    return _share(ctx, album.id, album.owner)


@route(ep.GALLERY_REMOVE)
def remove_from_gallery(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    item = ctx.world.albums.get(post.id) if post.is_album else ctx.world.images.get(post.id)
    if item is None or item.owner != ctx.me().url:
        raise ApiError(403, "Permission denied")
    del ctx.world.posts[post.id]
    return True


@route(ep.GALLERY_REPORT)
def report(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    ctx.me()
    common.report_reason(ctx)
    post.reports += 1
    return True


@route(ep.GALLERY_VOTES)
def votes(ctx: Ctx) -> Any:
    data = render.gallery_item(ctx.view, common.post_or_404(ctx, ctx.param("id")), False)
    return {"ups": data["ups"], "downs": data["downs"]}


@route(ep.GALLERY_VOTE)
def vote(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    common.toggle_vote(post.votes, ctx.me().url, ctx.param("vote"))
    return True


# -- search ------------------------------------------------------------------------------
def _text(ctx: Ctx, post: state.Post) -> str:
    world = ctx.world
    item: Any = world.albums.get(post.id) if post.is_album else world.images.get(post.id)
    parts = [post.title, getattr(item, "description", None) or "", " ".join(post.tags)]
    return " ".join(parts).lower()


def _term(ctx: Ctx, term: str) -> Callable[[state.Post], bool]:
    key, _, value = term.partition(":")
    value = value.lower()
    if value and key in ("tag", "user", "title", "ext", "album", "subreddit"):
        def check(post: state.Post) -> bool:
            item: Any = (ctx.world.albums if post.is_album else ctx.world.images).get(post.id)
            if key == "tag":
                return value in post.tags
            if key == "user":
                return bool(item and (item.owner or "").lower() == value)
            if key == "title":
                return value in post.title.lower()
            if key == "ext":
                return isinstance(item, state.Image) and render.ext(item) == value
            if key == "album":
                return post.is_album == (value in ("true", "1", "yes"))
            return (post.subreddit or "").lower() == value
        return check
    word = term.lower()
    return lambda post: word in _text(ctx, post)


def _query(ctx: Ctx, q: str) -> Callable[[state.Post], bool]:
    """``a b`` (and), ``a OR b``, ``NOT a`` / ``-a``, and the ``key:value`` filters."""
    alternatives = [part for part in re.split(r"\s+OR\s+", q.strip()) if part]

    def match(post: state.Post) -> bool:
        for alternative in alternatives:
            ok, negate = True, False
            for word in alternative.split():
                if word == "AND":
                    continue
                if word == "NOT":
                    negate = True
                    continue
                if word.startswith("-") and len(word) > 1:
                    negate, word = True, word[1:]
                hit = _term(ctx, word)(post)
                if hit == negate:
                    ok = False
                negate = False
            if ok:
                return True
        return False

    return match


def _advanced(ctx: Ctx) -> Callable[[state.Post], bool]:
    req = ctx.req
    q_all = (req.value("q_all") or "").lower().split()
    q_any = (req.value("q_any") or "").lower().split()
    q_exactly = (req.value("q_exactly") or "").lower()
    q_not = (req.value("q_not") or "").lower().split()
    q_type = req.value("q_type")

    def match(post: state.Post) -> bool:
        text = _text(ctx, post)
        if any(w not in text for w in q_all) or any(w in text for w in q_not):
            return False
        if q_any and not any(w in text for w in q_any):
            return False
        if q_exactly and q_exactly not in text:
            return False
        if q_type == "album":
            return post.is_album
        if q_type:
            image = ctx.world.images.get(post.id)
            if image is None:
                return False
            kind = "anigif" if image.animated and image.mime == "image/gif" else render.ext(image)
            return kind == q_type or (q_type == "jpg" and kind == "jpeg")
        return True

    return match


@route(ep.GALLERY_SEARCH)
def search(ctx: Ctx) -> Any:
    q = ctx.req.value("q")
    advanced = [k for k in ("q_all", "q_any", "q_exactly", "q_not", "q_type")
                if ctx.req.value(k)]
    if not q and not advanced:
        raise ApiError(400, "A search query (q, or q_all/q_any/q_exactly/q_not/q_type) is required")
    test = _query(ctx, q) if q else _advanced(ctx)
    posts = [p for p in main_posts(ctx) if test(p)]
    posts = [p for p in posts if common.in_window(p, ctx.param("window"), ctx.now)]
    chosen = ctx.paginate(common.sort_posts(posts, ctx.param("sort")), common.GALLERY_PAGE)
    return _items(ctx, chosen)


@route(ep.GALLERY_RANDOM, legacy=True)
def random_gallery(ctx: Ctx) -> Any:
    posts = sorted(main_posts(ctx), key=lambda p: p.id)
    random.Random(ctx.page()).shuffle(posts)
    return _items(ctx, ctx.paginate(posts, common.GALLERY_PAGE, page=0) if ctx.page() < 50 else [])


# -- subreddits and memes ------------------------------------------------------------------
@route(ep.SUBREDDIT_GALLERY)
def subreddit_gallery(ctx: Ctx) -> Any:
    name = ctx.param("subreddit").lower()
    posts = [p for p in ctx.world.posts.values() if (p.subreddit or "").lower() == name]
    posts = [p for p in posts if common.in_window(p, ctx.param("window"), ctx.now)]
    sort = "top" if ctx.param("sort") == "top" else "time"
    return _items(ctx, ctx.paginate(common.sort_posts(posts, sort), common.GALLERY_PAGE))


@route(ep.SUBREDDIT_IMAGE)
def subreddit_image(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"), False)
    if (post.subreddit or "").lower() != ctx.param("subreddit").lower():
        raise ApiError(404, f"Unable to find an image with the id, {post.id}")
    return render.gallery_item(ctx.view, post)


@route(ep.MEMES_GALLERY, legacy=True)
def memes_gallery(ctx: Ctx) -> Any:
    posts = [p for p in ctx.world.posts.values() if p.meme]
    posts = [p for p in posts if common.in_window(p, ctx.param("window"), ctx.now)]
    return _items(ctx, ctx.paginate(common.sort_posts(posts, ctx.param("sort")),
                                    common.GALLERY_PAGE))


@route(ep.MEMES_IMAGE, legacy=True)
def memes_image(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    if not post.meme:
        raise ApiError(404, f"Unable to find a meme with the id, {post.id}")
    return render.gallery_item(ctx.view, post)


@route(ep.MEMEGEN_DEFAULTS, legacy=True)
def memegen_defaults(ctx: Ctx) -> Any:
    return [render.image(ctx.view, ctx.world.images[i]) for i in ctx.world.meme_templates
            if i in ctx.world.images]
