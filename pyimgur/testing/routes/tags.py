"""Tags (imgur-api.md 4.5, 4.1 follow), topics (4.9) and custom galleries (4.8, legacy)."""

from __future__ import annotations

from typing import Any

from ... import endpoints as ep
from .. import build, render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common
from .gallery import main_posts


def tag_or_404(ctx: Ctx, name: str) -> state.Tag:
    found = ctx.world.tags.get(name) or ctx.world.tags.get(name.lower())
    if found is None:
        raise ApiError(404, "Tag does not exist")
    return found


def _top_post(ctx: Ctx, posts: list[state.Post]) -> Any:
    ranked = common.sort_posts(posts, "viral")
    return render.gallery_item(ctx.view, ranked[0], with_images=False) if ranked else None


@route(ep.TAGS)
def tags(ctx: Ctx) -> Any:
    world = ctx.world
    galleries = [
        {
            "id": topic.id,
            "name": topic.name,
            "description": topic.description,
            "topPost": _top_post(ctx, [p for p in world.posts.values()
                                       if p.topic_id == topic.id]),
        }
        for topic in world.topics.values()
    ]
    return {
        "tags": [render.tag(ctx.view, t, with_id=True) for t in world.tags.values()],
        "featured": world.featured_tag,
        "galleries": galleries,
    }


@route(ep.TAG_INFO)
def tag_info(ctx: Ctx) -> Any:
    return render.tag(ctx.view, tag_or_404(ctx, ctx.param("tag")))


@route(ep.TAG_GALLERY)
def tag_gallery(ctx: Ctx) -> Any:
    tag = tag_or_404(ctx, ctx.param("tag"))
    posts = [p for p in main_posts(ctx) if tag.name in p.tags]
    posts = [p for p in posts if common.in_window(p, ctx.param("window"), ctx.now)]
    chosen = ctx.paginate(common.sort_posts(posts, ctx.param("sort")), common.GALLERY_PAGE)
    data = render.tag(ctx.view, tag)
    data["items"] = [render.gallery_item(ctx.view, p, with_images=False) for p in chosen]
    return data


@route(ep.TAG_GALLERY_ITEM)
def tag_gallery_item(ctx: Ctx) -> Any:
    tag = tag_or_404(ctx, ctx.param("tag"))
    post = common.post_or_404(ctx, ctx.param("id"))
    if tag.name not in post.tags:
        raise ApiError(404, f"Unable to find a gallery post with the id, {post.id}")
    return render.gallery_item(ctx.view, post)


@route(ep.GALLERY_ITEM_TAGS)
def item_tags(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    return {"tags": [render.tag(ctx.view, ctx.world.tags[t]) for t in post.tags
                     if t in ctx.world.tags]}


@route(ep.GALLERY_ITEM_TAGS_UPDATE)
def update_item_tags(ctx: Ctx) -> Any:
    post = common.post_or_404(ctx, ctx.param("id"))
    item: Any = (ctx.world.albums if post.is_album else ctx.world.images).get(post.id)
    if item is None or item.owner != ctx.me().url:
        raise ApiError(403, "Permission denied")
    names = ctx.req.values("tags")
    if names is None:
        raise ApiError(400, "The tags parameter is required")
    post.tags = list(dict.fromkeys(n.lower() for n in names))
    for name in post.tags:
        if name not in ctx.world.tags:
            build.add_tag(ctx.world, name)
    return True


@route(ep.FOLLOW_TAG)
def follow_tag(ctx: Ctx) -> Any:
    tag = tag_or_404(ctx, ctx.param("tag"))
    ctx.me().followed_tags.add(tag.name)
    return True


@route(ep.UNFOLLOW_TAG)
def unfollow_tag(ctx: Ctx) -> Any:
    tag = tag_or_404(ctx, ctx.param("tag"))
    me = ctx.me()
    if tag.name not in me.followed_tags:
        raise ApiError(409, "Not following tag")
    me.followed_tags.discard(tag.name)
    return True


# -- topics (legacy) -----------------------------------------------------------------------
def _topic(ctx: Ctx) -> state.Topic:
    key = ctx.param("topic")
    for topic in ctx.world.topics.values():
        if key in (str(topic.id), topic.name, topic.name.lower()):
            return topic
    raise ApiError(404, f"Unable to find the topic {key}")


def topic_json(ctx: Ctx, topic: state.Topic) -> Any:
    posts = [p for p in ctx.world.posts.values() if p.topic_id == topic.id]
    return {
        "id": topic.id,
        "name": topic.name,
        "description": topic.description,
        "css": topic.css,
        "ephemeral": topic.ephemeral,
        "readonly": False,
        "topPost": _top_post(ctx, posts),
        "heroImage": None,
        "isHero": False,
    }


@route(ep.TOPICS, legacy=True)
def topics(ctx: Ctx) -> Any:
    return [topic_json(ctx, t) for t in ctx.world.topics.values()]


@route(ep.TOPIC_GALLERY, legacy=True)
def topic_gallery(ctx: Ctx) -> Any:
    topic = _topic(ctx)
    posts = [p for p in main_posts(ctx) if p.topic_id == topic.id]
    chosen = ctx.paginate(common.sort_posts(posts, ctx.param("sort")), common.GALLERY_PAGE)
    return [render.gallery_item(ctx.view, p, with_images=False) for p in chosen]


@route(ep.TOPIC_ITEM, legacy=True)
def topic_item(ctx: Ctx) -> Any:
    topic = _topic(ctx)
    post = common.post_or_404(ctx, ctx.param("id"))
    if post.topic_id != topic.id:
        raise ApiError(404, f"Unable to find a gallery post with the id, {post.id}")
    return render.gallery_item(ctx.view, post)
