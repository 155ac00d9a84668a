"""Whatever Imgur answers, a call returns or raises an ImgurError.

Arbitrary statuses, bodies (JSON of any shape, Imgur's error shapes with odd
values, garbage bytes) and rate-limit headers (any case, any text: ``inf``,
``-5``, 400 digits) go through the real transport (requests-mock underneath).
The calls either succeed or raise a :class:`pyimgur.ImgurError`; the credit
bookkeeping only ever stores integers; a rate-limit wait is never negative.
"""

from __future__ import annotations

import json
import math

import pytest
import requests_mock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.ratelimit import RateLimits, describe_429

HEADER_NAMES = [
    "X-RateLimit-UserLimit", "X-RateLimit-UserRemaining", "X-RateLimit-UserReset",
    "X-RateLimit-ClientLimit", "X-RateLimit-ClientRemaining", "X-RateLimit-ClientReset",
    "X-Post-Rate-Limit-Limit", "X-Post-Rate-Limit-Remaining", "X-Post-Rate-Limit-Reset",
    "Retry-After",
]
header_values = st.sampled_from(
    ["0", "1", "-5", "12500", "1496246162", "3600", "inf", "-inf", "nan", "1e309", "9" * 400,
     "", " 7 ", "1.5", "abc", "0x10"]
) | st.integers(-(10**30), 10**30).map(str) | st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
headers = st.dictionaries(
    st.sampled_from(HEADER_NAMES).map(lambda name: name if len(name) % 2 else name.lower()),
    header_values,
    max_size=6,
)
messages = st.sampled_from([
    "You are uploading too fast. Please wait 37 more minutes.",
    "Please wait " + "9" * 400 + " more hours", "wait 1 more second", "User request limit",
    "client", "Too Many Requests", "",
]) | st.text(max_size=40)
_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    max_size=12)
_values = _scalars | st.lists(_scalars, max_size=3) | st.dictionaries(
    st.text(max_size=6), _scalars, max_size=3)
error_objects = st.fixed_dictionaries({}, optional={
    "code": _values, "message": _values, "type": _values, "exception": _values})
json_bodies = st.one_of(
    st.fixed_dictionaries({"data": _values | st.fixed_dictionaries(
        {}, optional={"error": _values | error_objects, "request": _values, "method": _values}),
        "success": st.booleans() | _scalars, "status": st.integers(0, 2000) | _scalars}),
    st.fixed_dictionaries({"errors": st.lists(st.fixed_dictionaries({}, optional={
        "code": _values, "status": _values, "detail": _values, "title": _values}) | _scalars,
        max_size=2)}),
    _values,
)
bodies = json_bodies.map(lambda body: json.dumps(body).encode()) | st.binary(max_size=60) | (
    json_bodies.map(lambda body: json.dumps(body).encode()[:-3]))
statuses = st.sampled_from([200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 429, 500, 502,
                            503, 504]) | st.integers(200, 599)


@settings(max_examples=500, deadline=None)
@given(headers, headers)
def test_credit_bookkeeping_keeps_integers(first: dict[str, str], second: dict[str, str]) -> None:
    limits = RateLimits()
    limits.update(first)
    limits.update(second)
    assert all(isinstance(value, int) for value in limits.credits.values())


@settings(max_examples=500, deadline=None)
@given(headers, messages)
def test_describe_429_never_raises_and_never_says_wait_less_than_nothing(
    sent: dict[str, str], message: str
) -> None:
    described = describe_429(sent, message)
    assert described["bucket"] in (None, "user", "client", "post")
    for key in ("retry_after", "reset_at"):
        value = described[key]
        assert value is None or (isinstance(value, float) and math.isfinite(value))
    assert described["retry_after"] is None or described["retry_after"] >= 0


def _check_no_negative_sleep(seconds: float) -> None:
    if seconds < 0:  # time.sleep would raise ValueError
        raise AssertionError(f"asked to sleep {seconds} s")


def check_answer(status: int, body: bytes, sent: dict[str, str], post: bool) -> None:
    im = pyimgur.Imgur("fuzz-client-id", "fuzz-secret", access_token="fuzz-access",
                       refresh_token="fuzz-refresh", ratelimit_wait=3600.0)
    im.transport.sleep = _check_no_negative_sleep
    with requests_mock.Mocker() as mocker:
        answer = {"status_code": status, "content": body, "headers": sent}
        mocker.register_uri("GET", "https://api.imgur.com/3/image/abc1234", [answer])
        mocker.register_uri("POST", "https://api.imgur.com/3/album", [answer])
        mocker.register_uri("POST", "https://api.imgur.com/oauth2/token", json={
            "access_token": "fuzz-access-2", "expires_in": 3600})
        try:
            if post:
                im.create_album(title="fuzz")
            else:
                im.get_image("abc1234", fetch=True)
        except pyimgur.ImgurError:
            pass
        calls = [c for c in mocker.request_history if c.path != "/oauth2/token"]
        assert len(calls) <= (2 if post else 4)  # one resend after a refresh; 3 tries + 1 wait
    assert all(isinstance(value, int) for value in im.credits.values())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statuses, bodies, headers, st.booleans())
def test_any_answer_gives_a_result_or_an_imgur_error(
    status: int, body: bytes, sent: dict[str, str], post: bool
) -> None:
    check_answer(status, body, sent, post)


@pytest.mark.parametrize(("value", "message"), [
    ("inf", "x"), ("1e309", "x"), ("9" * 400, "x"), ("-5", "x"),
    ("0", "Please wait " + "9" * 400 + " more hours"),
])
def test_extreme_rate_limit_values_found_by_the_fuzzer(value: str, message: str) -> None:
    """The cases the fuzzer found: an infinite or 400-digit header made every call
    raise a raw OverflowError, a 400-digit wait in a 429 message too, and a
    negative Retry-After made a GET with ``ratelimit_wait`` call ``time.sleep(-5)``."""
    for name in HEADER_NAMES:
        error_body = json.dumps({"data": {"error": message}, "success": False, "status": 429})
        check_answer(429, error_body.encode(), {name: value}, post=False)
        check_answer(200, b'{"data": {"id": "abc1234"}, "success": true, "status": 200}',
                     {name: value}, post=False)
