"""Downloads: hostile names stay inside the folder, atomic writes, overwrite rules."""

from __future__ import annotations

import io
import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.download import MAX_NAME_LENGTH, clean_filename, extension_for, target_path

CDN = "https://i.imgur.com/"
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3"
}


def image(im, **extra: object):
    data = {"id": "AbC12", "title": None, "type": "image/png", "link": CDN + "AbC12.png",
            "mp4": ""}
    data.update(extra)
    return im._make(pyimgur.Image, data, has_fetched=True)


def files(folder) -> list[str]:
    return sorted(os.listdir(folder))


# -- the cleaner -------------------------------------------------------------------------
@pytest.mark.parametrize(("title", "expected"), [
    ("../../x", "_._x"),
    ("/etc/passwd", "_etc_passwd"),
    ("..\\..\\windows\\win.ini", "_._windows_win.ini"),
    ("CON", "_CON"),
    ("con", "_con"),
    ("nul.txt", "_nul.txt"),
    ("Com1.tar.gz", "_Com1.tar.gz"),
    ("LPT9", "_LPT9"),
    ("CONSOLE", "CONSOLE"),
    ("a\x00b\nc\x7fd", "a_b_c_d"),
    ('what? <a|b> "c": *', "what_ _a_b_ _c__ _"),
    ("ends with dots...", "ends with dots"),
    ("trailing spaces   ", "trailing spaces"),
    (".hidden", "hidden"),
    ("evil\u202egnp.exe", "evilgnp.exe"),
    ("Cat Ying & Yang", "Cat Ying & Yang"),
    ("ünïcödé 猫", "ünïcödé 猫"),
])
def test_clean_filename_table(title, expected):
    assert clean_filename(title, "id") == expected


@pytest.mark.parametrize("title", ["", "   ", ".", "..", "...", "/", "\x00\x01", None, ". . .",
                                   "../..", "_"])
def test_nothing_left_falls_back_to_the_id(title):
    assert clean_filename(title, "AbC12") == "AbC12"
    assert clean_filename(title, "") == "download"


def test_long_names_are_capped_in_characters_and_bytes():
    assert len(clean_filename("x" * 300, "id")) == MAX_NAME_LENGTH
    wide = clean_filename("猫" * 300, "id")
    assert len(wide.encode("utf-8")) <= 200
    assert clean_filename("abc", "id", max_length=2) == "ab"
    with pytest.raises(ValueError):
        clean_filename("abc", "id", max_length=0)


def test_target_path_refuses_names_that_leave_the_folder(tmp_path):
    assert target_path(str(tmp_path), "a.png") == str(tmp_path / "a.png")
    for bad in ("../a.png", "/etc/passwd", "..", "sub/a.png"):
        with pytest.raises(ValueError):
            target_path(str(tmp_path), bad)


def test_extension_for():
    assert extension_for("image/jpeg", CDN + "a.jpeg") == ".jpg"
    assert extension_for("image/gif") == ".gif"
    assert extension_for("video/mp4") == ".mp4"
    assert extension_for(None, CDN + "a.PNG?x=1") == ".png"
    assert extension_for("application/unknown", CDN + "a.webp") == ".webp"
    assert extension_for(None, CDN + "noext") == ""
    assert extension_for(None, None) == ""


def _check_cleaned(name: str) -> None:
    folder = os.path.abspath("/srv/downloads")
    cleaned = clean_filename(name, "AbC12")
    assert cleaned and cleaned not in (".", "..")
    assert "/" not in cleaned and "\\" not in cleaned and "\x00" not in cleaned
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned)
    assert not cleaned.startswith(".") and not cleaned.endswith((".", " "))
    assert len(cleaned) <= MAX_NAME_LENGTH and len(cleaned.encode("utf-8")) <= 200
    assert cleaned.split(".", 1)[0].strip().upper() not in RESERVED
    joined = os.path.normpath(os.path.join(folder, cleaned + ".png"))
    assert os.path.dirname(joined) == folder
    assert target_path(folder, cleaned + ".png") == joined


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_cleaned_names_never_leave_the_folder(name):
    _check_cleaned(name)


_HOSTILE = st.text(
    alphabet=st.sampled_from(list("./\\ :*?\"<>|\x00\x1f\u202eCONPRULTM1.9 a猫")), max_size=300
)


