"""Issue 13, section 6: local mistakes fail fast, at construction or before any
request, and are never retried as if Imgur were down."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyimgur
from pyimgur.testing import FakeImgur
from pyimgur.testing.seed import SEED_CLIENT_ID

# -- credentials ----------------------------------------------------------------------------------


def test_credentials_read_from_files_lose_their_newline(api: Any) -> None:
    im = pyimgur.Imgur("my-client-id\n", " secret-value\r\n", access_token="\taccess-1\n",
                       refresh_token="refresh-1 \n")
    assert (im.client_id, im.client_secret, im.access_token, im.refresh_token) == (
        "my-client-id", "secret-value", "access-1", "refresh-1")
    api.add("GET", "3/image/abc", {"id": "abc", "title": "t"})
    assert im.get_image("abc").title == "t"
    assert api.calls[0].headers["Authorization"] == "Bearer access-1"
    assert api.count == 1


@pytest.mark.parametrize("name", ["client_id", "client_secret", "access_token", "refresh_token"])
@pytest.mark.parametrize("value", ["", "   ", "\n", "two words", "tab\there", "line\nbreak",
                                   "nul\x00", "bell\x07", "del\x7f", "euro\u20ac",
                                   "nbsp\u00a0x", "caf\u00e9"])
def test_a_credential_no_header_or_form_can_carry_is_refused(name: str, value: str) -> None:
    values = {"client_id": "cid", name: value}
    with pytest.raises(ValueError, match=name):
        pyimgur.Imgur(**values)


@pytest.mark.parametrize("name", ["client_id", "client_secret", "access_token", "refresh_token"])
def test_a_credential_that_is_not_text_is_a_type_error(name: str) -> None:
    values: dict[str, Any] = {"client_id": "cid", name: b"bytes-value"}
    with pytest.raises(TypeError, match=name):
        pyimgur.Imgur(**values)


def test_change_authentication_checks_the_same_way(api: Any) -> None:
    im = pyimgur.Imgur("cid")
    im.change_authentication(access_token="fresh-token\n")
    assert im.access_token == "fresh-token"
    with pytest.raises(ValueError):
        im.change_authentication(refresh_token="a b")
    with pytest.raises(ValueError):
        im.change_authentication(client_id=" ")
    assert im.refresh_token is None and im.client_id == "cid"
    assert api.count == 0


def test_from_env_strips_and_treats_blank_as_unset(monkeypatch: Any) -> None:
    monkeypatch.setenv("IMGUR_CLIENT_ID", "env-client\n")
    monkeypatch.setenv("IMGUR_CLIENT_SECRET", "   ")
    monkeypatch.setenv("IMGUR_ACCESS_TOKEN", " env-access ")
    monkeypatch.delenv("IMGUR_REFRESH_TOKEN", raising=False)
    im = pyimgur.Imgur.from_env()
    assert (im.client_id, im.client_secret, im.access_token, im.refresh_token) == (
        "env-client", None, "env-access", None)
    monkeypatch.setenv("IMGUR_ACCESS_TOKEN", "two words")
    with pytest.raises(ValueError, match="access_token"):
        pyimgur.Imgur.from_env()
    monkeypatch.setenv("IMGUR_CLIENT_ID", " \n")
    with pytest.raises(ValueError, match="IMGUR_CLIENT_ID"):
        pyimgur.Imgur.from_env()


# -- the other constructor arguments --------------------------------------------------------------

BAD_OPTIONS: list[tuple[dict[str, Any], type]] = [
    ({"base_url": "api.imgur.com"}, ValueError),
    ({"base_url": "api.imgur.com/3"}, ValueError),
    ({"base_url": "ftp://api.imgur.com/"}, ValueError),
    ({"base_url": "https://"}, ValueError),
    ({"base_url": "https://api.imgur.com/?x=1"}, ValueError),
    ({"base_url": ""}, ValueError),
    ({"base_url": None}, TypeError),
    ({"timeout": 0}, ValueError),
    ({"timeout": -1}, ValueError),
    ({"timeout": float("inf")}, ValueError),
    ({"timeout": float("nan")}, ValueError),
    ({"timeout": (5, 0)}, ValueError),
    ({"timeout": (0, 5)}, ValueError),
    ({"timeout": (-1, 5)}, ValueError),
    ({"timeout": (5, -0.5)}, ValueError),
    ({"timeout": None}, TypeError),
    ({"timeout": (5, None)}, TypeError),
    ({"timeout": (1, 2, 3)}, TypeError),
    ({"timeout": "30"}, TypeError),
    ({"timeout": True}, TypeError),
    ({"deadline": 0}, ValueError),
    ({"on_token_refresh": "save_tokens"}, TypeError),
    ({"on_token_refresh": 42}, TypeError),
    ({"sandbox": object()}, TypeError),
    ({"sandbox": "yes"}, TypeError),
    ({"sandbox": True}, TypeError),
]


@pytest.mark.parametrize(("options", "expected"), BAD_OPTIONS,
                         ids=[repr(options) for options, _ in BAD_OPTIONS])
def test_a_bad_option_fails_at_construction(options: dict[str, Any], expected: type) -> None:
    with pytest.raises(expected):
        pyimgur.Imgur("cid", **options)


@pytest.mark.parametrize(("options", "expected"), BAD_OPTIONS[:4] + BAD_OPTIONS[7:9],
                         ids=[repr(options) for options, _ in BAD_OPTIONS[:4] + BAD_OPTIONS[7:9]])
def test_from_env_checks_its_options_too(
    monkeypatch: Any, options: dict[str, Any], expected: type
) -> None:
    monkeypatch.setenv("IMGUR_CLIENT_ID", "cid")
    with pytest.raises(expected):
        pyimgur.Imgur.from_env(**options)


def test_good_options_are_kept() -> None:
    im = pyimgur.Imgur("cid", base_url=" http://127.0.0.1:9/api ", timeout=(2, 0.5),
                       on_token_refresh=print, sandbox=None)
    assert im.transport.base_url == "http://127.0.0.1:9/api/"
    assert im.transport.timeout == (2.0, 0.5)
    assert pyimgur.Imgur("cid", timeout=7).transport.timeout == 7.0
    fake = FakeImgur()
    assert pyimgur.Imgur(SEED_CLIENT_ID, sandbox=fake).get_credits()


# -- local errors are never retried ---------------------------------------------------------------

@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda im: setattr(im.credentials, "access_token", "tok\nInjected: 1"),
                     id="header-with-newline"),
        pytest.param(lambda im: setattr(im.transport, "base_url", "api.imgur.com/"),
                     id="missing-schema"),
        pytest.param(lambda im: setattr(im.transport, "base_url", "https://[::1/"),
                     id="invalid-url"),
    ],
)
def test_a_request_requests_cannot_build_is_a_value_error_at_once(
    api: Any, spoil: Callable[[pyimgur.Imgur], Any]
) -> None:
    im = pyimgur.Imgur("cid", access_token="tok")
    slept: list[float] = []
    im.transport.sleep = slept.append
    spoil(im)
    with pytest.raises(ValueError) as raised:
        im.get_image("abc", fetch=True)
    assert not isinstance(raised.value, pyimgur.ImgurError)
    assert "no answer" not in str(raised.value)
    assert "tok" not in str(raised.value).replace("to ", "")  # the header value is not quoted
    assert slept == [] and api.count == 0
    assert im.transport.request_count == 1  # one attempt, no retry


def test_a_scheme_requests_has_no_adapter_for_is_a_value_error_at_once() -> None:
    """No requests-mock here (it would answer any scheme); requests refuses before any socket."""
    im = pyimgur.Imgur("cid", max_retries=2)
    im.transport.sleep = lambda seconds: None
    im.transport.base_url = "gopher://127.0.0.1:9/"
    with pytest.raises(ValueError, match="InvalidSchema"):
        im.get_image("abc", fetch=True)
    assert im.transport.request_count == 1


def test_a_header_http_cannot_encode_is_a_value_error_at_once() -> None:
    """Over a real (refused, loopback) connection: requests-mock encodes no header."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    im = pyimgur.Imgur("cid", access_token="tok", base_url=f"http://127.0.0.1:{port}/")
    im.transport.sleep = lambda seconds: None
    im.credentials.access_token = "tok\u20ac"  # changed behind pyimgur's back
    with pytest.raises(ValueError) as raised:
        im.get_image("abc", fetch=True)
    assert "UnicodeEncodeError" in str(raised.value) and "\u20ac" not in str(raised.value)
    assert raised.value.__context__ is None
    assert im.transport.request_count == 1


