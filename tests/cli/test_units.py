"""In-process checks of the pieces a subprocess cannot show: the progress bar's
choice of tqdm, error wording and exit codes, and token saving on refresh."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import pytest

from pyimgur.cli import describe_error, main
from pyimgur.cli.common import EXIT_CONFIG, EXIT_ERROR, EXIT_USAGE, to_jsonable
from pyimgur.cli.progress import Bar
from pyimgur.exceptions import (
    AuthenticationError,
    Forbidden,
    InvalidURL,
    NotFound,
    OverCapacity,
    RateLimitError,
    ServerError,
    TransportError,
)
from pyimgur.testing import (
    SEED_ACCESS_TOKEN,
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_IMAGE_ID,
    SEED_REFRESH_TOKEN,
    SEED_USER,
    FakeImgur,
)


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeTqdm:
    """Stands in for tqdm.tqdm (tqdm is optional, and not installed for the tests)."""

    made: list[FakeTqdm] = []

    def __init__(self, **options: object) -> None:
        self.options = options
        self.total = options["total"]
        self.n = 0
        self.closed = False
        FakeTqdm.made.append(self)

    def update(self, step: int) -> None:
        self.n += step

    def close(self) -> None:
        self.closed = True


def test_bar_uses_tqdm_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeTqdm))
    FakeTqdm.made.clear()
    stream = TTY()
    with Bar(stream, "abc") as bar:
        assert bar.shown
        for done in (0, 512, 1024):
            bar(done, 1024)
    (drawn,) = FakeTqdm.made
    assert drawn.options["file"] is stream and drawn.options["desc"] == "abc"
    assert drawn.options["unit"] == "B" and drawn.total == 1024
    assert drawn.n == 1024 and drawn.closed
    with Bar(stream, "album", unit="image") as images:
        images(1, 3)
        images(3, 3)
    assert FakeTqdm.made[1].n == 3 and FakeTqdm.made[1].options["unit_scale"] is False


def test_bar_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Bar(stream, "abc") as bar:
        assert not bar.shown
        bar(10, 100)
    assert stream.getvalue() == ""


def test_bar_without_tqdm_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # "import tqdm" raises ImportError
    stream = TTY()
    with Bar(stream, "abc") as bar:
        assert not bar.shown
        bar(5, 10)
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("error", "start", "code"),
    [
        (NotFound("gone", status=404, method="GET", path="/3/image/x"), "not found: 404", 1),
        (Forbidden("nope", status=403, method="POST", path="/3/x"), "Imgur refused: 403", 1),
        (OverCapacity("over capacity", status=500), "Imgur refused: 500", 1),
        (ServerError("boom", status=503), "Imgur refused: 503", 1),
        (TransportError("ReadTimeout: no answer"), "could not reach Imgur", 1),
        (AuthenticationError("the access token provided is invalid", status=401),
         "authentication failed: 401", EXIT_ERROR),
        (AuthenticationError("this call needs a logged-in user: give ..."),
         "this call needs a logged-in user: run `pyimgur auth` first", EXIT_CONFIG),
        (InvalidURL("x"), "not an imgur URL", EXIT_USAGE),
        (FileExistsError(17, "File exists", "/tmp/a.png"), "/tmp/a.png already exists", 1),
        (PermissionError(13, "Permission denied", "/root/x"), "Permission denied: /root/x", 1),
        (ValueError("size must be one of ..."), "size must be one of", EXIT_USAGE),
    ],
)
def test_error_lines(error: BaseException, start: str, code: int) -> None:
    message, exit_code = describe_error(error)
    assert message is not None and message.startswith(start)
    assert "\n" not in message
    assert exit_code == code


def test_rate_limit_lines_say_how_long() -> None:
    seconds = RateLimitError("slow down", status=429, bucket="post", retry_after=37 * 60.0)
    assert describe_error(seconds) == (
        "rate limited by Imgur (post credits spent); try again in 37 min", 1
    )
    short = RateLimitError("x", status=429, bucket="user", retry_after=12.0)
    assert describe_error(short)[0] == (
        "rate limited by Imgur (user credits spent); try again in 12 s"
    )
    hours = RateLimitError("x", status=429, retry_after=3 * 3600 + 120.0)
    assert describe_error(hours)[0] == "rate limited by Imgur; try again in 3 h 02 min"
    unknown = RateLimitError("x", status=429)
    assert describe_error(unknown)[0] == "rate limited by Imgur; try again later"


def test_a_bug_is_not_hidden() -> None:
    assert describe_error(KeyError("x")) == (None, 0)


def _run(argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, env=env, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_main_in_process_returns_codes(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    code, out, _ = _run(["--sandbox", "show", "--json", SEED_IMAGE_ID], env)
    assert code == 0 and json.loads(out)["id"] == SEED_IMAGE_ID
    assert _run(["show", SEED_IMAGE_ID], env)[0] == EXIT_CONFIG
    code, _, err = _run(["--sandbox", "show", "--type", "nothing", "x"], env)
    assert code == EXIT_USAGE and "invalid choice" in err


def test_refreshed_tokens_go_back_to_the_file(tmp_path: Path) -> None:
    fake = FakeImgur()
    fake.expire_token(SEED_ACCESS_TOKEN)
    config = tmp_path / "c" / "pyimgur" / "config.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({
        "client_id": SEED_CLIENT_ID, "client_secret": SEED_CLIENT_SECRET,
        "access_token": SEED_ACCESS_TOKEN, "refresh_token": SEED_REFRESH_TOKEN,
        "account_username": SEED_USER, "note": "kept",
    }))
    with fake.serve(lifetime=60) as url:
        env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
        code, out, err = _run(["--base-url", str(url), "show", SEED_IMAGE_ID], env)
    assert code == 0, err
    saved = json.loads(config.read_text())
    assert saved["access_token"] != SEED_ACCESS_TOKEN
    assert saved["access_token"] in fake.state.tokens
    assert saved["note"] == "kept" and saved["client_secret"] == SEED_CLIENT_SECRET
    for secret in (saved["access_token"], SEED_ACCESS_TOKEN, SEED_CLIENT_SECRET):
        assert secret not in out + err


def test_json_of_objects_makes_no_request() -> None:
    fake = FakeImgur()
    im = fake.client()
    album = im.get_album("Sb0xAlb", fetch=True)
    before = fake.request_count
    data = to_jsonable(album)
    assert fake.request_count == before
    assert data["_type"] == "Album" and len(data["images"]) == 3
    assert data["author"] == {"_type": "User", "name": SEED_USER}
