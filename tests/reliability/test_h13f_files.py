"""Issue 13, files: uploads whose file changes size, downloads that stall, drip,
or are cut without a Content-Length, file modes, temporary files and folders.

Raw loopback servers (``rawserver.py``) stand in for Imgur and its CDN where
only real sockets show the problem; requests-mock covers the rest.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import socket
import stat
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.upload import SourceChanged, _FileBody, build_upload

from .rawserver import Head, Served, drip, raw_server, read_body, send_head

CDN = "https://i.imgur.com/"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 800  # ~200 KB


def in_thread(work: Callable[[], Any], limit: float = 20.0) -> Any:
    """Run ``work`` in a thread; fail (instead of hanging) if it does not end in time."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(limit)
    assert not worker.is_alive(), f"still running after {limit} s (spinning or hung)"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def no_temporary_named(error: BaseException) -> None:
    text = f"{error} {getattr(error, 'filename', '')} {getattr(error, 'filename2', '')}"
    assert ".pyimgur-" not in text and ".part" not in text, text


# == uploads: a file that changes size between building the body and sending it =================
def _drain(encoder: Any, step: int = 8192) -> bytes:
    out = b""
    while True:
        chunk = encoder.read(step)
        if not chunk:
            return out
        out += chunk


def test_an_unchanged_file_gives_exactly_the_announced_length(tmp_path: Path) -> None:
    source = tmp_path / "cat.png"
    source.write_bytes(PNG)
    body, opened = build_upload(path=str(source))
    try:
        encoder = body()
        assert len(_drain(encoder)) == encoder.len == body.len
    finally:
        assert opened is not None
        opened.close()


@pytest.mark.parametrize("change", ["shrink", "empty", "grow"])
def test_a_file_that_changes_size_stops_the_body(tmp_path: Path, change: str) -> None:
    source = tmp_path / "cat.png"
    source.write_bytes(PNG)
    body, opened = build_upload(path=str(source))
    assert opened is not None
    try:
        encoder = body()
        announced = encoder.len
        sent = encoder.read(10_000)  # the headers and the start of the file went out
        if change == "grow":
            with open(source, "ab") as more:
                more.write(b"EXTRA" * 1000)
        else:
            os.truncate(source, 5_000 if change == "shrink" else 0)
        with pytest.raises(SourceChanged) as caught:
            in_thread(lambda: sent + _drain(encoder))  # spun forever at 100% CPU before
        assert announced == body.len  # the length announced never changed
    finally:
        opened.close()
    error = caught.value.error
    assert isinstance(error, OSError)
    assert ("grew" if change == "grow" else "shrank") in str(error)
    assert str(source) in str(error)


def test_a_grown_file_never_gives_more_than_announced(tmp_path: Path) -> None:
    source = tmp_path / "cat.png"
    source.write_bytes(PNG)
    with open(source, "rb") as handle:
        body, _ = build_upload(file=handle)
        encoder = body()
        announced = encoder.len
        with open(source, "ab") as more:
            more.write(b"EXTRA" * 100_000)
        given = 0
        with pytest.raises(SourceChanged):
            while True:
                chunk = encoder.read(65536)
                if not chunk:
                    break
                given += len(chunk)
        assert given < announced


@settings(max_examples=200, deadline=None)
@given(data=st.binary(min_size=1, max_size=3000), read_first=st.integers(0, 2999),
       new_size=st.integers(0, 6000), step=st.integers(1, 700))
def test_any_size_change_before_the_last_byte_is_caught(
    data: bytes, read_first: int, new_size: int, step: int
) -> None:
    import io

    read_first = min(read_first, len(data) - 1)  # changed before the last byte went out
    if new_size == len(data):
        new_size += 1
    handle = io.BytesIO(data)
    body = _FileBody(handle, "f")
    given_bytes = body.read(read_first) if read_first else b""
    handle.seek(0)
    handle.truncate(min(new_size, len(data)))
    handle.seek(0, io.SEEK_END)
    handle.write(b"+" * max(0, new_size - len(data)))
    handle.seek(len(given_bytes))
    with pytest.raises(SourceChanged):
        for _ in range(10_000):  # bounded: an endless loop is the bug this guards against
            chunk = body.read(step)
            assert chunk, "an empty read before the announced length"
            given_bytes += chunk
            assert len(given_bytes) <= len(data)
        raise AssertionError("still reading")
    assert len(given_bytes) <= len(data)


