"""Authentication: OAuth URLs and exchanges, automatic refresh, and no leaked secrets."""

from __future__ import annotations

import logging
import pickle
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur
from pyimgur import endpoints as ep

TOKEN_URL = "https://api.imgur.com/oauth2/token"
SECRETS = ("test-client-secret", "access-token-1", "refresh-token-1", "access-token-2",
           "refresh-token-2")


def token_answer(access="access-token-2", refresh="refresh-token-2", expires_in=3600):
    return {"access_token": access, "expires_in": expires_in, "token_type": "bearer",
            "scope": None, "refresh_token": refresh, "account_id": 1,
            "account_username": "tester"}


def refused(status, message):
    return {"json": {"data": {"error": message}, "success": False, "status": status},
            "status_code": status}


OK = {"json": {"data": {"id": "abc"}, "success": True, "status": 200}}


@pytest.mark.parametrize("response", ["token", "code", "pin"])
def test_authorization_url_is_encoded(im, response):
    url = im.authorization_url(response, state="a b&c=d")
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "api.imgur.com"
    assert parts.path == "/oauth2/authorize"
    query = parse_qs(parts.query)
    assert query == {"client_id": ["test-client-id"], "response_type": [response],
                     "state": ["a b&c=d"]}


def test_authorization_url_rejects_unknown_response(im):
    with pytest.raises(ValueError):
        im.authorization_url("password")


@pytest.mark.parametrize(("method", "grant", "field"), [
    ("exchange_pin", "pin", "pin"), ("exchange_code", "authorization_code", "code")])
def test_exchanges_store_and_return_tokens(api, method, grant, field):
    im = pyimgur.Imgur("test-client-id", "test-client-secret")
    api.mocker.post(TOKEN_URL, json=token_answer())
    assert getattr(im, method)("12345") == ("access-token-2", "refresh-token-2")
    assert im.access_token == "access-token-2" and im.refresh_token == "refresh-token-2"
    body = parse_qs(api.calls[0].text)
    assert body == {"client_id": ["test-client-id"], "client_secret": ["test-client-secret"],
                    "grant_type": [grant], field: ["12345"]}
    assert "Authorization" not in api.calls[0].headers


def test_exchange_needs_client_secret_before_any_request(im, api):
    with pytest.raises(pyimgur.AuthenticationError, match="client_secret"):
        im.exchange_pin("123")
    with pytest.raises(ValueError):
        im.exchange_code("  ")
    assert api.count == 0


def test_exchange_error_is_typed(api):
    im = pyimgur.Imgur("cid", "secret")
    api.mocker.post(TOKEN_URL, status_code=400, json={"data": {"error": "Invalid pin"},
                                                      "success": False, "status": 400})
    with pytest.raises(pyimgur.BadRequest, match="Invalid pin"):
        im.exchange_pin("1")
    assert api.count == 1


def test_parse_token_redirect(im):
    url = ("https://example.org/cb#access_token=access-token-2&expires_in=315360000"
           "&token_type=bearer&refresh_token=refresh-token-2&account_username=tester"
           "&account_id=7")
    values = im.parse_token_redirect(url)
    assert values["account_username"] == "tester"
    assert im.access_token == "access-token-2" and im.refresh_token == "refresh-token-2"
    with pytest.raises(pyimgur.AuthenticationError, match="access_denied"):
        im.parse_token_redirect("https://example.org/cb?error=access_denied")


def test_refresh_access_token_keeps_rotated_refresh_token(user_im, api):
    api.mocker.post(TOKEN_URL, json=token_answer())
    assert user_im.refresh_access_token() == "access-token-2"
    assert user_im.refresh_token == "refresh-token-2"
    body = parse_qs(api.calls[0].text)
    assert body["grant_type"] == ["refresh_token"]
    assert body["refresh_token"] == ["refresh-token-1"]


@pytest.mark.parametrize("first", [
    refused(401, "Authentication required"),
    refused(403, "The access token provided is invalid."),
    refused(429, "Too Many Requests"),
], ids=["401", "403-token", "429-bearer"])
def test_automatic_refresh_then_single_retry(user_im, api, first):
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("POST", "3/comment", response_list=[first, OK])
    assert user_im._call(ep.COMMENT_CREATE, data={"comment": "x"}) == {"id": "abc"}
    comment_calls = [c for c in api.calls if c.path == "/3/comment"]
    assert [c.headers["Authorization"] for c in comment_calls] == [
        "Bearer access-token-1", "Bearer access-token-2"]
    assert user_im.credentials.refresh_count == 1


def test_refresh_happens_once_then_error_is_raised(user_im, api):
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", response_list=[refused(401, "Authentication required")] * 3)
    with pytest.raises(pyimgur.AuthenticationError):
        user_im._call(ep.IMAGE, id="abc")
    assert user_im.credentials.refresh_count == 1
    assert len([c for c in api.calls if c.path == "/3/image/abc"]) == 2


def test_real_rate_limit_does_not_refresh(user_im, api):
    limited = {"json": {"data": {"error": "User request limit exceeded"}, "success": False,
                        "status": 429}, "status_code": 429,
               "headers": {"X-RateLimit-UserRemaining": "0"}}
    api.add("GET", "3/image/abc", response_list=[limited])
    with pytest.raises(pyimgur.RateLimitError):
        user_im._call(ep.IMAGE, id="abc")
    assert user_im.credentials.refresh_count == 0


def test_no_refresh_without_client_secret(api):
    im = pyimgur.Imgur("cid", access_token="tok", refresh_token="ref")
    api.add("GET", "3/image/abc", status=401, json={"data": {"error": "nope"}, "success": False,
                                                    "status": 401})
    with pytest.raises(pyimgur.AuthenticationError):
        im._call(ep.IMAGE, id="abc")
    assert api.count == 1


