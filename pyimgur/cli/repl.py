"""``pyimgur repl``: an interactive Python shell with ``im`` ready."""

from __future__ import annotations

import argparse
import code
import importlib
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
    console = code.InteractiveConsole(namespace)
    console.interact(banner=banner, exitmsg="")
    return EXIT_OK


def _ipython() -> Any:
    try:
        return importlib.import_module("IPython")
    except ImportError:
        return None
