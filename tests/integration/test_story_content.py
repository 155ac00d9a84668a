"""Stories through the real client: upload, albums, the gallery, comments, votes, favorites."""

from __future__ import annotations

import os

import pytest
from story_helpers import Sandbox

import pyimgur
from pyimgur.exceptions import NotFound
from pyimgur.testing import (
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_USER,
    SEED_VIDEO_ID,
)
from pyimgur.testing import media as m


def test_anonymous_upload_album_by_deletehash(sandbox: Sandbox, tmp_path: os.PathLike[str]
                                              ) -> None:
    fake = sandbox.fake
    im = sandbox.anonymous()
    path = os.path.join(os.fspath(tmp_path), "first.png")
    with open(path, "wb") as handle:
        handle.write(m.png(40, 30))
    first = im.upload_image(path, title="First")
    assert first.deletehash and first.title == "First"
    assert fake.state.images[first.id].owner is None
    album = im.create_album(title="Anonymous album", images=[first])
    assert album.deletehash
    second = im.upload_image(content=m.gif(10, 10), title="Second")
    album.add_images([second])
    assert fake.state.albums[album.id].images == [first.id, second.id]
    album.remove_images([first])
    assert fake.state.albums[album.id].images == [second.id]
    assert im.get_album(album.id).images[0].id == second.id
    (create,) = fake.find_requests("POST", r"^3/album$")
    assert create.json["title"] == "Anonymous album"  # sent as JSON, not form-encoded
    first.delete()
    assert first.id not in fake.state.images
    album.delete()
    assert album.id not in fake.state.albums


def test_gallery_comment_reply_vote_favorite_delete(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    me = sandbox.user()
    ada = sandbox.user("adalovelace")
    image = me.upload_image(content=m.png(50, 40), title="My cat")
    post = image.submit_to_gallery("My cat, in the gallery")
    assert isinstance(post, pyimgur.Gallery_image)
    assert fake.state.posts[image.id].title == "My cat, in the gallery"
    comment = post.comment("First!")
    assert fake.state.comments[comment.id].author == SEED_USER
    theirs = ada.get_gallery_image(image.id)
    top = theirs.get_comments()[0]
    assert top.id == comment.id
    reply = top.reply("Nice cat")
    assert fake.state.comments[reply.id].parent_id == comment.id
    post.upvote()
    assert fake.state.posts[image.id].votes == {SEED_USER: "up"}
    post.upvote()  # the same vote twice clears it
    assert fake.state.posts[image.id].votes == {}
    post.downvote()
    assert fake.state.posts[image.id].votes == {SEED_USER: "down"}
    tree = me.get_gallery_image(image.id).get_comments()
    assert [c.text for c in tree] == ["First!"]
    assert [r.text for r in tree[0].replies] == ["Nice cat"]
    assert image.favorite() is True
    assert image.favorite() is False
    assert fake.state.accounts[SEED_USER].favorites == {
        k: v for k, v in fake.state.accounts[SEED_USER].favorites.items() if k != image.id}
    reply_notes = fake.state.notifications.values()
    assert any(n.account == SEED_USER and n.ref == reply.id for n in reply_notes)
    reply_obj = ada.get_comment(reply.id)
    reply_obj.delete()
    assert fake.state.comments[reply.id].deleted
    post.remove_from_gallery()
    assert image.id not in fake.state.posts
    image.delete()
    assert image.id not in fake.state.images


def test_seeded_comment_tree_reads_without_more_requests(sandbox: Sandbox) -> None:
    fake = sandbox.fake
    im = sandbox.anonymous()
    post = im.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    fake.reset_log()
    comments = list(post.get_comments())
    depth = [(c.author.name, [(r.author.name, [x.text for x in r.replies]) for r in c.replies])
             for c in comments]
    assert ("gracehopper", [(SEED_USER, ["Thank you!"])]) in depth
    assert fake.request_count == 1


def test_video_upload_processing_and_download(sandbox: Sandbox,
                                              tmp_path: os.PathLike[str]) -> None:
    fake = sandbox.fake
    me = sandbox.user()
    video = me.upload_image(content=m.mp4(), name="clip.mp4")
    assert video.processing_status == "pending"
    video.wait_until_processed(timeout=30, interval=0.01)
    assert video.processing_status == "completed"
    seeded = me.get_image(SEED_IMAGE_ID)
    saved = seeded.download(path=os.fspath(tmp_path))
    with open(saved, "rb") as handle:
        assert handle.read() == fake.state.images[SEED_IMAGE_ID].data
    assert seeded.link.startswith(sandbox.cdn)
    thumb = seeded.download(path=os.fspath(tmp_path), size="small_square", name="thumb")
    with open(thumb, "rb") as handle:
        info = m.sniff(handle.read())
    assert info is not None and info.width == 90
    assert me.get_image(SEED_VIDEO_ID, fetch=True).type == "video/mp4"


def test_missing_objects_raise_not_found(sandbox: Sandbox) -> None:
    im = sandbox.anonymous()
    with pytest.raises(NotFound):
        im.get_image("nothere", fetch=True)
    assert im.get_image("nothere").id == "nothere"  # lazy: no request yet
