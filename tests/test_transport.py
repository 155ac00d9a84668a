"""The transport: headers, timeouts, retries, rate limits, logging, no secrets."""

from __future__ import annotations

import logging
import time

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

import pyimgur
from pyimgur import endpoints as ep
from pyimgur.transport import RAPIDAPI_BASE

OK = {"json": {"data": {"id": "abc"}, "success": True, "status": 200}}


def err(status, message="Service unavailable"):
    return {"json": {"data": {"error": message}, "success": False, "status": status},
            "status_code": status}


def test_headers_and_timeout(im, api):
    seen = {}

    def answer(request, context):
        seen["timeout"] = context
        return {"data": {"id": "abc"}, "success": True, "status": 200}

    api.mocker.get("https://api.imgur.com/3/image/abc", json=answer)
    assert im._call(ep.IMAGE, id="abc") == {"id": "abc"}
    request = api.calls[0]
    assert request.headers["Authorization"] == "Client-ID test-client-id"
    assert request.headers["User-Agent"].startswith(f"pyimgur/{pyimgur.__version__}")
    assert request.timeout == (5.0, 30.0)
    assert request.verify is not False  # True, or the CA bundle the environment names


def test_bearer_when_logged_in_and_custom_timeout(api):
    im = pyimgur.Imgur("cid", access_token="tok", timeout=3)
    api.add("GET", "3/image/abc", {"id": "abc"})
    im._call(ep.IMAGE, id="abc")
    assert api.calls[0].headers["Authorization"] == "Bearer tok"
    assert api.calls[0].timeout == 3


def test_rapidapi_base_and_key(api):
    im = pyimgur.Imgur("cid", base_url=RAPIDAPI_BASE, mashape_key="mkey")
    api.mocker.get(RAPIDAPI_BASE + "3/image/abc", json={"data": {}, "success": True,
                                                         "status": 200})
    im._call(ep.IMAGE, id="abc")
    assert api.calls[0].headers["X-Mashape-Key"] == "mkey"


def test_verify_argument_is_passed(api):
    im = pyimgur.Imgur("cid", verify=False)
    api.add("GET", "3/image/abc", {})
    im._call(ep.IMAGE, id="abc")
    assert api.calls[0].verify is False


def test_one_session_reused(im, api):
    api.add("GET", "3/image/abc", {})
    session = im.transport.session
    im._call(ep.IMAGE, id="abc")
    im._call(ep.IMAGE, id="abc")
    assert im.transport.session is session
    assert im.transport.request_count == 2


def test_get_503_twice_then_200_succeeds_after_three_requests(im, api):
    api.add("GET", "3/image/abc", response_list=[err(503), err(503), OK])
    assert im._call(ep.IMAGE, id="abc") == {"id": "abc"}
    assert api.count == 3


def test_get_gives_up_after_three_attempts(im, api):
    api.add("GET", "3/image/abc", response_list=[err(500), err(502), err(504), OK])
    with pytest.raises(pyimgur.ServerError) as info:
        im._call(ep.IMAGE, id="abc")
    assert info.value.status == 504
    assert api.count == 3


@pytest.mark.parametrize("fault", [
    {"exc": requests.exceptions.ReadTimeout},
    {"exc": requests.exceptions.ConnectionError},
    {"text": "<html>oops</html>", "status_code": 200},
    {"text": "", "status_code": 200},
    err(403, "Imgur is temporarily over capacity. Please try again later."),
    err(500, "Imgur is temporarily over capacity. Please try again later."),
])
def test_reads_retry_transient_faults(im, api, fault):
    api.add("GET", "3/image/abc", response_list=[fault, OK])
    assert im._call(ep.IMAGE, id="abc") == {"id": "abc"}
    assert api.count == 2


@pytest.mark.parametrize("endpoint", [ep.ALBUM_UPDATE, ep.ALBUM_DELETE, ep.IMAGE_UPDATE])
def test_idempotent_writes_retry(im, api, endpoint):
    api.add(endpoint.method, "3/album/abc" if "album" in endpoint.path else "3/image/abc",
            response_list=[err(502), {"json": {"data": True, "success": True, "status": 200}}])
    assert im._call(endpoint, id="abc") is True
    assert api.count == 2


