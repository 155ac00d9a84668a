"""upload_image: sources, multipart fields, videos, albums, and a streamed body."""

from __future__ import annotations

import io
import tracemalloc
from typing import Any, Optional

import pytest
from requests_toolbelt import MultipartDecoder, MultipartEncoder

import pyimgur
from pyimgur.upload import build_upload, sniff_video

API = "https://api.imgur.com/3/image"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40


class Upload:
    """Answers POST /3/image, reading the streamed body chunk by chunk while
    the request is made, and keeps its multipart fields."""

    def __init__(self, api: Any, answer: Optional[dict] = None, keep: bool = True) -> None:
        self.answer = answer or {"id": "new1", "deletehash": "DELETEHASH12345",
                                 "link": "https://i.imgur.com/new1.png", "title": None,
                                 "type": "image/png"}
        self.keep = keep
        self.body_types: list[type] = []
        self.size = 0
        self.fields: dict[str, tuple[Optional[str], Optional[str], bytes]] = {}
        api.mocker.post(API, json=self.respond)

    def respond(self, request: Any, context: Any) -> dict:
        body = request.body
        self.body_types.append(type(body))
        chunks = []
        if hasattr(body, "read"):
            while True:
                chunk = body.read(64 * 1024)
                if not chunk:
                    break
                self.size += len(chunk)
                if self.keep:
                    chunks.append(chunk)
        else:
            chunks.append(body)
            self.size += len(body)
        if self.keep:
            self._parse(b"".join(chunks), request.headers["Content-Type"])
        return {"data": self.answer, "success": True, "status": 200}

    def _parse(self, raw: bytes, content_type: str) -> None:
        for part in MultipartDecoder(raw, content_type).parts:
            disposition = part.headers[b"Content-Disposition"].decode()
            name = disposition.split('name="', 1)[1].split('"', 1)[0]
            filename = None
            if 'filename="' in disposition:
                filename = disposition.split('filename="', 1)[1].split('"', 1)[0]
            mime = part.headers.get(b"Content-Type")
            self.fields[name] = (filename, mime.decode() if mime else None, part.content)

    def text(self) -> dict[str, str]:
        return {k: v[2].decode() for k, v in self.fields.items() if v[0] is None}


def test_upload_from_path_streams_a_multipart_file(im, api, tmp_path):
    picture = tmp_path / "cat.png"
    picture.write_bytes(PNG)
    upload = Upload(api)
    image = im.upload_image(str(picture), title="Uploaded with PyImgur", description="d")
    assert api.count == 1
    call = api.calls[0]
    assert call.method == "POST" and call.url == API
    assert call.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert call.headers["Authorization"] == "Client-ID test-client-id"
    assert upload.body_types == [MultipartEncoder]
    assert upload.fields["image"] == ("cat.png", "image/png", PNG)
    assert upload.text() == {"type": "file", "title": "Uploaded with PyImgur", "description": "d"}
    assert isinstance(image, pyimgur.Image)
    assert image.id == "new1" and image.deletehash == "DELETEHASH12345"
    assert image.link == "https://i.imgur.com/new1.png"
    assert image.author is None  # fully loaded: a missing field costs nothing
    assert image.title == "Uploaded with PyImgur"  # Imgur answered null: what was sent is kept
    assert api.count == 1


def test_upload_accepts_a_path_object(im, api, tmp_path):
    picture = tmp_path / "p.png"
    picture.write_bytes(PNG)
    upload = Upload(api)
    im.upload_image(picture)
    assert upload.fields["image"][0] == "p.png"


def test_upload_from_url(im, api):
    upload = Upload(api)
    im.upload_image(url="https://example.com/cat.jpg", title="t")
    assert upload.text() == {"image": "https://example.com/cat.jpg", "type": "url", "title": "t"}


def test_upload_from_bytes(im, api):
    upload = Upload(api)
    im.upload_image(content=PNG, name="cat.png")
    filename, _mime, data = upload.fields["image"]
    assert data == PNG and filename == "upload"
    assert upload.text() == {"type": "file", "name": "cat.png"}


def test_upload_from_a_file_object_reads_from_its_position(im, api):
    stream = io.BytesIO(b"JUNK" + PNG)
    stream.seek(4)
    upload = Upload(api)
    im.upload_image(file=stream)
    assert upload.fields["image"][2] == PNG
    assert not stream.closed  # the caller's file is the caller's to close


def test_upload_from_a_real_file_object_uses_its_name(im, api, tmp_path):
    picture = tmp_path / "dog.png"
    picture.write_bytes(PNG)
    upload = Upload(api)
    with open(picture, "rb") as handle:
        im.upload_image(file=handle, album="abcde")
    assert upload.fields["image"][:2] == ("dog.png", "image/png")
    assert upload.text() == {"type": "file", "album": "abcde"}


