"""The ``pyimgur`` command line (also ``python -m pyimgur``).

``main(argv)`` parses the arguments, runs one command and returns the exit
code: 0 on success, 1 when Imgur refused or failed (or a file could not be
read or written), 2 for bad arguments (including a text that is not an imgur
URL), 3 when credentials are missing, 130 when interrupted.  Expected
failures print one line on stderr, never a traceback, and never a token.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Mapping, Sequence
from typing import NoReturn, Optional, TextIO

from .._version import __version__
from ..exceptions import (
    AuthenticationError,
    ImgurError,
    InvalidURL,
    NotFound,
    RateLimitError,
    TransportError,
)
from .auth import register as _auth
from .browse import register as _browse
from .common import (
    EXIT_CONFIG,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CLIError,
    Context,
    environ,
    stdio,
)
from .config import ConfigError
from .repl import register as _repl
from .show import register as _show
from .transfer import register as _transfer

__all__ = ["build_parser", "main"]

_REGISTER = (_show, _transfer, _browse, _auth, _repl)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of exiting, so main() returns a code."""

    def error(self, message: str) -> NoReturn:
        raise _ParseError(f"{self.prog}: error: {message}", self.format_usage())

    def exit(self, status: int = 0, message: Optional[str] = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise _ParseExit(status)


class _ParseError(Exception):
    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _ParseExit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(
        prog="pyimgur",
        description="Look at, download and upload Imgur images, albums and gallery posts.",
        epilog="Credentials: IMGUR_CLIENT_ID, IMGUR_CLIENT_SECRET, IMGUR_ACCESS_TOKEN and "
        "IMGUR_REFRESH_TOKEN, or the file `pyimgur auth` writes. "
        "Exit codes: 0 ok, 1 Imgur or file error, 2 bad arguments, 3 no credentials.",
    )
    parser.add_argument("--version", action="version", version=f"pyimgur {__version__}")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run against a fresh built-in sandbox Imgur with sample data (no network)",
    )
    parser.add_argument(
        "--sandbox-user",
        metavar="NAME",
        help="with --sandbox: act as this sample user (default: anonymous)",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the API root to talk to (default: $IMGUR_API_BASE, else https://api.imgur.com/)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log each request on stderr"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for register in _REGISTER:
        register(commands)
    return parser


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    env: Optional[Mapping[str, str]] = None,
    stdin: Optional[TextIO] = None,
    stdout: Optional[TextIO] = None,
    stderr: Optional[TextIO] = None,
) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    default_in, default_out, default_err = stdio()
    out = stdout or default_out
    err = stderr or default_err
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _ParseError as problem:
        err.write(problem.usage)
        err.write(f"{problem}\n")
        return EXIT_USAGE
    except _ParseExit as done:
        return done.status
    ctx = Context(args, environ() if env is None else env, stdin or default_in, out, err)
    pyimgur_logger = logging.getLogger("pyimgur")
    level_before = pyimgur_logger.level
    handler = _log_to(err, args.verbose)
    try:
        if args.sandbox and args.base_url:
            raise CLIError("--sandbox and --base-url cannot be used together", EXIT_USAGE)
        if args.sandbox_user and not args.sandbox:
            raise CLIError("--sandbox-user needs --sandbox", EXIT_USAGE)
        code: int = args.run(ctx)
        return code
    except KeyboardInterrupt:
        ctx.err("pyimgur: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK  # e.g. `pyimgur gallery | head`: the reader has what it wanted
    except Exception as problem:  # every expected failure becomes one line
        message, code = describe_error(problem)
        if message is None:
            raise
        ctx.err(f"pyimgur: error: {message}")
        return code
    finally:
        pyimgur_logger.removeHandler(handler)
        pyimgur_logger.setLevel(level_before)
        if ctx.sandbox is not None and hasattr(ctx.sandbox, "close"):
            ctx.sandbox.close()


def describe_error(problem: BaseException) -> tuple[Optional[str], int]:
    """One line and an exit code for an expected failure; ``(None, 0)`` for a bug."""
    if isinstance(problem, CLIError):
        return str(problem), problem.code
    if isinstance(problem, ConfigError):
        return str(problem), EXIT_CONFIG
    if isinstance(problem, InvalidURL):
        return f"not an imgur URL pyimgur understands: {problem.message}", EXIT_USAGE
    if isinstance(problem, RateLimitError):
        return _rate_limited(problem), EXIT_ERROR
    if isinstance(problem, NotFound):
        return f"not found: {problem}", EXIT_ERROR
    if isinstance(problem, AuthenticationError):
        if problem.status is None and "logged-in user" in problem.message:
            return (
                f"{problem.message.split(':')[0]}: run `pyimgur auth` first, or set "
                "IMGUR_ACCESS_TOKEN",
                EXIT_CONFIG,
            )
        return f"authentication failed: {problem}", EXIT_ERROR
    if isinstance(problem, TransportError):
        return f"could not reach Imgur: {problem}", EXIT_ERROR
    if isinstance(problem, ImgurError):
        return f"Imgur refused: {problem}" if problem.status else str(problem), EXIT_ERROR
    if isinstance(problem, FileExistsError):
        return f"{problem.filename or problem} already exists (not overwritten)", EXIT_ERROR
    if isinstance(problem, OSError):
        where = f": {problem.filename}" if problem.filename else ""
        return f"{problem.strerror or problem}{where}", EXIT_ERROR
    if isinstance(problem, ValueError):
        return str(problem), EXIT_USAGE
    return None, 0


def _rate_limited(error: RateLimitError) -> str:
    bucket = f" ({error.bucket} credits spent)" if error.bucket else ""
    wait = error.retry_after
    if wait is None and error.reset_at is not None:
        wait = max(0.0, error.reset_at - time.time())
    when = f"; try again in {_duration(wait)}" if wait is not None else "; try again later"
    return f"rate limited by Imgur{bucket}{when}"


def _duration(wait: float) -> str:
    seconds = round(wait)
    if seconds < 90:
        return f"{seconds} s"
    minutes = (seconds + 59) // 60
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class _Prefixed(logging.Formatter):
    """Each line starts with ``pyimgur:`` once (some messages already do)."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text if text.startswith("pyimgur:") else f"pyimgur: {text}"


def _log_to(stream: TextIO, verbose: bool) -> logging.Handler:
    """With ``-v``, every log line of pyimgur on ``stream``; without, none (the
    retries' warnings would otherwise reach stderr through logging's last resort)."""
    logger = logging.getLogger("pyimgur")
    handler: logging.Handler
    if verbose:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(_Prefixed())
        logger.setLevel(logging.DEBUG)
    else:
        handler = logging.NullHandler()
    logger.addHandler(handler)
    return handler
