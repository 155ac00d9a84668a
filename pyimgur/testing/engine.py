"""One request through the sandbox: log, faults, auth, credits, the route, the envelope."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import dispatch, protocol
from .dispatch import Ctx, Raw
from .faults import Fault
from .protocol import ApiError, SandboxRequest, SandboxResponse

if TYPE_CHECKING:
    from .fake import FakeImgur

BASE_HEADERS = {
    "Server": "cat factory 1.0 (pyimgur sandbox)",
    "Access-Control-Allow-Origin": "*",
}
_INVALID_TOKEN = "The access token provided is invalid."  # noqa: S105
_NOT_OWNER_ANON = "Authentication required"
#: the headers of a spent budget, for rate_limit faults
_SPENT = {
    "user": {"X-RateLimit-UserRemaining": "0"},
    "client": {"X-RateLimit-ClientRemaining": "0", "X-RateLimit-ClientReset": "3600"},
    "post": {"X-Post-Rate-Limit-Limit": "1250", "X-Post-Rate-Limit-Remaining": "0",
             "X-Post-Rate-Limit-Reset": "900"},
}


class Interrupt(Exception):
    """The connection fails instead of answering (timeout, reset, drop)."""

    def __init__(self, fault: Fault, applied: bool) -> None:
        super().__init__(fault.kind)
        self.fault = fault
        self.applied = applied


#: the log keeps at most this many bytes of a body (uploads can be 200 MB)
LOGGED_BODY_LIMIT = 64 * 1024


@dataclass
class Record:
    """One logged request (the ``Authorization`` header is never kept; ``body``
    holds the first :data:`LOGGED_BODY_LIMIT` bytes)."""

    method: str
    path: str
    query: dict[str, Any]
    headers: dict[str, str]
    body: bytes
    json: Any
    form: dict[str, Any]
    files: dict[str, tuple[Optional[str], Optional[str], int]]
    auth: Optional[str]
    time: float
    status: Optional[int] = None
    applied: bool = False
    fault: Optional[str] = None

    def __repr__(self) -> str:
        return f"<Record {self.method} {self.path} -> {self.status}>"


def _flat(values: dict[str, list[str]]) -> dict[str, Any]:
    return {k: v[0] if len(v) == 1 else list(v) for k, v in values.items()}


def record_of(request: SandboxRequest, now: float) -> Record:
    auth_header = request.header("Authorization")
    kind = auth_header.split(" ", 1)[0].lower() if auth_header else None
    return Record(
        method=request.method,
        path=request.path,
        query=_flat(request.query),
        headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
        body=request.body[:LOGGED_BODY_LIMIT],
        json=request.json,
        form=_flat(request.form),
        files={
            name: (f.filename, f.content_type, len(f.data)) for name, f in request.files.items()
        },
        auth={"client-id": "client", "bearer": "bearer"}.get(kind or "", kind),
        time=now,
    )


def error_response(
    status: int,
    message: str,
    request: SandboxRequest,
    shape: str = "classic",
    code: Optional[int] = None,
    headers: Optional[dict[str, str]] = None,
) -> SandboxResponse:
    body, kind = protocol.error_body(shape, status, message, request.method, request.path, code)
    return SandboxResponse(status, {**BASE_HEADERS, "Content-Type": kind, **(headers or {})}, body)


def handle(
    fake: FakeImgur,
    request: SandboxRequest,
    cdn: str,
    pause: Optional[Callable[[float], None]] = None,
) -> SandboxResponse:
    """Answer one request, or raise :class:`Interrupt` for a connection-level fault.

    ``pause`` is called with the delay of a ``slow`` fault (default: sleep in
    this thread); an event loop passes a recorder and awaits the delay itself.
    """
    protocol.read_body(request)
    record = record_of(request, fake.now())
    fake._log(record)
    fault = fake.faults.take(request.method, request.path)
    if fault is not None:
        record.fault = fault.kind
        if fault.kind in ("reset_before_read", "refused") or (
            fault.kind == "timeout" and not fault.apply
        ):
            raise Interrupt(fault, applied=False)
        if fault.kind == "slow":
            (pause or fake._sleep)(fault.delay)
            fault = None
    if fault is None or fault.apply:
        response = _answer(fake, request, cdn, record)
    if fault is None:
        return response
    if fault.kind in ("drop_after_apply", "timeout"):  # a timeout with apply=True
        raise Interrupt(fault, applied=record.applied)
    record.applied = record.applied if fault.apply else False
    message = fault.message
    if fault.kind == "over_capacity":
        message = message or protocol.OVER_CAPACITY
    elif fault.kind == "rate_limit":
        message = message or "Too Many Requests"
    status = fault.status
    headers = fake._limit_headers(request)
    if fault.kind == "rate_limit" and fault.bucket is not None:
        headers.update(_SPENT[fault.bucket])
    response = error_response(
        status, message or protocol.reason(status), request, fault.body_shape, headers=headers
    )
    record.status = status
    return response


def _answer(fake: FakeImgur, request: SandboxRequest, cdn: str, record: Record) -> SandboxResponse:
    try:
        response = _route(fake, request, cdn, record)
    except ApiError as error:
        response = error_response(
            error.status, error.message, request, error.shape, error.code, error.headers
        )
    record.status = response.status
    return response


def _authenticate(
    fake: FakeImgur, request: SandboxRequest
) -> tuple[Optional[str], Optional[str]]:
    """``(client id, username)`` of the ``Authorization`` header, or an ApiError."""
    header = request.header("Authorization").strip()
    scheme, _, value = header.partition(" ")
    value = value.strip()
    world = fake.state
    if scheme.lower() == "client-id" and value:
        if value not in world.clients:
            raise ApiError(403, "Invalid client_id")
        return value, None
    if scheme.lower() == "bearer" and value:
        token = world.tokens.get(value)
        if token is None or token.expires_at <= fake.now():
            raise ApiError(403, _INVALID_TOKEN)
        return token.client_id, token.username
    query_client = request.query.get("client_id")
    if query_client and query_client[0] in world.clients:
        return query_client[0], None
    raise ApiError(401, _NOT_OWNER_ANON)


def _route(fake: FakeImgur, request: SandboxRequest, cdn: str, record: Record) -> SandboxResponse:
    if request.path.startswith("cdn/") or request.path == "cdn":
        from .routes import cdn as cdn_route

        with fake.lock:
            response = cdn_route.serve(fake, request)
        record.applied = response.status < 400
        return response
    route, params, known = dispatch.find(request.method, request.path)
    if route is None:
        if known:
            raise ApiError(405, f"Method {request.method} not allowed on /{request.path}")
        raise ApiError(404, f"Unable to find the route /{request.path}")
    if route.legacy and not fake.legacy:
        raise ApiError(404, "This endpoint has been deprecated")
    client_id: Optional[str] = None
    viewer: Optional[str] = None
    limit_headers: dict[str, str] = {}
    is_post = request.method == "POST"
    with fake.lock:
        if route.auth:
            client_id, viewer = _authenticate(fake, request)
            assert client_id is not None
            if route.endpoint.user and viewer is None:
                raise ApiError(401, _NOT_OWNER_ANON)
            spent = fake.budgets.charge(client_id, route.cost, is_post, fake.now())
            limit_headers = fake.budgets.headers(client_id, is_post, fake.now())
            if spent is not None:
                raise _rate_limited(spent, limit_headers, fake)
        ctx = Ctx(fake, request, params, viewer, client_id, cdn)
        try:
            result = route.handler(ctx)
        except ApiError as error:
            error.headers = {**limit_headers, **error.headers}
            raise
        record.applied = True
        if isinstance(result, Raw):
            body = result.body if isinstance(result.body, bytes) else protocol.dumps(result.body)
            headers = {"Content-Type": result.content_type, **limit_headers, **result.headers}
            return SandboxResponse(result.status, {**BASE_HEADERS, **headers}, body)
        body = protocol.envelope(result)
    headers = {**BASE_HEADERS, "Content-Type": "application/json", **limit_headers}
    if request.method == "GET":
        etag = 'W/"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20] + '"'
        headers["ETag"] = etag
        if request.header("If-None-Match") == etag:
            return SandboxResponse(304, headers, b"")
    return SandboxResponse(200, headers, body)


def _rate_limited(bucket: str, headers: dict[str, str], fake: FakeImgur) -> ApiError:
    """The 429 of a spent budget, in the shape Imgur uses for it."""
    if bucket == "post":
        wait = int(headers.get("X-Post-Rate-Limit-Reset", "3600"))
        minutes = max(1, (wait + 59) // 60)
        return ApiError(
            429,
            f"You are uploading too fast. Please wait {minutes} more minutes.",
            shape="nested",
            code=429,
            headers=headers,
        )
    if bucket == "client":
        return ApiError(429, "Daily client requests exceeded", headers=headers)
    return ApiError(
        429, "User request limit exceeded", shape=fake.user_limit_shape, headers=headers
    )
