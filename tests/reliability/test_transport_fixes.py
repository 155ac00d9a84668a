"""Bugs the reliability suite found in the transport, each pinned by a test."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import pyimgur
from pyimgur.testing import FakeImgur, media

PNG = media.png(12, 12)


def test_upload_with_a_refused_token_is_resent_whole_after_the_refresh(tmp_path: Any) -> None:
    """An upload's body is a stream: once sent, it is used up.  It was resent empty
    after a token refresh (Imgur answered "No image data was sent", a 400 that
    blamed the file).  The upload body is now rebuilt for each attempt, so the
    refreshed call carries the whole file, and it is applied exactly once."""
    fake = FakeImgur()
    im = fake.user_client()
    old_token = im.access_token
    fake.expire_token(old_token)
    picture = tmp_path / "first.png"
    picture.write_bytes(PNG)

    image = im.upload_image(str(picture), title="first try")
    assert image.title == "first try"
    uploads = fake.find_requests("POST", r"^3/image$")
    assert len(uploads) == 2
    assert all(record.files["image"][2] == len(PNG) for record in uploads)
    assert fake.count_applied("POST", r"^3/image$") == 1
    assert fake.state.images[image.id].data == PNG
    assert im.credentials.refresh_count == 1 and im.access_token != old_token


def test_upload_whose_connection_failed_before_sending_is_resent_whole(tmp_path: Any) -> None:
    """A refused connection means nothing reached Imgur: the upload is sent again,
    with its whole body (it used to raise, as the stream could not be rewound)."""
    fake = FakeImgur()
    im = fake.user_client()
    fake.faults.add("refused", times=1, method="POST", path_regex=r"^3/image$")
    picture = tmp_path / "again.png"
    picture.write_bytes(PNG)
    image = im.upload_image(str(picture))
    assert fake.count_applied("POST", r"^3/image$") == 1
    assert fake.state.images[image.id].data == PNG


def test_a_refused_token_on_a_rewindable_body_is_still_resent_once() -> None:
    """A comment (a form body) is resent once after a refresh too."""
    fake = FakeImgur()
    im = fake.user_client()
    fake.expire_token(im.access_token)
    post = im.get_gallery_image("Sb0xGal")
    comment = post.comment("after a refresh")
    assert comment.text == "after a refresh"
    assert len(fake.find_requests("POST", r"^3/comment$")) == 2
    assert fake.count_applied("POST", r"^3/comment$") == 1
    assert im.credentials.refresh_count == 1


@pytest.mark.parametrize("shape", ["html", "empty", "classic"])
def test_a_cdn_answer_that_is_not_the_file_is_never_saved(shape: str, tmp_path: Any) -> None:
    """The CDN answering 200 with an HTML page, an empty body or a JSON error was
    saved as the image ("cat.png" holding HTML).  It is now an unreadable answer:
    retried like any read, and raised as InvalidResponse if it persists."""
    fake = FakeImgur()
    im = fake.client()
    image = im.get_image("Sb0xImg", fetch=True)
    fake.faults.add("status", status=200, body_shape=shape, path_regex=r"^cdn/")
    saved = image.download(str(tmp_path / "once"))
    with open(saved, "rb") as handle:
        assert handle.read() == fake.state.images["Sb0xImg"].data
    assert len(fake.find_requests("GET", r"^cdn/")) == 2

    fake.faults.add("status", status=200, body_shape=shape, path_regex=r"^cdn/", times=None)
    with pytest.raises(pyimgur.InvalidResponse, match=r"instead of the file|empty file"):
        image.download(str(tmp_path / "always"))
    assert not (tmp_path / "always").exists() or not list((tmp_path / "always").iterdir())
    assert len(fake.find_requests("GET", r"^cdn/")) == 2 + 3


@pytest.mark.parametrize("known_token", [True, False])
def test_threads_refreshing_before_a_known_expiry_refresh_once(known_token: bool) -> None:
    """A token known to expire within the margin (or a client holding only a refresh
    token) is refreshed before the call.  Eight threads starting at once each
    refreshed it: eight token requests.  Now one does, the others use its token."""
    fake = FakeImgur()
    im = fake.user_client(cache_ttl=0)
    if known_token:
        im.credentials.expires_at = time.time() + 30  # inside the 60 s margin
    else:
        im.credentials.access_token = None
    # a slow token endpoint: every thread is past its check before the first refresh ends
    fake.faults.add("slow", delay=0.2, times=None, path_regex=r"^oauth2/token$")
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def call() -> None:
        start.wait()
        try:
            im.get_image("Sb0xImg").refresh()
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert im.credentials.refresh_count == 1
    assert len(fake.find_requests("POST", r"^oauth2/token$")) == 1
    assert len(fake.find_requests("GET", r"^3/image/Sb0xImg$")) == 8


def test_an_explicit_refresh_always_refreshes() -> None:
    fake = FakeImgur()
    im = fake.user_client()
    first = im.refresh_access_token()
    second = im.refresh_access_token()
    assert first != second and im.credentials.refresh_count == 2


@pytest.mark.parametrize(("kind", "options", "error"), [
    ("status", {"status": 503}, pyimgur.ServerError),
    ("over_capacity", {}, pyimgur.OverCapacity),
    ("reset_before_read", {}, pyimgur.TransportError),
    ("status", {"status": 200, "body_shape": "html"}, pyimgur.InvalidResponse),
    ("rate_limit", {"bucket": "client"}, pyimgur.RateLimitError),
])
def test_a_refresh_that_meets_imgur_trouble_raises_that_trouble(
    kind: str, options: dict[str, Any], error: type[pyimgur.ImgurError]
) -> None:
    """When the token endpoint fails for reasons that are not the token (a 503, over
    capacity, a dropped connection, a garbled answer, a spent budget), the call
    raised AuthenticationError, which tells a bot to have its user log in again.
    It now raises the typed error of the trouble; the next call refreshes and works."""
    fake = FakeImgur()
    im = fake.user_client(cache_ttl=0)
    fake.expire_token(im.access_token or "")
    fake.faults.add(kind, path_regex=r"^oauth2/token$", **options)
    with pytest.raises(error, match="could not refresh the access token") as raised:
        im.get_image("Sb0xImg").refresh()
    assert not isinstance(raised.value, pyimgur.AuthenticationError)
    assert raised.value.path == "/oauth2/token"
    assert im.get_image("Sb0xImg").refresh().title == "A blue square"
    assert im.credentials.refresh_count == 1


def test_a_refresh_token_imgur_refuses_still_raises_authentication_error() -> None:
    fake = FakeImgur()
    im = fake.user_client(cache_ttl=0)
    im.credentials.refresh_token = "not-a-refresh-token"
    fake.expire_token(im.access_token or "")
    with pytest.raises(pyimgur.AuthenticationError, match="Invalid refresh token"):
        im.get_image("Sb0xImg").refresh()
