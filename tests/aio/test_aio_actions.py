"""Async actions, listings, uploads and downloads against the sandbox, requests counted."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

import pyimgur
from pyimgur.aio import (
    AsyncAlbum,
    AsyncComment,
    AsyncGallery_image,
    AsyncImage,
    AsyncListing,
    AsyncTag,
    NotLoaded,
)
from pyimgur.testing import FakeImgur, seed

from .conftest import client, user_client

pytestmark = pytest.mark.anyio

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


async def test_gallery_listing_is_an_async_iterable_paged_lazily(fake: FakeImgur) -> None:
    async with client(fake) as im:
        listing = im.get_gallery(limit=3)
        assert isinstance(listing, AsyncListing)
        assert fake.request_count == 0
        posts = [post async for post in listing]
        assert len(posts) == 3 and fake.request_count == 1
        assert all(isinstance(post, pyimgur.Gallery_item) for post in posts)
        assert listing.is_complete and listing.loaded == posts
        assert fake.request_count == 1
        assert await im.get_gallery(limit=2).first(1) == posts[:1]
        assert fake.request_count == 2


async def test_bad_listing_arguments_raise_before_any_request(fake: FakeImgur) -> None:
    async with client(fake) as im:
        with pytest.raises(ValueError):
            im.get_gallery(section="nope")
        with pytest.raises(ValueError):
            im.get_gallery(limit=-1)
        with pytest.raises(TypeError):
            await im.get_image(12)  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            await im.get_image("")
    assert fake.request_count == 0


async def test_comments_reply_and_vote_are_coroutines(fake: FakeImgur) -> None:
    async with user_client(fake) as im:
        post = await im.get_gallery_item(seed.SEED_GALLERY_IMAGE_ID)
        assert isinstance(post, AsyncGallery_image)
        assert fake.request_count == 1
        comments = [c async for c in post.get_comments(sort="new")]
        assert comments and all(isinstance(c, AsyncComment) for c in comments)
        assert fake.request_count == 2
        first = comments[0]
        reply = await first.reply("thanks!")
        assert isinstance(reply, AsyncComment) and reply.text == "thanks!"
        assert len(fake.find_requests("POST", r"3/comment/\d+$")) == 1
        await post.upvote()
        assert post.vote == "up"
        assert len(fake.find_requests("POST", r"/vote/up$")) == 1
        assert await post.favorite() is True
        assert fake.request_count == 5


async def test_a_reply_on_an_unloaded_comment_loads_it_once_first(fake: FakeImgur) -> None:
    async with user_client(fake) as im:
        comment = await im.get_comment(seed.SEED_COMMENT_ID, fetch=False)
        with pytest.raises(NotLoaded):
            comment.image_id
        await comment.reply("hello")
        assert len(fake.find_requests("GET", r"3/comment/")) == 1
        assert len(fake.find_requests("POST", r"3/comment/")) == 1


async def test_upload_streams_from_disk_then_download_is_atomic(
    fake: FakeImgur, tmp_path: Path
) -> None:
    source = tmp_path / "card.png"
    source.write_bytes(PNG)
    async with user_client(fake) as im:
        image = await im.upload_image(str(source), title="Thank you!")
        assert isinstance(image, AsyncImage) and image.title == "Thank you!"
        assert fake.request_count == 1
        saved = await image.download(str(tmp_path / "out"))
        assert Path(saved).read_bytes() == PNG
        assert Path(saved).name == "Thank you!.png"
        assert fake.request_count == 2
        with pytest.raises(FileExistsError):
            await image.download(str(tmp_path / "out"))
        assert fake.request_count == 2
        assert sorted(os.listdir(tmp_path / "out")) == ["Thank you!.png"]


async def test_upload_memory_stays_flat(fake: FakeImgur, tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with open(big, "wb") as out:
        out.write(PNG)
        out.write(b"\0" * (8 * 1024 * 1024))
    async with user_client(fake) as im:
        tracemalloc.start()
        try:
            from pyimgur.upload import build_upload

            body, opened = build_upload(path=str(big))
            encoder = body()
            chunks = 0
            from pyimgur.aio.transport import _read_in_thread

            async for _chunk in _read_in_thread(encoder):
                chunks += 1
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            if opened is not None:
                opened.close()
        assert chunks > 100 and peak < 2 * 1024 * 1024
        del im


async def test_get_at_url_resolves_like_the_sync_flavour(fake: FakeImgur) -> None:
    async with client(fake) as im:
        image = await im.get_at_url(f"https://imgur.com/{seed.SEED_IMAGE_ID}")
        assert isinstance(image, AsyncImage) and image.title
        assert fake.request_count == 1
        handle = await im.get_at_url(f"https://imgur.com/a/{seed.SEED_ALBUM_ID}", fetch=False)
        assert isinstance(handle, AsyncAlbum) and fake.request_count == 1
        assert await im.get_at_url("https://example.com/nothing") is None


async def test_album_download_fans_out_in_a_task_group(fake: FakeImgur, tmp_path: Path) -> None:
    async with client(fake) as im:
        album = await im.get_album(seed.SEED_ALBUM_ID)
        count = len(album.images)
        before = fake.request_count
        paths = await album.download(str(tmp_path), workers=3)
        assert len(paths) == count and all(Path(p).exists() for p in paths)
        assert fake.request_count - before == count


async def test_tag_items_and_user_listings(fake: FakeImgur) -> None:
    async with user_client(fake) as im:
        tag = await im.get_tag(seed.SEED_TAG)
        assert isinstance(tag, AsyncTag)
        items = await tag.get_items(limit=2).all()
        assert len(items) <= 2
        me = await im.get_current_user()
        images = await me.get_images(limit=2).all()
        assert all(isinstance(i, AsyncImage) for i in images)
        assert isinstance(await me.get_image_count(), int)


async def test_wait_until_processed_sleeps_without_blocking(fake: FakeImgur) -> None:
    naps: list[float] = []

    async def nap(seconds: float) -> None:
        naps.append(seconds)

    async with client(fake) as im:
        video = await im.get_image(seed.SEED_VIDEO_ID)
        assert await video.wait_until_processed(sleep=nap) is video
        assert fake.request_count >= 1


async def test_many_at_once_share_fetches_and_keep_failures_in_place(fake: FakeImgur) -> None:
    async with client(fake) as im:
        ids = [seed.SEED_IMAGE_ID, seed.SEED_GIF_ID, seed.SEED_IMAGE_ID, "NoSuchImg"]
        found = await im.get_images(ids, workers=3, return_exceptions=True)
        assert [type(x) for x in found[:3]] == [AsyncImage] * 3 and found[0] is found[2]
        assert isinstance(found[3], pyimgur.NotFound)
        assert fake.request_count == 3  # one per distinct id
        with pytest.raises(pyimgur.BatchError):
            await im.get_images(["NoSuchImg"])
        urls = [f"https://imgur.com/{seed.SEED_IMAGE_ID}", "https://example.com/x"]
        resolved = await im.resolve_urls(urls)
        assert isinstance(resolved[0], AsyncImage) and resolved[1] is None
        handles = [await im.get_image(seed.SEED_VIDEO_ID, fetch=False) for _ in range(3)]
        before = fake.request_count
        assert await im.load_all(handles) == handles
        assert fake.request_count - before == 1


async def test_upload_images_into_a_new_album(fake: FakeImgur, tmp_path: Path) -> None:
    paths = []
    for number in range(3):
        path = tmp_path / f"card{number}.png"
        path.write_bytes(PNG)
        paths.append(str(path))
    async with user_client(fake) as im:
        with pytest.raises(FileNotFoundError):
            await im.upload_images([str(tmp_path / "missing.png")])
        assert fake.request_count == 0
        done = await im.upload_images(paths, workers=2, new_album="cards", title="card")
        assert [type(image) for image in done.images] == [AsyncImage] * 3
        assert isinstance(done.album, AsyncAlbum)
        assert len(fake.find_requests("POST", r"^3/image$")) == 3
        assert len(fake.find_requests("POST", r"^3/album$")) == 1
