"""change_authentication() drops the credentials that no longer match what it was given.

Each case counts the requests made afterwards and checks the Authorization
header (and, where a refresh happens, what the token request carried).
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

import pyimgur

TOKEN_URL = "https://api.imgur.com/oauth2/token"


def token_answer(access: str, refresh: str, username: str = "bob") -> dict[str, object]:
    return {"access_token": access, "refresh_token": refresh, "expires_in": 3600,
            "token_type": "bearer", "account_username": username}


def read_image(im: pyimgur.Imgur, api) -> str:
    """Load one image; return the Authorization header the GET went out with."""
    api.add("GET", "3/image/abc", {"id": "abc", "title": "t"})
    im.get_image("abc", fetch=True)
    gets = [call for call in api.calls if call.method == "GET"]
    return str(gets[-1].headers["Authorization"])


def token_form(api) -> dict[str, str]:
    posts = [call for call in api.calls if call.url == TOKEN_URL]
    assert len(posts) == 1
    return {key: values[0] for key, values in parse_qs(posts[0].text).items()}


def test_new_refresh_token_alone_drops_the_old_users_access_token(user_im, api):
    user_im.change_authentication(refresh_token="refresh-B")
    assert user_im.access_token is None and user_im.refresh_token == "refresh-B"
    api.mocker.post(TOKEN_URL, json=token_answer("access-B", "refresh-B"))
    assert read_image(user_im, api) == "Bearer access-B"
    assert api.count == 2  # the refresh as user B, then the read
    form = token_form(api)
    assert form["refresh_token"] == "refresh-B" and form["client_id"] == "test-client-id"


def test_new_refresh_token_with_its_access_token_needs_no_refresh(user_im, api):
    user_im.change_authentication(access_token="access-B", refresh_token="refresh-B")
    assert read_image(user_im, api) == "Bearer access-B"
    assert api.count == 1


def test_the_same_refresh_token_again_keeps_the_access_token(user_im, api):
    user_im.change_authentication(refresh_token="refresh-token-1")
    assert user_im.access_token == "access-token-1"
    assert read_image(user_im, api) == "Bearer access-token-1"
    assert api.count == 1


def test_new_access_token_alone_keeps_the_refresh_token(user_im, api):
    user_im.change_authentication(access_token="access-A2")
    assert user_im.refresh_token == "refresh-token-1"
    assert read_image(user_im, api) == "Bearer access-A2"
    assert api.count == 1


def test_new_client_drops_the_old_clients_tokens(user_im, api):
    user_im.change_authentication(client_id="client-2", client_secret="secret-2")
    assert (user_im.access_token, user_im.refresh_token) == (None, None)
    assert read_image(user_im, api) == "Client-ID client-2"
    assert api.count == 1


def test_new_client_secret_alone_drops_the_tokens(user_im, api):
    user_im.change_authentication(client_secret="secret-2")
    assert (user_im.access_token, user_im.refresh_token) == (None, None)
    assert read_image(user_im, api) == "Client-ID test-client-id"
    assert api.count == 1


def test_new_client_id_alone_drops_the_tokens(user_im, api):
    user_im.change_authentication(client_id="client-2")
    assert (user_im.access_token, user_im.refresh_token) == (None, None)
    assert user_im.client_secret == "test-client-secret"
    assert read_image(user_im, api) == "Client-ID client-2"
    assert api.count == 1


def test_a_secret_given_where_there_was_none_keeps_the_tokens(api):
    im = pyimgur.Imgur("test-client-id", access_token="access-A", refresh_token="refresh-A")
    im.change_authentication(client_secret="secret-A")  # to let pyimgur refresh
    assert (im.access_token, im.refresh_token) == ("access-A", "refresh-A")
    assert im.credentials.can_refresh
    assert read_image(im, api) == "Bearer access-A"
    assert api.count == 1


def test_new_client_keeps_the_tokens_given_with_it(user_im, api):
    user_im.change_authentication(client_id="client-2", client_secret="secret-2",
                                  refresh_token="refresh-C")
    assert user_im.access_token is None
    api.mocker.post(TOKEN_URL, json=token_answer("access-C", "refresh-C"))
    assert read_image(user_im, api) == "Bearer access-C"
    assert api.count == 2
    form = token_form(api)
    assert (form["client_id"], form["client_secret"], form["refresh_token"]) == (
        "client-2", "secret-2", "refresh-C")


def test_new_client_with_an_access_token_keeps_only_that(user_im, api):
    user_im.change_authentication(client_id="client-2", access_token="access-C")
    assert (user_im.access_token, user_im.refresh_token) == ("access-C", None)
    assert read_image(user_im, api) == "Bearer access-C"
    assert api.count == 1


def test_the_same_client_again_keeps_the_tokens(user_im, api):
    user_im.change_authentication(client_id="test-client-id", client_secret="test-client-secret")
    assert (user_im.access_token, user_im.refresh_token) == ("access-token-1", "refresh-token-1")
    assert read_image(user_im, api) == "Bearer access-token-1"
    assert api.count == 1


def test_an_empty_client_id_changes_nothing(user_im, api):
    with pytest.raises(ValueError):
        user_im.change_authentication(client_id=" ", refresh_token="refresh-B")
    assert (user_im.client_id, user_im.access_token, user_im.refresh_token) == (
        "test-client-id", "access-token-1", "refresh-token-1")
    assert api.count == 0


def test_the_old_users_name_is_forgotten(user_im, api):
    api.mocker.post(TOKEN_URL, json=token_answer("access-A2", "refresh-token-1", "alice"))
    user_im.refresh_access_token()
    assert user_im.get_current_user().name == "alice"
    user_im.change_authentication(refresh_token="refresh-B")
    assert user_im.get_current_user().name == "me"  # not alice: she is gone
    assert api.count == 1