def test_video_by_extension_goes_as_video_with_disable_audio(im, api, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00" * 100)  # content not recognisable: the name decides
    upload = Upload(api, {"id": "v1", "type": "video/mp4", "processing": {"status": "pending"}})
    image = im.upload_image(str(clip), disable_audio=True)
    assert "image" not in upload.fields
    assert upload.fields["video"] == ("clip.mp4", "video/mp4", b"\x00" * 100)
    assert upload.text() == {"type": "file", "disable_audio": "1"}
    assert image.processing_status == "pending"


@pytest.mark.parametrize(("filename", "mime"), [
    ("a.webm", "video/webm"), ("a.mov", "video/quicktime"), ("a.mkv", "video/x-matroska"),
    ("a.flv", "video/x-flv"), ("a.avi", "video/x-msvideo"), ("a.wmv", "video/x-ms-wmv"),
    ("a.mpeg", "video/mpeg"), ("A.MP4", "video/mp4"),
])
def test_every_video_type_is_sent_as_video(im, api, tmp_path, filename, mime):
    clip = tmp_path / filename
    clip.write_bytes(b"x")
    upload = Upload(api)
    im.upload_image(str(clip))
    assert upload.fields["video"][:2] == (filename, mime)


def test_video_bytes_are_recognised_by_content(im, api):
    upload = Upload(api)
    im.upload_image(content=MP4)
    assert upload.fields["video"] == ("upload.mp4", "video/mp4", MP4)


def test_sniff_video():
    assert sniff_video(MP4) == "video/mp4"
    assert sniff_video(b"\x00\x00\x00\x14ftypqt  ") == "video/quicktime"
    assert sniff_video(b"\x00\x00\x00\x1cftypheic") is None  # a HEIC still image
    assert sniff_video(b"\x1a\x45\xdf\xa3....webm") == "video/webm"
    assert sniff_video(b"RIFF\x00\x00\x00\x00AVI LIST") == "video/x-msvideo"
    assert sniff_video(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is None
    assert sniff_video(PNG) is None


@pytest.mark.parametrize("kwargs", [
    {},
    {"path": "a.png", "url": "https://example.com/a.png"},
    {"content": b"x", "file": io.BytesIO(b"x")},
    {"path": "a.png", "content": b"x"},
])
def test_exactly_one_source_else_value_error_before_any_request(im, api, kwargs):
    with pytest.raises(ValueError, match="exactly one"):
        im.upload_image(**kwargs)
    assert api.count == 0


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"url": "ftp://example.com/a.png"}, ValueError),
    ({"url": "https://example.com/a.png", "disable_audio": True}, ValueError),
    ({"content": PNG, "disable_audio": True}, ValueError),
    ({"content": "text"}, TypeError),
    ({"file": io.StringIO("text")}, TypeError),
    ({"file": 42}, TypeError),
    ({"content": PNG, "title": 5}, TypeError),
    ({"content": PNG, "album": 5}, TypeError),
    ({"content": PNG, "album": ""}, ValueError),
    ({"path": "/nonexistent/pyimgur/x.png"}, FileNotFoundError),
])
def test_bad_arguments_fail_before_any_request(im, api, kwargs, error):
    with pytest.raises(error):
        im.upload_image(**kwargs)
    assert api.count == 0


def test_album_argument_as_album_object_id_or_deletehash(im, user_im, api):
    upload = Upload(api)
    anonymous_album = im._make(pyimgur.Album, {"id": "alb1", "deletehash": "ALBUMDELETEHASH"})
    im.upload_image(content=PNG, album=anonymous_album)
    assert upload.text()["album"] == "ALBUMDELETEHASH"
    im.upload_image(content=PNG, album="ALBUMDELETEHASH")
    assert upload.text()["album"] == "ALBUMDELETEHASH"
    owned = user_im._make(pyimgur.Album, {"id": "alb1", "deletehash": "ALBUMDELETEHASH"})
    user_im.upload_image(content=PNG, album=owned)
    assert upload.text()["album"] == "alb1"
    user_im.upload_image(content=PNG, album=user_im.get_album("alb2"))
    assert upload.text()["album"] == "alb2"
    assert api.count == 4  # the lazy album was not loaded


def test_upload_errors_are_raised_and_the_file_is_closed(im, api, tmp_path, monkeypatch):
    picture = tmp_path / "a.png"
    picture.write_bytes(PNG)
    api.add("POST", "3/image", json={"data": {"error": {"code": 1003, "message":
            "File type invalid (1)"}, "request": "/3/image", "method": "POST"},
            "success": False, "status": 400}, status=400)
    opened = []
    real_open = open

    def spy(*args: Any, **kwargs: Any) -> Any:
        handle = real_open(*args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(pyimgur.ImgurError):
        im.upload_image(str(picture))
    assert api.count == 1  # an upload is never re-sent
    assert opened and all(handle.closed for handle in opened)


def test_large_file_is_streamed_not_read_whole(im, api, tmp_path):
    size = 64 * 1024 * 1024
    big = tmp_path / "big.mkv"
    with open(big, "wb") as handle:
        handle.truncate(size)  # sparse: costs no disk
    upload = Upload(api, keep=False)
    tracemalloc.start()
    try:
        im.upload_image(str(big))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert upload.body_types == [MultipartEncoder]
    assert upload.size > size  # the whole file went out, plus the multipart framing
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes while sending {size} bytes"


def test_build_upload_returns_an_encoder_of_the_right_length(tmp_path):
    picture = tmp_path / "a.png"
    picture.write_bytes(PNG)
    body, opened = build_upload(path=str(picture), title="t")
    try:
        first = body()
        assert isinstance(first, MultipartEncoder)
        assert first.len == body.len
        sent = first.to_string()
        assert len(sent) == body.len and PNG in sent
        again = body()  # a resend: rewound, same boundary, same bytes
        assert again.to_string() == sent
        assert again.content_type == body.content_type
    finally:
        assert opened is not None
        opened.close()
