"""Bugs the reliability suite found outside the transport, all fixed: each test
states the behaviour pyimgur promises and fails if the bug comes back."""

from __future__ import annotations

from typing import Any

import pytest

import pyimgur


def _offline() -> pyimgur.Imgur:
    imgur = pyimgur.Imgur("fuzz-client-id")

    def no_requests(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a fully fetched model made a request")

    imgur.transport.request = no_requests  # type: ignore[method-assign]
    return imgur


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"_has_fetched": False}, id="_has_fetched"),
        pytest.param({"_malformed": ["title"]}, id="_malformed"),
        pytest.param({"_imgur": True}, id="_imgur"),
    ],
)
def test_json_keys_starting_with_underscore_do_not_touch_internal_state(body: Any) -> None:
    image = pyimgur.Image(dict(body, id="abc1234"), _offline(), has_fetched=True)
    assert image.title is None  # fully fetched and no title: None, no request, no crash
    assert image._client is not True


def test_reply_on_an_anonymous_client_raises_before_any_request(api: Any, im: Any) -> None:
    with pytest.raises(pyimgur.AuthenticationError):
        im.get_comment(5).reply("hello")
    assert api.count == 0


def test_cli_verbose_leaves_the_pyimgur_log_level_as_it_found_it() -> None:
    import io
    import logging

    from pyimgur.cli import main

    logger = logging.getLogger("pyimgur")
    before = logger.level
    main(["-v", "--sandbox", "credits"], env={}, stdout=io.StringIO(), stderr=io.StringIO())
    try:
        assert logger.level == before
    finally:
        logger.setLevel(before)


def test_the_loopback_server_answers_without_a_nagle_delay() -> None:
    """Found by the soak test (fixed in pyimgur/testing/server.py): the server sent
    headers and body in two writes with Nagle's algorithm on, so every answer
    waited for the client's delayed ACK, about 40 ms (50 calls took 2.2 s)."""
    import time

    from pyimgur.testing import FakeImgur

    fake = FakeImgur()
    with fake.serve(lifetime=60) as url:
        im = pyimgur.Imgur("5eedc11e47a1d00", base_url=str(url), cache_ttl=0)
        im.get_image("Sb0xImg").refresh()  # the connection is open
        started = time.perf_counter()
        for _ in range(50):
            im.get_image("Sb0xImg").refresh()
        elapsed = time.perf_counter() - started
        im.close()
    assert elapsed < 1.0, f"50 calls over loopback took {elapsed:.2f} s"
