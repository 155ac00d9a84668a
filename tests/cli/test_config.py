"""The token file (where it is, mode 0600, atomic writes) and credential resolution."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pyimgur.cli.config import (
    ConfigError,
    config_dir,
    config_path,
    load_config,
    resolve_credentials,
    save_config,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_config_dir_per_platform(tmp_path: Path) -> None:
    home = str(tmp_path)
    assert config_dir({"HOME": home, "XDG_CONFIG_HOME": "/x/conf"}, "linux") == Path("/x/conf")
    assert config_dir({"HOME": home}, "linux") == tmp_path / ".config"
    # the XDG spec says a relative XDG_CONFIG_HOME is ignored
    assert config_dir({"HOME": home, "XDG_CONFIG_HOME": "rel"}, "linux") == tmp_path / ".config"
    assert config_dir({"HOME": home, "APPDATA": r"C:\Users\a\AppData\Roaming"}, "win32") == Path(
        r"C:\Users\a\AppData\Roaming"
    )
    assert config_dir({"HOME": home}, "darwin") == tmp_path / "Library" / "Application Support"


def test_config_path_and_override(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    assert config_path(env, "linux") == tmp_path / "c" / "pyimgur" / "config.json"
    env["PYIMGUR_CONFIG"] = str(tmp_path / "mine.json")
    assert config_path(env, "linux") == tmp_path / "mine.json"


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope" / "config.json") == {}


@posix_only
def test_saved_file_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "pyimgur" / "config.json"
    save_config(path, {"client_id": "cid", "access_token": "tok"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_config(path) == {"client_id": "cid", "access_token": "tok"}


@posix_only
def test_rewrite_stays_0600_even_if_loosened_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    save_config(path, {"a": 1})
    os.chmod(path, 0o644)
    save_config(path, {"a": 2})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"a": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]


@posix_only
def test_saving_under_a_umask_of_zero_still_gives_0600(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        save_config(tmp_path / "d" / "config.json", {"a": 1})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "d" / "config.json").stat().st_mode) == 0o600


def test_bad_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_config(path)
    path.write_text("[1, 2]")
    with pytest.raises(ConfigError, match="JSON object"):
        load_config(path)


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    # the folder would have to be inside a regular file
    with pytest.raises(ConfigError, match="cannot write"):
        save_config(blocker / "config.json", {"a": 1})


def test_environment_wins_over_file() -> None:
    env = {"IMGUR_CLIENT_ID": "cid", "IMGUR_ACCESS_TOKEN": "env-token"}
    config = {"client_id": "cid", "access_token": "file-token", "refresh_token": "file-refresh",
              "client_secret": "file-secret", "account_username": "alice"}
    found = resolve_credentials(env, config)
    assert found.client_id == "cid"
    assert found.access_token == "env-token"
    assert found.refresh_token == "file-refresh"
    assert found.client_secret == "file-secret"
    assert found.sources == {
        "client_id": "environment",
        "client_secret": "config file",
        "access_token": "environment",
        "refresh_token": "config file",
    }
    assert found.username == "alice"
    assert found.is_user and found.tokens_from_file()


def test_file_alone() -> None:
    found = resolve_credentials({}, {"client_id": "cid", "access_token": "t"})
    assert (found.client_id, found.access_token, found.refresh_token) == ("cid", "t", None)
    assert found.sources == {"client_id": "config file", "access_token": "config file"}


def test_file_tokens_of_another_app_are_not_used() -> None:
    config = {"client_id": "other", "client_secret": "s", "access_token": "t",
              "refresh_token": "r", "account_username": "bob"}
    found = resolve_credentials({"IMGUR_CLIENT_ID": "mine"}, config)
    assert found.client_id == "mine"
    assert found.client_secret is None and found.access_token is None
    assert found.refresh_token is None and found.username is None
    assert not found.is_user


def test_nothing_anywhere_and_blank_values() -> None:
    found = resolve_credentials({"IMGUR_CLIENT_ID": "  "}, {"client_id": ""})
    assert found.client_id is None and found.sources == {}
    assert not found.is_user


def test_repr_shows_no_secret() -> None:
    found = resolve_credentials(
        {"IMGUR_CLIENT_ID": "cid", "IMGUR_CLIENT_SECRET": "s3cret",
         "IMGUR_ACCESS_TOKEN": "acc3ss", "IMGUR_REFRESH_TOKEN": "r3fresh"}, {}
    )
    text = repr(found)
    for secret in ("s3cret", "acc3ss", "r3fresh"):
        assert secret not in text
