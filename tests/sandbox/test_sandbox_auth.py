"""Authentication, OAuth grants and credit budgets of the sandbox."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sandbox_helpers import RawAPI, error_of

import pyimgur
from pyimgur import endpoints as ep
from pyimgur.exceptions import AuthenticationError, RateLimitError
from pyimgur.testing import (
    SEED_ACCESS_TOKEN,
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_IMAGE_ID,
    SEED_REFRESH_TOKEN,
    SEED_USER,
    FakeImgur,
)
from pyimgur.testing import media as m

SECRETS = {"client_id": SEED_CLIENT_ID, "client_secret": SEED_CLIENT_SECRET}


def test_missing_and_unknown_credentials(api: RawAPI) -> None:
    none = api.call("GET", f"3/image/{SEED_IMAGE_ID}", auth=None)
    assert none.status_code == 401 and error_of(none) == "Authentication required"
    unknown = api.call("GET", f"3/image/{SEED_IMAGE_ID}", auth="Client-ID nosuchclient")
    assert unknown.status_code == 403
    bad_token = api.call("GET", f"3/image/{SEED_IMAGE_ID}", auth="Bearer nosuchtoken")
    assert bad_token.status_code == 403
    assert error_of(bad_token) == "The access token provided is invalid."
    assert "X-RateLimit-UserRemaining" not in unknown.headers


def test_expired_tokens_are_refused(api: RawAPI, fake: FakeImgur) -> None:
    assert api.call("GET", "3/account/me", auth="user").status_code == 200
    fake.expire_token(SEED_ACCESS_TOKEN)
    expired = api.call("GET", "3/account/me", auth="user")
    assert expired.status_code == 403
    assert error_of(expired) == "The access token provided is invalid."
    other = fake.issue_token("adalovelace")
    fake.expire_all_tokens()
    assert api.call("GET", "3/account/me", auth=api.bearer(other.access_token)).status_code == 403


def test_token_lifetime_and_clock(fake: FakeImgur) -> None:
    short = FakeImgur(token_lifetime=60)
    token = short.issue_token()
    raw = RawAPI(short)
    assert raw.call("GET", "3/account/me", auth=raw.bearer(token.access_token)).ok
    short.advance(61)
    assert raw.call("GET", "3/account/me", auth=raw.bearer(token.access_token)).status_code == 403
    raw.close()


def test_refresh_grant_is_not_enveloped_and_costs_nothing(api: RawAPI, fake: FakeImgur) -> None:
    answer = api.call("POST", "oauth2/token", auth=None,
                      data={**SECRETS, "grant_type": "refresh_token",
                            "refresh_token": SEED_REFRESH_TOKEN})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope",
                         "refresh_token", "account_id", "account_username"}
    assert body["account_username"] == SEED_USER and body["token_type"] == "bearer"
    assert body["refresh_token"] == SEED_REFRESH_TOKEN and len(body["access_token"]) == 40
    assert api.call("GET", "3/account/me", auth=api.bearer(body["access_token"])).ok
    json_body = api.call("POST", "oauth2/token", auth=None,
                         json={**SECRETS, "grant_type": "refresh_token",
                               "refresh_token": SEED_REFRESH_TOKEN})
    assert json_body.status_code == 200
    credits = api.data("GET", "3/credits")
    assert credits["UserRemaining"] == credits["UserLimit"] - 1  # only the /me call


def test_token_errors(api: RawAPI) -> None:
    bad = api.call("POST", "oauth2/token", auth=None,
                   data={**SECRETS, "grant_type": "refresh_token", "refresh_token": "nope"})
    assert bad.status_code == 400 and error_of(bad) == "Invalid refresh token"
    assert bad.json()["data"]["request"] == "/oauth2/token"
    wrong_secret = api.call("POST", "oauth2/token", auth=None,
                            data={"client_id": SEED_CLIENT_ID, "client_secret": "x",
                                  "grant_type": "refresh_token",
                                  "refresh_token": SEED_REFRESH_TOKEN})
    assert wrong_secret.status_code == 401
    grant = api.call("POST", "oauth2/token", auth=None, data={**SECRETS, "grant_type": "password"})
    assert grant.status_code == 400


def test_refresh_token_of_another_client(api: RawAPI, fake: FakeImgur) -> None:
    other = fake.add_client()
    refused = api.call("POST", "oauth2/token", auth=None,
                       data={"client_id": other.client_id, "client_secret": other.client_secret,
                             "grant_type": "refresh_token", "refresh_token": SEED_REFRESH_TOKEN})
    assert refused.status_code == 400
    assert error_of(refused) == "Refresh token doesn't exist or is invalid for the client"


@pytest.mark.parametrize("grant, key", [("pin", "pin"), ("authorization_code", "code")])
def test_pin_and_code_are_one_use(api: RawAPI, fake: FakeImgur, grant: str, key: str) -> None:
    value = fake.issue_pin("adalovelace") if key == "pin" else fake.issue_code("adalovelace")
    first = api.call("POST", "oauth2/token", auth=None,
                     data={**SECRETS, "grant_type": grant, key: value})
    assert first.status_code == 200 and first.json()["account_username"] == "adalovelace"
    again = api.call("POST", "oauth2/token", auth=None,
                     data={**SECRETS, "grant_type": grant, key: value})
    assert again.status_code == 400


def test_authorize_redirects(api: RawAPI) -> None:
    token = api.call("GET", "oauth2/authorize", auth=None, allow_redirects=False,
                     params={"client_id": SEED_CLIENT_ID, "response_type": "token",
                             "state": "xyz"})
    assert token.status_code == 302
    location = urlsplit(token.headers["Location"])
    fragment = parse_qs(location.fragment)
    assert fragment["account_username"] == [SEED_USER] and fragment["state"] == ["xyz"]
    assert api.call("GET", "3/account/me",
                    auth=api.bearer(fragment["access_token"][0])).ok
    code = api.call("GET", "oauth2/authorize", auth=None, allow_redirects=False,
                    params={"client_id": SEED_CLIENT_ID, "response_type": "code",
                            "username": "gracehopper"})
    query = parse_qs(urlsplit(code.headers["Location"]).query)
    exchanged = api.call("POST", "oauth2/token", auth=None,
                         data={**SECRETS, "grant_type": "authorization_code",
                               "code": query["code"][0]})
    assert exchanged.json()["account_username"] == "gracehopper"
    pin = api.call("GET", "oauth2/authorize", auth=None,
                   params={"client_id": SEED_CLIENT_ID, "response_type": "pin"})
    assert pin.status_code == 200 and pin.headers["X-Sandbox-Pin"] in pin.text
    denied = api.call("GET", "oauth2/authorize", auth=None, allow_redirects=False,
                      params={"client_id": SEED_CLIENT_ID, "response_type": "code",
                              "deny": "1"})
    assert "error=access_denied" in denied.headers["Location"]


def test_client_exchanges_and_refreshes(fake: FakeImgur) -> None:
    im = fake.client()
    access, refresh = im.exchange_pin(fake.issue_pin())
    assert im.transport.request(ep.ACCOUNT, username="me")["url"] == SEED_USER
    fake.expire_token(access)
    # the transport sees 403 "access token", refreshes once, and sends again
    assert im.transport.request(ep.ACCOUNT, username="me")["url"] == SEED_USER
    assert im.access_token != access and im.refresh_token == refresh
    assert im.credentials.refresh_count == 1


def test_rate_limit_headers_count_down() -> None:
    fake = FakeImgur(user_limit=30, client_limit=1000, post_limit=5)
    raw = RawAPI(fake)
    first = raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    second = raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    assert first.headers["X-RateLimit-UserLimit"] == "30"
    assert int(first.headers["X-RateLimit-UserRemaining"]) == 29
    assert int(second.headers["X-RateLimit-UserRemaining"]) == 28
    assert int(second.headers["X-RateLimit-ClientRemaining"]) == 998
    assert int(first.headers["X-RateLimit-UserReset"]) > 1_000_000_000
    assert "X-Post-Rate-Limit-Remaining" not in second.headers
    upload = raw.call("POST", "3/image", files={"image": ("a.png", m.png(4, 4))})
    assert int(upload.headers["X-RateLimit-UserRemaining"]) == 18  # uploads cost 10
    assert upload.headers["X-Post-Rate-Limit-Limit"] == "5"
    assert upload.headers["X-Post-Rate-Limit-Remaining"] == "4"
    assert 0 < int(upload.headers["X-Post-Rate-Limit-Reset"]) <= 3600
    raw.close()


def test_spent_budgets_give_429_in_their_shapes() -> None:
    fake = FakeImgur(user_limit=12, post_limit=100)
    raw = RawAPI(fake)
    raw.call("POST", "3/image", files={"image": ("a.png", m.png(4, 4))})  # 10 credits
    raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    spent = raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    assert spent.status_code == 429
    assert spent.headers["X-RateLimit-UserRemaining"] == "0"
    assert spent.json()["errors"][0]["code"] == "429"  # the 2024+ edge shape
    assert fake.count_applied("GET") == 2
    fake.advance(3601)  # the user budget resets hourly
    assert raw.call("GET", f"3/image/{SEED_IMAGE_ID}").status_code == 200
    raw.close()

    posts = FakeImgur(post_limit=1)
    raw = RawAPI(posts)
    assert raw.call("POST", f"3/image/{SEED_IMAGE_ID}/favorite", auth="user").ok
    too_fast = raw.call("POST", f"3/image/{SEED_IMAGE_ID}/favorite", auth="user")
    assert too_fast.status_code == 429
    assert "uploading too fast" in too_fast.json()["data"]["error"]["message"]
    raw.close()

    daily = FakeImgur(client_limit=1)
    raw = RawAPI(daily)
    raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    exceeded = raw.call("GET", f"3/image/{SEED_IMAGE_ID}")
    assert exceeded.status_code == 429 and error_of(exceeded) == "Daily client requests exceeded"
    raw.close()


def test_the_client_reads_the_429_bucket() -> None:
    fake = FakeImgur(user_limit=3)
    im = fake.client()
    for _ in range(3):
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)
    assert im.credits["UserRemaining"] == 0
    with pytest.raises(RateLimitError) as caught:
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)
    assert caught.value.bucket == "user" and caught.value.status == 429


def test_credits_endpoint(api: RawAPI) -> None:
    credits = api.data("GET", "3/credits")
    assert set(credits) == {"UserLimit", "UserRemaining", "UserReset", "ClientLimit",
                            "ClientRemaining"}
    assert api.call("GET", "3/credits", auth=None).status_code == 401


def test_user_only_endpoints_refuse_client_id(fake: FakeImgur) -> None:
    raw = RawAPI(fake)
    refused = raw.call("GET", "3/conversations")
    assert refused.status_code == 401 and error_of(refused) == "Authentication required"
    raw.close()
    im = pyimgur.Imgur(SEED_CLIENT_ID, sandbox=fake)
    with pytest.raises(AuthenticationError):
        im.transport.request(ep.CONVERSATIONS)
    assert fake.request_count == 1  # the client refused before sending
