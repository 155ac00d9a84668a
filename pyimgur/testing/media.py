"""Small, valid media files made with the standard library, and sniffing of uploads.

The sandbox needs real bytes behind every image so that downloads can be
checked: :func:`png` and :func:`gif` build tiny valid files (zlib and struct,
no Pillow), :func:`mp4` a minimal ISO-BMFF header.  :func:`sniff` tells what an
uploaded file is and how big, from its first bytes, like Imgur's pipeline.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Optional

#: MIME type -> file extension Imgur uses in links
EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/apng": "png",
    "image/tiff": "tiff",
    "image/webp": "webp",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/quicktime": "mp4",
    "video/x-matroska": "mp4",
    "video/x-msvideo": "mp4",
    "video/x-flv": "mp4",
    "video/x-ms-wmv": "mp4",
    "video/mpeg": "mp4",
}
#: thumbnail suffix -> (width, height, square?) (imgur-api.md section 1)
THUMBNAILS = {
    "s": (90, 90, True),
    "b": (160, 160, True),
    "t": (160, 160, False),
    "m": (320, 320, False),
    "l": (640, 640, False),
    "h": (1024, 1024, False),
}


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png(width: int, height: int, color: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """A valid RGB PNG of one colour (a few hundred bytes, whatever the size)."""
    row = b"\x00" + bytes(color) * width
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(
        b"IEND", b""
    )


def _lzw_min_codes(count: int) -> bytes:
    """GIF image data for ``count`` pixels of colour 0 (clear code before each one)."""
    # 2-colour palette, minimum code size 2: clear = 4, end = 5, 3-bit codes.
    bits = 0
    nbits = 0
    out = bytearray()
    codes: list[int] = []
    for _ in range(count):
        codes.extend((4, 0))
    codes.append(5)
    for code in codes:
        bits |= code << nbits
        nbits += 3
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        out.append(bits & 0xFF)
    blocks = bytearray([2])
    for start in range(0, len(out), 255):
        piece = out[start : start + 255]
        blocks.append(len(piece))
        blocks.extend(piece)
    blocks.append(0)
    return bytes(blocks)


def gif(width: int, height: int, frames: int = 2) -> bytes:
    """A valid GIF89a of ``frames`` frames (animated when more than one)."""
    out = bytearray(b"GIF89a")
    out += struct.pack("<HHBBB", width, height, 0x80, 0, 0)  # global table of 2 colours
    out += bytes((255, 80, 0, 0, 80, 255))
    if frames > 1:
        out += b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    # every frame is a 1x1 patch (keeps the file tiny but valid)
    for _ in range(frames):
        out += b"!\xf9\x04\x04\x0a\x00\x00\x00"  # graphic control: 0.1 s
        out += b"," + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        out += _lzw_min_codes(1)
    out += b";"
    return bytes(out)


def mp4(seconds: int = 3) -> bytes:
    """A minimal MP4 container header (``ftyp`` and an empty ``mdat``)."""
    ftyp = b"ftypisom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
    body = struct.pack(">I", 8 + len(ftyp) - 4) + ftyp
    payload = bytes(range(256)) * max(1, seconds)
    return body + struct.pack(">I", 8 + len(payload)) + b"mdat" + payload


@dataclass(frozen=True)
class Sniffed:
    """What an uploaded file is."""

    mime: str
    width: int
    height: int
    animated: bool
    is_video: bool


def sniff(data: bytes) -> Optional[Sniffed]:
    """The type and size of ``data``, or ``None`` when it is no image or video Imgur takes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return Sniffed("image/png", width, height, b"acTL" in data[:4096], False)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return Sniffed("image/gif", width, height, data.count(b"\x21\xf9\x04") > 1, False)
    if data.startswith(b"\xff\xd8\xff"):
        width, height = _jpeg_size(data)
        return Sniffed("image/jpeg", width, height, False, False)
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return Sniffed("image/tiff", 0, 0, False, False)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Sniffed("image/webp", 0, 0, False, False)
    if data[4:8] == b"ftyp":
        mime = "video/quicktime" if data[8:10] == b"qt" else "video/mp4"
        return Sniffed(mime, 640, 360, True, True)
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed("video/webm", 640, 360, True, True)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int]:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return 0, 0


def thumbnail(suffix: str, width: int, height: int) -> bytes:
    """The thumbnail ``suffix`` of an image of ``width`` x ``height``, as a PNG."""
    box_w, box_h, square = THUMBNAILS[suffix]
    if square or not width or not height:
        return png(box_w, box_h, (200, 200, 200))
    scale = min(1.0, box_w / width, box_h / height)
    return png(max(1, int(width * scale)), max(1, int(height * scale)), (200, 200, 200))
