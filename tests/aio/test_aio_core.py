"""The async flavour's core rules, each with counted requests against the sandbox."""

from __future__ import annotations

import anyio
import pytest

import pyimgur
from pyimgur.aio import AsyncImage, AsyncUser, NotLoaded
from pyimgur.testing import FakeImgur, seed

from .conftest import client, user_client

pytestmark = pytest.mark.anyio


async def test_get_image_loads_with_one_request(fake: FakeImgur) -> None:
    async with client(fake) as im:
        image = await im.get_image(seed.SEED_IMAGE_ID)
        assert fake.request_count == 1
        assert isinstance(image, AsyncImage) and isinstance(image, pyimgur.Image)
        assert image.title and image.link
        assert fake.request_count == 1


async def test_fetch_false_makes_no_request_and_fields_raise_not_loaded(fake: FakeImgur) -> None:
    async with client(fake) as im:
        image = await im.get_image(seed.SEED_IMAGE_ID, fetch=False)
        with pytest.raises(NotLoaded, match=r"await obj\.load\(\)"):
            image.title
        with pytest.raises(AttributeError):
            image.title
        assert getattr(image, "title", "unset") == "unset"
        assert not hasattr(image, "typo")
        repr(image), str(image), hash(image), dir(image)
        assert image == await im.get_image(seed.SEED_IMAGE_ID, fetch=False)
        assert fake.request_count == 0
        assert await image.load() is image
        assert fake.request_count == 1
        assert image.title


async def test_related_objects_are_unloaded_async_twins(fake: FakeImgur) -> None:
    async with client(fake) as im:
        image = await im.get_image(seed.SEED_IMAGE_ID)
        author = image.author
        assert isinstance(author, AsyncUser)
        with pytest.raises(NotLoaded):
            author.reputation
        assert fake.request_count == 1
        await author.load()
        assert fake.request_count == 2
        assert author.reputation is not None


async def test_many_tasks_loading_one_object_make_one_request(fake: FakeImgur) -> None:
    async with client(fake) as im:
        images = [await im.get_image(seed.SEED_IMAGE_ID, fetch=False) for _ in range(10)]
        async with anyio.create_task_group() as group:
            for image in images:
                group.start_soon(image.load)
        assert fake.request_count == 1
        assert all(image.title for image in images)


async def test_refresh_always_fetches(fake: FakeImgur) -> None:
    async with client(fake) as im:
        image = await im.get_image(seed.SEED_IMAGE_ID)
        await image.refresh()
        await image.load()  # loaded already: loads the newest values
        assert fake.request_count == 3


async def test_eight_tasks_with_an_expired_token_make_one_refresh(fake: FakeImgur) -> None:
    im = user_client(fake)
    im.credentials.expires_at = 0.0  # known to be expired
    async with im:
        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(im.get_image, seed.SEED_IMAGE_ID, False)
        async with anyio.create_task_group() as group:
            for _ in range(8):
                image = await im.get_image(seed.SEED_IMAGE_ID, fetch=False)
                group.start_soon(image.favorite)
    assert im.credentials.refresh_count == 1
    assert len(fake.find_requests("POST", r"oauth2/token")) == 1
    assert len(fake.find_requests("POST", r"3/image/.*/favorite")) == 8


async def test_a_refused_token_is_refreshed_once_for_concurrent_tasks(fake: FakeImgur) -> None:
    seen: list[tuple[str, object]] = []

    async def saved(access: str, refresh: object) -> None:
        await anyio.sleep(0)
        seen.append((access, refresh))

    im = user_client(fake, on_token_refresh=saved)
    fake.expire_token(im.access_token or "")  # Imgur now refuses it: 403, then a refresh
    async with im:
        async with anyio.create_task_group() as group:
            for _ in range(8):
                image = await im.get_image(seed.SEED_IMAGE_ID, fetch=False)
                group.start_soon(image.favorite)
    assert im.credentials.refresh_count == 1
    assert len(fake.find_requests("POST", r"oauth2/token")) == 1
    assert len(seen) == 1 and seen[0][0] == im.access_token


async def test_the_token_refresh_never_goes_through_request(fake: FakeImgur) -> None:
    im = user_client(fake)
    fake.expire_token(im.access_token or "")  # refused: 403, then a refresh, then the retry
    through_request: list[object] = []
    async with im:
        real_request = im.transport.request

        async def spy(endpoint: object, **kwargs: object) -> object:
            through_request.append(endpoint)
            return await real_request(endpoint, **kwargs)  # type: ignore[arg-type]

        im.transport.request = spy  # type: ignore[method-assign]
        await im.get_image(seed.SEED_IMAGE_ID)
    assert im.credentials.refresh_count == 1
    assert through_request == [pyimgur.endpoints.IMAGE]
    token_posts = fake.find_requests("POST", r"oauth2/token")
    assert len(token_posts) == 1


@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
async def test_over_loopback_under_asyncio_and_trio(fake: FakeImgur) -> None:
    """The real httpx pool and sockets against the sandbox served on 127.0.0.1."""
    with fake.serve() as url:
        token = fake.issue_token()
        async with pyimgur.AsyncImgur(
            seed.SEED_CLIENT_ID, seed.SEED_CLIENT_SECRET, token.access_token,
            token.refresh_token, base_url=str(url), backoff_factor=0.0,
        ) as im:
            image = await im.get_image(seed.SEED_IMAGE_ID)
            assert image.title
            assert await image.favorite() is True
            posts = [post async for post in im.get_gallery(limit=2)]
            assert len(posts) == 2
    assert fake.request_count == 3


async def test_a_sunset_header_logs_a_warning_in_the_async_flavour_too(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import httpx

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"data": {"id": "abc"}, "success": True, "status": 200},
            headers={"Sunset": "Sat, 01 Jan 2028 00:00:00 GMT"},
        )

    async with pyimgur.AsyncImgur("cid", http_transport=httpx.MockTransport(answer)) as im:
        with caplog.at_level("WARNING", logger="pyimgur"):
            await im.get_image("abc")
    assert any("retire" in r.getMessage() for r in caplog.records)


def test_rapidapi_key_sets_the_root_and_the_key_in_both_flavours() -> None:
    for session in (pyimgur.Imgur, pyimgur.AsyncImgur):
        im = session("cid", rapidapi_key="key")
        assert im.base_url == pyimgur.RAPIDAPI_BASE and im.transport.mashape_key == "key"
        with pytest.raises(ValueError, match="two different keys"):
            session("cid", rapidapi_key="key", mashape_key="other")