def _upload_server(change: Callable[[], None]) -> Callable[[socket.socket, Head, Served], None]:
    """Imgur's upload endpoint: changes the file once the headers are in, then
    reads the body and notes its length and any bytes after it."""

    def script(conn: socket.socket, head: Head, served: Served) -> None:
        change()
        body, after = read_body(conn, head)
        served.notes.update(announced=int(head.headers["content-length"]),
                            received=len(body), after=after)
        if len(body) == served.notes["announced"]:
            answer = json.dumps({"data": {"id": "NewImg1", "link": "https://i.imgur.com/NewImg1.png",
                                          "type": "image/png", "deletehash": "dh"},
                                 "success": True, "status": 200}).encode()
            send_head(conn, Content_Type="application/json", Content_Length=str(len(answer)),
                      Connection="close")
            conn.sendall(answer)

    return script


@pytest.mark.parametrize("change", ["none", "shrink", "grow"])
def test_upload_over_loopback_never_sends_a_body_whose_length_lies(
    tmp_path: Path, change: str
) -> None:
    source = tmp_path / "movie.png"
    source.write_bytes(os.urandom(1 << 20) * 24)  # 24 MB: more than the socket buffers hold

    def alter() -> None:
        if change == "shrink":
            os.truncate(source, 1 << 20)
        elif change == "grow":
            with open(source, "ab") as more:
                more.write(b"EXTRA" * 200_000)

    with raw_server(_upload_server(alter)) as served:
        imgur = pyimgur.Imgur("test-client-id", base_url=served.url)
        imgur.transport.sleep = lambda seconds: None
        try:
            if change == "none":
                image = in_thread(lambda: imgur.upload_image(path=str(source)))
                assert image.id == "NewImg1"
            else:
                with pytest.raises(OSError) as caught:
                    in_thread(lambda: imgur.upload_image(path=str(source)))
                assert not isinstance(caught.value, pyimgur.ImgurError)
                assert ("grew" if change == "grow" else "shrank") in str(caught.value)
        finally:
            imgur.close()
        time.sleep(0.05)
    assert len(served.requests) == 1  # never sent twice
    notes = served.notes
    if change == "none":
        assert notes["received"] == notes["announced"]
    else:
        assert notes["received"] < notes["announced"]  # cut short, so Imgur cannot use it
    assert notes["after"] == b""  # nothing past the announced length, ever


# == downloads over raw loopback: stalls, drips, deadlines, cuts ===============================
@pytest.fixture
def client_for() -> Iterator[Callable[[Served], pyimgur.Imgur]]:
    made: list[pyimgur.Imgur] = []

    def make(served: Served) -> pyimgur.Imgur:
        imgur = pyimgur.Imgur("test-client-id", base_url=served.url, timeout=(2, 30))
        imgur.transport.sleep = lambda seconds: None
        made.append(imgur)
        return imgur

    yield make
    for imgur in made:
        imgur.close()


def _image(imgur: pyimgur.Imgur, served: Served) -> pyimgur.Image:
    data = {"id": "AbC12", "title": None, "type": "image/png",
            "link": served.url + "AbC12.png", "mp4": ""}
    image: pyimgur.Image = imgur._make(pyimgur.Image, data, has_fetched=True)
    return image


def _dripping(conn: socket.socket, head: Head, served: Served) -> None:
    send_head(conn, Content_Type="image/png", Content_Length="10000000")
    drip(conn, every=0.02)


def _silent(conn: socket.socket, head: Head, served: Served) -> None:
    send_head(conn, Content_Type="image/png", Content_Length="10000000")
    conn.sendall(b"\x89PNG")
    conn.settimeout(6)
    conn.recv(1)  # then nothing more, until the client hangs up


def _fast_forever(conn: socket.socket, head: Head, served: Served) -> None:
    send_head(conn, Content_Type="image/png", Content_Length=str(1 << 40))
    drip(conn, every=0.05, size=32 * 1024)


