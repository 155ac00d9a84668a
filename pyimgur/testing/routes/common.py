"""Look-ups and rules shared by the route modules."""

from __future__ import annotations

from typing import Optional

from .. import state
from ..dispatch import Ctx
from ..protocol import ApiError

VOTES = ("up", "down", "veto")
REPORT_REASONS = ("1", "2", "3", "4", "5")
GALLERY_PAGE = 60
ACCOUNT_PAGE = 50


def image_or_404(ctx: Ctx, image_id: str) -> state.Image:
    found = ctx.world.images.get(image_id)
    if found is None:
        raise ApiError(404, f"Unable to find an image with the id, {image_id}")
    return found


def album_or_404(ctx: Ctx, album_id: str) -> state.Album:
    found = ctx.world.albums.get(album_id)
    if found is None:
        raise ApiError(404, f"Unable to find an album with the id, {album_id}")
    return found


def post_or_404(ctx: Ctx, post_id: str, is_album: Optional[bool] = None) -> state.Post:
    found = ctx.world.posts.get(post_id)
    if found is None or (is_album is not None and found.is_album != is_album):
        kind = {True: "album", False: "image", None: "post"}[is_album]
        raise ApiError(404, f"Unable to find a gallery {kind} with the id, {post_id}")
    return found


def comment_or_404(ctx: Ctx, text: str) -> state.Comment:
    try:
        number = int(text)
    except ValueError:
        raise ApiError(404, f"Unable to find a comment with the id, {text}") from None
    found = ctx.world.comments.get(number)
    if found is None or (found.deleted and not found.children):
        raise ApiError(404, f"Unable to find a comment with the id, {text}")
    return found


def editable_image(ctx: Ctx, key: str) -> state.Image:
    """The image ``key`` names: by deletehash for anyone, by id for its owner."""
    by_hash = ctx.world.image_by_hash(key)
    if by_hash is not None:
        return by_hash
    image = image_or_404(ctx, key)
    if ctx.viewer is None:
        raise ApiError(403, "Permission denied: use the image's deletehash for an anonymous image")
    if image.owner != ctx.viewer:
        raise ApiError(403, "Permission denied")
    return image


def editable_album(ctx: Ctx, key: str, adding: bool = False) -> state.Album:
    """The album ``key`` names: by deletehash for anyone, by id for its owner."""
    by_hash = ctx.world.album_by_hash(key)
    if by_hash is not None:
        return by_hash
    album = album_or_404(ctx, key)
    if album.owner is None or album.owner != ctx.viewer:
        if adding or album.owner is None:
            raise ApiError(
                400 if adding else 403,
                f"You are not the owner of album '{key}', which means you can't add images "
                "to it. For anonymous albums, use the album deletehash.",
            )
        raise ApiError(403, "Permission denied")
    return album


def images_for_album(ctx: Ctx, album_key: str) -> Optional[list[str]]:
    """The image ids named by ``ids`` and ``deletehashes`` (``None`` when neither is sent)."""
    ids = ctx.req.values("ids")
    hashes = ctx.req.values("deletehashes")
    if ids is None and hashes is None:
        return None
    found: list[str] = []
    for image_id in ids or []:
        image = ctx.world.images.get(image_id)
        if image is None or image.owner is None or image.owner != ctx.viewer:
            raise ApiError(400, f"You must own all the image ids to add them to album {album_key}")
        found.append(image.id)
    for deletehash in hashes or []:
        image = ctx.world.image_by_hash(deletehash)
        if image is None:
            raise ApiError(400, f"Invalid deletehash {deletehash}")
        found.append(image.id)
    return list(dict.fromkeys(found))


def toggle_vote(votes: dict[str, str], user: str, vote: str) -> None:
    """Imgur's vote: ``veto`` clears; voting the same way twice clears too."""
    if vote not in VOTES:
        raise ApiError(400, f"Invalid vote '{vote}': use up, down or veto")
    if vote == "veto" or votes.get(user) == vote:
        votes.pop(user, None)
    else:
        votes[user] = vote


def toggle_favorite(account: state.Account, item_id: str, now: int) -> str:
    if item_id in account.favorites:
        del account.favorites[item_id]
        return "unfavorited"
    account.favorites[item_id] = now
    return "favorited"


def remove_image(world: state.World, image: state.Image) -> None:
    """Delete an image everywhere it appears."""
    world.images.pop(image.id, None)
    for album in world.albums.values():
        if image.id in album.images:
            album.images.remove(image.id)
            if album.cover == image.id:
                album.cover = None
    world.posts.pop(image.id, None)
    for account in world.accounts.values():
        account.favorites.pop(image.id, None)


def remove_album(world: state.World, album: state.Album) -> None:
    world.albums.pop(album.id, None)
    world.posts.pop(album.id, None)
    for account in world.accounts.values():
        account.favorites.pop(album.id, None)


def report_reason(ctx: Ctx) -> None:
    reason = ctx.req.value("reason")
    if reason is not None and reason not in REPORT_REASONS:
        raise ApiError(400, "Invalid report reason: use 1 to 5")


def sort_posts(posts: list[state.Post], sort: str) -> list[state.Post]:
    def points(post: state.Post) -> int:
        ups = post.base_ups + sum(1 for v in post.votes.values() if v == "up")
        downs = post.base_downs + sum(1 for v in post.votes.values() if v == "down")
        return ups - downs

    if sort in ("time", "newest", "rising"):
        return sorted(posts, key=lambda p: (-p.datetime, p.id))
    if sort == "oldest":
        return sorted(posts, key=lambda p: (p.datetime, p.id))
    if sort == "worst":
        return sorted(posts, key=lambda p: (points(p), p.id))
    if sort in ("top", "best"):
        return sorted(posts, key=lambda p: (-points(p), p.id))
    # viral: points with a bonus for recent views
    return sorted(posts, key=lambda p: (-(points(p) * 3 + p.views // 100), p.id))


WINDOWS = {"day": 86400, "week": 7 * 86400, "month": 31 * 86400, "year": 366 * 86400}


def in_window(post: state.Post, window: str, now: int) -> bool:
    span = WINDOWS.get(window)
    return span is None or post.datetime >= now - span


def visible_to(ctx: Ctx, post: state.Post) -> bool:
    """Mature posts hidden by ``mature=false``; filtered tags of the viewer hidden."""
    if post.mature and ctx.req.value("mature") == "false":
        return False
    if ctx.viewer and ctx.viewer in ctx.world.accounts:
        filtered = ctx.world.accounts[ctx.viewer].filtered_tags
        if filtered and any(tag in filtered for tag in post.tags):
            return False
    return True


def comment_sort(comments: list[state.Comment], sort: str) -> list[state.Comment]:
    def points(com: state.Comment) -> int:
        ups = com.base_ups + sum(1 for v in com.votes.values() if v == "up")
        downs = com.base_downs + sum(1 for v in com.votes.values() if v == "down")
        return ups - downs

    if sort in ("new", "newest"):
        return sorted(comments, key=lambda c: (-c.datetime, -c.id))
    if sort == "oldest":
        return sorted(comments, key=lambda c: (c.datetime, c.id))
    if sort == "worst":
        return sorted(comments, key=lambda c: (points(c), c.id))
    return sorted(comments, key=lambda c: (-points(c), c.id))
