"""Issue 13, section 4: nothing reachable from a pyimgur exception holds a secret.

Imgur's error text may echo a secret (a token endpoint that repeats the form,
a 401 that repeats the header, a gateway that repeats the key), and the
requests exception a failure starts from holds the prepared request, with its
``Authorization`` header and token form.  Each case below raises, then the
exception is searched: ``str``, ``repr``, the formatted traceback, the pickle,
and every object reachable from it through ``gc.get_referents`` (its args, its
attributes, ``__context__`` and ``__cause__`` chains and whatever they hold),
except the stack frames of its traceback (those hold the client itself).
"""

from __future__ import annotations

import gc
import pickle
import socket
import traceback
import types
from collections.abc import Iterator
from typing import Any, Callable

import pytest

import pyimgur

CLIENT_SECRET = "5ec4e75ec4e75ec4e75ec4e75ec4e75ec4e7feed"
ACCESS = "acce55acce55acce55acce55acce55acce55dead"
REFRESH = "4ef4e54ef4e54ef4e54ef4e54ef4e54ef4e5beef"
NEW_ACCESS = "9e79e79e79e79e79e79e79e79e79e79e79e7cafe"
MASHAPE = "3a54a9e3a54a9e3a54a9e3a54a9e3a54a9e3f00d"
SECRETS = (CLIENT_SECRET, ACCESS, REFRESH, NEW_ACCESS, MASHAPE)
TOKEN_URL = "https://api.imgur.com/oauth2/token"
IMAGE = "3/image/abc1234"

_OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
           types.MethodType, types.CodeType, types.FrameType, types.TracebackType)


def reachable_texts(root: BaseException) -> Iterator[str]:
    """Every str/bytes reachable from ``root`` (not through traceback frames)."""
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or obj is None:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, (bytes, bytearray)):
            yield obj.decode("latin-1")
        elif isinstance(obj, _OPAQUE):
            continue
        else:
            if isinstance(obj, BaseException):
                stack.extend([obj.__context__, obj.__cause__])
            stack.extend(gc.get_referents(obj))
    assert len(seen) < 100_000


def assert_clean(error: BaseException) -> None:
    texts = [str(error), repr(error),
             "".join(traceback.format_exception(type(error), error, error.__traceback__))]
    blob = pickle.dumps(error)
    for secret in SECRETS:
        for text in texts:
            assert secret not in text, f"a secret in {text[:200]!r}"
        assert secret.encode() not in blob, "a secret in the pickle"
        for text in reachable_texts(error):
            assert secret not in text, f"a secret reachable from the exception: {text[:200]!r}"


def raised(call: Callable[[], Any], kind: type = pyimgur.ImgurError) -> BaseException:
    with pytest.raises(kind) as info:
        call()
    return info.value


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _user(**kwargs: Any) -> pyimgur.Imgur:
    im = pyimgur.Imgur("cid", CLIENT_SECRET, access_token=ACCESS, refresh_token=REFRESH,
                       **kwargs)
    im.transport.sleep = lambda seconds: None
    return im


def _echo(status: int, text: str) -> dict[str, Any]:
    return {"json": {"data": {"error": text, "request": "/x", "method": "POST"},
                     "success": False, "status": status}, "status_code": status}


# -- Imgur's text echoing secrets ---------------------------------------------------------------

def test_a_token_endpoint_that_repeats_the_form_is_redacted(api: Any) -> None:
    im = _user()
    api.mocker.post(TOKEN_URL, **_echo(
        400, f"Invalid refresh token {REFRESH} for client_secret={CLIENT_SECRET}"))
    error = raised(im.refresh_access_token, pyimgur.AuthenticationError)
    assert "[redacted]" in error.message and "Invalid refresh token" in error.message
    assert_clean(error)


def test_a_401_that_repeats_the_header_is_redacted(api: Any) -> None:
    im = pyimgur.Imgur("cid", access_token=ACCESS)  # no secret: cannot refresh
    api.add("GET", IMAGE, response_list=[_echo(401, f"Invalid header: Bearer {ACCESS}")])
    error = raised(lambda: im.get_image("abc1234", fetch=True), pyimgur.AuthenticationError)
    assert error.message == "Invalid header: Bearer [redacted]"
    assert api.count == 1
    assert_clean(error)


