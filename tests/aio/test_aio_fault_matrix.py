"""The fault matrix (tests/reliability/matrix.py) played by the async flavour.

Same calls, same faults, same promised outcomes (``matrix.expected``): the two
flavours share the retry, refresh and 429 decisions (:mod:`pyimgur.policy`),
and this proves they act on them alike, request for request.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from typing import Any, Awaitable, Callable

import pytest
from reliability.matrix import (
    CALLS,
    CREATE,
    FAULTS,
    MAX_ATTEMPTS,
    MODES,
    TIMEOUT,
    TOGGLE,
    Call,
    Fault,
    Outcome,
    Played,
    _refigure,
    expected,
    install,
)

import pyimgur
from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_COMMENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_OTHER_USERS,
    FakeImgur,
    media,
)

from .conftest import user_client

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    """The large tables run under asyncio only (the core and action tests run under trio too)."""
    return "asyncio"
Action = Callable[[], Awaitable[Any]]
_PNG = media.png(16, 16)


async def _prepare(key: str, im: pyimgur.AsyncImgur, text: str) -> Action:
    """The async twin of each matrix call (what it loads first, then the action)."""
    if key == "image.title":
        async def title() -> Any:
            return (await im.get_image(SEED_IMAGE_ID)).title
        return title
    if key == "get_gallery":
        async def gallery() -> Any:
            return [item.id async for item in im.get_gallery(limit=5)]
        return gallery
    if key == "image.download":
        image = await im.get_image(SEED_IMAGE_ID)

        async def download() -> bytes:
            folder = tempfile.mkdtemp(prefix="pyimgur-matrix-")
            try:
                with open(await image.download(folder), "rb") as saved:
                    return saved.read()
            finally:
                shutil.rmtree(folder)
        return download
    if key == "album.update":
        album = await im.get_album(SEED_ALBUM_ID, fetch=False)
        return lambda: album.update(title=text)
    if key == "image.delete":
        return (await im.get_image(SEED_IMAGE_ID, fetch=False)).delete
    if key == "upload_image":
        return lambda: im.upload_image(content=_PNG, title=text)
    if key == "create_album":
        return lambda: im.create_album(title=text)
    if key == "comment":
        post = await im.get_gallery_image(SEED_GALLERY_IMAGE_ID, fetch=False)
        return lambda: post.comment(text)
    if key == "reply":
        comment = await im.get_comment(SEED_COMMENT_ID)
        return lambda: comment.reply(text)
    if key == "create_message":
        return lambda: im.create_message(SEED_OTHER_USERS[0], text)
    if key == "favorite":
        return (await im.get_image(SEED_IMAGE_ID, fetch=False)).favorite
    if key == "upvote":
        return (await im.get_gallery_image(SEED_GALLERY_IMAGE_ID, fetch=False)).upvote
    raise AssertionError(f"no async twin for matrix call {key}")


async def _play(call: Call, fault: Fault, mode: str) -> Played:
    fake = FakeImgur()
    im = user_client(fake, timeout=TIMEOUT, cache_ttl=0, max_retries=MAX_ATTEMPTS - 1)
    naps: list[float] = []

    async def nap(seconds: float) -> None:
        naps.append(seconds)

    im.transport.sleep = nap
    text = f"async matrix {call.key} {fault.key} {mode}"
    async with im:
        action = await _prepare(call.key, im, text)
        fake.reset_log()
        before = im.credentials.refresh_count
        install(fake, im, call, fault, mode)  # type: ignore[arg-type]
        value: Any = None
        error: Any = None
        try:
            value = await action()
        except Exception as raised:
            error = raised
    result = "ok" if error is None else type(error).__name__
    outcome = Outcome(result, 0, im.credentials.refresh_count - before)
    return _refigure(Played(outcome, value, error, None, fake, text), call)


CASES = [
    pytest.param(mode, fault, call, id=f"{mode}-{fault.key}-{call.key}")
    for mode in MODES
    for fault in FAULTS
    for call in CALLS
]


@pytest.mark.parametrize(("mode", "fault", "call"), CASES)
async def test_async_fault_matrix(mode: str, fault: Fault, call: Call) -> None:
    played = await _play(call, fault, mode)
    error = played.error
    if error is not None:
        assert isinstance(error, pyimgur.ImgurError), f"raw {type(error)!r} escaped: {error!r}"
        assert error.method == call.method
        pattern = call.path.replace("^cdn/", "^")
        assert error.path is not None and re.search(pattern, error.path.lstrip("/"))
    assert played.outcome == expected(call, fault, mode)
    if call.kind in (CREATE, TOGGLE):
        assert played.effect == played.outcome.applied
    if played.outcome.result == "ok":
        assert call.check is None or call.check(played.fake, played.value, played.text)
