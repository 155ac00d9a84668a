"""Issue 13, sections 1 and 2: whatever a body holds, a call returns what its
endpoint answers or raises a typed error (never OverflowError, RecursionError,
AssertionError, nor an object whose fields read ``None``)."""

from __future__ import annotations

import ast
import json
import pathlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur import endpoints as ep

IMAGE = "3/image/abc1234"
#: numbers that overflow ``int()``: JSON's non-standard Infinity, and a literal past float range
HUGE = ["Infinity", "-Infinity", "1e999", "-1e999", "NaN"]


def _body(template: str, code: str) -> str:
    return template.replace("CODE", code)


NESTED = '{"data": {"error": {"code": CODE, "message": "File type invalid"}, ' \
         '"request": "/3/image/abc1234", "method": "GET"}, "success": false, "status": 400}'
JSONAPI = '{"errors": [{"id": "x", "code": CODE, "status": "Bad Request", "detail": "nope"}]}'


@pytest.mark.parametrize("code", HUGE)
@pytest.mark.parametrize("template", [NESTED, JSONAPI], ids=["nested", "jsonapi"])
def test_an_error_code_past_int_range_is_a_typed_error(
    api: Any, im: pyimgur.Imgur, template: str, code: str
) -> None:
    api.add("GET", IMAGE, text=_body(template, code), status=400)
    with pytest.raises(pyimgur.BadRequest) as raised:
        im.get_image("abc1234", fetch=True)
    assert raised.value.status == 400
    assert api.count == 1  # a 400 is never retried


@pytest.mark.parametrize("code", HUGE)
def test_an_upload_error_code_past_int_range_keeps_no_code(
    api: Any, im: pyimgur.Imgur, code: str
) -> None:
    api.add("GET", IMAGE, text=_body(NESTED, code), status=415)
    with pytest.raises(pyimgur.UploadError) as raised:
        im.get_image("abc1234", fetch=True)
    assert raised.value.code is None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    code=st.floats() | st.integers(-(10**400), 10**400) | st.text(max_size=8) | st.none(),
    status=st.sampled_from([200, 400, 403, 404, 429, 500]),
    shape=st.sampled_from([NESTED, JSONAPI]),
)
def test_any_error_code_gives_a_typed_error(code: Any, status: int, shape: str) -> None:
    import requests_mock

    text = _body(shape, json.dumps(code))  # floats: Infinity, -Infinity, NaN as Python writes
    with requests_mock.Mocker() as mocker:
        mocker.get("https://api.imgur.com/" + IMAGE, text=text, status_code=status)
        im = pyimgur.Imgur("fuzz-client", max_retries=0)
        with pytest.raises(pyimgur.ImgurError):
            im.get_image("abc1234", fetch=True)
        assert mocker.call_count == 1


@pytest.mark.parametrize("status", [200, 400, 500])
def test_json_nested_deeper_than_the_decoder_allows_is_invalid(
    api: Any, im: pyimgur.Imgur, status: int
) -> None:
    depth = 100_000
    api.add("GET", IMAGE, text='{"data": ' + "[" * depth + "]" * depth + "}", status=status)
    expected = {200: pyimgur.InvalidResponse, 400: pyimgur.BadRequest,
                500: pyimgur.ServerError}[status]
    with pytest.raises(expected) as raised:
        im.get_image("abc1234", fetch=True)
    assert "not valid JSON" in raised.value.message
    assert api.count == (1 if status == 400 else 3)  # unreadable or 5xx: a GET retries twice


# -- section 2: the answer's shape ------------------------------------------------------------

@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"success": True, "status": 200}, id="no-data-key"),
        pytest.param({"status": 200}, id="only-status"),
        pytest.param({}, id="empty-object"),
        pytest.param([{"id": "abc1234"}], id="a-list"),
        pytest.param("abc1234", id="a-string"),
        pytest.param(12, id="a-number"),
        pytest.param(None, id="null"),
    ],
)
def test_a_v3_answer_without_the_envelope_is_invalid(
    api: Any, im: pyimgur.Imgur, body: Any
) -> None:
    api.add("GET", IMAGE, text=json.dumps(body))
    image = im.get_image("abc1234")
    with pytest.raises(pyimgur.InvalidResponse) as raised:
        image.title
    assert "v3 envelope" in raised.value.message
    assert api.count == 3  # an unreadable answer to a GET is retried twice


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Invalid API key. Go to https://docs.rapidapi.com/docs/keys", pyimgur.AuthenticationError),
        ("You are not subscribed to this API.", pyimgur.AuthenticationError),
        ("Something went wrong upstream", pyimgur.InvalidResponse),
    ],
)
def test_a_gateways_bare_message_at_200_is_an_error(
    api: Any, im: pyimgur.Imgur, message: str, expected: type
) -> None:
    api.add("GET", IMAGE, json={"message": message})
    with pytest.raises(expected) as raised:
        im.get_image("abc1234", fetch=True)
    assert message in raised.value.message and "gateway" in raised.value.message
    # an anonymous key refusal is not retried; an unreadable answer is, like any
    assert api.count == (1 if expected is pyimgur.AuthenticationError else 3)


