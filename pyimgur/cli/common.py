"""What every command shares: its errors, the client it talks through, and output."""

from __future__ import annotations

import datetime as _datetime
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, TextIO, cast

import attrs

from ..imgur import Imgur
from ..listing import Listing
from ..models.base import Basic_object, loaded, peek
from .config import (
    ConfigError,
    Resolved,
    config_path,
    load_config,
    resolve_credentials,
    save_config,
)

#: exit codes (documented in docs/cli.rst)
EXIT_OK = 0
EXIT_ERROR = 1  # Imgur refused or failed, or a file could not be read or written
EXIT_USAGE = 2  # bad arguments: unknown option, not an imgur URL, bad value
EXIT_CONFIG = 3  # no credentials, or credentials that cannot do what was asked
EXIT_INTERRUPTED = 130

NO_CLIENT_ID = (
    "no Imgur client id: set IMGUR_CLIENT_ID (or run `pyimgur auth --client-id ID`). "
    "Imgur closed new application registration in 2025, so you need the client id "
    "of an application registered before; `pyimgur --sandbox ...` needs none"
)


class CLIError(Exception):
    """An expected failure: printed as one line, exits with :attr:`code`."""

    code = EXIT_ERROR

    def __init__(self, message: str, code: Optional[int] = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class UsageError(CLIError):
    code = EXIT_USAGE


class NoCredentials(CLIError):
    code = EXIT_CONFIG


@dataclass
class Context:
    """What a command runs with: the parsed options, the environment and the streams."""

    args: Any
    env: Mapping[str, str]
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    #: the sandbox of ``--sandbox`` (a FakeImgur), once made
    sandbox: Any = None
    resolved: Optional[Resolved] = None

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def err(self, text: str) -> None:
        self.stderr.write(text + "\n")

    @property
    def config_file(self) -> Path:
        return config_path(self.env)

    def imgur(self, need_user: bool = False) -> Imgur:
        """The :class:`~pyimgur.Imgur` to use: the sandbox's, or one with the
        credentials of the environment and the config file."""
        if self.args.sandbox:
            return self._sandbox_imgur(need_user)
        try:
            config = load_config(self.config_file)
        except ConfigError as error:
            raise CLIError(str(error), EXIT_CONFIG) from None
        found = resolve_credentials(self.env, config)
        self.resolved = found
        if not found.client_id:
            raise NoCredentials(NO_CLIENT_ID)
        if need_user and not found.is_user:
            raise NoCredentials(
                "this command acts as an Imgur user: run `pyimgur auth` first, or set "
                "IMGUR_ACCESS_TOKEN (and IMGUR_REFRESH_TOKEN with IMGUR_CLIENT_SECRET "
                "so it can be refreshed)"
            )
        options: dict[str, Any] = {"on_token_refresh": self._token_saver(found, config)}
        base_url = self.base_url()
        if base_url:
            options["base_url"] = base_url
        return Imgur(
            found.client_id,
            found.client_secret,
            found.access_token,
            found.refresh_token,
            **options,
        )

    def base_url(self) -> Optional[str]:
        url = self.args.base_url or self.env.get("IMGUR_API_BASE") or None
        if url and not url.startswith(("http://", "https://")):
            raise UsageError(f"the API base URL must start with http:// or https://: {url}")
        return url

    def _token_saver(
        self, found: Resolved, config: Mapping[str, Any]
    ) -> Callable[[str, Optional[str]], None]:
        """``on_token_refresh``: keep refreshed tokens where they came from."""
        path = self.config_file

        def saved(access_token: str, refresh_token: Optional[str]) -> None:
            if found.tokens_from_file():
                data = dict(config)
                data["access_token"] = access_token
                if refresh_token:
                    data["refresh_token"] = refresh_token
                try:
                    save_config(path, data)
                except ConfigError as error:
                    self.err(f"pyimgur: warning: refreshed tokens not saved: {error}")
            else:
                self.err(
                    "pyimgur: note: the access token was refreshed for this run; "
                    "IMGUR_ACCESS_TOKEN in your environment is out of date"
                )

        return saved

    def _sandbox_imgur(self, need_user: bool) -> Imgur:
        from .sandbox import sandbox_imgur

        im, self.sandbox = sandbox_imgur(user=need_user or bool(self.args.sandbox_user),
                                         username=self.args.sandbox_user)
        return im


# -- output ------------------------------------------------------------------------------------
def field_names(obj: Basic_object) -> list[str]:
    """The loaded public fields of ``obj``: declared ones in order, then the others."""
    state = loaded(obj)
    declared = [a.name for a in attrs.fields(cast(Any, type(obj)))]
    names = [n for n in declared if n in state]
    names += sorted(n for n in state if not n.startswith("_") and n not in declared)
    return names


#: fields holding an epoch time, which ``show`` prints as a date
TIME_FIELDS = frozenset({"datetime", "created", "pro_expiration"})
#: how much of a value one line of ``show`` prints
LINE_LIMIT = 200


def when(value: Any) -> str:
    """An epoch time as an ISO 8601 date in UTC (the number itself if it is none)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    try:
        moment = _datetime.datetime.fromtimestamp(value, _datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return str(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cut(text: str, limit: int = LINE_LIMIT) -> str:
    """``text``, or its start marked as cut with how much is left out."""
    if len(text) <= limit:
        return text
    keep = limit - 1
    return f"{text[:keep]}… ({len(text) - keep} more characters)"


def short(value: Any, name: str = "") -> str:
    """One line for a field value (no request: nested objects show what is loaded)."""
    if name in TIME_FIELDS and value is not None:
        return when(value)
    if isinstance(value, Basic_object):
        return repr(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, Basic_object) for v in value):
            return f"{len(value)} {type(value[0]).__name__} object(s)"
        return cut(", ".join(str(v) for v in value))
    if isinstance(value, dict):
        return cut(json.dumps(value, default=str))
    return cut(str(value).replace("\n", " "))


def describe(obj: Any) -> list[str]:
    """Human-readable lines for a model object or a listing."""
    if isinstance(obj, (Listing, list, tuple)):
        return [repr(item) for item in obj]
    if not isinstance(obj, Basic_object):
        return [str(obj)]
    lines = [repr(obj)]
    names = field_names(obj)
    width = max((len(n) for n in names), default=0)
    for name in names:
        value = peek(obj, name)
        if value is None or value == "":
            continue
        lines.append(f"  {name.ljust(width)}  {short(value, name)}")
        if isinstance(value, list) and value and all(isinstance(v, Basic_object) for v in value):
            lines.extend(f"  {' ' * width}    {item!r}" for item in value[:50])
            if len(value) > 50:
                lines.append(f"  {' ' * width}    ... and {len(value) - 50} more")
    return lines


def to_jsonable(value: Any, depth: int = 0, seen: Optional[set[int]] = None) -> Any:
    """Plain JSON data from a model object (its loaded fields only: no request)."""
    seen = set() if seen is None else seen
    if isinstance(value, Listing):
        return [to_jsonable(v, depth, seen) for v in value]
    if isinstance(value, Basic_object):
        if id(value) in seen or depth > 3:
            return {"_type": type(value).__name__, value._id_field: value._identity}
        seen = seen | {id(value)}
        out: dict[str, Any] = {"_type": type(value).__name__}
        for name in field_names(value):
            out[name] = to_jsonable(peek(value, name), depth + 1, seen)
        return out
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, depth, seen) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v, depth, seen) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def print_json(ctx: Context, value: Any) -> None:
    ctx.out(json.dumps(to_jsonable(value), indent=2, sort_keys=False, ensure_ascii=False))


def stderr_is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def environ() -> Mapping[str, str]:
    return os.environ


def stdio() -> tuple[TextIO, TextIO, TextIO]:
    return sys.stdin, sys.stdout, sys.stderr