# -- ids that can never be valid ------------------------------------------------------------------

BAD_IDS = ["a/b", "../abc", "abc ", " abc", "a b", "a\tb", "a\nb", "abc\x00", "a\x1fb",
           "a\x7fb", "\u2028abc", "ab\u00a0c"]
ID_CALLS: list[tuple[str, Callable[[pyimgur.Imgur, str], Any]]] = [
    ("get_image", lambda im, value: im.get_image(value)),
    ("get_album", lambda im, value: im.get_album(value)),
    ("get_gallery_image", lambda im, value: im.get_gallery_image(value)),
    ("get_gallery_album", lambda im, value: im.get_gallery_album(value)),
    ("get_gallery_item", lambda im, value: im.get_gallery_item(value)),
    ("get_subreddit_image", lambda im, value: im.get_subreddit_image("aww", value)),
    ("get_message", lambda im, value: im.get_message(value)),
    ("get_notification", lambda im, value: im.get_notification(value)),
    ("get_conversation", lambda im, value: im.get_conversation(value)),
]


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("call", [call for _, call in ID_CALLS],
                         ids=[name for name, _ in ID_CALLS])
def test_an_id_that_can_never_be_valid_is_refused_before_any_request(
    api: Any, user_im: pyimgur.Imgur, call: Callable[[pyimgur.Imgur, str], Any], value: str
) -> None:
    with pytest.raises(ValueError):
        call(user_im, value)
    assert api.count == 0


