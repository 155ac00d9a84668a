"""The command line against a sandbox served on 127.0.0.1 (real HTTP): logging in,
acting as the user with the stored tokens, refreshes saved back, and errors."""

from __future__ import annotations

import json
import os
import queue
import stat
import threading
from pathlib import Path

import pytest
import requests

from pyimgur.testing import (
    SEED_ACCESS_TOKEN,
    SEED_ALBUM_ID,
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_IMAGE_ID,
    SEED_REFRESH_TOKEN,
    SEED_USER,
    FakeImgur,
    media,
)

from .conftest import CLI, no_secret_in


def _auth(cli: CLI, url: str, **env: str) -> tuple[int, str, str]:
    """Run ``pyimgur auth``, "open" the printed address, paste where it redirects."""
    process = cli.popen("auth", IMGUR_API_BASE=url, IMGUR_CLIENT_ID=SEED_CLIENT_ID, **env)
    assert process.stdout is not None and process.stdin is not None
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True)
    reader.start()
    try:
        authorize = lines.get(timeout=60).strip()
    except queue.Empty:
        process.kill()
        process.communicate()
        raise AssertionError("pyimgur auth printed no address") from None
    assert authorize.startswith(url + "oauth2/authorize?")
    assert "response_type=token" in authorize and "state=" in authorize
    answer = requests.get(authorize, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    out, err = process.communicate(answer.headers["Location"] + "\n", timeout=60)
    return process.returncode, out, err


def _tokens(path: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads(path.read_text())
    return data


def test_auth_then_act_as_the_user_then_refresh(
    cli: CLI, served: tuple[FakeImgur, str]
) -> None:
    fake, url = served
    code, out, err = _auth(cli, url, IMGUR_CLIENT_SECRET=SEED_CLIENT_SECRET)
    assert code == 0, err
    path = cli.config_file
    assert f"Authorized as {SEED_USER}. Tokens saved to {path}" in out
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = _tokens(path)
    assert saved["client_id"] == SEED_CLIENT_ID
    assert saved["client_secret"] == SEED_CLIENT_SECRET
    assert saved["account_username"] == SEED_USER
    first_access = saved["access_token"]
    assert first_access in fake.state.tokens
    secrets = [first_access, saved["refresh_token"], SEED_CLIENT_SECRET]
    no_secret_in([out, err], secrets)

    # later commands need no environment but the API root: the file has the rest
    status = cli("auth", "--status", IMGUR_API_BASE=url)
    assert status.code == 0
    assert "access_token: set, from the config file" in status.out
    assert f"account: {SEED_USER}" in status.out
    no_secret_in([status.out, status.err], secrets)

    png = cli.cwd / "new.png"
    png.write_bytes(media.png(12, 12))
    before = len(fake.state.albums[SEED_ALBUM_ID].images)
    upload = cli("--base-url", url, "upload", str(png), "--album", SEED_ALBUM_ID)
    assert upload.code == 0, upload.err
    assert len(fake.state.albums[SEED_ALBUM_ID].images) == before + 1
    new_id = upload.out.split()[0].rsplit("/", 1)[1].split(".")[0]
    assert fake.state.images[new_id].owner == SEED_USER

    # the access token expires: the command refreshes it and saves the new one
    fake.expire_token(first_access)
    shown = cli("--base-url", url, "show", "--json", SEED_IMAGE_ID)
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["id"] == SEED_IMAGE_ID
    refreshed = _tokens(path)
    assert refreshed["access_token"] != first_access
    assert refreshed["access_token"] in fake.state.tokens
    assert refreshed["account_username"] == SEED_USER
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert fake.find_requests("POST", r"^oauth2/token$")
    no_secret_in([shown.out, shown.err], [*secrets, refreshed["access_token"]])

    logout = cli("auth", "--logout")
    assert logout.code == 0
    assert set(_tokens(path)) == {"client_id", "client_secret"}


def test_auth_without_client_id_or_secret(cli: CLI, served: tuple[FakeImgur, str]) -> None:
    _, url = served
    none = cli("auth", IMGUR_API_BASE=url)
    assert none.code == 3 and "registration" in none.err and "Traceback" not in none.err
    pin = cli("auth", "--response", "pin", IMGUR_API_BASE=url, IMGUR_CLIENT_ID=SEED_CLIENT_ID)
    assert pin.code == 3 and "IMGUR_CLIENT_SECRET" in pin.err


def test_auth_with_a_pin(cli: CLI, served: tuple[FakeImgur, str]) -> None:
    fake, url = served
    pin = fake.issue_pin(SEED_USER)
    done = cli("auth", "--response", "pin", input=pin + "\n", IMGUR_API_BASE=url,
               IMGUR_CLIENT_ID=SEED_CLIENT_ID, IMGUR_CLIENT_SECRET=SEED_CLIENT_SECRET)
    assert done.code == 0, done.err
    assert "response_type=pin" in done.out
    assert _tokens(cli.config_file)["access_token"] in fake.state.tokens


def test_auth_refused_or_empty_answer(cli: CLI, served: tuple[FakeImgur, str]) -> None:
    _, url = served
    env = {"IMGUR_API_BASE": url, "IMGUR_CLIENT_ID": SEED_CLIENT_ID}
    refused = cli("auth", input="https://example.com/callback?error=access_denied\n", **env)
    assert refused.code == 1 and "authorization refused: access_denied" in refused.err
    empty = cli("auth", input="", **env)
    assert empty.code == 1 and "nothing was saved" in empty.err
    assert not cli.config_file.exists()


def test_env_tokens_are_used_and_a_refresh_is_not_written_anywhere(
    cli: CLI, served: tuple[FakeImgur, str]
) -> None:
    fake, url = served
    fake.expire_token(SEED_ACCESS_TOKEN)
    done = cli("--base-url", url, "show", "--type", "user", "me",
               IMGUR_CLIENT_ID=SEED_CLIENT_ID, IMGUR_CLIENT_SECRET=SEED_CLIENT_SECRET,
               IMGUR_ACCESS_TOKEN=SEED_ACCESS_TOKEN, IMGUR_REFRESH_TOKEN=SEED_REFRESH_TOKEN)
    assert done.code == 0, done.err
    assert f"name='{SEED_USER}'" in done.out.splitlines()[0]
    assert "IMGUR_ACCESS_TOKEN in your environment is out of date" in done.err
    assert not cli.config_file.exists()
    no_secret_in([done.out, done.err], [SEED_ACCESS_TOKEN, SEED_REFRESH_TOKEN,
                                        SEED_CLIENT_SECRET])


@pytest.mark.parametrize("shape", ["jsonapi", "classic"])
def test_rate_limited_says_how_long_to_wait(
    cli: CLI, served: tuple[FakeImgur, str], shape: str
) -> None:
    fake, url = served
    fake.faults.add("rate_limit", body_shape=shape, times=None)
    done = cli("--base-url", url, "gallery", IMGUR_CLIENT_ID=SEED_CLIENT_ID)
    assert done.code == 1
    lines = [line for line in done.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("pyimgur: error: rate limited by Imgur")
    assert "try again" in lines[0]


def test_errors_over_http(cli: CLI, served: tuple[FakeImgur, str]) -> None:
    fake, url = served
    env = {"IMGUR_CLIENT_ID": SEED_CLIENT_ID, "IMGUR_API_BASE": url}
    missing = cli("show", "https://imgur.com/NoSuchI", **env)
    assert missing.code == 1 and "not found: 404" in missing.err
    posts_before = len(fake.find_requests("POST"))
    nofile = cli("upload", "nope.png", **env)
    assert nofile.code == 2
    assert len(fake.find_requests("POST")) == posts_before  # nothing was sent
    bad_client = cli("show", SEED_IMAGE_ID, IMGUR_API_BASE=url, IMGUR_CLIENT_ID="unknown")
    assert bad_client.code == 1 and "pyimgur: error:" in bad_client.err
    assert "Traceback" not in bad_client.err
    bad_base = cli("show", SEED_IMAGE_ID, IMGUR_CLIENT_ID=SEED_CLIENT_ID,
                   IMGUR_API_BASE="ftp://127.0.0.1/")
    assert bad_base.code == 2 and "must start with http" in bad_base.err


def test_unreachable_api_is_one_line(cli: CLI) -> None:
    # a loopback port nobody listens on: the connection is refused at once
    done = cli("--base-url", "http://127.0.0.1:9/", "show", SEED_IMAGE_ID,
               IMGUR_CLIENT_ID=SEED_CLIENT_ID)
    assert done.code == 1
    lines = [line for line in done.err.splitlines() if line.strip()]
    assert lines == [lines[0]] and lines[0].startswith("pyimgur: error: could not reach Imgur")
