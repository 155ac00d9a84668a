"""Stories through the real client: OAuth flows, pagination, URL resolution, rate limits."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from story_helpers import Sandbox

import pyimgur
from pyimgur.exceptions import RateLimitError, TransportError
from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_CLIENT_ID,
    SEED_COMMENT_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
)


def test_oauth_code_flow_then_automatic_refresh(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    im = sandbox.anonymous()
    access, refresh = im.exchange_code(fake.issue_code(SEED_USER))
    assert im.access_token == access and refresh
    me = im.get_current_user()
    assert me.id == sandbox.fake.state.accounts[SEED_USER].id  # loads "me"
    assert me.name == SEED_USER
    fake.expire_token(access)
    assert im.get_user(SEED_USER).reputation == fake.state.accounts[SEED_USER].reputation
    assert im.access_token != access  # refreshed by itself on the 403
    assert [r.path for r in fake.requests][-3:] == ["3/account/" + SEED_USER, "oauth2/token",
                                                    "3/account/" + SEED_USER]
    new = im.refresh_access_token()
    assert new == im.access_token and fake.state.tokens[new].username == SEED_USER


def test_oauth_pin_and_token_redirect(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    im = sandbox.anonymous()
    im.exchange_pin(fake.issue_pin("gracehopper"))
    assert im.get_current_user().refresh().name == "gracehopper"
    other = sandbox.anonymous()
    url = other.authorization_url("token", state="s1")
    if sandbox.mode == "loopback":
        answer = requests.get(url, allow_redirects=False, timeout=5)
        values = other.parse_token_redirect(answer.headers["Location"])
        assert values["state"] == "s1"
        assert other.get_current_user().refresh().name == SEED_USER
    else:
        assert url.startswith("https://api.imgur.com/oauth2/authorize?")
        assert parse_qs(urlsplit(url).query)["client_id"] == [SEED_CLIENT_ID]


def test_pagination_to_the_end(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    fake.populate_gallery(130, 10)
    expected = sum(1 for p in fake.state.posts.values() if p.subreddit is None and not p.meme)
    im = sandbox.anonymous()
    fake.reset_log()
    items = list(im.get_gallery(section="user", sort="time", limit=None))
    assert len(items) == expected == 145
    assert len({item.id for item in items}) == expected
    pages = [r.path for r in fake.requests]
    assert pages == [f"3/gallery/user/time/day/{n}" for n in range(4)]  # 60 + 60 + 25 + empty
    assert {type(item) for item in items} <= {pyimgur.Gallery_image, pyimgur.Gallery_album}
    fake.reset_log()
    first_five = im.get_gallery(section="user", sort="time", limit=None)[:5]
    assert len(first_five) == 5 and fake.request_count == 1


def test_user_lists_paginate(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    for _ in range(55):
        fake.add_image(owner=SEED_USER)
    me = sandbox.user()
    images = list(me.get_current_user().get_images())
    assert len(images) == 58  # 3 seeded + 55: pages of 50 and 8, then an empty page
    assert len(fake.find_requests("GET", r"/images/")) == 3
    assert {image.id for image in images} == {
        i.id for i in fake.state.images.values() if i.owner == SEED_USER}


def test_url_resolution_of_seeded_objects(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    im = sandbox.anonymous()
    fake.reset_log()
    image = im.get_at_url(f"https://i.imgur.com/{SEED_IMAGE_ID}.png")
    album = im.get_at_url(f"https://imgur.com/a/{SEED_ALBUM_ID}")
    comment = im.get_at_url(
        f"https://imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}/comment/{SEED_COMMENT_ID}")
    user = im.get_at_url(f"https://imgur.com/user/{SEED_USER}")
    assert fake.request_count == 0  # the URL tells the type: lazy objects
    assert isinstance(image, pyimgur.Image) and image.title == "A blue square"
    assert isinstance(album, pyimgur.Album) and len(album.images) == 3
    assert isinstance(comment, pyimgur.Comment) and comment.author.name == "gracehopper"
    assert isinstance(user, pyimgur.User) and user.name == SEED_USER
    fake.reset_log()
    post = im.get_at_url(f"https://imgur.com/gallery/some-title-{SEED_GALLERY_ALBUM_ID}")
    assert isinstance(post, pyimgur.Gallery_album) and fake.request_count == 1
    gallery_image = im.get_at_url(f"imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}")
    assert isinstance(gallery_image, pyimgur.Gallery_image)
    assert im.get_at_url("https://imgur.com/gallery/Zz9Zz9Z") is None
    tag = im.get_at_url(f"https://imgur.com/t/{SEED_TAG}")
    assert tag is not None and tag.name == SEED_TAG


def test_rate_limit_counts_down_to_a_429() -> None:
    for mode in ("in_process", "loopback"):
        fake = FakeImgur(user_limit=25)
        if mode == "in_process":
            _countdown(fake, fake.client())
        else:
            with fake.serve(lifetime=60) as url:
                client = pyimgur.Imgur(SEED_CLIENT_ID, base_url=url)
                _countdown(fake, client)
                client.close()


def _countdown(fake: FakeImgur, im: pyimgur.Imgur) -> None:
    im.upload_image(content=b"\x89PNG\r\n\x1a\n" + b"\x00" * 8 + b"\x00\x00\x00\x01"
                    b"\x00\x00\x00\x01" + b"\x00" * 20)  # 10 credits
    assert im.credits["UserRemaining"] == 15
    remaining = []
    for _ in range(15):
        im.get_image(SEED_IMAGE_ID, fetch=True)
        im.cache.clear()
        remaining.append(im.credits["UserRemaining"])
    assert remaining == list(range(14, -1, -1))
    with pytest.raises(RateLimitError) as caught:
        im.get_image(SEED_IMAGE_ID, fetch=True)
    assert caught.value.bucket == "user" and caught.value.status == 429
    assert fake.count_applied() == 16


def test_a_dropped_comment_is_not_sent_twice(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    me = sandbox.user()
    post = me.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    fake.faults.add("drop_after_apply", method="POST", path_regex=r"^3/comment$")
    with pytest.raises(TransportError):
        post.comment("Did this arrive?")
    assert fake.count_applied("POST", r"^3/comment$") == 1
    assert len(fake.find_requests("POST", r"^3/comment$")) == 1
    fake.faults.add(status=503, times=2, method="GET")
    assert len(list(post.get_comments())) == 3  # reads are retried through 503s
