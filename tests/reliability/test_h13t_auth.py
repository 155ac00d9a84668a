"""Issue 13, sections 1 and 3: the token refresh.

``on_token_refresh`` runs outside the refresh lock and its failure is a typed
error raised after the new tokens are in memory; a token lifetime at or under
the refresh margin, negative, infinite or NaN never makes every call refresh;
threads waiting on a refresh that failed share its failure.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest

import pyimgur
from pyimgur.testing import FakeImgur

from .conftest import record_figure

TOKEN_URL = "https://api.imgur.com/oauth2/token"
IMAGE_URL = "https://api.imgur.com/3/image/abc"


def token_answer(access: str = "access-token-2", expires_in: Any = 3600) -> dict[str, Any]:
    return {"access_token": access, "refresh_token": "refresh-token-2",
            "expires_in": expires_in, "token_type": "bearer", "account_username": "me"}


# -- section 1: a callback that raises ---------------------------------------------------------

class DiskFull(Exception):
    pass


def test_a_failing_callback_is_a_typed_error_after_the_tokens_are_kept(api: Any) -> None:
    def save(access: str, refresh: Any) -> None:
        raise DiskFull("no space left on device")

    im = pyimgur.Imgur("cid", "secret", access_token="old", refresh_token="r",
                       on_token_refresh=save)
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", {"id": "abc", "title": "t"})
    with pytest.raises(pyimgur.TokenCallbackError) as raised:
        im.refresh_access_token()
    assert isinstance(raised.value.__cause__, DiskFull)
    assert "DiskFull" in str(raised.value)
    assert im.access_token == "access-token-2" and im.refresh_token == "refresh-token-2"
    # the tokens are in use: the next call needs no refresh
    assert im.get_image("abc").title == "t"
    assert [call.path for call in api.calls] == ["/oauth2/token", "/3/image/abc"]
    assert api.calls[1].headers["Authorization"] == "Bearer access-token-2"


def test_a_failing_callback_during_a_call_raises_it_once_and_the_next_call_works(
    api: Any,
) -> None:
    calls: list[str] = []

    def save(access: str, refresh: Any) -> None:
        calls.append(access)
        raise OSError("read-only file system")

    im = pyimgur.Imgur("cid", "secret", refresh_token="r", on_token_refresh=save)
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", {"id": "abc", "title": "t"})
    with pytest.raises(pyimgur.TokenCallbackError):
        im.get_image("abc").title
    assert im.get_image("abc").title == "t"
    assert calls == ["access-token-2"]
    assert [call.path for call in api.calls] == ["/oauth2/token", "/3/image/abc"]


def test_a_callback_that_raises_a_pyimgur_error_is_wrapped_too(api: Any) -> None:
    def save(access: str, refresh: Any) -> None:
        raise pyimgur.NotFound("the bot's own lookup")

    im = pyimgur.Imgur("cid", "secret", access_token="old", refresh_token="r",
                       on_token_refresh=save)
    api.mocker.post(TOKEN_URL, json=token_answer())
    with pytest.raises(pyimgur.TokenCallbackError) as raised:
        im.refresh_access_token()
    assert isinstance(raised.value.__cause__, pyimgur.NotFound)


# -- section 3: the callback runs outside the lock ------------------------------------------------

def test_a_callback_that_calls_the_api_with_a_refused_new_token_does_not_deadlock() -> None:
    """The callback's own call finds the new token refused once, so it refreshes:
    with the callback under the (non-reentrant) refresh lock this hung forever."""
    fake = FakeImgur()
    seen: list[str] = []
    holder: dict[str, pyimgur.Imgur] = {}

    def save(access: str, refresh: Any) -> None:
        seen.append(access)
        if len(seen) == 1:
            fake.expire_token(access)  # refused once
            holder["im"].get_image("Sb0xImg").refresh()

    im = fake.user_client(on_token_refresh=save, cache_ttl=0)
    holder["im"] = im
    fake.expire_token(im.access_token or "")
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(im.get_image("Sb0xImg").refresh().id)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "deadlock: the callback's call waits for the refresh lock"
    assert outcome == ["Sb0xImg"]
    assert len(seen) == 2 and im.credentials.refresh_count == 2


# -- section 3: token lifetimes -------------------------------------------------------------------

@pytest.mark.parametrize(
    "expires_in",
    [0, 1, 30, 59, 60, -5, "-5", "inf", "nan", "Infinity", "NaN", "1e999", "-1e999", None,
     "soon", [], {}],
)
def test_an_odd_token_lifetime_never_refreshes_before_every_call(
    api: Any, expires_in: Any
) -> None:
    im = pyimgur.Imgur("cid", "secret", refresh_token="r")
    value = json.dumps(expires_in)
    if expires_in in ("inf", "nan", "Infinity", "NaN", "1e999", "-1e999", "-5"):
        value = {"inf": "Infinity", "nan": "NaN", "-5": "-5"}.get(expires_in, expires_in)
    body = json.dumps(token_answer())
    body = body.replace('"expires_in": 3600', f'"expires_in": {value}')
    api.mocker.post(TOKEN_URL, text=body)
    api.add("GET", "3/image/abc", {"id": "abc"})
    for _ in range(5):
        im.get_image("abc", fetch=True)
    assert [call.path for call in api.calls].count("/oauth2/token") == 1
    assert api.count == 6


def test_a_short_lifetime_refreshes_at_half_of_it(api: Any) -> None:
    im = pyimgur.Imgur("cid", "secret", refresh_token="r")
    api.mocker.post(TOKEN_URL, json=token_answer(expires_in=30))
    im.refresh_access_token()
    creds = im.credentials
    assert creds.expires_at is not None
    assert not creds.needs_refresh(now=creds.expires_at - 16)
    assert creds.needs_refresh(now=creds.expires_at - 14)


def test_a_long_lifetime_keeps_the_one_minute_margin(api: Any) -> None:
    im = pyimgur.Imgur("cid", "secret", refresh_token="r")
    api.mocker.post(TOKEN_URL, json=token_answer(expires_in=315360000))
    im.refresh_access_token()
    creds = im.credentials
    assert creds.expires_at is not None
    assert not creds.needs_refresh(now=creds.expires_at - 61)
    assert creds.needs_refresh(now=creds.expires_at - 59)


# -- section 3: waiters share a failed refresh --------------------------------------------------

@pytest.mark.parametrize(
    ("status", "expected"),
    [(500, pyimgur.ServerError), (400, pyimgur.AuthenticationError)],
)
def test_threads_waiting_on_a_failed_refresh_share_its_failure(
    api: Any, status: int, expected: type
) -> None:
    threads = 16
    im = pyimgur.Imgur("cid", "secret", access_token="old-token", refresh_token="r")
    im.transport.sleep = lambda seconds: None
    im.credentials.expires_at = 0.0  # every thread finds the token expired
    token_requests: list[float] = []

    def token(request: Any, context: Any) -> dict[str, Any]:
        token_requests.append(time.monotonic())
        time.sleep(0.3)  # the others pile up behind the refresh lock meanwhile
        context.status_code = status
        return {"data": {"error": "Invalid refresh token" if status == 400 else "Oops"},
                "success": False, "status": status}

    api.mocker.post(TOKEN_URL, json=token)
    api.add("GET", "3/image/abc", {"id": "abc"})
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        barrier.wait()
        try:
            im.get_image("abc", fetch=True)
        except BaseException as error:
            with lock:
                errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert len(errors) == threads
    assert all(type(error) is expected for error in errors), {type(e) for e in errors}
    assert all("could not refresh the access token" in str(error) for error in errors)
    assert len(token_requests) <= 3, f"{len(token_requests)} token requests for one failure"
    record_figure(f"16 threads, refresh failing with {status}",
                  f"{len(token_requests)} token request(s), 16 x {expected.__name__}")
    assert [call.path for call in api.calls].count("/3/image/abc") == 0


def test_a_later_refresh_after_a_failure_tries_again(api: Any) -> None:
    """Sharing is only for the threads that waited: a later call asks Imgur again."""
    im = pyimgur.Imgur("cid", "secret", refresh_token="r")
    api.mocker.post(TOKEN_URL, response_list=[
        {"json": {"data": {"error": "Oops"}, "success": False, "status": 500},
         "status_code": 500},
        {"json": token_answer()},
    ])
    with pytest.raises(pyimgur.ServerError):
        im.refresh_access_token()
    assert im.refresh_access_token() == "access-token-2"
    assert api.count == 2
