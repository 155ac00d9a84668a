"""The sandbox for httpx: ``fake.async_transport()`` and ``fake.transport()`` in process, and
``fake.serve()`` over loopback, driven by plain httpx clients (no pyimgur client code).

Async tests run under anyio's plugin on asyncio and on trio;
one runs under pytest-asyncio, the other runner a user may have.
"""

from __future__ import annotations

import ssl
import time
from typing import Any

import anyio
import httpx
import pytest

from pyimgur.testing import (
    SEED_ACCESS_TOKEN,
    SEED_CLIENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    FakeImgur,
)
from pyimgur.testing.httpx_transport import CHUNK, AsyncSandboxTransport

API = "https://api.imgur.com/"
CLIENT = {"Authorization": f"Client-ID {SEED_CLIENT_ID}"}
USER = {"Authorization": f"Bearer {SEED_ACCESS_TOKEN}"}
BACKENDS = ["asyncio", "trio"]  # trio is in the test extra


@pytest.fixture(params=BACKENDS)
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> FakeImgur:
    return FakeImgur()


def client(fake: FakeImgur, **kwargs: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=fake.async_transport(), **kwargs)


# -- answers -------------------------------------------------------------------------------
@pytest.mark.anyio
async def test_status_body_and_headers(fake: FakeImgur) -> None:
    async with client(fake) as http:
        response = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert response.status_code == 200
    assert response.reason_phrase == "OK"
    assert response.json()["data"]["id"] == SEED_IMAGE_ID
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Content-Length"]) == len(response.content)
    assert int(response.headers["X-RateLimit-UserRemaining"]) == 1999
    assert fake.request_count == 1
    assert fake.requests[0].path == f"3/image/{SEED_IMAGE_ID}"


@pytest.mark.anyio
async def test_error_answers_are_responses_not_exceptions(fake: FakeImgur) -> None:
    async with client(fake) as http:
        anonymous = await http.get(f"{API}3/image/{SEED_IMAGE_ID}")
        missing = await http.get(f"{API}3/image/nosuchid", headers=CLIENT)
    assert anonymous.status_code == 401
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert fake.request_count == 2


@pytest.mark.anyio
async def test_query_headers_and_logged_request(fake: FakeImgur) -> None:
    async with client(fake) as http:
        response = await http.get(f"{API}3/gallery/hot/viral/day/0", params={"showViral": "true"},
                                  headers={**USER, "X-Custom": "kept"})
    assert response.status_code == 200
    record = fake.requests[0]
    assert record.query == {"showViral": "true"}
    assert record.auth == "bearer"
    assert record.headers["X-Custom"] == "kept"  # original case, as a server reads it
    assert not any(name.lower() == "authorization" for name in record.headers)


@pytest.mark.anyio
async def test_a_form_write_is_applied_once(fake: FakeImgur) -> None:
    async with client(fake) as http:
        response = await http.post(f"{API}3/image/{SEED_IMAGE_ID}", headers=USER,
                                   data={"title": "from httpx"})
        again = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert response.status_code == 200
    assert again.json()["data"]["title"] == "from httpx"
    assert fake.count_applied("POST", r"^3/image/") == 1


@pytest.mark.anyio
async def test_multipart_upload_and_streamed_request_body(fake: FakeImgur) -> None:
    png = fake.state.images[SEED_IMAGE_ID].data
    async with client(fake) as http:
        uploaded = await http.post(f"{API}3/image", headers=CLIENT,
                                   files={"image": ("a.png", png, "image/png")},
                                   data={"type": "file", "title": "multipart"})

        async def pieces() -> Any:
            for start in range(0, len(png), 7):
                yield png[start:start + 7]

        streamed = await http.post(f"{API}3/image", content=pieces(),
                                   headers={**CLIENT, "Content-Type": "image/png"})
    assert uploaded.status_code == 200, uploaded.text
    data = uploaded.json()["data"]
    assert data["title"] == "multipart"
    assert fake.state.images[data["id"]].data == png
    assert fake.requests[0].files["image"] == ("a.png", "image/png", len(png))
    assert fake.requests[1].body == png  # the chunks arrived whole
    assert fake.count_applied("POST", r"^3/image$") == 1 + (streamed.status_code == 200)


