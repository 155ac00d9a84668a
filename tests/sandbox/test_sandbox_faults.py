"""Fault injection, in process and on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from sandbox_helpers import RawAPI

import pyimgur
from pyimgur import endpoints as ep
from pyimgur.exceptions import (
    AuthenticationError,
    BadRequest,
    InvalidResponse,
    OverCapacity,
    RateLimitError,
    ServerError,
    TransportError,
)
from pyimgur.testing import SEED_CLIENT_ID, SEED_GALLERY_IMAGE_ID, SEED_IMAGE_ID, FakeImgur

COMMENT = {"image_id": SEED_GALLERY_IMAGE_ID, "comment": "hello"}


@pytest.fixture(params=["in_process", "loopback"])
def im(request: pytest.FixtureRequest, fake: FakeImgur) -> Iterator[pyimgur.Imgur]:
    """A logged-in client without retries, in process or over loopback HTTP."""
    if request.param == "in_process":
        client = fake.user_client(max_retries=0)
        yield client
        client.close()
        return
    token = fake.issue_token()
    with fake.serve(lifetime=60) as url:
        client = pyimgur.Imgur(SEED_CLIENT_ID, access_token=token.access_token, base_url=url,
                               max_retries=0, timeout=(2.0, 1.0))
        yield client
        client.close()


@pytest.mark.parametrize(
    "shape, error",
    [
        ("classic", ServerError),
        ("nested", ServerError),
        ("jsonapi", ServerError),
        ("data_false", ServerError),
        ("html", ServerError),
        ("empty", ServerError),
        ("truncated", ServerError),
    ],
)
def test_status_fault_shapes(im: pyimgur.Imgur, fake: FakeImgur, shape: str,
                             error: type[Exception]) -> None:
    fake.faults.add(status=503, body_shape=shape)
    with pytest.raises(error) as caught:
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)
    assert caught.value.status == 503  # type: ignore[attr-defined]
    assert im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)["id"] == SEED_IMAGE_ID
    assert [r.status for r in fake.requests] == [503, 200]
    assert [r.fault for r in fake.requests] == ["status", None]


def test_truncated_success_is_invalid_json(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add(body_shape="truncated")
    with pytest.raises(InvalidResponse):
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)


def test_classic_400_message_reaches_the_client(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add(status=400, message="Bad things")
    with pytest.raises(BadRequest, match="Bad things"):
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)


def test_over_capacity_and_rate_limit_faults(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add("over_capacity")
    fake.faults.add("over_capacity", status=500)
    for _ in range(2):
        with pytest.raises(OverCapacity):
            im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)
    fake.faults.add("rate_limit", body_shape="nested")
    with pytest.raises(RateLimitError):
        im.transport.request(ep.COMMENT_CREATE, data=COMMENT)
    assert fake.count_applied("POST") == 0


def test_token_refusal_fault_makes_the_client_refresh(fake: FakeImgur) -> None:
    client = fake.user_client(max_retries=0)
    fake.faults.add(status=403, message="The access token provided is invalid.")
    assert client.transport.request(ep.ACCOUNT, username="me")["url"]
    assert [r.path for r in fake.requests] == ["3/account/me", "oauth2/token", "3/account/me"]
    anonymous = fake.client(max_retries=0)
    fake.faults.add(status=403, message="The access token provided is invalid.")
    with pytest.raises(AuthenticationError):
        anonymous.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)


def test_drop_after_apply_keeps_the_change(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    before = len(fake.state.comments)
    fake.faults.add("drop_after_apply", method="POST", path_regex=r"^3/comment$")
    with pytest.raises(TransportError):
        im.transport.request(ep.COMMENT_CREATE, data=COMMENT)
    assert len(fake.state.comments) == before + 1
    assert fake.count_applied("POST", r"^3/comment$") == 1
    assert fake.request_count == 1  # a comment is never sent twice


def test_reset_before_read_applies_nothing(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    before = len(fake.state.comments)
    fake.faults.add("reset_before_read")
    with pytest.raises(TransportError):
        im.transport.request(ep.COMMENT_CREATE, data=COMMENT)
    assert len(fake.state.comments) == before
    assert fake.count_applied() == 0


def test_timeout(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add("timeout", delay=1.5)
    started = time.monotonic()
    with pytest.raises(TransportError):
        im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)
    assert time.monotonic() - started < 10
    assert fake.count_applied() == 0


def test_slow_answers_arrive(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add("slow", delay=0.2)
    started = time.monotonic()
    assert im.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)["id"] == SEED_IMAGE_ID
    assert time.monotonic() - started >= 0.2


def test_status_fault_that_applies(im: pyimgur.Imgur, fake: FakeImgur) -> None:
    fake.faults.add(status=500, apply=True, method="POST")
    with pytest.raises(ServerError):
        im.transport.request(ep.COMMENT_CREATE, data=COMMENT)
    assert fake.count_applied("POST") == 1


def test_retries_get_through_transient_faults(fake: FakeImgur) -> None:
    client = fake.user_client(max_retries=2)
    fake.faults.add(status=503, times=2, method="GET")
    assert client.transport.request(ep.IMAGE, id=SEED_IMAGE_ID)["id"] == SEED_IMAGE_ID
    assert fake.request_count == 3


def test_matching_by_method_path_and_times(api: RawAPI, fake: FakeImgur) -> None:
    fault = fake.faults.add(status=502, times=2, method="GET", path_regex=r"^3/album/")
    assert api.call("GET", f"3/image/{SEED_IMAGE_ID}").status_code == 200
    assert api.call("POST", "3/album", json={}).status_code == 200
    assert api.call("GET", "3/album/xyz").status_code == 502
    assert api.call("GET", "3/album/xyz").status_code == 502
    assert api.call("GET", "3/album/xyz").status_code == 404
    assert fault.hits == 2 and fault.spent and len(fake.faults) == 0
    forever = fake.faults.add(status=500, times=None)
    for _ in range(3):
        assert api.call("GET", f"3/image/{SEED_IMAGE_ID}").status_code == 500
    assert forever.hits == 3
    fake.faults.clear()
    assert api.call("GET", f"3/image/{SEED_IMAGE_ID}").status_code == 200


def test_in_process_exceptions_are_requests_ones(api: RawAPI, fake: FakeImgur) -> None:
    fake.faults.add("timeout")
    with pytest.raises(requests.ReadTimeout):
        api.call("GET", f"3/image/{SEED_IMAGE_ID}")
    fake.faults.add("reset_before_read")
    with pytest.raises(requests.ConnectionError):
        api.call("GET", f"3/image/{SEED_IMAGE_ID}")
    fake.faults.add("refused")
    with pytest.raises(requests.ConnectionError):
        api.call("GET", f"3/image/{SEED_IMAGE_ID}")


def test_refused_connections_are_resent_even_for_posts(fake: FakeImgur) -> None:
    client = fake.user_client(max_retries=1)
    fake.faults.add("refused", method="POST")
    answer = client.transport.request(ep.COMMENT_CREATE, data=COMMENT)
    assert isinstance(answer["id"], int)
    assert fake.count_applied("POST") == 1 and fake.request_count == 2


def test_fault_arguments_are_checked(fake: FakeImgur) -> None:
    with pytest.raises(ValueError, match="kind"):
        fake.faults.add("meteor")
    with pytest.raises(ValueError, match="body_shape"):
        fake.faults.add(body_shape="xml")
    with pytest.raises(ValueError, match="times"):
        fake.faults.add(times=0)