@pytest.mark.slow
@settings(max_examples=10000, deadline=None)
@given(st.one_of(st.text(max_size=400), _HOSTILE))
def test_cleaned_names_never_leave_the_folder_10000_examples(name):
    _check_cleaned(name)


# -- Image.download --------------------------------------------------------------------------
@pytest.mark.parametrize(("title", "filename"), [
    ("../../x", "_._x.png"),
    ("/etc/passwd", "_etc_passwd.png"),
    ("CON", "_CON.png"),
    ("x" * 300, "x" * MAX_NAME_LENGTH + ".png"),
    ("..", "AbC12.png"),
    (None, "AbC12.png"),
])
def test_hostile_titles_land_inside_the_folder(im, api, tmp_path, title, filename):
    api.mocker.get(CDN + "AbC12.png", content=b"PNGDATA")
    saved = image(im, title=title).download(str(tmp_path))
    assert saved == str(tmp_path / filename)
    assert files(tmp_path) == [filename]
    assert (tmp_path / filename).read_bytes() == b"PNGDATA"


def test_download_into_the_current_folder_by_default(im, api, tmp_path, monkeypatch):
    api.mocker.get(CDN + "AbC12.png", content=b"PNGDATA")
    monkeypatch.chdir(tmp_path)
    assert image(im, title="cat").download() == str(tmp_path / "cat.png")


def test_name_argument_wins_and_is_cleaned(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"PNGDATA")
    pic = image(im, title="ignored")
    assert pic.download(str(tmp_path), name="../mine") == str(tmp_path / "_mine.png")
    assert pic.download(str(tmp_path), name="////") == str(tmp_path / "AbC12.png")