@pytest.mark.anyio
async def test_cdn_bytes(fake: FakeImgur) -> None:
    image = fake.state.images[SEED_IMAGE_ID]
    async with client(fake) as http:
        listed = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        link = listed.json()["data"]["link"]
        assert link.startswith("https://i.imgur.com/")
        response = await http.get(link)
    assert response.status_code == 200
    assert response.content == image.data
    assert fake.requests[-1].path.startswith("cdn/")


@pytest.mark.anyio
async def test_big_bodies_are_streamed_in_chunks(fake: FakeImgur) -> None:
    data = fake.state.images[SEED_IMAGE_ID].data
    big = fake.add_image(data=data + bytes(3 * 1024 * 1024))
    sizes: list[int] = []
    async with client(fake) as http:
        async with http.stream("GET", f"https://i.imgur.com/{big.id}.png") as response:
            assert response.status_code == 200
            assert int(response.headers["Content-Length"]) == len(big.data)
            async for chunk in response.aiter_raw():
                sizes.append(len(chunk))
    assert sum(sizes) == len(big.data)
    assert len(sizes) > 40 and max(sizes) == CHUNK


@pytest.mark.anyio
async def test_head_has_no_body(fake: FakeImgur) -> None:
    async with client(fake) as http:
        response = await http.head(f"https://i.imgur.com/{SEED_IMAGE_ID}.png")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Type"] == "image/png"
    assert fake.requests[0].method == "HEAD"


@pytest.mark.anyio
async def test_other_hosts_fail_without_reaching_anything(fake: FakeImgur) -> None:
    async with client(fake) as http:
        with pytest.raises(httpx.ConnectError, match="no such host"):
            await http.get("https://example.com/3/image/x")
        with pytest.raises(httpx.ConnectError):
            await http.get(f"http://api.imgur.com/3/image/{SEED_IMAGE_ID}")  # not the scheme
    assert fake.request_count == 0


@pytest.mark.anyio
async def test_another_base_url(fake: FakeImgur) -> None:
    transport = fake.async_transport("https://imgur-apiv3.p.rapidapi.com/api")
    async with httpx.AsyncClient(transport=transport) as http:
        response = await http.get(
            f"https://imgur-apiv3.p.rapidapi.com/api/3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        with pytest.raises(httpx.ConnectError):
            await http.get(f"{API}3/image/{SEED_IMAGE_ID}")
    assert response.status_code == 200
    assert [r.path for r in fake.requests] == [f"3/image/{SEED_IMAGE_ID}"]


# -- faults ----------------------------------------------------------------------------------
@pytest.mark.anyio
@pytest.mark.parametrize(("kind", "error", "applied"), [
    ("timeout", httpx.ReadTimeout, False),
    ("refused", httpx.ConnectError, False),
    ("reset_before_read", httpx.ReadError, False),
    ("drop_after_apply", httpx.RemoteProtocolError, True),
])
async def test_connection_faults_raise_what_httpx_raises(
    fake: FakeImgur, kind: str, error: type[Exception], applied: bool
) -> None:
    fake.faults.add(kind, method="POST")
    async with client(fake) as http:
        with pytest.raises(error) as raised:
            await http.post(f"{API}3/image/{SEED_IMAGE_ID}", headers=USER,
                            data={"title": "faulted"})
        after = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert isinstance(raised.value, httpx.TransportError)
    assert "injected fault" in str(raised.value)
    assert raised.value.request.url.path == f"/3/image/{SEED_IMAGE_ID}"
    assert fake.count_applied("POST") == int(applied)
    assert (after.json()["data"]["title"] == "faulted") is applied
    assert fake.requests[0].fault == kind


@pytest.mark.anyio
async def test_a_timeout_that_applied_still_times_out(fake: FakeImgur) -> None:
    fake.faults.add("timeout", method="POST", apply=True)
    async with client(fake) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.post(f"{API}3/image/{SEED_IMAGE_ID}", headers=USER, data={"title": "t"})
    assert fake.count_applied("POST") == 1


@pytest.mark.anyio
async def test_status_faults_are_answers(fake: FakeImgur) -> None:
    fake.faults.add(status=503, body_shape="html")
    fake.faults.add("rate_limit")
    async with client(fake) as http:
        first = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        second = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        third = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert first.status_code == 503 and first.headers["Content-Type"].startswith("text/html")
    assert second.status_code == 429 and second.headers["X-RateLimit-UserRemaining"] == "0"
    assert third.status_code == 200


@pytest.mark.anyio
async def test_slow_answers_do_not_block_the_loop(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=0.3)
    ticks = 0
    answer: dict[str, Any] = {}

    async def tick() -> None:
        nonlocal ticks
        while "response" not in answer:
            ticks += 1
            await anyio.sleep(0.01)

    async def call(http: httpx.AsyncClient) -> None:
        answer["response"] = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)

    started = time.monotonic()
    async with client(fake) as http, anyio.create_task_group() as tasks:
        tasks.start_soon(tick)
        tasks.start_soon(call, http)
    assert time.monotonic() - started >= 0.3
    assert answer["response"].status_code == 200
    assert ticks >= 10  # the loop kept running while the answer was slow


