"""Imgur.resolve_urls: many links to loaded objects, at most one request each."""

from __future__ import annotations

import pytest

import pyimgur
from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_COMMENT_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_SUBREDDIT,
    SEED_USER,
    FakeImgur,
)


def test_resolves_in_order_each_loaded(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    urls = [
        f"https://imgur.com/{SEED_IMAGE_ID}",
        "https://example.com/not-imgur.png",
        f"https://imgur.com/a/{SEED_ALBUM_ID}",
        f"https://imgur.com/gallery/{SEED_GALLERY_ALBUM_ID}",
        f"https://imgur.com/user/{SEED_USER}",
        f"https://imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}/comment/{SEED_COMMENT_ID}",
        "not a url at all",
    ]
    fake.reset_log()
    out = client.resolve_urls(urls, workers=4)
    assert fake.request_count == 5  # one per imgur object, none for the others
    image, nothing, album, post, user, comment, none = out
    assert nothing is None and none is None
    assert isinstance(image, pyimgur.Image) and image.id == SEED_IMAGE_ID
    assert isinstance(album, pyimgur.Album) and album.id == SEED_ALBUM_ID
    assert isinstance(post, pyimgur.Gallery_album) and post.id == SEED_GALLERY_ALBUM_ID
    assert isinstance(user, pyimgur.User) and isinstance(comment, pyimgur.Comment)
    # every one is loaded: reading fields costs nothing more
    assert image.title and album.images is not None and post.title
    assert user.reputation is not None
    assert comment.text
    assert fake.request_count == 5


def test_the_same_object_twice_costs_one_request(fake: FakeImgur, client: pyimgur.Imgur) -> None:
    urls = [
        f"https://i.imgur.com/{SEED_IMAGE_ID}.png",
        f"https://imgur.com/{SEED_IMAGE_ID}",
        f"https://i.imgur.com/{SEED_IMAGE_ID}.png",
        f"https://imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}",
        f"https://imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}",
    ]
    fake.reset_log()
    out = client.resolve_urls(urls, workers=5)
    assert [o.id for o in out] == [SEED_IMAGE_ID] * 3 + [SEED_GALLERY_IMAGE_ID] * 2
    assert out[0] is out[2] and out[3] is out[4]
    assert len(fake.find_requests("GET", rf"^3/image/{SEED_IMAGE_ID}$")) == 1
    assert len(fake.find_requests("GET", rf"^3/gallery/{SEED_GALLERY_IMAGE_ID}$")) == 1
    assert fake.request_count == 2


def test_missing_objects_are_none_other_errors_reported(fake: FakeImgur, client: pyimgur.Imgur
                                                        ) -> None:
    fake.faults.add(status=500, times=None, method="GET", path_regex=r"^3/album/")
    urls = [f"https://imgur.com/{SEED_IMAGE_ID}", "https://imgur.com/gone123",
            f"https://imgur.com/a/{SEED_ALBUM_ID}", "https://imgur.com/gallery/gone456"]
    fake.reset_log()
    out = client.resolve_urls(urls, return_exceptions=True)
    assert out[0].id == SEED_IMAGE_ID and out[1] is None and out[3] is None
    assert isinstance(out[2], pyimgur.ServerError)
    with pytest.raises(pyimgur.BatchError) as caught:
        client.resolve_urls(urls)
    assert list(caught.value.errors) == [2]
    assert caught.value.results[1] is None


def test_listings_stay_lazy_and_bad_arguments_cost_nothing(fake: FakeImgur,
                                                          client: pyimgur.Imgur) -> None:
    fake.reset_log()
    (listing,) = client.resolve_urls([f"https://imgur.com/r/{SEED_SUBREDDIT}"])
    assert isinstance(listing, pyimgur.Listing) and fake.request_count == 0
    with pytest.raises(TypeError):
        client.resolve_urls(["https://imgur.com/abc", None])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        client.resolve_urls("https://imgur.com/abc")
    assert fake.request_count == 0
