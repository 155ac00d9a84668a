"""Account routes (imgur-api.md 4.1): profile, settings, content lists, ids and counts."""

from __future__ import annotations

import re
from typing import Any

from ... import endpoints as ep
from .. import render, state
from ..dispatch import Ctx, route
from ..protocol import ApiError
from . import common

_USERNAME = re.compile(r"^[A-Za-z0-9]{4,63}$")
_BOOL_SETTINGS = ("public_images", "messaging_enabled", "accepted_gallery_terms",
                  "show_mature", "newsletter_subscribed")


@route(ep.ACCOUNT)
def account(ctx: Ctx) -> Any:
    account_id = ctx.req.value("account_id")
    if account_id:
        found = ctx.world.account_by_id(int(account_id)) if account_id.isdigit() else None
        if found is None:
            raise ApiError(404, f"A user with the id {account_id} does not exist")
        return render.account(ctx.view, found)
    return render.account(ctx.view, ctx.account())


# -- favorites and submissions ----------------------------------------------------------------
def _favorite_items(ctx: Ctx, acc: state.Account, gallery_only: bool) -> list[Any]:
    sort = ctx.params.get("sort", "newest")
    if sort not in ("newest", "oldest"):
        raise ApiError(400, f"Invalid sort '{sort}': use newest or oldest")
    ordered = sorted(acc.favorites.items(), key=lambda kv: (kv[1], kv[0]),
                     reverse=sort == "newest")
    world = ctx.world
    out: list[Any] = []
    for item_id, _ in ordered:
        post = world.posts.get(item_id)
        if post is not None:
            out.append(render.gallery_item(ctx.view, post, with_images=False))
        elif not gallery_only:
            if item_id in world.albums:
                data = render.album(ctx.view, world.albums[item_id], with_images=False)
            elif item_id in world.images:
                data = render.image(ctx.view, world.images[item_id])
            else:
                continue
            data.update({"ups": None, "downs": None, "points": None, "score": None,
                         "is_album": item_id in world.albums, "comment_count": None})
            out.append(data)
    return ctx.paginate(out, ctx.per_page())


@route(ep.ACCOUNT_GALLERY_FAVORITES)
def gallery_favorites(ctx: Ctx) -> Any:
    return _favorite_items(ctx, ctx.account(), gallery_only=True)


@route(ep.ACCOUNT_FAVORITES)
def favorites(ctx: Ctx) -> Any:
    return _favorite_items(ctx, ctx.owner_only(ctx.account()), gallery_only=False)


def owned_posts(ctx: Ctx, acc: state.Account) -> list[state.Post]:
    out = []
    for post in ctx.world.posts.values():
        item: Any = (ctx.world.albums if post.is_album else ctx.world.images).get(post.id)
        if item is not None and item.owner == acc.url:
            out.append(post)
    return out


@route(ep.ACCOUNT_SUBMISSIONS)
def submissions(ctx: Ctx) -> Any:
    posts = common.sort_posts(owned_posts(ctx, ctx.account()), "newest")
    return [render.gallery_item(ctx.view, p, with_images=False)
            for p in ctx.paginate(posts, ctx.per_page())]


# -- settings and profile --------------------------------------------------------------------
@route(ep.ACCOUNT_SETTINGS)
def settings(ctx: Ctx) -> Any:
    return render.settings(ctx.view, ctx.owner_only(ctx.account()))


@route(ep.ACCOUNT_SETTINGS_UPDATE)
def update_settings(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    req = ctx.req
    for key in _BOOL_SETTINGS:
        value = req.value(key)
        if value is not None:
            if value.lower() not in ("true", "false", "1", "0"):
                raise ApiError(400, f"Invalid value for {key}: use true or false")
            setattr(acc, key, value.lower() in ("true", "1"))
    bio = req.value("bio")
    if bio is not None:
        acc.bio = bio
    privacy = req.value("album_privacy")
    if privacy is not None:
        if privacy not in ("public", "hidden", "secret"):
            raise ApiError(400, f"Invalid album_privacy '{privacy}'")
        acc.album_privacy = privacy
    avatar = req.value("avatar")
    if avatar:
        acc.avatar_name = avatar
    username = req.value("username")
    if username is not None and username != acc.url:
        if not _USERNAME.match(username):
            raise ApiError(400, "Usernames are 4 to 63 letters and digits")
        if ctx.world.account(username) is not None:
            raise ApiError(400, "That username is already taken")
        _rename(ctx.world, acc, username)
    return True


def _rename(world: state.World, acc: state.Account, new: str) -> None:
    old = acc.url
    del world.accounts[old]
    acc.url = new
    world.accounts[new] = acc
    for image in world.images.values():
        if image.owner == old:
            image.owner = new
    for album in world.albums.values():
        if album.owner == old:
            album.owner = new
    for com in world.comments.values():
        if com.author == old:
            com.author = new
    for token in world.tokens.values():
        if token.username == old:
            token.username = new


@route(ep.ACCOUNT_GALLERY_PROFILE)
def gallery_profile(ctx: Ctx) -> Any:
    acc = ctx.account()
    world = ctx.world
    return {
        "total_gallery_comments": sum(1 for c in world.comments.values()
                                      if c.author == acc.url and not c.deleted),
        "total_gallery_favorites": sum(1 for i in acc.favorites if i in world.posts),
        "total_gallery_submissions": len(owned_posts(ctx, acc)),
        "trophies": [],
    }


@route(ep.ACCOUNT_VERIFY_EMAIL)
def verify_email(ctx: Ctx) -> Any:
    return ctx.owner_only(ctx.account()).verified_email


@route(ep.ACCOUNT_SEND_VERIFY_EMAIL)
def send_verify_email(ctx: Ctx) -> Any:
    ctx.owner_only(ctx.account())
    return True


@route(ep.ACCOUNT_AVAILABLE_AVATARS)
def available_avatars(ctx: Ctx) -> Any:
    ctx.account()
    names = [f"default/{letter}" for letter in "ABCDEFGH"]
    return {
        "available_avatars": [{"name": n, "location": f"{ctx.view.cdn}avatar/{n}.png"}
                              for n in names],
        "count": len(names),
    }


@route(ep.ACCOUNT_AVATAR)
def avatar(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    return {"avatar": f"{ctx.view.cdn}user/{acc.url}/avatar", "avatar_name": acc.avatar_name}


@route(ep.ACCOUNT_STATS, legacy=True)
def stats(ctx: Ctx) -> Any:
    acc = ctx.account()
    images = [i for i in ctx.world.images.values() if i.owner == acc.url]
    return {
        "total_images": len(images),
        "total_albums": sum(1 for a in ctx.world.albums.values() if a.owner == acc.url),
        "disk_used": f"{sum(len(i.data) for i in images) / 1024:.2f} KB",
        "bandwidth_used": f"{sum(len(i.data) * i.views for i in images) / 1024:.2f} KB",
        "top_images": [],
        "top_albums": [],
        "top_gallery_comments": [],
    }


@route(ep.ACCOUNT_DELETE, legacy=True)
def delete_account(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    del ctx.world.accounts[acc.url]
    for token in [t for t in ctx.world.tokens.values() if t.username == acc.url]:
        ctx.world.tokens.pop(token.access_token, None)
        ctx.world.refresh_tokens.pop(token.refresh_token, None)
    return True
