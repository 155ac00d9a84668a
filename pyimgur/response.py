"""Turn an HTTP response from Imgur into its payload, or into the right exception.

Imgur answers in several shapes (imgur-api.md section 2.2): the usual
``{"data": ..., "success": ..., "status": ...}`` envelope, with the error as a
string or as a nested ``{"code", "message"}`` object; JSON:API ``{"errors": [...]}``
bodies with no ``data``; ``data: false`` or a bare string; status numbers that
are not HTTP codes; and HTML, empty or truncated bodies.  :func:`parse` reads
all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Optional

import requests

from . import exceptions as exc
from .ratelimit import describe_429

_OVER_CAPACITY = "over capacity"
_STATUS_CLASSES: dict[int, type[exc.ImgurError]] = {
    400: exc.BadRequest,
    401: exc.AuthenticationError,
    403: exc.Forbidden,
    404: exc.NotFound,
    409: exc.Conflict,
    413: exc.UploadError,
    415: exc.UploadError,
    429: exc.RateLimitError,
}
#: the shapes an endpoint may answer in (:attr:`pyimgur.endpoints.Endpoint.shape`)
V3 = "v3"
BARE = "bare"
SHAPES = (V3, BARE)
_SHAPE_NAMES = {V3: "v3 envelope {'data', 'success', 'status'}", BARE: "JSON object"}
#: every key Imgur's error object may carry (imgur-api.md 2.2, shape 1)
_ERROR_OBJECT_KEYS = frozenset({"error", "request", "method"})
#: words of a gateway's refusal of the key or subscription
_GATEWAY_AUTH = re.compile(r"key|subscri|auth|forbidden|unauthori", re.IGNORECASE)
#: Imgur body "status" numbers that are not HTTP codes (Imgur.API mocks).
_BODY_STATUS_OVER_CAPACITY = 1203


def parse(response: requests.Response, method: str, path: str, shape: str = V3) -> Any:
    """The payload of a successful response: ``data`` of the v3 envelope, or
    the whole body for the bare shapes (OAuth's token answer, JSON:API).

    :param shape: what the endpoint answers (:attr:`pyimgur.endpoints.Endpoint.shape`);
        a 2xx body that does not fit it is refused.
    :raises ImgurError: the matching subclass for every failure shape.
    """
    status = response.status_code
    body, decoded = _decode(response)
    if 200 <= status < 300 and decoded:
        if isinstance(body, dict):
            if "errors" in body and "data" not in body:
                raise error_for(status, body, response.headers, method, path)
            if body.get("success") is False or any(map(_is_error_object, (body.get("data"), body))):
                raise error_for(status, body, response.headers, method, path)
            if "data" not in body and isinstance(body.get("message"), str):
                raise _gateway_error(body["message"], status, method, path)
        return _payload(body, shape, status, method, path)
    if status == 204:
        return None
    if 200 <= status < 300:
        raise exc.InvalidResponse(
            _invalid_message(response), status=status, method=method, path=path
        )
    raise error_for(status, body if decoded else None, response.headers, method, path,
                    fallback=_invalid_message(response) if not decoded else None)


def _payload(body: Any, shape: str, status: int, method: str, path: str) -> Any:
    """``body`` read as ``shape`` says, or :class:`InvalidResponse` when it does not fit."""
    if shape == V3:
        if isinstance(body, dict) and "data" in body:
            return body["data"]
        problem = "has no 'data' key" if isinstance(body, dict) else f"is a {_kind(body)}"
    elif isinstance(body, dict):
        return body  # OAuth's bare token answer, a JSON:API document, a bare object
    else:
        problem = f"is a {_kind(body)}"
    raise exc.InvalidResponse(
        f"Imgur's answer {problem}, not the {_SHAPE_NAMES.get(shape, shape)} this call answers",
        status=status, method=method, path=path,
    )


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _is_error_object(data: Any) -> bool:
    """Imgur's error object (``{"error", "request", "method"}``) standing as the payload."""
    return isinstance(data, dict) and "error" in data and set(data) <= _ERROR_OBJECT_KEYS


def _gateway_error(message: str, status: int, method: str, path: str) -> exc.ImgurError:
    """A gateway's (RapidAPI/Mashape) bare ``{"message": ...}``: never a payload."""
    where: dict[str, Any] = {"status": status, "method": method, "path": path}
    text = f"the API gateway answered: {message}"
    if _GATEWAY_AUTH.search(message):
        return exc.AuthenticationError(text, **where)
    return exc.InvalidResponse(text, **where)


def _decode(response: requests.Response) -> tuple[Any, bool]:
    if not response.content:
        return None, False
    try:
        return response.json(), True
    except (ValueError, RecursionError):  # nested deeper than the decoder allows
        return None, False


def _invalid_message(response: requests.Response) -> str:
    if not response.content.strip():
        return "Imgur sent an empty body"
    kind = response.headers.get("Content-Type", "unknown type").split(";")[0]
    return f"Imgur sent a body that is not valid JSON ({kind}, {len(response.content)} bytes)"


def _message_and_code(body: Any) -> tuple[str, Optional[int], Optional[int]]:
    """(message, Imgur's numeric error code, the body's status number)."""
    if not isinstance(body, dict):
        return "", None, None
    body_status = body.get("status") if isinstance(body.get("status"), int) else None
    errors = body.get("errors")
    if isinstance(errors, list) and errors and "data" not in body:
        first = errors[0] if isinstance(errors[0], dict) else {}
        message = str(first.get("detail") or first.get("title") or first.get("status") or "")
        return message, _int_or_none(first.get("code")), body_status
    if "data" not in body and isinstance(body.get("message"), str):
        return body["message"], None, body_status  # a gateway's (RapidAPI) bare answer
    data = body.get("data", body if _is_error_object(body) else None)  # bare: the object itself
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):
            return str(error.get("message", "")), _int_or_none(error.get("code")), body_status
        if error is not None:
            return str(error), None, body_status
        return "", None, body_status
    if isinstance(data, str):
        return data, None, body_status
    return "", None, body_status


def _int_or_none(value: Any) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # None, "abc", Infinity/1e999, NaN
        return None


def error_for(
    status: int,
    body: Any,
    headers: Mapping[str, str],
    method: str,
    path: str,
    fallback: Optional[str] = None,
) -> exc.ImgurError:
    """Build the exception for a failed call (does not raise it)."""
    message, code, body_status = _message_and_code(body)
    if not message:
        message = fallback or f"Imgur answered {status} with no error message"
    where: dict[str, Any] = {"status": status, "method": method, "path": path}
    if _OVER_CAPACITY in message.lower() or body_status == _BODY_STATUS_OVER_CAPACITY:
        return exc.OverCapacity(message, **where)
    if status == 429 or code == 429:
        limits = describe_429(headers, message)
        return exc.RateLimitError(message, **where, **limits)
    if (code is not None and code >= 1000) or status in (413, 415):
        return exc.UploadError(message, code=code, **where)
    if status >= 500:
        return exc.ServerError(message, **where)
    if status == 403 and "token" in message.lower():
        return exc.AuthenticationError(message, **where)
    if 200 <= status < 300:
        # an envelope that says it failed while HTTP said 200
        cls = _STATUS_CLASSES.get(body_status or 0, exc.ImgurError)
        return cls(message, **where)
    return _STATUS_CLASSES.get(status, exc.ImgurError)(message, **where)