@pytest.mark.anyio
async def test_concurrent_slow_requests_overlap(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=0.2, times=None)
    statuses: list[int] = []

    async def call(http: httpx.AsyncClient) -> None:
        response = await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        statuses.append(response.status_code)

    started = time.monotonic()
    async with client(fake) as http, anyio.create_task_group() as tasks:
        for _ in range(10):
            tasks.start_soon(call, http)
    assert statuses == [200] * 10
    assert time.monotonic() - started < 1.0  # 10 x 0.2 s one by one would be 2 s
    assert fake.request_count == 10


@pytest.mark.anyio
async def test_a_slow_answer_past_the_read_timeout(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=5.0, method="POST")
    started = time.monotonic()
    async with client(fake, timeout=httpx.Timeout(5.0, read=0.1)) as http:
        with pytest.raises(httpx.ReadTimeout, match="too late"):
            await http.post(f"{API}3/image/{SEED_IMAGE_ID}", headers=USER, data={"title": "s"})
    assert time.monotonic() - started < 2.0  # waited the read timeout, not the 5 s
    assert fake.count_applied("POST") == 1  # the sandbox did the work, as a slow server does


@pytest.mark.anyio
async def test_cancelling_a_slow_request_returns_at_once(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=5.0)
    started = time.monotonic()
    async with client(fake) as http:
        with anyio.move_on_after(0.1):
            await http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert time.monotonic() - started < 1.0


@pytest.mark.asyncio
async def test_under_pytest_asyncio(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=0.05)
    async with client(fake) as http:
        response = await http.get(f"{API}3/gallery/{SEED_GALLERY_IMAGE_ID}", headers=CLIENT)
    assert response.status_code == 200
    assert response.json()["data"]["id"] == SEED_GALLERY_IMAGE_ID


def test_repr_names_the_sandbox_and_no_secret(fake: FakeImgur) -> None:
    text = repr(fake.async_transport())
    assert text.startswith("<AsyncSandboxTransport https://api.imgur.com/")
    assert isinstance(fake.async_transport(), AsyncSandboxTransport)


# -- the blocking httpx client -----------------------------------------------------------------
def test_sync_transport(fake: FakeImgur) -> None:
    fake.faults.add("reset_before_read", method="POST")
    with httpx.Client(transport=fake.transport()) as http:
        response = http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)
        cdn = http.get(response.json()["data"]["link"])
        with pytest.raises(httpx.ReadError):
            http.post(f"{API}3/image/{SEED_IMAGE_ID}", headers=USER, data={"title": "x"})
    assert response.status_code == 200
    assert cdn.content == fake.state.images[SEED_IMAGE_ID].data
    assert fake.request_count == 3
    assert fake.count_applied("POST") == 0


