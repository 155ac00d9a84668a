"""The remaining gallery calls imgurpython exposes: comment ids and count,
a post inside a tag, the memes subgallery post and the meme templates."""

from __future__ import annotations

import pytest

import pyimgur


def test_comment_ids_and_count(im, api):
    post = im.get_gallery_image("AbC12dE")
    api.add("GET", "3/gallery/AbC12dE/comments/ids", [11, 12, 13])
    api.add("GET", "3/gallery/AbC12dE/comments/count", 3)
    assert post.get_comment_ids() == [11, 12, 13]
    assert post.get_comment_count() == 3
    assert post.comment_count == 3
    assert [c.path for c in api.calls] == ["/3/gallery/abc12de/comments/ids",
                                           "/3/gallery/abc12de/comments/count"]
    assert api.count == 2


def test_comment_count_garbage_is_invalid_response(im, api):
    api.add("GET", "3/gallery/AbC12dE/comments/count", {"oops": 1})
    with pytest.raises(pyimgur.InvalidResponse):
        im.get_gallery_album("AbC12dE").get_comment_count()


@pytest.mark.parametrize(("is_album", "cls"), [(False, pyimgur.Gallery_image),
                                               (True, pyimgur.Gallery_album)])
def test_tag_image_is_one_request_of_the_right_class(im, api, is_album, cls):
    api.add("GET", "3/gallery/t/cats/AbC12dE", {"id": "AbC12dE", "is_album": is_album})
    post = im.get_tag_image("cats", "AbC12dE")
    assert type(post) is cls and post._has_fetched
    assert api.count == 1


def test_memes_image_passes_imgur_404_on(im, api):
    api.add("GET", "3/g/memes/AbC12dE", status=404,
            json={"data": {"error": "This endpoint is no longer supported"},
                  "success": False, "status": 404})
    with pytest.raises(pyimgur.NotFound, match="no longer supported"):
        im.get_memes_image("AbC12dE")


def test_default_memes_are_lazy_images(im, api):
    api.add("GET", "3/memegen/defaults", [{"id": "Meme123", "title": "Y U NO"}])
    memes = im.get_default_memes()
    assert api.count == 0
    assert isinstance(memes[0], pyimgur.Image) and memes[0].title == "Y U NO"
    assert api.count == 1


def test_bad_ids_raise_before_any_request(im, api):
    with pytest.raises(ValueError):
        im.get_tag_image("", "AbC12dE")
    with pytest.raises(ValueError):
        im.get_memes_image("")
    assert api.count == 0