@pytest.mark.parametrize(
    ("script", "limits", "words"),
    [
        pytest.param(_dripping, {"stall_timeout": 0.5}, "stalled", id="drip"),
        pytest.param(_silent, {"stall_timeout": 0.5}, "stalled", id="silent"),
        pytest.param(_fast_forever, {"deadline": 0.6}, "deadline", id="deadline"),
    ],
)
def test_a_download_that_stalls_or_runs_on_fails_in_time(
    client_for: Any, tmp_path: Path, script: Any, limits: dict[str, float], words: str
) -> None:
    with raw_server(script) as served:
        image = _image(client_for(served), served)
        target = tmp_path / "new" / "folder"
        started = time.monotonic()
        with pytest.raises(pyimgur.TransportError) as caught:
            in_thread(lambda: image.download(str(target), **limits))
        elapsed = time.monotonic() - started
    assert words in str(caught.value)
    assert elapsed < 4.0  # the read timeout (30 s) alone would not stop it
    assert listing(tmp_path) == []  # no file, and the folders it made are gone


def test_the_default_stall_limit_is_documented_and_settable() -> None:
    from pyimgur import download

    assert download.DEFAULT_STALL_TIMEOUT == 30.0 and download.STALL_BYTES == 16 * 1024
    imgur = pyimgur.Imgur("test-client-id")
    lazy = imgur.get_image("AbC12")  # not loaded: a request would be needed for its link
    album = imgur._make(pyimgur.Album, {"id": "Alb12"}, has_fetched=False)
    for save in (lazy.download, album.download):
        for bad in ({"stall_timeout": 0}, {"deadline": -1.0}, {"deadline": float("nan")}):
            with pytest.raises(ValueError):
                save("unused", **bad)
        with pytest.raises(TypeError):
            save("unused", stall_timeout="30")
    assert imgur.transport.request_count == 0  # refused before any request


def _chunked(parts: list[bytes], terminated: bool, **headers: str) -> Any:
    def script(conn: socket.socket, head: Head, served: Served) -> None:
        send_head(conn, Content_Type="image/png", Transfer_Encoding="chunked", **headers)
        for part in parts:
            conn.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        if terminated:
            conn.sendall(b"0\r\n\r\n")
        else:
            time.sleep(0.1)
            conn.shutdown(socket.SHUT_RDWR)

    return script


def _close_delimited(body: bytes, **headers: str) -> Any:
    def script(conn: socket.socket, head: Head, served: Served) -> None:
        send_head(conn, Content_Type="image/png", Connection="close", **headers)
        conn.sendall(body)
        conn.shutdown(socket.SHUT_RDWR)

    return script


GZIPPED = gzip.compress(PNG)
PARTS = [PNG[i:i + 50_000] for i in range(0, len(PNG), 50_000)]
GZIP_PARTS = [GZIPPED[i:i + 4_000] for i in range(0, len(GZIPPED), 4_000)]


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(_chunked(PARTS[:2], terminated=False), id="chunked-without-last-chunk"),
        pytest.param(_close_delimited(GZIPPED[: len(GZIPPED) // 2], Content_Encoding="gzip"),
                     id="gzip-cut-no-length"),
        pytest.param(_chunked(GZIP_PARTS[:-1], terminated=True, Content_Encoding="gzip"),
                     id="gzip-chunked-short-of-its-end"),
        pytest.param(_close_delimited(GZIPPED[:-4], Content_Encoding="gzip"),
                     id="gzip-without-its-trailer"),
    ],
)
def test_a_body_cut_without_content_length_is_not_saved_and_keeps_the_old_file(
    client_for: Any, tmp_path: Path, script: Any
) -> None:
    (tmp_path / "AbC12.png").write_bytes(b"OLD")
    with raw_server(script) as served:
        image = _image(client_for(served), served)
        with pytest.raises(pyimgur.TransportError) as caught:
            in_thread(lambda: image.download(str(tmp_path), overwrite=True))
    assert (tmp_path / "AbC12.png").read_bytes() == b"OLD"
    assert listing(tmp_path) == ["AbC12.png"]
    no_temporary_named(caught.value)


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(_chunked(PARTS, terminated=True), id="chunked"),
        pytest.param(_close_delimited(GZIPPED, Content_Encoding="gzip"), id="gzip-no-length"),
        pytest.param(_chunked(GZIP_PARTS, terminated=True, Content_Encoding="gzip"),
                     id="gzip-chunked"),
        pytest.param(_close_delimited(gzip.compress(PNG[:1000]) + gzip.compress(PNG[1000:]),
                                      Content_Encoding="gzip"), id="gzip-two-members"),
        pytest.param(_close_delimited(zlib.compress(PNG), Content_Encoding="deflate"),
                     id="deflate"),
        pytest.param(_close_delimited(zlib.compress(PNG)[2:-4], Content_Encoding="deflate"),
                     id="raw-deflate"),
    ],
)
def test_complete_bodies_without_content_length_are_saved_whole(
    client_for: Any, tmp_path: Path, script: Any
) -> None:
    with raw_server(script) as served:
        image = _image(client_for(served), served)
        saved = in_thread(lambda: image.download(str(tmp_path)))
    assert Path(saved).read_bytes() == PNG
    assert listing(tmp_path) == ["AbC12.png"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(GZIPPED)), coding=st.sampled_from(["gzip", "deflate"]))