def test_extension_follows_the_type(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.gif", content=b"GIF89a")
    pic = image(im, type="image/gif", link=CDN + "AbC12.gif", title="anim")
    assert pic.download(str(tmp_path)).endswith("anim.gif")


def test_download_of_a_lazy_image_loads_it_once(im, api, tmp_path):
    api.add("GET", "3/image/AbC12", {"id": "AbC12", "title": "cat", "type": "image/jpeg",
                                     "link": CDN + "AbC12.jpg"})
    api.mocker.get(CDN + "AbC12.jpg", content=b"JPEG")
    assert im.get_image("AbC12").download(str(tmp_path)) == str(tmp_path / "cat.jpg")
    assert api.count == 2
    assert "Authorization" not in api.calls[1].headers  # no token to the CDN


def test_progress_reports_bytes(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"x" * 200_000,
                   headers={"Content-Length": "200000"})
    seen = []
    image(im).download(str(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 200_000)
    assert seen[-1] == (200_000, 200_000)
    assert len(seen) >= 3  # streamed in several chunks
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_progress_without_a_length_reports_none(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"x" * 10)
    seen = []
    image(im).download(str(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, None), (10, None)]


def test_thumbnail_size(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12s.png", content=b"small")
    saved = image(im, title="t").download(str(tmp_path), size="small_square")
    assert saved == str(tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes() == b"small"
    assert api.calls[0].url == CDN + "AbC12s.png"


def test_bad_size_fails_before_any_request(im, api, tmp_path):
    with pytest.raises(ValueError, match="size"):
        image(im).download(str(tmp_path), size="enormous")
    with pytest.raises(ValueError):
        image(im).download(str(tmp_path), size="small_square", prefer_video=True)
    assert api.count == 0 and files(tmp_path) == []


def test_prefer_video_downloads_the_mp4(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.mp4", content=b"MP4")
    pic = image(im, type="image/gif", link=CDN + "AbC12.gif", mp4=CDN + "AbC12.mp4",
                title="loop")
    assert pic.download(str(tmp_path), prefer_video=True) == str(tmp_path / "loop.mp4")
    assert (tmp_path / "loop.mp4").read_bytes() == b"MP4"


def test_prefer_video_of_a_still_downloads_the_image(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"PNG")
    assert image(im).download(str(tmp_path), prefer_video=True).endswith("AbC12.png")


def test_missing_folders_are_created(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"PNG")
    saved = image(im).download(str(tmp_path / "a" / "b"))
    assert saved == str(tmp_path / "a" / "b" / "AbC12.png")


# -- overwrite -----------------------------------------------------------------------------------
def test_existing_file_is_refused_before_any_request(im, api, tmp_path):
    (tmp_path / "AbC12.png").write_bytes(b"MINE")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        image(im).download(str(tmp_path))
    assert api.count == 0
    assert (tmp_path / "AbC12.png").read_bytes() == b"MINE"
    assert files(tmp_path) == ["AbC12.png"]


def test_file_created_during_the_download_is_not_clobbered(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"x" * 200_000)
    target = tmp_path / "AbC12.png"

    def racer(done, total):
        if done and not target.exists():
            target.write_bytes(b"SOMEONE ELSE")

    with pytest.raises(FileExistsError):
        image(im).download(str(tmp_path), progress=racer)
    assert target.read_bytes() == b"SOMEONE ELSE"
    assert files(tmp_path) == ["AbC12.png"]  # no temporary file left


def test_overwrite_true_replaces(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"NEW")
    (tmp_path / "AbC12.png").write_bytes(b"OLD")
    image(im).download(str(tmp_path), overwrite=True)
    assert (tmp_path / "AbC12.png").read_bytes() == b"NEW"
    assert files(tmp_path) == ["AbC12.png"]


def test_overwrite_refused_without_hard_links_too(im, api, tmp_path, monkeypatch):
    api.mocker.get(CDN + "AbC12.png", content=b"NEW")

    def no_links(source, destination):
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    saved = image(im).download(str(tmp_path / "plain"))
    assert open(saved, "rb").read() == b"NEW"
    assert files(tmp_path / "plain") == ["AbC12.png"]
    target = tmp_path / "raced" / "AbC12.png"

    def racer(done, total):
        if done and not target.exists():
            target.write_bytes(b"SOMEONE ELSE")

    with pytest.raises(FileExistsError):
        image(im).download(str(tmp_path / "raced"), progress=racer)
    assert target.read_bytes() == b"SOMEONE ELSE"
    assert files(tmp_path / "raced") == ["AbC12.png"]


# -- interrupted streams ---------------------------------------------------------------------------
class BreaksOff(io.RawIOBase):
    """A response body that sends ``good`` bytes and then loses the connection."""

    def __init__(self, good: int) -> None:
        self.left = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            raise ConnectionResetError("connection reset by peer")
        n = min(len(buffer), self.left, 8192)
        buffer[:n] = b"x" * n
        self.left -= n
        return n


def test_interrupted_stream_leaves_no_file(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", body=BreaksOff(100_000),
                   headers={"Content-Length": "500000"})
    seen = []
    with pytest.raises((pyimgur.ImgurError, OSError)):
        image(im).download(str(tmp_path), progress=lambda done, total: seen.append(done))
    assert files(tmp_path) == []
    assert seen and seen[-1] > 0  # it did get part of the way


def test_interrupted_stream_is_a_transport_error(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", body=BreaksOff(10),
                   headers={"Content-Length": "500000"})
    with pytest.raises(pyimgur.TransportError):
        image(im).download(str(tmp_path))
    assert files(tmp_path) == []


def test_short_body_is_an_error_and_leaves_no_file(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", body=io.BytesIO(b"only this"),
                   headers={"Content-Length": "1000"})
    with pytest.raises((pyimgur.ImgurError, OSError)):
        image(im).download(str(tmp_path))
    assert files(tmp_path) == []


def test_interrupted_download_keeps_an_existing_file_when_overwriting(im, api, tmp_path):
    (tmp_path / "AbC12.png").write_bytes(b"OLD")
    api.mocker.get(CDN + "AbC12.png", body=BreaksOff(10), headers={"Content-Length": "9999"})
    with pytest.raises(pyimgur.TransportError):
        image(im).download(str(tmp_path), overwrite=True)
    assert (tmp_path / "AbC12.png").read_bytes() == b"OLD"
    assert files(tmp_path) == ["AbC12.png"]


def test_callback_exception_leaves_no_file(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"x" * 200_000)

    def stop(done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        image(im).download(str(tmp_path), progress=stop)
    assert files(tmp_path) == []


def test_cdn_404_raises_not_found_and_leaves_no_file(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", status_code=404, text="not found")
    with pytest.raises(pyimgur.NotFound):
        image(im).download(str(tmp_path))
    assert files(tmp_path) == []


def test_downloaded_file_is_not_private_under_the_usual_umask(im, api, tmp_path):
    api.mocker.get(CDN + "AbC12.png", content=b"PNG")
    before = os.umask(0o022)
    try:
        saved = image(im).download(str(tmp_path))
    finally:
        os.umask(before)
    assert os.stat(saved).st_mode & 0o044 == 0o044  # readable by group and others