def test_a_refused_token_refreshed_then_echoed_again_redacts_old_and_new(api: Any) -> None:
    im = _user()
    api.mocker.post(TOKEN_URL, json={"access_token": NEW_ACCESS, "refresh_token": REFRESH,
                                     "expires_in": 3600})
    api.add("GET", IMAGE, response_list=[
        _echo(401, f"token {ACCESS} expired"),
        _echo(401, f"token {NEW_ACCESS} refused too; the old one was {ACCESS}"),
    ])
    error = raised(lambda: im.get_image("abc1234", fetch=True), pyimgur.AuthenticationError)
    assert error.message == "token [redacted] refused too; the old one was [redacted]"
    assert_clean(error)


def test_a_gateway_that_repeats_the_key_is_redacted(api: Any) -> None:
    im = pyimgur.Imgur("cid", base_url="https://api.imgur.com/", mashape_key=MASHAPE)
    api.add("GET", IMAGE, json={"message": f"Invalid API key {MASHAPE}"}, status=403)
    error = raised(lambda: im.get_image("abc1234", fetch=True))
    assert MASHAPE not in error.message and "[redacted]" in error.message
    assert_clean(error)


def test_a_failed_refresh_shared_by_waiters_is_redacted(api: Any) -> None:
    im = _user()
    im.credentials.expires_at = 0.0
    api.mocker.post(TOKEN_URL, **_echo(500, f"backend down while reading {REFRESH}"))
    error = raised(lambda: im.get_image("abc1234", fetch=True), pyimgur.ServerError)
    assert_clean(error)


# -- the requests exception behind a failure ----------------------------------------------------

def test_a_connection_failure_chains_no_request_with_the_bearer_header() -> None:
    im = _user(base_url=f"http://127.0.0.1:{_closed_port()}/", max_retries=0)
    im.credentials.expires_at = None
    error = raised(lambda: im.get_image("abc1234", fetch=True), pyimgur.TransportError)
    assert error.__context__ is None and error.__cause__ is None
    assert_clean(error)


def test_a_token_request_that_fails_chains_no_form_with_the_secret() -> None:
    im = pyimgur.Imgur("cid", CLIENT_SECRET, base_url=f"http://127.0.0.1:{_closed_port()}/",
                       max_retries=0)
    error = raised(lambda: im.exchange_pin("12345"), pyimgur.TransportError)
    assert error.__context__ is None and error.__cause__ is None
    assert_clean(error)


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A loopback server that takes connections and never answers (a read timeout)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"


def test_a_write_that_timed_out_chains_no_request_with_the_bearer_header(
    silent_url: str,
) -> None:
    """A non-idempotent write is raised as it failed (no retry path in between)."""
    im = _user(base_url=silent_url, timeout=(1, 0.2))
    error = raised(lambda: im.create_album(title="t"), pyimgur.TransportError)
    assert error.__context__ is None and error.__cause__ is None
    assert_clean(error)


def test_a_token_exchange_that_timed_out_chains_no_form_with_the_secret(
    silent_url: str,
) -> None:
    im = pyimgur.Imgur("cid", CLIENT_SECRET, refresh_token=REFRESH, base_url=silent_url,
                       timeout=(1, 0.2))
    for call in (lambda: im.exchange_pin("12345"), im.refresh_access_token):
        error = raised(call, pyimgur.TransportError)
        assert error.__context__ is None and error.__cause__ is None
        assert_clean(error)


def test_a_local_mistake_names_no_header_value(api: Any) -> None:
    """A token changed behind pyimgur's back into one no header can carry."""
    im = _user()
    im.credentials.access_token = ACCESS + "\n"
    error = raised(lambda: im.get_image("abc1234", fetch=True), ValueError)
    assert api.count == 0
    assert_clean(error)


def test_the_walk_finds_a_secret_when_one_is_there() -> None:
    """The search itself works: a chained requests exception holding the header is found."""
    import requests

    request = requests.Request("GET", "https://api.imgur.com/3/image/x",
                               headers={"Authorization": f"Bearer {ACCESS}"}).prepare()
    error = pyimgur.TransportError("no answer")
    error.__context__ = requests.ConnectionError("refused", request=request)
    with pytest.raises(AssertionError, match="reachable"):
        assert_clean(error)
