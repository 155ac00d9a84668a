"""HTTP as the sandbox sees it: one request in, one response out, whatever carried it.

The in-process adapter and the loopback server both turn what they received
into a :class:`SandboxRequest` and send back a :class:`SandboxResponse`.  This
module also reads request bodies (JSON, form-urlencoded, multipart) and
writes Imgur's error bodies in each shape of imgur-api.md section 2.2.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Optional
from urllib.parse import parse_qs

#: The body shapes of imgur-api.md 2.2 that the sandbox can write.
SHAPES = ("classic", "nested", "jsonapi", "data_false", "html", "empty", "truncated")
OVER_CAPACITY = "Imgur is temporarily over capacity. Please try again later."


@dataclass
class UploadedFile:
    filename: Optional[str]
    content_type: Optional[str]
    data: bytes


@dataclass
class SandboxRequest:
    """One request; ``path`` is relative to the API root (``3/image/abc``) or ``cdn/...``."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""
    #: filled by :func:`read_body`
    json: Any = None
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    body_kind: str = "none"

    def header(self, name: str) -> str:
        lower = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lower:
                return value
        return ""

    def value(self, name: str) -> Optional[str]:
        """One parameter from the JSON body, the form, or the query string."""
        if isinstance(self.json, dict) and name in self.json:
            found = self.json[name]
            if found is None:
                return None
            if isinstance(found, bool):
                return "true" if found else "false"
            return found if isinstance(found, str) else json.dumps(found)
        for source in (self.form, self.query):
            if source.get(name):
                return source[name][-1]
        return None

    def values(self, name: str) -> Optional[list[str]]:
        """A list parameter: ``name[]=a&name[]=b``, ``name=a,b`` or a JSON list."""
        if isinstance(self.json, dict):
            for key in (name, name + "[]"):
                if key in self.json:
                    found = self.json[key]
                    if isinstance(found, list):
                        return [str(item) for item in found]
                    if found is None:
                        return []
                    return _split(str(found))
        for source in (self.form, self.query):
            if name + "[]" in source:
                return [item for item in source[name + "[]"] if item]
            if name in source:
                return [piece for item in source[name] for piece in _split(item)]
        return None


def _split(text: str) -> list[str]:
    return [piece.strip() for piece in text.split(",") if piece.strip()]


@dataclass
class SandboxResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def reason(self) -> str:
        return reason(self.status)


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class ApiError(Exception):
    """A route's refusal, turned into an error body of the given shape."""

    def __init__(
        self,
        status: int,
        message: str,
        shape: str = "classic",
        code: Optional[int] = None,
        headers: Optional[dict[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.shape = shape
        self.code = code
        self.headers = headers or {}


# -- bodies ---------------------------------------------------------------------------
def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def envelope(data: Any, status: int = 200) -> bytes:
    return dumps({"data": data, "success": status < 400, "status": status})


def error_body(
    shape: str,
    status: int,
    message: str,
    method: str,
    path: str,
    code: Optional[int] = None,
) -> tuple[bytes, str]:
    """``(body, content type)`` of an error in one of :data:`SHAPES`."""
    request = "/" + path
    if shape == "classic":
        data: Any = {"error": message, "request": request, "method": method}
        return dumps({"data": data, "success": False, "status": status}), "application/json"
    if shape == "nested":
        error = {
            "code": code if code is not None else status,
            "message": message,
            "type": "ImgurException",
            "exception": [],
        }
        data = {"error": error, "request": request, "method": method}
        return dumps({"data": data, "success": False, "status": status}), "application/json"
    if shape == "jsonapi":
        item = {
            "id": f"legacy-api-sandbox/{path[:24]}-{status}",
            "code": str(code if code is not None else status),
            "status": reason(status),
            "detail": message or reason(status),
        }
        return dumps({"errors": [item]}), "application/vnd.api+json"
    if shape == "data_false":
        return dumps({"data": False, "success": False, "status": status}), "application/json"
    if shape == "html":
        page = (
            f"<html><head><title>{status} {reason(status)}</title></head>"
            f"<body><h1>{status} {reason(status)}</h1><p>{message}</p></body></html>"
        )
        return page.encode(), "text/html; charset=utf-8"
    if shape == "empty":
        return b"", "application/json"
    if shape == "truncated":
        full, kind = error_body("classic", status, message, method, path, code)
        return full[: len(full) // 2], kind
    raise ValueError(f"unknown body shape {shape!r}; use one of {', '.join(SHAPES)}")


# -- reading request bodies ----------------------------------------------------------------
def read_body(request: SandboxRequest) -> None:
    """Fill ``json``, ``form``, ``files`` and ``body_kind`` from the raw body."""
    content_type = request.header("Content-Type")
    kind = content_type.split(";")[0].strip().lower()
    body = request.body
    if not body:
        request.body_kind = "none"
        return
    if kind == "application/json" or kind.endswith("+json"):
        request.body_kind = "json"
        try:
            request.json = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            request.body_kind = "bad-json"
        return
    if kind == "multipart/form-data":
        request.body_kind = "multipart"
        boundary = _param(content_type, "boundary")
        if boundary:
            request.form, request.files = parse_multipart(body, boundary.encode("latin-1"))
        return
    request.body_kind = "form" if kind == "application/x-www-form-urlencoded" else "raw"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return
    request.form = parse_qs(text, keep_blank_values=True)


def _param(header: str, name: str) -> Optional[str]:
    for piece in header.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.strip().lower() == name:
            return value.strip().strip('"')
    return None


def parse_multipart(
    body: bytes, boundary: bytes
) -> tuple[dict[str, list[str]], dict[str, UploadedFile]]:
    """Split a multipart/form-data body into text fields and files."""
    form: dict[str, list[str]] = {}
    files: dict[str, UploadedFile] = {}
    delimiter = b"--" + boundary
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        part = part[2:] if part.startswith(b"\r\n") else part
        head, _, content = part.partition(b"\r\n\r\n")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = _param(disposition, "name")
        if name is None:
            continue
        filename = _param(disposition, "filename")
        if filename is not None or "content-type" in headers:
            files[name] = UploadedFile(filename, headers.get("content-type"), content)
        else:
            form.setdefault(name, []).append(content.decode("utf-8", "replace"))
    return form, files