@pytest.mark.parametrize(
    "data",
    [
        {"error": "Unable to delete image", "request": "/3/image/abc1234", "method": "DELETE"},
        {"error": {"code": 1001, "message": "Could not delete"}, "request": "/3/image/abc1234"},
        {"error": "Unable to delete image"},
    ],
)
@pytest.mark.parametrize("success", [True, None])
def test_an_error_object_as_data_is_an_error_even_under_success(
    api: Any, user_im: pyimgur.Imgur, data: dict[str, Any], success: Any
) -> None:
    im = user_im
    body: dict[str, Any] = {"data": data, "status": 200}
    if success is not None:
        body["success"] = success
    api.add("DELETE", IMAGE, json=body)
    api.add("GET", IMAGE, json=body)
    with pytest.raises(pyimgur.ImgurError) as raised:
        im.get_image("abc1234").delete()
    assert "delete" in raised.value.message.lower()
    assert not isinstance(raised.value, (pyimgur.TransportError, pyimgur.InvalidResponse))
    with pytest.raises(pyimgur.ImgurError):
        im.get_image("abc1234", fetch=True)
    assert api.count == 2  # a refusal is not transient: no retry


def test_an_object_that_only_has_an_error_key_among_others_is_still_data(
    api: Any, im: pyimgur.Imgur
) -> None:
    """Only Imgur's error object is refused: a payload with more keys is a payload."""
    api.add("GET", IMAGE, data={"id": "abc1234", "error": None, "title": "fine"})
    assert im.get_image("abc1234").title == "fine"
    assert api.count == 1


@pytest.mark.parametrize("body", [[{"access_token": "x"}], "token", 5, None])
def test_a_token_answer_that_is_not_an_object_is_invalid(
    api: Any, body: Any
) -> None:
    im = pyimgur.Imgur("cid", "secret-value", refresh_token="refresh-value", max_retries=0)
    api.add("POST", "oauth2/token", text=json.dumps(body))
    with pytest.raises(pyimgur.InvalidResponse):
        im.refresh_access_token()
    assert api.count == 1


def test_a_token_answer_that_is_only_an_error_object_is_refused(api: Any) -> None:
    im = pyimgur.Imgur("cid", "secret-value", refresh_token="refresh-value")
    api.add("POST", "oauth2/token", json={"error": "invalid_grant"})
    with pytest.raises(pyimgur.AuthenticationError, match="invalid_grant"):
        im.refresh_access_token()
    assert im.access_token is None and api.count == 1


def test_the_endpoint_table_declares_every_answer_shape() -> None:
    shapes = {value.shape for value in vars(ep).values() if isinstance(value, ep.Endpoint)}
    assert shapes == {"v3", "bare"}
    assert ep.OAUTH_TOKEN.shape == "bare" and ep.BLOCK_STATUS.shape == "bare"
    assert ep.IMAGE.shape == "v3"


# -- no assert guards runtime data --------------------------------------------------------------

OWNED = ["transport.py", "response.py", "auth.py", "endpoints.py", "ratelimit.py",
         "exceptions.py", "imgur.py", "api/base.py"]


@pytest.mark.parametrize("name", OWNED)
def test_no_assert_guards_runtime_data(name: str) -> None:
    """``python -O`` drops asserts: none may decide what a call does with data."""
    source = (pathlib.Path(pyimgur.__file__).parent / name).read_text(encoding="utf-8")
    asserts = [node.lineno for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.Assert)]
    assert asserts == [], f"pyimgur/{name} has assert statements on lines {asserts}"


def test_a_rate_limited_get_still_waits_and_retries_once(api: Any) -> None:
    """The path the removed assert guarded: a 429 with a short retry_after."""
    im = pyimgur.Imgur("cid", ratelimit_wait=5)
    slept: list[float] = []
    im.transport.sleep = slept.append
    api.add("GET", IMAGE, response_list=[
        {"json": {"data": {"error": "User request limit"}, "success": False, "status": 429},
         "status_code": 429, "headers": {"Retry-After": "2"}},
        {"json": {"data": {"id": "abc1234", "title": "t"}, "success": True, "status": 200}},
    ])
    assert im.get_image("abc1234").title == "t"
    assert slept == [2.0] and api.count == 2


# -- any 2xx body, either shape: the payload the shape names, or a typed error ---------------------

_leaf = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_json = st.recursive(
    _leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["data", "success", "status", "error", "request", "method",
                         "errors", "message", "code", "id"]) | st.text(max_size=4),
        inner, max_size=4),
    max_leaves=12,
)


def _check_any_answer(body: Any, status: int, shape: str) -> None:
    import requests

    from pyimgur.response import parse

    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.headers["Content-Type"] = "application/json"
    try:
        payload = parse(response, "GET", "/3/x", shape)
    except pyimgur.ImgurError:
        return
    if status == 204 and not response.content:
        return
    assert isinstance(body, dict)
    assert "message" not in body or "data" in body or not isinstance(body["message"], str)
    expected = body["data"] if shape == "v3" else body
    assert json.dumps(payload) == json.dumps(expected)  # (NaN is not equal to itself)
    error = payload.get("error") if isinstance(payload, dict) else None
    assert error is None or set(payload) - {"error", "request", "method"}


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=_json, status=st.sampled_from([200, 201, 202]), shape=st.sampled_from(["v3", "bare"]))
def test_any_success_body_is_its_shapes_payload_or_a_typed_error(
    body: Any, status: int, shape: str
) -> None:
    _check_any_answer(body, status, shape)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=_json, status=st.sampled_from([200, 201, 202]), shape=st.sampled_from(["v3", "bare"]))
def test_any_success_body_is_its_shapes_payload_or_a_typed_error_many(
    body: Any, status: int, shape: str
) -> None:
    _check_any_answer(body, status, shape)