def test_failed_refresh_raises_authentication_error(user_im, api):
    api.mocker.post(TOKEN_URL, status_code=400, json={"data": {"error": "Invalid refresh token"},
                                                      "success": False, "status": 400})
    api.add("GET", "3/image/abc", status=401, json={"data": {"error": "expired"},
                                                    "success": False, "status": 401})
    with pytest.raises(pyimgur.AuthenticationError, match="Invalid refresh token") as info:
        user_im._call(ep.IMAGE, id="abc")
    for secret in SECRETS:
        assert secret not in str(info.value) and secret not in repr(info.value)


def test_only_refresh_token_refreshes_before_first_call(api):
    im = pyimgur.Imgur("cid", "secret", refresh_token="refresh-token-1")
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", {"id": "abc"})
    im._call(ep.IMAGE, id="abc")
    assert [c.path for c in api.calls] == ["/oauth2/token", "/3/image/abc"]
    assert api.calls[1].headers["Authorization"] == "Bearer access-token-2"


def test_known_expiry_refreshes_proactively(user_im, api):
    user_im.credentials.expires_at = 0.0  # long past
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", {"id": "abc"})
    user_im._call(ep.IMAGE, id="abc")
    assert [c.path for c in api.calls] == ["/oauth2/token", "/3/image/abc"]


def test_on_token_refresh_callback(api):
    saved = []
    im = pyimgur.Imgur("cid", "secret", access_token="old", refresh_token="r",
                       on_token_refresh=lambda a, r: saved.append((a, r)))
    api.mocker.post(TOKEN_URL, json=token_answer())
    im.refresh_access_token()
    assert saved == [("access-token-2", "refresh-token-2")]


def test_threads_hitting_an_expired_token_cause_one_refresh(api):
    im = pyimgur.Imgur("cid", "secret", access_token="old-token", refresh_token="r")
    im.transport.sleep = lambda s: None
    refreshes = []
    barrier = threading.Barrier(8)

    def token(request, context):
        refreshes.append(1)
        return token_answer(access="new-token")

    def image(request, context):
        if request.headers["Authorization"] == "Bearer old-token":
            context.status_code = 401
            return {"data": {"error": "expired"}, "success": False, "status": 401}
        return {"data": {"id": "abc"}, "success": True, "status": 200}

    api.mocker.post(TOKEN_URL, json=token)
    api.mocker.get("https://api.imgur.com/3/image/abc", json=image)
    results, errors = [], []

    def work():
        barrier.wait()
        try:
            results.append(im._call(ep.IMAGE, id="abc"))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert len(results) == 8
    assert len(refreshes) == 1
    assert im.access_token == "new-token"


def test_repr_and_str_hide_secrets(user_im):
    for text in (repr(user_im), str(user_im), repr(user_im.credentials),
                 repr(user_im.transport)):
        for secret in SECRETS:
            assert secret not in text


def test_pickling_credentials_is_refused(user_im):
    with pytest.raises(TypeError):
        pickle.dumps(user_im.credentials)


def test_from_env(monkeypatch):
    monkeypatch.setenv("IMGUR_CLIENT_ID", "env-id")
    monkeypatch.setenv("IMGUR_CLIENT_SECRET", "env-secret")
    monkeypatch.setenv("IMGUR_ACCESS_TOKEN", "env-access")
    monkeypatch.delenv("IMGUR_REFRESH_TOKEN", raising=False)
    im = pyimgur.Imgur.from_env(timeout=9)
    assert (im.client_id, im.client_secret, im.access_token, im.refresh_token) == (
        "env-id", "env-secret", "env-access", None)
    assert im.transport.timeout == 9
    monkeypatch.delenv("IMGUR_CLIENT_ID")
    with pytest.raises(ValueError, match="IMGUR_CLIENT_ID"):
        pyimgur.Imgur.from_env()


def test_change_authentication_keeps_unspecified_parts(user_im, api):
    user_im.change_authentication(access_token="other")
    assert user_im.access_token == "other"
    assert user_im.refresh_token == "refresh-token-1"
    assert user_im.client_secret == "test-client-secret"
    api.add("GET", "3/image/abc", {})
    user_im._call(ep.IMAGE, id="abc")
    assert api.calls[0].headers["Authorization"] == "Bearer other"


def test_refresh_is_logged_without_tokens(user_im, api, caplog):
    api.mocker.post(TOKEN_URL, json=token_answer())
    with caplog.at_level(logging.DEBUG, logger="pyimgur"):
        user_im.refresh_access_token()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "refreshed" in text
    for secret in SECRETS:
        assert secret not in text


def test_token_refresh_takes_its_own_path_not_request(user_im, api, monkeypatch):
    # the refresh never re-enters Transport.request: only the user's call goes through it
    api.mocker.post(TOKEN_URL, json=token_answer())
    api.add("GET", "3/image/abc", response_list=[refused(401, "Authentication required"), OK])
    transport = user_im.transport
    through_request = []
    real_request = transport.request

    def spy(endpoint, **kwargs):
        through_request.append(endpoint)
        return real_request(endpoint, **kwargs)

    monkeypatch.setattr(transport, "request", spy)
    assert user_im._call(ep.IMAGE, id="abc") == {"id": "abc"}
    assert through_request == [ep.IMAGE]
    token_calls = [c for c in api.calls if c.path == "/oauth2/token"]
    assert len(token_calls) == 1 and "Authorization" not in token_calls[0].headers
