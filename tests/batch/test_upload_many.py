"""Imgur.upload_images: overlapped uploads, none sent twice, within the POST budget,
then the album built once, in the order given."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import pyimgur
from pyimgur.testing import SEED_ALBUM_ID, SEED_CLIENT_ID, SEED_CLIENT_SECRET, FakeImgur
from pyimgur.testing.build import sample_bytes

from .conftest import count

UPLOADS = r"^3/(image|upload)$"


def _files(folder: Path, n: int) -> list[Path]:
    paths = []
    for k in range(n):
        path = folder / f"file{k:02d}.png"
        path.write_bytes(sample_bytes("png", 20 + k, 20, k))
        paths.append(path)
    return paths


def _stored_name(fake: FakeImgur, image: pyimgur.Image) -> str:
    return str(fake.state.images[image.id].name)


def test_uploads_in_order_then_one_new_album(fake: FakeImgur, client: pyimgur.Imgur,
                                             tmp_path: Path) -> None:
    paths = _files(tmp_path, 9)
    fake.reset_log()
    done = client.upload_images(paths, workers=4, new_album="Trip", title="same title")
    assert [_stored_name(fake, i) for i in done.images] == [p.name for p in paths]
    assert all(i.title == "same title" and i.deletehash for i in done.images)
    assert count(fake, "POST", UPLOADS) == 9 and count(fake, "POST", r"^3/album$") == 1
    assert fake.request_count == 10
    assert done.album is not None
    assert fake.state.albums[done.album.id].images == [i.id for i in done.images]
    assert done.album.title == "Trip"


def test_existing_album_filled_once_in_order(fake: FakeImgur, client: pyimgur.Imgur,
                                             tmp_path: Path) -> None:
    before = list(fake.state.albums[SEED_ALBUM_ID].images)
    fake.reset_log()
    done = client.upload_images(_files(tmp_path, 5), workers=5, album=SEED_ALBUM_ID)
    assert count(fake, "POST", UPLOADS) == 5
    assert count(fake, "POST", rf"^3/album/{SEED_ALBUM_ID}/add$") == 1
    assert fake.state.albums[SEED_ALBUM_ID].images == before + [i.id for i in done.images]


def test_anonymous_uploads_into_a_new_album(fake: FakeImgur, anonymous: pyimgur.Imgur,
                                            tmp_path: Path) -> None:
    done = anonymous.upload_images(_files(tmp_path, 4), workers=2, new_album="anon")
    assert done.album is not None and done.album.deletehash
    assert fake.state.albums[done.album.id].images == [i.id for i in done.images]


def test_a_failed_upload_is_never_sent_again(fake: FakeImgur, client: pyimgur.Imgur,
                                             tmp_path: Path) -> None:
    paths = _files(tmp_path, 6)
    # Imgur applies one upload, then the connection drops: it must not be re-sent
    fake.faults.add("drop_after_apply", method="POST", path_regex=UPLOADS, times=1)
    fake.faults.add(status=500, method="POST", path_regex=UPLOADS, times=1)
    fake.reset_log()
    with pytest.raises(pyimgur.BatchError) as caught:
        client.upload_images(paths, workers=3, new_album="partial")
    error = caught.value
    assert count(fake, "POST", UPLOADS) == 6  # each file sent exactly once
    assert len(error.errors) == 2
    good = [r for r in error.results if isinstance(r, pyimgur.Image)]
    assert len(good) == 4
    album = error.album  # type: ignore[attr-defined]
    assert fake.state.albums[album.id].images == [i.id for i in good]
    assert count(fake, "POST", r"^3/album$") == 1


def test_post_budget_is_respected(tmp_path: Path) -> None:
    fake = FakeImgur(post_limit=4)
    with fake.serve() as url:
        token = fake.issue_token()
        im = pyimgur.Imgur(SEED_CLIENT_ID, SEED_CLIENT_SECRET, token.access_token,
                           token.refresh_token, base_url=url, backoff_factor=0.0)
        fake.reset_log()
        done = im.upload_images(_files(tmp_path, 7), workers=3, return_exceptions=True)
        im.close()
    sent = fake.find_requests("POST", UPLOADS)
    assert len(sent) == 4 and all(r.status == 200 for r in sent)  # never a 429
    assert [isinstance(r, pyimgur.Image) for r in done.images] == [True] * 4 + [False] * 3
    for refused in done.images[4:]:
        assert isinstance(refused, pyimgur.RateLimitError) and refused.bucket == "post"
        assert "not sent" in str(refused)


def test_uploads_really_overlap(fake: FakeImgur, client: pyimgur.Imgur, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """After the first upload (alone, to learn the budget), three are in flight at once."""
    barrier = threading.Barrier(3, timeout=10)
    real = client.upload_image
    calls: list[str] = []

    def waiting(*args: object, **kwargs: object) -> pyimgur.Image:
        calls.append(str(kwargs.get("path")))
        if len(calls) > 1:
            barrier.wait()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(client, "upload_image", waiting)
    done = client.upload_images(_files(tmp_path, 4), workers=3)
    assert len(done.images) == 4 and len(set(calls)) == 4


def test_bad_arguments_before_any_request(fake: FakeImgur, client: pyimgur.Imgur,
                                          tmp_path: Path) -> None:
    paths = _files(tmp_path, 2)
    fake.reset_log()
    with pytest.raises(FileNotFoundError):
        client.upload_images([*paths, tmp_path / "missing.png"])
    with pytest.raises(TypeError):
        client.upload_images(str(paths[0]))
    with pytest.raises(ValueError):
        client.upload_images(paths, album=SEED_ALBUM_ID, new_album="x")
    with pytest.raises(ValueError):
        client.upload_images(paths, workers=0)
    with pytest.raises(TypeError):
        client.upload_images(paths, title=5)  # type: ignore[arg-type]
    assert fake.request_count == 0