def test_a_compressed_body_is_saved_only_when_whole(
    im: Any, api: Any, tmp_path_factory: Any, cut: int, coding: str
) -> None:
    folder = tmp_path_factory.mktemp("cut")
    whole = GZIPPED if coding == "gzip" else zlib.compress(PNG)
    body = whole[:cut]
    api.mocker.get(CDN + "AbC12.png", content=body,
                   headers={"Content-Type": "image/png", "Content-Encoding": coding})
    image = im._make(pyimgur.Image, {"id": "AbC12", "type": "image/png", "link": CDN + "AbC12.png"},
                     has_fetched=True)
    if cut >= len(whole):
        assert Path(image.download(str(folder))).read_bytes() == PNG
    else:
        with pytest.raises(pyimgur.TransportError):
            image.download(str(folder))
        assert listing(folder) == []


def test_an_encoding_pyimgur_cannot_check_is_refused(im: Any, api: Any, tmp_path: Path) -> None:
    api.mocker.get(CDN + "AbC12.png", content=b"whatever",
                   headers={"Content-Type": "image/png", "Content-Encoding": "br"})
    image = im._make(pyimgur.Image, {"id": "AbC12", "type": "image/png", "link": CDN + "AbC12.png"},
                     has_fetched=True)
    with pytest.raises(pyimgur.InvalidResponse):
        image.download(str(tmp_path))
    assert listing(tmp_path) == []


# == file modes, temporary files, folders, messages ==============================================
def _cdn_image(im: Any, api: Any, link: str = CDN + "AbC12.png") -> pyimgur.Image:
    api.mocker.get(link, content=PNG, headers={"Content-Type": "image/png"})
    image: pyimgur.Image = im._make(
        pyimgur.Image, {"id": "AbC12", "title": None, "type": "image/png", "link": link, "mp4": ""},
        has_fetched=True,
    )
    return image


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(
    im: Any, api: Any, tmp_path: Path, umask: Any, mask: int, mode: int
) -> None:
    umask(mask)
    saved = _cdn_image(im, api).download(str(tmp_path))
    assert stat.S_IMODE(os.stat(saved).st_mode) == mode  # was always 0644


def test_a_replaced_file_keeps_its_mode(im: Any, api: Any, tmp_path: Path, umask: Any) -> None:
    umask(0o022)
    old = tmp_path / "AbC12.png"
    old.write_bytes(b"OLD")
    os.chmod(old, 0o640)
    _cdn_image(im, api).download(str(tmp_path), overwrite=True)
    assert old.read_bytes() == PNG
    assert stat.S_IMODE(os.stat(old).st_mode) == 0o640