def test_sync_transport_read_timeout(fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=0.2)
    with httpx.Client(transport=fake.transport(), timeout=httpx.Timeout(5.0, read=0.05)) as http:
        with pytest.raises(httpx.ReadTimeout):
            http.get(f"{API}3/image/{SEED_IMAGE_ID}", headers=CLIENT)


# -- over loopback -----------------------------------------------------------------------------
@pytest.mark.anyio
async def test_loopback_http(fake: FakeImgur) -> None:
    with fake.serve(lifetime=60) as url:
        async with httpx.AsyncClient(base_url=str(url)) as http:
            response = await http.get(f"3/image/{SEED_IMAGE_ID}", headers=CLIENT)
            cdn = await http.get(response.json()["data"]["link"])
    assert response.status_code == 200
    assert response.json()["data"]["id"] == SEED_IMAGE_ID
    assert cdn.content == fake.state.images[SEED_IMAGE_ID].data
    assert fake.request_count == 2


@pytest.mark.anyio
async def test_loopback_https_with_the_served_certificate(fake: FakeImgur) -> None:
    with fake.serve(https=True, lifetime=60) as url:
        assert url.cert_path is not None
        context = ssl.create_default_context(cafile=url.cert_path)
        async with httpx.AsyncClient(base_url=str(url), verify=context) as http:
            response = await http.get(f"3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert response.status_code == 200
    assert str(url).startswith("https://127.0.0.1:")


@pytest.mark.anyio
async def test_loopback_faults(fake: FakeImgur) -> None:
    fake.faults.add("timeout", delay=1.0)
    fake.faults.add("reset_before_read")
    with fake.serve(lifetime=60) as url:
        timeout = httpx.Timeout(5.0, read=0.2)
        async with httpx.AsyncClient(base_url=str(url), timeout=timeout) as http:
            with pytest.raises(httpx.ReadTimeout):
                await http.get(f"3/image/{SEED_IMAGE_ID}", headers=CLIENT)
            with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
                await http.get(f"3/image/{SEED_IMAGE_ID}", headers=CLIENT)
            after = await http.get(f"3/image/{SEED_IMAGE_ID}", headers=CLIENT)
    assert after.status_code == 200
    assert [r.fault for r in fake.requests] == ["timeout", "reset_before_read", None]


# -- the shared conversion ------------------------------------------------------------------
@pytest.mark.parametrize(("url", "base", "path"), [
    (f"{API}3/image/abc?x=1", API, "3/image/abc"),
    ("https://i.imgur.com/abc.png", API, "cdn/abc.png"),
    ("HTTPS://API.IMGUR.COM/3/credits", API, "3/credits"),
    ("https://host.example/api/3/credits", "https://host.example/api", "3/credits"),
    ("https://host.example/api", "https://host.example/api/", ""),
    ("https://host.example/other/3/credits", "https://host.example/api/", None),
    ("http://api.imgur.com/3/credits", API, None),
    ("https://api.imgur.com:8443/3/credits", API, None),
])
def test_sandbox_path(url: str, base: str, path: Any) -> None:
    from pyimgur.testing.exchange import sandbox_path

    assert sandbox_path(url, base) == path


@pytest.mark.anyio
async def test_other_tasks_run_while_a_big_body_is_read(fake: FakeImgur) -> None:
    big = fake.add_image(data=fake.state.images[SEED_IMAGE_ID].data + bytes(2 * 1024 * 1024))
    ticks_during: list[int] = []
    ticks = 0
    done = False

    async def tick() -> None:
        nonlocal ticks
        while not done:
            ticks += 1
            await anyio.sleep(0)

    async def read(http: httpx.AsyncClient) -> None:
        nonlocal done
        async with http.stream("GET", f"https://i.imgur.com/{big.id}.png") as response:
            before = ticks
            await response.aread()
            ticks_during.append(ticks - before)
        done = True

    async with client(fake) as http, anyio.create_task_group() as tasks:
        tasks.start_soon(tick)
        tasks.start_soon(read, http)
    assert ticks_during[0] >= 20  # ~33 chunks: the ticker ran between them
