"""The bad-argument cases and the secrets story of tests/reliability, played by AsyncImgur."""

from __future__ import annotations

import inspect
import logging
from typing import Any, Callable

import pytest
from reliability.test_arguments import CASES
from reliability.test_secrets import (
    BOGUS_REFRESH,
    CLIENT_ID,
    CLIENT_SECRET,
    PNG,
    READ_TIMEOUT,
    _pickled,
    _texts,
)

import pyimgur
from pyimgur.testing import FakeImgur

from .conftest import bridge, client, user_client

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    """The large tables run under asyncio only (the core and action tests run under trio too)."""
    return "asyncio"


#: factories that take ``fetch``: called with ``fetch=False``, as the sync cases are lazy
FACTORIES = {"get_image", "get_album", "get_comment", "get_conversation", "get_current_user",
             "get_custom_gallery", "get_gallery_image", "get_gallery_album", "get_tag",
             "get_user", "get_message", "get_notification"}


class Chain:
    """Records ``im.get_user("x").get_images(limit=-1)`` to replay it with awaits."""

    def __init__(self, steps: tuple[tuple[str, Any, Any], ...] = ()) -> None:
        self.steps = steps

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: Chain((*self.steps, (name, args, kwargs)))

    async def replay(self, im: Any) -> Any:
        value = im
        for name, args, kwargs in self.steps:
            if value is im and name in FACTORIES:
                kwargs = {"fetch": False, **kwargs}
            value = await _outcome(getattr(value, name)(*args, **kwargs))
        return value


async def _outcome(result: Any) -> Any:
    """Await what is awaitable; iterate an async listing (as using it would)."""
    if inspect.isawaitable(result):
        return await result
    if isinstance(result, pyimgur.AsyncListing):
        return [item async for item in result]
    return result


@pytest.mark.parametrize(("call", "error"), [pytest.param(c, e, id=i) for i, c, e in CASES])
async def test_bad_arguments_raise_before_any_request(
    fake: FakeImgur, call: Callable[[Any], Any], error: type[Exception]
) -> None:
    async with user_client(fake) as im:
        fake.reset_log()
        with pytest.raises(error) as raised:
            await call(Chain()).replay(im)
    assert fake.request_count == 0, f"a request was made before {raised.value!r}"
    assert not isinstance(raised.value, pyimgur.TransportError)
    assert str(raised.value)


USER_ONLY: list[tuple[str, Callable[[Any], Any]]] = [
    ("favorite", lambda im: im.get_image("abc", fetch=False)),
    ("upvote", lambda im: im.get_gallery_image("abc", fetch=False)),
    ("create_message", lambda im: im.create_message("bob", "hello")),
    ("notifications", lambda im: im.get_notifications()),
    ("current user", lambda im: im.get_current_user()),
]


@pytest.mark.parametrize("call", [pytest.param(c, id=i) for i, c in USER_ONLY])
async def test_user_calls_on_an_anonymous_client_raise_before_any_request(
    fake: FakeImgur, call: Callable[[Any], Any]
) -> None:
    async with client(fake, client_secret=None) as im:
        with pytest.raises(pyimgur.AuthenticationError, match=r"logged-in user|access_token"):
            made = await _outcome(call(im))
            if isinstance(made, pyimgur.Image) and not isinstance(made, pyimgur.Gallery_item):
                await made.favorite()
            elif isinstance(made, pyimgur.Gallery_item):
                await made.upvote()
    assert fake.request_count == 0


async def _raises(errors: list[BaseException], call: Callable[[], Any]) -> None:
    try:
        await call()
    except pyimgur.ImgurError as error:
        errors.append(error)
    else:
        raise AssertionError(f"{call} did not fail")


async def test_no_secret_in_logs_reprs_errors_or_pickles(caplog: Any) -> None:
    fake = FakeImgur()
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    caplog.set_level(logging.DEBUG)
    for name in ("pyimgur", "httpx", "httpcore", ""):
        caplog.set_level(logging.DEBUG, logger=name)
    seen: list[Any] = []

    async def save(access: str, refresh: Any) -> None:
        seen.append((access, refresh))

    im = pyimgur.AsyncImgur(
        CLIENT_ID, CLIENT_SECRET, on_token_refresh=save, timeout=(2.0, READ_TIMEOUT),
        cache_ttl=0, max_retries=1, http_transport=bridge(fake),
    )

    async def no_sleep(seconds: float) -> None:
        return None

    im.transport.sleep = no_sleep
    errors: list[BaseException] = []
    things: list[Any] = [im, im.credentials, im.transport]
    async with im:
        await im.exchange_code(fake.issue_code(client_id=CLIENT_ID))
        await _raises(errors, lambda: im.exchange_pin("0000000000"))
        await im.exchange_pin(fake.issue_pin(client_id=CLIENT_ID))
        image = await im.upload_image(content=PNG, title="a secret-free story")
        things.append(image)
        await im.refresh_access_token()
        fake.expire_token(im.access_token or "")
        things.append(await (await im.get_image(image.id, fetch=False)).refresh())
        fake.expire_token(im.access_token or "")
        things.append(await im.upload_image(content=PNG, title="again"))
        path = rf"^3/image/{image.id}$"
        for status, shape in [(400, "classic"), (401, "nested"), (403, "jsonapi"),
                              (404, "data_false"), (409, "html"), (500, "truncated")]:
            fake.faults.add("status", status=status, body_shape=shape, times=None,
                            path_regex=path)
            await _raises(errors, lambda: im.get_image(image.id))
            fake.faults.clear()
        fake.faults.add("rate_limit", body_shape="classic", bucket="user", times=None,
                        path_regex=path)
        await _raises(errors, lambda: im.get_image(image.id))
        fake.faults.clear()
        for kind in ("over_capacity", "reset_before_read", "timeout", "drop_after_apply"):
            fake.faults.add(kind, times=None, path_regex=r"^3/comment$", delay=READ_TIMEOUT * 2)
            post = await im.get_gallery_image("Sb0xGal", fetch=False)
            await _raises(errors, lambda p=post: p.comment("hello"))
            fake.faults.clear()
        im.change_authentication(refresh_token=BOGUS_REFRESH)
        await _raises(errors, lambda: im.get_image(image.id))
    assert len(seen) >= 4

    secrets = {CLIENT_SECRET, BOGUS_REFRESH}
    for token in list(fake.state.tokens.values()) + list(fake.state.refresh_tokens.values()):
        secrets.update((token.access_token, token.refresh_token))
    assert im.credentials.refresh_count >= 2 and len(secrets) >= 8
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = [formatter.format(record) for record in caplog.records]
    assert any(record.name == "pyimgur" and record.levelno == logging.DEBUG
               for record in caplog.records)
    kinds = {type(error).__name__ for error in errors}
    assert {"BadRequest", "AuthenticationError", "Forbidden", "NotFound", "Conflict",
            "ServerError", "RateLimitError", "OverCapacity", "TransportError"} <= kinds
    produced = errors + things
    texts = lines + [text for thing in produced for text in _texts(thing)]
    blobs = [blob for blob in map(_pickled, produced) if blob is not None]
    assert len(blobs) >= len(errors)
    for secret in secrets:
        for text in texts:
            assert secret not in text, f"a secret leaked into: {text[:300]}"
        for blob in blobs:
            assert secret.encode() not in blob
