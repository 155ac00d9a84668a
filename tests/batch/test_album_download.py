"""Album.download with workers= and skip_existing=, against the sandbox over loopback."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import pyimgur
from pyimgur.testing import FakeImgur

from .conftest import count

CDN = r"^cdn/"


def _album(fake: FakeImgur, n: int, title: str = "Holiday") -> str:
    return fake.add_album(n, owner="sandboxtester", title=title).id


def _names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("workers", [1, 4])
def test_files_in_album_order_one_download_each(fake: FakeImgur, client: pyimgur.Imgur,
                                                tmp_path: Path, workers: int) -> None:
    album_id = _album(fake, 12)
    album = client.get_album(album_id)
    fake.reset_log()
    paths = album.download(str(tmp_path), workers=workers)
    folder = tmp_path / "Holiday"
    assert paths == [str(folder / f"{n:03d} Image {n - 1}.png") for n in range(1, 13)]
    assert _names(folder) == [os.path.basename(p) for p in paths]  # no temporary files
    stored = fake.state.albums[album_id].images
    for path, image_id in zip(paths, stored):
        assert Path(path).read_bytes() == fake.state.images[image_id].data
    assert count(fake, "GET", r"^3/album/") == 1 and count(fake, "GET", CDN) == 12
    assert fake.request_count == 13


def test_skip_existing_finishes_an_interrupted_download(fake: FakeImgur, client: pyimgur.Imgur,
                                                        tmp_path: Path) -> None:
    album = client.get_album(_album(fake, 8))
    first = album.download(str(tmp_path), workers=4)
    for gone in (first[2], first[5], first[7]):
        os.unlink(gone)
    kept = {p: os.stat(p).st_mtime_ns for p in first if os.path.exists(p)}
    fake.reset_log()
    done: list[tuple[int, int]] = []
    again = album.download(str(tmp_path), workers=4, skip_existing=True,
                           progress=lambda n, total: done.append((n, total)))
    assert again == first
    assert count(fake, "GET", CDN) == 3 == fake.request_count  # only the missing files
    assert all(os.stat(p).st_mtime_ns == t for p, t in kept.items())  # untouched
    assert sorted(done) == [(n, 8) for n in range(1, 9)]
    fake.reset_log()
    assert album.download(str(tmp_path), skip_existing=True) == first
    assert fake.request_count == 0


def test_without_skip_existing_an_existing_file_stops_it(fake: FakeImgur, client: pyimgur.Imgur,
                                                         tmp_path: Path) -> None:
    album = client.get_album(_album(fake, 5))
    paths = album.download(str(tmp_path), workers=1)
    os.unlink(paths[3])
    fake.reset_log()
    with pytest.raises(FileExistsError) as caught:
        album.download(str(tmp_path), workers=1)
    assert caught.value.filename == paths[0]
    assert fake.request_count == 0 and not os.path.exists(paths[3])
    with pytest.raises(ValueError):
        album.download(str(tmp_path), skip_existing=True, overwrite=True)
    with pytest.raises(ValueError):
        album.download(str(tmp_path), workers=0)


def test_a_failed_file_raises_and_leaves_no_partial_file(fake: FakeImgur, client: pyimgur.Imgur,
                                                         tmp_path: Path) -> None:
    album_id = _album(fake, 6)
    album = client.get_album(album_id)
    album.images  # loaded now
    broken = fake.state.albums[album_id].images[0]
    fake.faults.add(status=404, times=None, method="GET", path_regex=rf"^cdn/{broken}")
    fake.reset_log()
    with pytest.raises(pyimgur.NotFound):
        album.download(str(tmp_path), workers=1)
    assert count(fake, "GET", CDN) == 1  # stopped at the first failure
    folder = tmp_path / "Holiday"
    assert not folder.exists()  # the folder this failed download made is removed
    with pytest.raises(pyimgur.NotFound):
        album.download(str(tmp_path), workers=3)
    # the folder stays only if a download under way finished (complete) before the stop
    left = _names(folder) if folder.exists() else []
    assert not [n for n in left if n.startswith(".") or n.endswith(".part")]
    assert len(left) <= 5  # those under way finished, complete; nothing new started


def test_byte_progress_adds_up_the_whole_album(fake: FakeImgur, client: pyimgur.Imgur,
                                               tmp_path: Path) -> None:
    album_id = _album(fake, 7)
    album = client.get_album(album_id)
    total = sum(len(fake.state.images[i].data) for i in fake.state.albums[album_id].images)
    seen: list[tuple[int, object, str]] = []
    files: list[tuple[int, int]] = []

    def on_bytes(done: int, whole: object) -> None:
        seen.append((done, whole, threading.current_thread().name))

    album.download(str(tmp_path), workers=3, byte_progress=on_bytes,
                   progress=lambda n, t: files.append((n, t)))
    assert seen[-1][:2] == (total, total)
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)  # never goes back
    assert files == [(n, 7) for n in range(1, 8)]


def test_ctrl_c_starts_nothing_new_and_leaves_no_partial_file(fake: FakeImgur,
                                                              client: pyimgur.Imgur,
                                                              tmp_path: Path) -> None:
    album = client.get_album(_album(fake, 9))
    album.images  # loaded now
    fake.faults.add("slow", times=None, delay=0.05, method="GET", path_regex=CDN)
    fired = threading.Event()

    lock = threading.Lock()

    def interrupt_once(done: int, total: object) -> None:
        with lock:
            first = not fired.is_set()
            fired.set()
        if first:
            raise KeyboardInterrupt  # as Ctrl-C would, in the middle of a file
        time.sleep(0.2)  # the other files are still under way when it arrives

    fake.reset_log()
    with pytest.raises(KeyboardInterrupt):
        album.download(str(tmp_path), workers=3, byte_progress=interrupt_once)
    # at most the three taken by the workers started (fewer on a busy machine,
    # where the interrupt can come before a worker sends): the six waiting never did
    assert 1 <= count(fake, "GET", CDN) <= 3
    folder = tmp_path / "Holiday"
    # those under way stopped at their next chunk: no file, complete or partial
    assert not folder.exists() or _names(folder) == []
