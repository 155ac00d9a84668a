"""The fault matrix: every kind of call against every fault the sandbox can inject.

A *call* is one public pyimgur operation (a read, an idempotent write, a
creating write or a toggling write).  A *fault* is what goes wrong with the
first request of that call (``transient``) or with every request of it
(``persistent``).  :func:`run_case` plays one cell against a fresh sandbox and
returns its :class:`Outcome`; :func:`expected` says what the cell must be.
The rules behind :func:`expected` are pyimgur's retry policy (issue 2):

* reads and idempotent writes are sent again (at most 3 attempts) after a
  connection failure, a timeout, a 5xx, "over capacity" or an unreadable
  body; a 429 is raised (no ``ratelimit_wait`` here), except a 429 that does
  not name a spent budget on a Bearer call, which refreshes the token once;
* creating and toggling writes are sent again only when the connection was
  refused (nothing reached Imgur) or after such a token refresh (Imgur
  refused the call), so they are applied at most once whatever happens.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pyimgur
from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_COMMENT_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_OTHER_USERS,
    SEED_USER,
    FakeImgur,
    media,
)

#: (connect, read) timeout of every matrix client, in seconds
READ_TIMEOUT = 0.25
TIMEOUT = (1.0, READ_TIMEOUT)
#: how late a "slow" answer comes: well past the read timeout
SLOW_DELAY = 0.4
MAX_ATTEMPTS = 3  # Imgur(max_retries=2)
CDN = "https://i.imgur.com/"

READ, IDEMPOTENT, CREATE, TOGGLE = "read", "idempotent write", "creating write", "toggling write"
_unique = itertools.count(1)


# -- calls ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One public operation; ``prepare`` loads what it needs and returns the action."""

    key: str
    label: str
    kind: str
    method: str
    path: str  #: regex of the API path (relative to the base URL) of its request
    prepare: Callable[[FakeImgur, pyimgur.Imgur, str], Callable[[], Any]]
    #: how many times its effect shows in the sandbox's state (writes only)
    effect: Optional[Callable[[FakeImgur, str], int]] = None
    #: on success: is the returned value or the state right?
    check: Optional[Callable[[FakeImgur, Any, str], bool]] = None
    #: can its body be sent again? (an upload's stream is rebuilt for each attempt: it can)
    resendable: bool = True
    #: does it carry the token? (CDN downloads do not, so they never refresh it)
    authenticated: bool = True

    @property
    def retryable(self) -> bool:
        return self.kind in (READ, IDEMPOTENT)


