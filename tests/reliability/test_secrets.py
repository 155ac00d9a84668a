"""Secrets never leak: a whole story with DEBUG logging on, then a search for them.

The story (against the sandbox, in process and over HTTP on 127.0.0.1 so that
urllib3 logs too): an OAuth code exchange, a refused PIN, a PIN exchange, an
upload, an explicit refresh, an automatic refresh after the token expired, an
upload refused for its token, errors in every body shape Imgur uses, dropped
connections and timeouts, a refresh token Imgur refuses, and a user call
made anonymously.  Then the client secret and every access and refresh
token issued on the way are searched for in every log line (pyimgur's,
urllib3's, the root logger's), in the ``repr`` and ``str`` of every object
and exception, in exception messages and formatted tracebacks, and in every
pickled exception and model object.
"""

from __future__ import annotations

import logging
import pickle
import traceback
from collections.abc import Iterator
from typing import Any, Callable, Optional

import pytest

import pyimgur
from pyimgur.testing import FakeImgur, media

CLIENT_ID = "5ec7e75c11e47aa"
CLIENT_SECRET = "c11e475ec7e7c11e475ec7e7c11e475ec7e7beef"  # distinctive: easy to search for
BOGUS_REFRESH = "b0905ef7e5b0905ef7e5b0905ef7e5b0905ef7e5"
PNG = media.png(10, 10)
READ_TIMEOUT = 0.3


@pytest.fixture(params=["in-process", "loopback"])
def world(request: Any) -> Iterator[tuple[FakeImgur, Optional[str]]]:
    fake = FakeImgur()
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    if request.param == "in-process":
        yield fake, None
    else:
        with fake.serve() as url:
            yield fake, str(url)


def _raises(errors: list[BaseException], call: Callable[[], Any]) -> None:
    try:
        call()
    except pyimgur.ImgurError as error:
        errors.append(error)
    else:
        raise AssertionError(f"{call} did not fail")


def play_story(fake: FakeImgur, base_url: Optional[str]) -> tuple[pyimgur.Imgur, list[Any]]:
    """Run the story; returns the client and every exception and object it produced."""
    options: dict[str, Any] = {"timeout": (2.0, READ_TIMEOUT), "cache_ttl": 0, "max_retries": 1}
    if base_url is None:
        options["sandbox"] = fake
    else:
        options["base_url"] = base_url
    seen_tokens: list[tuple[str, Optional[str]]] = []
    im = pyimgur.Imgur(CLIENT_ID, CLIENT_SECRET,
                       on_token_refresh=lambda a, r: seen_tokens.append((a, r)), **options)
    im.transport.sleep = lambda seconds: None
    errors: list[BaseException] = []
    things: list[Any] = [im, im.credentials, im.transport]

    # OAuth: a code, a refused PIN, a PIN
    im.exchange_code(fake.issue_code(client_id=CLIENT_ID))
    _raises(errors, lambda: im.exchange_pin("0000000000"))
    im.exchange_pin(fake.issue_pin(client_id=CLIENT_ID))
    # an upload, an explicit refresh, an automatic one, an upload refused for its token
    # (refreshed, then sent again whole)
    image = im.upload_image(content=PNG, title="a secret-free story")
    things.append(image)
    im.refresh_access_token()
    fake.expire_token(im.access_token or "")
    things.append(im.get_image(image.id).refresh())
    fake.expire_token(im.access_token or "")
    things.append(im.upload_image(content=PNG, title="again"))  # refreshed, then resent
    # every error shape, on a read and on a write
    path = rf"^3/image/{image.id}$"
    shapes = [(400, "classic"), (401, "nested"), (403, "jsonapi"), (404, "data_false"),
              (409, "html"), (413, "empty"), (500, "truncated"), (502, "html"), (200, "empty")]
    for status, shape in shapes:
        fake.faults.add("status", status=status, body_shape=shape, times=None, path_regex=path)
        _raises(errors, lambda: im.get_image(image.id, fetch=True))
        _raises(errors, lambda: im.get_image(image.id).update(title="x"))
        fake.faults.clear()
    for shape, bucket in [("classic", "user"), ("nested", "post"), ("jsonapi", "client"),
                          ("data_false", None)]:
        fake.faults.add("rate_limit", body_shape=shape, bucket=bucket, times=None,
                        path_regex=path)
        _raises(errors, lambda: im.get_image(image.id, fetch=True))
        fake.faults.clear()
    for kind in ("over_capacity", "reset_before_read", "timeout", "drop_after_apply"):
        fake.faults.add(kind, times=None, path_regex=r"^3/comment$", delay=READ_TIMEOUT * 2)
        _raises(errors, lambda: im.get_gallery_image("Sb0xGal").comment("hello"))
        fake.faults.clear()
    # a refresh token Imgur refuses, then a user call made anonymously
    im.change_authentication(refresh_token=BOGUS_REFRESH)
    assert im.access_token is None  # the old user's token went with their refresh token
    _raises(errors, lambda: im.get_image(image.id, fetch=True))
    anonymous = pyimgur.Imgur(CLIENT_ID, CLIENT_SECRET, **options)
    _raises(errors, lambda: anonymous.get_image(image.id).favorite())
    things.append(anonymous)
    assert len(seen_tokens) >= 4  # code, pin, explicit refresh, automatic refresh
    return im, errors + things


def _texts(thing: Any) -> Iterator[str]:
    yield repr(thing)
    yield str(thing)
    if isinstance(thing, BaseException):
        yield "\n".join(traceback.format_exception(type(thing), thing, thing.__traceback__))
        yield repr(thing.args)
        yield repr(vars(thing))


def _pickled(thing: Any) -> Optional[bytes]:
    try:
        return pickle.dumps(thing)
    except TypeError as refused:  # the client, its credentials and transport refuse
        assert "not picklable" in str(refused)
        return None


def test_no_secret_in_logs_reprs_errors_or_pickles(
    world: tuple[FakeImgur, Optional[str]], caplog: Any
) -> None:
    fake, base_url = world
    caplog.set_level(logging.DEBUG)
    for name in ("pyimgur", "urllib3", ""):
        caplog.set_level(logging.DEBUG, logger=name)
    im, produced = play_story(fake, base_url)

    secrets = {CLIENT_SECRET, BOGUS_REFRESH}
    for token in list(fake.state.tokens.values()) + list(fake.state.refresh_tokens.values()):
        secrets.update((token.access_token, token.refresh_token))
    assert im.credentials.refresh_count >= 2 and len(secrets) >= 8

    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = [formatter.format(record) for record in caplog.records]
    assert any(record.name == "pyimgur" and record.levelno == logging.DEBUG
               for record in caplog.records)
    if base_url is not None:
        assert any(record.name.startswith("urllib3") for record in caplog.records)
    errors = [thing for thing in produced if isinstance(thing, BaseException)]
    kinds = {type(error).__name__ for error in errors}
    assert {"BadRequest", "AuthenticationError", "Forbidden", "NotFound", "Conflict",
            "UploadError", "ServerError", "InvalidResponse", "RateLimitError", "OverCapacity",
            "TransportError"} <= kinds

    texts = lines + [text for thing in produced for text in _texts(thing)]
    blobs = [blob for blob in map(_pickled, produced) if blob is not None]
    assert len(blobs) >= len(errors)
    for secret in secrets:
        for text in texts:
            assert secret not in text, f"a secret leaked into: {text[:300]}"
        for blob in blobs:
            assert secret.encode() not in blob, "a secret leaked into a pickle"