@pytest.mark.parametrize("fault", [
    {"exc": requests.exceptions.ReadTimeout},
    {"exc": requests.exceptions.ConnectionError},
    err(500), err(502), err(503), err(504),
    {"text": "", "status_code": 200},
])
@pytest.mark.parametrize("endpoint", [ep.IMAGE_UPLOAD, ep.COMMENT_CREATE, ep.ALBUM_CREATE])
def test_posts_that_may_have_reached_imgur_are_sent_once(user_im, api, fault, endpoint):
    api.add("POST", endpoint.path, response_list=[fault, OK])
    with pytest.raises(pyimgur.ImgurError):
        user_im._call(endpoint, data={"x": "y"})
    assert api.count == 1


def test_post_timeout_is_sent_once_and_raises(im, api):
    api.add("POST", "3/image", exc=requests.exceptions.ReadTimeout)
    with pytest.raises(pyimgur.TransportError):
        im._call(ep.IMAGE_UPLOAD, data={"image": "x"})
    assert api.count == 1


@pytest.mark.parametrize("error", [
    requests.exceptions.ConnectTimeout("connect"),
    requests.exceptions.ConnectionError(MaxRetryError(None, "u", NewConnectionError(None, "x"))),
])
def test_post_whose_connection_failed_before_sending_is_retried(im, api, error):
    api.add("POST", "3/image", response_list=[{"exc": error}, OK])
    assert im._call(ep.IMAGE_UPLOAD, data={"image": "x"}) == {"id": "abc"}
    assert api.count == 2


def test_resent_file_body_is_rewound(im, api, tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"0123456789")
    bodies = []

    def answer(request, context):
        bodies.append(request.body if isinstance(request.body, bytes) else b"")
        if len(bodies) == 1:
            raise requests.exceptions.ConnectTimeout("connect")
        return {"data": {"id": "abc"}, "success": True, "status": 200}

    api.mocker.post("https://api.imgur.com/3/image", json=answer)
    with path.open("rb") as handle:
        im._call(ep.IMAGE_UPLOAD, files={"image": ("f.bin", handle)})
    assert len(bodies) == 2 and b"0123456789" in bodies[1]


def test_retries_are_logged_at_warning(im, api, caplog):
    api.add("GET", "3/image/abc", response_list=[err(503), OK])
    with caplog.at_level(logging.WARNING, logger="pyimgur"):
        im._call(ep.IMAGE, id="abc")
    assert any("retrying GET /3/image/abc" in r.getMessage() for r in caplog.records)


def test_backoff_is_capped_exponential_with_jitter(api):
    im = pyimgur.Imgur("cid", backoff_factor=1.0, max_retries=3)
    waits = []
    im.transport.sleep = waits.append
    api.add("GET", "3/image/abc", response_list=[err(503), err(503), err(503), OK])
    im._call(ep.IMAGE, id="abc")
    assert len(waits) == 3
    assert waits[0] == 0  # urllib3 retries the first failure at once
    assert 2.0 <= waits[1] <= 3.0 and 4.0 <= waits[2] <= 5.0


def test_max_retries_zero_disables_retries(api):
    im = pyimgur.Imgur("cid", max_retries=0)
    api.add("GET", "3/image/abc", response_list=[err(503), OK])
    with pytest.raises(pyimgur.ServerError):
        im._call(ep.IMAGE, id="abc")
    assert api.count == 1


# -- rate limits ------------------------------------------------------------------------
HEADERS = {
    "x-ratelimit-userlimit": "500",
    "X-RateLimit-UserRemaining": "497",
    "X-RATELIMIT-USERRESET": "3600",
    "X-RateLimit-ClientLimit": "12500",
    "X-RateLimit-ClientRemaining": "12400",
    "X-Post-Rate-Limit-Limit": "1250",
    "X-Post-Rate-Limit-Remaining": "1249",
    "X-Post-Rate-Limit-Reset": "875",
}


def test_credits_read_case_insensitively_with_relative_reset(im, api):
    api.add("GET", "3/image/abc", {}, headers=HEADERS)
    before = time.time()
    im._call(ep.IMAGE, id="abc")
    credits = im.credits
    assert credits["UserLimit"] == 500 and credits["UserRemaining"] == 497
    assert credits["ClientLimit"] == 12500 and credits["ClientRemaining"] == 12400
    assert credits["PostLimit"] == 1250 and credits["PostRemaining"] == 1249
    assert credits["PostReset"] == 875
    assert before + 3599 <= credits["UserReset"] <= time.time() + 3601


def test_credits_epoch_reset_kept(im, api):
    api.add("GET", "3/image/abc", {}, headers={"X-RateLimit-UserReset": "1896246162"})
    im._call(ep.IMAGE, id="abc")
    assert im.credits["UserReset"] == 1896246162