def _read_image(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    return lambda: im.get_image(SEED_IMAGE_ID).title


def _read_gallery(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    return lambda: [item.id for item in im.get_gallery(limit=5)]


def _download(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    image = im.get_image(SEED_IMAGE_ID, fetch=True)  # the link is known before any fault

    def download() -> bytes:
        folder = tempfile.mkdtemp(prefix="pyimgur-matrix-")
        try:
            with open(image.download(folder), "rb") as saved:
                return saved.read()
        finally:
            shutil.rmtree(folder)

    return download


def _update_album(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    album = im.get_album(SEED_ALBUM_ID)
    return lambda: album.update(title=text)


def _delete_image(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    image = im.get_image(SEED_IMAGE_ID)
    return image.delete


_PNG = media.png(16, 16)


def _upload(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    return lambda: im.upload_image(content=_PNG, title=text)


def _create_album(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    return lambda: im.create_album(title=text)


def _comment(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    post = im.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    return lambda: post.comment(text)


def _reply(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    comment = im.get_comment(SEED_COMMENT_ID)
    assert comment.image_id == SEED_GALLERY_IMAGE_ID  # loaded now, before any fault
    return lambda: comment.reply(text)


def _message(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    return lambda: im.create_message(SEED_OTHER_USERS[0], text)


def _favorite(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    image = im.get_image(SEED_IMAGE_ID)
    assert SEED_IMAGE_ID not in fake.state.accounts[SEED_USER].favorites
    return image.favorite


def _vote(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> Callable[[], Any]:
    post = im.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    assert SEED_USER not in fake.state.posts[SEED_GALLERY_IMAGE_ID].votes
    return post.upvote


def _images_titled(fake: FakeImgur, text: str) -> int:
    return sum(1 for image in fake.state.images.values() if image.title == text)


def _albums_titled(fake: FakeImgur, text: str) -> int:
    return sum(1 for album in fake.state.albums.values() if album.title == text)


def _comments_saying(fake: FakeImgur, text: str) -> int:
    return sum(1 for comment in fake.state.comments.values() if comment.comment == text)


def _messages_saying(fake: FakeImgur, text: str) -> int:
    return sum(
        1
        for conversation in fake.state.conversations.values()
        for message in conversation.messages
        if message.body == text
    )


def _favorited(fake: FakeImgur, text: str) -> int:
    return int(SEED_IMAGE_ID in fake.state.accounts[SEED_USER].favorites)


def _upvoted(fake: FakeImgur, text: str) -> int:
    return int(fake.state.posts[SEED_GALLERY_IMAGE_ID].votes.get(SEED_USER) == "up")


CALLS: tuple[Call, ...] = (
    Call("image.title", "read: get_image().title", READ, "GET", rf"^3/image/{SEED_IMAGE_ID}$",
         _read_image, check=lambda fake, value, text: value == "A blue square"),
    Call("get_gallery", "read: get_gallery()", READ, "GET", r"^3/gallery/hot/viral/day/0$",
         _read_gallery, check=lambda fake, value, text: len(value) == 5),
    Call("image.download", "read: image.download() from the CDN", READ, "GET",
         rf"^cdn/{SEED_IMAGE_ID}\.png$", _download, authenticated=False,
         check=lambda fake, value, text: value == fake.state.images[SEED_IMAGE_ID].data),
    Call("album.update", "PUT album.update()", IDEMPOTENT, "PUT", rf"^3/album/{SEED_ALBUM_ID}$",
         _update_album, check=lambda fake, value, text: (
             value is True and fake.state.albums[SEED_ALBUM_ID].title == text)),
    Call("image.delete", "DELETE image.delete()", IDEMPOTENT, "DELETE",
         rf"^3/image/{SEED_IMAGE_ID}$", _delete_image,
         check=lambda fake, value, text: value is True and SEED_IMAGE_ID not in fake.state.images),
    Call("upload_image", "POST upload_image()", CREATE, "POST", r"^3/image$", _upload,
         effect=_images_titled),
    Call("create_album", "POST create_album()", CREATE, "POST", r"^3/album$", _create_album,
         effect=_albums_titled),
    Call("comment", "POST post.comment()", CREATE, "POST", r"^3/comment$", _comment,
         effect=_comments_saying),
    Call("reply", "POST comment.reply()", CREATE, "POST", rf"^3/comment/{SEED_COMMENT_ID}$",
         _reply, effect=_comments_saying),
    Call("create_message", "POST create_message()", CREATE, "POST",
         rf"^3/conversations/{SEED_OTHER_USERS[0]}$", _message, effect=_messages_saying),
    Call("favorite", "POST image.favorite()", TOGGLE, "POST",
         rf"^3/image/{SEED_IMAGE_ID}/favorite$", _favorite, effect=_favorited),
    Call("upvote", "POST post.upvote()", TOGGLE, "POST",
         rf"^3/gallery/{SEED_GALLERY_IMAGE_ID}/vote/up$", _vote, effect=_upvoted),
)
CALLS_BY_KEY = {call.key: call for call in CALLS}


# -- faults --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fault:
    """One way a request can go wrong.

    ``error`` is the typed exception it must end in; ``applied`` says whether
    the sandbox carries out the write anyway; ``not_sent`` that nothing
    reached Imgur (so even a POST may be sent again); ``refreshes`` that a
    Bearer call refreshes its token once and tries again (a 429 that names no
    spent budget is how Imgur refuses an expired token).
    """

    key: str
    label: str
    error: type[pyimgur.ImgurError]
    sandbox: Mapping[str, Any]
    applied: bool = False
    not_sent: bool = False
    refreshes: bool = False


def _status(code: int, **extra: Any) -> dict[str, Any]:
    return {"kind": "status", "status": code, **extra}


def _limit(shape: str, bucket: Optional[str], message: Optional[str]) -> dict[str, Any]:
    return {"kind": "rate_limit", "body_shape": shape, "bucket": bucket, "message": message}


FAULTS: tuple[Fault, ...] = (
    Fault("refused", "connection refused (nothing sent)", pyimgur.TransportError,
          {"kind": "refused"}, not_sent=True),
    Fault("reset", "connection reset before the request is read", pyimgur.TransportError,
          {"kind": "reset_before_read"}),
    Fault("timeout", "timeout, not applied", pyimgur.TransportError,
          {"kind": "timeout", "delay": SLOW_DELAY}),
    Fault("timeout_applied", "timeout after the write was applied", pyimgur.TransportError,
          {"kind": "timeout", "delay": SLOW_DELAY, "apply": True}, applied=True),
    Fault("drop_applied", "connection dropped after the write was applied",
          pyimgur.TransportError, {"kind": "drop_after_apply"}, applied=True),
    Fault("500", "500", pyimgur.ServerError, _status(500)),
    Fault("502", "502", pyimgur.ServerError, _status(502, body_shape="html")),
    Fault("503", "503", pyimgur.ServerError, _status(503, body_shape="data_false")),
    Fault("504", "504", pyimgur.ServerError, _status(504, body_shape="empty")),
    Fault("500_applied", "500 after the write was applied", pyimgur.ServerError,
          _status(500, body_shape="nested", apply=True), applied=True),
    Fault("429_classic", "429, classic body, user budget spent", pyimgur.RateLimitError,
          _limit("classic", "user", "User request limit exceeded")),
    Fault("429_nested", "429, nested error object, POST budget spent", pyimgur.RateLimitError,
          _limit("nested", "post", "You are uploading too fast. Please wait 37 more minutes.")),
    Fault("429_jsonapi", "429, JSON:API errors[], client budget spent", pyimgur.RateLimitError,
          _limit("jsonapi", "client", "Too Many Requests")),
    Fault("429_data_false", "429, data: false, user budget spent", pyimgur.RateLimitError,
          _limit("data_false", "user", None)),
    Fault("429_no_budget", "429 naming no spent budget (refused token)", pyimgur.RateLimitError,
          _limit("jsonapi", None, "Too Many Requests"), refreshes=True),
    Fault("403_capacity", "403 over capacity", pyimgur.OverCapacity, {"kind": "over_capacity"}),
    Fault("html", "HTML body (200, write applied)", pyimgur.InvalidResponse,
          _status(200, body_shape="html", apply=True), applied=True),
    Fault("empty", "empty body (200, write applied)", pyimgur.InvalidResponse,
          _status(200, body_shape="empty", apply=True), applied=True),
    Fault("truncated", "truncated JSON (200, write applied)", pyimgur.InvalidResponse,
          _status(200, body_shape="truncated", apply=True), applied=True),
    Fault("slow", "answer slower than the read timeout", pyimgur.TransportError,
          {"kind": "slow", "delay": SLOW_DELAY}, applied=True),
)
FAULTS_BY_KEY = {fault.key: fault for fault in FAULTS}
MODES = ("transient", "persistent")


# -- outcomes ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """What one cell came to.

    ``result`` is ``"ok"`` or the exception's class name; ``requests`` the
    requests the call's endpoint received; ``refreshes`` the token refreshes;
    ``applied`` how many of the requests the sandbox carried out (writes only).
    """

    result: str
    requests: int
    refreshes: int = 0
    applied: Optional[int] = None

    def cell(self) -> str:
        """Short text for the tables: ``ok 2``, ``Server 1 a0``, ``ok 2 R a1``..."""
        name = self.result.replace("Error", "").replace("Response", "") or self.result
        text = f"{name} {self.requests}"
        if self.refreshes:
            text += " R"
        if self.applied is not None:
            text += f" a{self.applied}"
        return text


def expected(call: Call, fault: Fault, mode: str) -> Outcome:
    """The outcome the retry policy promises for one cell."""
    persistent = mode == "persistent"
    error = fault.error.__name__
    if fault.refreshes and not call.authenticated:  # no token sent: a plain 429
        return _with_applied(call, Outcome(error, 1), 0)
    if fault.refreshes:
        # refresh the token once, send once more: fine if the fault is gone, raised if not
        if not call.resendable:  # the body stream is used up: raised, to be called again
            return _with_applied(call, Outcome(error, 1, 1), 0)
        if persistent:
            return _with_applied(call, Outcome(error, 2, 1), 0)
        return _with_applied(call, Outcome("ok", 2, 1), 1)
    if fault.error is pyimgur.RateLimitError:  # a spent budget: raised at once
        return _with_applied(call, Outcome(error, 1), 0)
    if call.retryable:
        if persistent:
            # every attempt fails; PUTs are carried out each time, a DELETE only once
            applied = 0 if not fault.applied else (1 if call.method == "DELETE" else MAX_ATTEMPTS)
            return _with_applied(call, Outcome(error, MAX_ATTEMPTS), applied)
        if call.method == "DELETE" and fault.applied:
            # the first DELETE went through; the retry finds nothing left to delete
            return _with_applied(call, Outcome("NotFound", 2), 1)
        return _with_applied(call, Outcome("ok", 2), 2 if fault.applied else 1)
    if fault.not_sent and call.resendable:
        if persistent:
            return _with_applied(call, Outcome(error, MAX_ATTEMPTS), 0)
        return _with_applied(call, Outcome("ok", 2), 1)
    return _with_applied(call, Outcome(error, 1), 1 if fault.applied else 0)


def _with_applied(call: Call, outcome: Outcome, applied: int) -> Outcome:
    if call.kind == READ:
        return outcome
    return Outcome(outcome.result, outcome.requests, outcome.refreshes, applied)


# -- running one cell ---------------------------------------------------------------------------
@dataclass
class Played:
    outcome: Outcome
    value: Any
    error: Optional[BaseException]
    effect: Optional[int]
    fake: FakeImgur
    text: str


def make_client(fake: FakeImgur, base_url: Optional[str] = None) -> pyimgur.Imgur:
    """A logged-in client with a short timeout, no shared-fetch cache, no backoff sleeps."""
    if base_url is None:
        imgur = fake.user_client(timeout=TIMEOUT, cache_ttl=0, max_retries=MAX_ATTEMPTS - 1)
    else:
        token = fake.issue_token()
        imgur = pyimgur.Imgur(
            SEED_CLIENT_ID, SEED_CLIENT_SECRET, token.access_token, token.refresh_token,
            timeout=TIMEOUT, cache_ttl=0, base_url=base_url, max_retries=MAX_ATTEMPTS - 1,
        )
    imgur.transport.sleep = lambda seconds: None
    return imgur


def install(fake: FakeImgur, imgur: pyimgur.Imgur, call: Call, fault: Fault, mode: str) -> None:
    """Arm ``fault`` for the requests of ``call`` (the first one, or all of them)."""
    times = None if mode == "persistent" else 1
    options = dict(fault.sandbox)
    kind = options.pop("kind")
    fake.faults.add(kind, times=times, method=call.method, path_regex=call.path, **options)


def run_case(call: Call, fault: Fault, mode: str, loopback: bool = False) -> Played:
    """Play one cell against a fresh seeded sandbox, in process or over loopback HTTP."""
    fake = FakeImgur()
    if not loopback:
        return _play(fake, make_client(fake), call, fault, mode)
    if fault.not_sent:
        raise ValueError(f"fault {fault.key} exists in process only")
    with fake.serve(lifetime=60) as url:
        played = _play(fake, make_client(fake, str(url)), call, fault, mode)
        if fault.sandbox["kind"] in ("slow", "timeout"):
            time.sleep(SLOW_DELAY + 0.15)  # the server finishes what the client gave up on
        return _refigure(played, call)


def _play(fake: FakeImgur, imgur: pyimgur.Imgur, call: Call, fault: Fault, mode: str) -> Played:
    text = f"matrix {call.key} {fault.key} {mode} #{next(_unique)}"
    action = call.prepare(fake, imgur, text)
    fake.reset_log()
    refreshes_before = imgur.credentials.refresh_count
    install(fake, imgur, call, fault, mode)
    value: Any = None
    error: Optional[BaseException] = None
    try:
        value = action()
    except Exception as raised:  # judged by the test: it must be an ImgurError
        error = raised
    imgur.close()
    result = "ok" if error is None else type(error).__name__
    outcome = Outcome(result, 0, imgur.credentials.refresh_count - refreshes_before)
    return _refigure(Played(outcome, value, error, None, fake, text), call)


def _refigure(played: Played, call: Call) -> Played:
    """Count the requests, the writes applied and the effect in the state, now."""
    fake = played.fake
    applied = None if call.kind == READ else fake.count_applied(call.method, call.path)
    played.outcome = Outcome(played.outcome.result, len(fake.find_requests(call.method, call.path)),
                             played.outcome.refreshes, applied)
    played.effect = call.effect(fake, played.text) if call.effect is not None else None
    return played


# -- tables ------------------------------------------------------------------------------------
LEGEND = (
    "Each cell: the outcome (``ok`` or the exception, without its ``Error`` suffix), the "
    "requests the call's endpoint received, ``R`` when the token was refreshed once, and "
    "for writes ``aN``: how many of those requests the sandbox carried out."
)


def table_rows(cells: Mapping[tuple[str, str], str]) -> list[list[str]]:
    """Header plus one row per fault; ``cells`` maps (fault key, call key) to text.

    Only the faults and calls that have cells are shown, in matrix order.
    """
    calls = [call for call in CALLS if any(key[1] == call.key for key in cells)]
    faults = [fault for fault in FAULTS if any(key[0] == fault.key for key in cells)]
    rows = [["fault / call", *(call.key for call in calls)]]
    for fault in faults:
        rows.append([fault.label, *(cells.get((fault.key, call.key), "-") for call in calls)])
    return rows


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_rst(rows: list[list[str]], title: str) -> str:
    """An rst ``list-table`` of the rows (the first one is the header)."""
    lines = [f".. list-table:: {title}", "   :header-rows: 1", "   :stub-columns: 1", ""]
    for row in rows:
        first, *rest = row
        lines.append(f"   * - {first}")
        lines.extend(f"     - ``{cell}``" for cell in rest)
    return "\n".join(lines) + "\n"


def expected_cells(mode: str) -> dict[tuple[str, str], str]:
    return {
        (fault.key, call.key): expected(call, fault, mode).cell()
        for fault in FAULTS
        for call in CALLS
    }