def test_no_temporary_file_means_no_request_and_no_temp_name(
    im: Any, api: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    image = _cdn_image(im, api)
    real_open = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:
        if ".pyimgur-" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    target = tmp_path / "made" / "here"
    with pytest.raises(PermissionError) as caught:
        image.download(str(target))
    assert api.count == 0  # the CDN stream was never opened, so none is left open
    no_temporary_named(caught.value)
    assert caught.value.filename == str(target / "AbC12.png")
    assert listing(tmp_path) == []  # the folders it made are gone


def test_a_full_disk_names_the_destination(
    im: Any, api: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    image = _cdn_image(im, api)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: Any) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    with pytest.raises(OSError) as caught:
        image.download(str(tmp_path))
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(tmp_path / "AbC12.png")
    no_temporary_named(caught.value)
    assert listing(tmp_path) == []


def _album(im: Any, api: Any, links: list[str]) -> pyimgur.Album:
    images = [{"id": f"Img{n}", "title": f"t{n}", "type": "image/png", "link": link, "mp4": ""}
              for n, link in enumerate(links)]
    album: pyimgur.Album = im._make(pyimgur.Album, {"id": "Alb12", "title": "My album",
                                              "images": images}, has_fetched=True)
    return album


def test_image_and_album_refuse_a_file_as_folder_alike(im: Any, api: Any, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_bytes(b"mine")
    image = _cdn_image(im, api)
    album = _album(im, api, [CDN + "AbC12.png"])
    for where in (a_file, a_file / "below"):
        errors = []
        for download in (image.download, album.download):
            with pytest.raises(NotADirectoryError) as caught:
                download(str(where))
            errors.append(caught.value)
        assert [e.filename for e in errors] == [str(a_file)] * 2
        assert str(errors[0]) == str(errors[1])
        for error in errors:
            no_temporary_named(error)
    assert api.count == 0  # refused before any request
    assert a_file.read_bytes() == b"mine" and listing(tmp_path) == ["a-file"]


def test_missing_folders_are_created_and_removed_when_the_download_fails(
    im: Any, api: Any, tmp_path: Path
) -> None:
    (tmp_path / "kept").mkdir()
    api.mocker.get(CDN + "Gone1.png", status_code=404, text="gone")
    image = im._make(pyimgur.Image, {"id": "Gone1", "type": "image/png", "link": CDN + "Gone1.png"},
                     has_fetched=True)
    with pytest.raises(pyimgur.NotFound):
        image.download(str(tmp_path / "kept" / "a" / "b"))
    assert listing(tmp_path) == ["kept"] and listing(tmp_path / "kept") == []


def test_album_folder_is_removed_only_when_nothing_was_saved_in_it(
    im: Any, api: Any, tmp_path: Path
) -> None:
    api.mocker.get(CDN + "Ok1.png", content=PNG, headers={"Content-Type": "image/png"})
    api.mocker.get(CDN + "Gone1.png", status_code=404, text="gone")
    with pytest.raises(pyimgur.NotFound):
        _album(im, api, [CDN + "Gone1.png"]).download(str(tmp_path / "new"))
    assert listing(tmp_path) == []
    with pytest.raises(pyimgur.NotFound):
        # one worker: Ok1 is saved before Gone1 fails (with several, a failure stops the
        # downloads under way, and whether Ok1 finished first is a race)
        _album(im, api, [CDN + "Ok1.png", CDN + "Gone1.png"]).download(str(tmp_path), workers=1)
    assert listing(tmp_path / "My album") == ["001 t0.png"]


# == the thumbnail of an image whose link has no file name =========================================
@pytest.mark.parametrize("link", ["https://i.imgur.com/", "https://i.imgur.com/.png",
                                  "https://i.imgur.com"])
def test_thumbnail_of_a_link_without_a_file_name_is_a_typed_error(
    im: Any, api: Any, tmp_path: Path, link: str
) -> None:
    image = im._make(pyimgur.Image, {"id": "AbC12", "type": "image/png", "link": link},
                     has_fetched=True)
    with pytest.raises(pyimgur.InvalidResponse) as caught:
        image.download(str(tmp_path), size="small_square")  # AssertionError before
    assert "no file name" in str(caught.value)
    assert api.count == 0 and listing(tmp_path) == []