def test_get_credits_calls_the_endpoint(im, api):
    api.add("GET", "3/credits", {"UserLimit": 500, "UserRemaining": 499, "UserReset": 1896246162,
                                 "ClientLimit": 12500, "ClientRemaining": 12000})
    credits = im.get_credits()
    assert credits["ClientRemaining"] == 12000 and credits["UserRemaining"] == 499
    assert api.count == 1


def test_429_raises_with_bucket_and_wait(im, api):
    api.add("GET", "3/image/abc", status=429,
            json={"data": {"error": "User request limit exceeded"}, "success": False,
                  "status": 429},
            headers={"X-RateLimit-UserRemaining": "0", "X-RateLimit-UserReset": "120"})
    with pytest.raises(pyimgur.RateLimitError) as info:
        im._call(ep.IMAGE, id="abc")
    error = info.value
    assert error.bucket == "user"
    assert 118 <= error.retry_after <= 120
    assert error.reset_at == pytest.approx(time.time() + 120, abs=2)
    assert api.count == 1


def test_429_client_bucket_from_message(im, api):
    api.add("GET", "3/image/abc", status=429,
            json={"data": {"error": "Daily client requests exceeded"}, "success": False,
                  "status": 429}, headers={"Retry-After": "30"})
    with pytest.raises(pyimgur.RateLimitError) as info:
        im._call(ep.IMAGE, id="abc")
    assert info.value.bucket == "client" and info.value.retry_after == 30


def test_ratelimit_wait_lets_a_get_wait_and_try_once_more(api):
    im = pyimgur.Imgur("cid", ratelimit_wait=60)
    waits = []
    im.transport.sleep = waits.append
    limited = {"json": {"data": {"error": "User request limit exceeded"}, "success": False,
                        "status": 429}, "status_code": 429,
               "headers": {"X-RateLimit-UserRemaining": "0", "Retry-After": "20"}}
    api.add("GET", "3/image/abc", response_list=[limited, OK])
    assert im._call(ep.IMAGE, id="abc") == {"id": "abc"}
    assert waits == [20.0]
    assert api.count == 2


def test_ratelimit_wait_refuses_longer_waits(api):
    im = pyimgur.Imgur("cid", ratelimit_wait=10)
    im.transport.sleep = lambda s: pytest.fail("must not sleep")
    limited = {"json": {"data": {"error": "User request limit exceeded"}, "success": False,
                        "status": 429}, "status_code": 429, "headers": {"Retry-After": "600"}}
    api.add("GET", "3/image/abc", response_list=[limited, OK])
    with pytest.raises(pyimgur.RateLimitError):
        im._call(ep.IMAGE, id="abc")
    assert api.count == 1


def test_ratelimit_wait_never_resends_a_post(api):
    im = pyimgur.Imgur("cid", ratelimit_wait=60)
    limited = {"json": {"data": {"error": "slow"}, "success": False, "status": 429},
               "status_code": 429, "headers": {"Retry-After": "1"}}
    api.add("POST", "3/image", response_list=[limited, OK])
    with pytest.raises(pyimgur.RateLimitError):
        im._call(ep.IMAGE_UPLOAD)
    assert api.count == 1


def test_debug_log_line_per_request_without_secrets(user_im, api, caplog):
    api.add("GET", "3/image/abc", {}, headers=HEADERS)
    with caplog.at_level(logging.DEBUG, logger="pyimgur"):
        user_im._call(ep.IMAGE, id="abc")
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("GET /3/image/abc -> 200 in") and "497" in line for line in lines)
    for line in lines:
        assert "access-token-1" not in line and "test-client-secret" not in line


def test_user_endpoint_with_client_id_only_raises_before_request(im, api):
    with pytest.raises(pyimgur.AuthenticationError, match="logged-in user"):
        im._call(ep.COMMENT_CREATE, data={"comment": "hi"})
    assert api.count == 0


def test_sunset_header_logs_a_warning(im, api, caplog):
    api.add("GET", "3/image/abc", {}, headers={"Sunset": "Sat, 01 Jan 2028 00:00:00 GMT"})
    with caplog.at_level(logging.WARNING, logger="pyimgur"):
        im._call(ep.IMAGE, id="abc")
    assert any("retire" in r.getMessage() for r in caplog.records)


def test_bad_constructor_arguments():
    with pytest.raises(ValueError):
        pyimgur.Imgur("")
    with pytest.raises(ValueError):
        pyimgur.Imgur("cid", max_retries=-1)
    with pytest.raises(ValueError):
        pyimgur.Imgur("cid", ratelimit_wait=-5)
