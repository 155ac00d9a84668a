"""``pyimgur repl``: an interactive Python shell with ``im`` ready.

Without IPython (or with ``--plain``) it is Python's own shell set up as
``python -i`` sets it up: line editing, history kept in ``~/.python_history``
(or ``$PYTHON_HISTORY``), tab completion of the shell's names (which never
loads a lazy object, see :mod:`pyimgur.models.base`), and tracebacks printed
by ``sys.excepthook``, with Python's "Did you mean" hints.
"""

from __future__ import annotations

import argparse
import code
import contextlib
import importlib
import os
import rlcompleter
import sys
from collections.abc import Iterator
from typing import Any

import pyimgur

from .common import EXIT_OK, Context


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "repl",
        help="an interactive shell with an Imgur object `im` ready",
        description="Open IPython (when installed, else Python's own shell) with `im`, "
        "an Imgur object made from your credentials (or the sandbox's), and `pyimgur`.",
    )
    parser.add_argument(
        "--plain", action="store_true", help="use Python's own shell even if IPython is there"
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    im = ctx.imgur()
    namespace: dict[str, Any] = {"im": im, "pyimgur": pyimgur}
    where = "the sandbox" if ctx.sandbox is not None else "Imgur"
    if ctx.sandbox is not None:
        namespace["sandbox"] = ctx.sandbox
    banner = (
        f"pyimgur {pyimgur.__version__}: `im` talks to {where}.\n"
        "Try: im.get_gallery(limit=5), im.get_at_url(URL), help(pyimgur.Image)"
    )
    ipython = None if ctx.args.plain else _ipython()
    if ipython is not None:
        ctx.out(banner)
        ipython.start_ipython(argv=["--no-banner"], user_ns=namespace)
        return EXIT_OK
    console = Console(namespace)
    with line_editing(namespace, ctx.env):
        console.interact(banner=banner, exitmsg="")
    return EXIT_OK


class Console(code.InteractiveConsole):
    """Python's console, with tracebacks shown by ``sys.excepthook`` (as the
    interpreter shows them, "Did you mean" hints included)."""

    def showtraceback(self) -> None:
        kind, value, trace = sys.exc_info()
        if kind is None or value is None:
            return
        sys.last_type, sys.last_value, sys.last_traceback = kind, value, trace
        if sys.version_info >= (3, 12):
            sys.last_exc = value  # what pdb.pm() reads there
        # the first frame is the console's own exec(): not the user's code
        sys.excepthook(kind, value, trace.tb_next if trace is not None else None)


def history_file(env: Any) -> str:
    """Where the shell keeps its history: as ``python -i`` does."""
    chosen = env.get("PYTHON_HISTORY")
    if chosen:
        return str(chosen)
    return os.path.join(os.path.expanduser("~"), ".python_history")


@contextlib.contextmanager
def line_editing(namespace: dict[str, Any], env: Any) -> Iterator[None]:
    """Line editing, history and completion of ``namespace`` while the shell
    runs (nothing where Python has no ``readline``); the history is saved
    and the previous completer put back when it ends."""
    try:
        readline = importlib.import_module("readline")
    except ImportError:
        readline = None
    if readline is None or not sys.stdin.isatty():
        yield  # as ``python -i``: no line editing for piped input
        return
    previous = readline.get_completer()
    readline.set_completer(rlcompleter.Completer(namespace).complete)
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    path = history_file(env)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    try:
        yield
    finally:
        readline.set_completer(previous)
        with contextlib.suppress(OSError):
            readline.write_history_file(path)


def _ipython() -> Any:
    try:
        return importlib.import_module("IPython")
    except ImportError:
        return None
