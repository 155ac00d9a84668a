"""Where the command line keeps its settings, and which credentials it uses.

The token file is ``<config dir>/pyimgur/config.json``, where the config dir
is ``$XDG_CONFIG_HOME`` (else ``~/.config``) on Linux and other Unixes,
``%APPDATA%`` on Windows and ``~/Library/Application Support`` on macOS.
``PYIMGUR_CONFIG`` names another file.  The file is written with mode 0600
(readable by its owner only) in a folder of mode 0700, atomically, so a
crash never leaves half a file.

Credentials come from the environment (``IMGUR_CLIENT_ID``,
``IMGUR_CLIENT_SECRET``, ``IMGUR_ACCESS_TOKEN``, ``IMGUR_REFRESH_TOKEN``)
first, then from the file.  The file's tokens belong to the file's client
id: when ``IMGUR_CLIENT_ID`` names another application they are not used.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

__all__ = [
    "ENV_VARS",
    "ConfigError",
    "Resolved",
    "config_dir",
    "config_path",
    "load_config",
    "resolve_credentials",
    "save_config",
]

#: credential name -> environment variable
ENV_VARS = {
    "client_id": "IMGUR_CLIENT_ID",
    "client_secret": "IMGUR_CLIENT_SECRET",
    "access_token": "IMGUR_ACCESS_TOKEN",
    "refresh_token": "IMGUR_REFRESH_TOKEN",
}
_KEYS = tuple(ENV_VARS)


class ConfigError(Exception):
    """The config file cannot be read or written (the message says why)."""


def config_dir(
    env: Optional[Mapping[str, str]] = None, platform: Optional[str] = None
) -> Path:
    """The platform's folder for per-user settings (not pyimgur's own sub-folder)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        return Path(appdata) if appdata else home / "AppData" / "Roaming"
    if platform == "darwin":
        return home / "Library" / "Application Support"
    xdg = env.get("XDG_CONFIG_HOME")
    # The XDG spec says a relative value is to be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return home / ".config"


def config_path(env: Optional[Mapping[str, str]] = None, platform: Optional[str] = None) -> Path:
    """The token file: ``PYIMGUR_CONFIG``, else ``<config dir>/pyimgur/config.json``."""
    env = os.environ if env is None else env
    override = env.get("PYIMGUR_CONFIG")
    if override:
        return Path(override)
    return config_dir(env, platform) / "pyimgur" / "config.json"


def load_config(path: Path) -> dict[str, Any]:
    """The settings in ``path`` (an empty dict when the file does not exist)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigError(f"{path} is not valid JSON; fix it or delete it") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path} does not hold a JSON object; fix it or delete it")
    return data


def save_config(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` to ``path`` atomically, readable by its owner only (0600)."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ConfigError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        # mkstemp already creates the file 0600; chmod for filesystems that
        # ignore the mode given at creation.
        with contextlib.suppress(OSError):
            os.chmod(temporary, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(dict(data), out, indent=2, sort_keys=True)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ConfigError(f"cannot write {path}: {error.strerror or error}") from None


@dataclass
class Resolved:
    """The credentials the command line will use, and where each came from."""

    client_id: Optional[str] = None
    client_secret: Optional[str] = None
    access_token: Optional[str] = None
    refresh_token: Optional[str] = None
    #: credential name -> ``"environment"`` or ``"config file"``
    sources: dict[str, str] = field(default_factory=dict)
    #: the account the file's tokens belong to, when known
    username: Optional[str] = None

    def __repr__(self) -> str:  # never show a secret
        have = ", ".join(f"{k} from {v}" for k, v in self.sources.items())
        return f"<Resolved {have or 'nothing'}>"

    @property
    def is_user(self) -> bool:
        return bool(self.access_token or self.refresh_token)

    def tokens_from_file(self) -> bool:
        """Do the tokens in use come from the config file (so refreshes go there)?"""
        return "config file" in (
            self.sources.get("access_token"),
            self.sources.get("refresh_token"),
        )


def resolve_credentials(env: Mapping[str, str], config: Mapping[str, Any]) -> Resolved:
    """Pick each credential from ``env`` first, then from ``config``."""
    found = Resolved()
    from_env = {k: (env.get(v) or "").strip() for k, v in ENV_VARS.items()}
    from_file = {k: config.get(k) for k in _KEYS}
    file_client = from_file["client_id"] if isinstance(from_file["client_id"], str) else None
    same_app = not from_env["client_id"] or from_env["client_id"] == file_client
    for key in _KEYS:
        if from_env[key]:
            setattr(found, key, from_env[key])
            found.sources[key] = "environment"
            continue
        value = from_file[key]
        if key != "client_id" and not same_app:
            continue  # the file's secrets belong to another application
        if isinstance(value, str) and value.strip():
            setattr(found, key, value.strip())
            found.sources[key] = "config file"
    username = config.get("account_username")
    if same_app and isinstance(username, str) and found.tokens_from_file():
        found.username = username
    return found