@pytest.mark.parametrize("value", ["abc", "12a", "1.5", "-3", "+3", "\u00b2", "\u0663",
                                   "\uff11", "9" * 5000])
@pytest.mark.parametrize("name", ["get_message", "get_notification"])
def test_message_and_notification_ids_are_numbers(
    api: Any, user_im: pyimgur.Imgur, name: str, value: str
) -> None:
    with pytest.raises(ValueError):
        getattr(user_im, name)(value)
    assert api.count == 0


@pytest.mark.parametrize("name", ["get_message", "get_notification"])
def test_numeric_ids_still_work_without_a_request(
    api: Any, user_im: pyimgur.Imgur, name: str
) -> None:
    assert str(getattr(user_im, name)("620").id) == "620"
    assert str(getattr(user_im, name)(620).id) == "620"
    assert api.count == 0


@given(st.text(min_size=1, max_size=12))
def test_an_id_is_refused_exactly_when_it_can_never_be_valid(value: str) -> None:
    never_valid = (not value.strip() or "/" in value
                   or any(c.isspace() or not c.isprintable() for c in value))
    im = pyimgur.Imgur("cid")
    try:
        image = im.get_image(value)
    except ValueError:
        assert never_valid, f"{value!r} was refused"
        return
    assert not never_valid, f"{value!r} was accepted"
    assert image.id == value
    path = pyimgur.endpoints.IMAGE.format(id=value)
    assert path.count("/") == 2 and path.startswith("3/image/")
