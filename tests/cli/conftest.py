"""Run the ``pyimgur`` command in a subprocess, with no real credentials and a
temporary home and config folder, so a test never touches the user's files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest

import pyimgur
from pyimgur.testing import FakeImgur

#: the folder holding the pyimgur package the tests import (installed or not)
PACKAGE_ROOT = str(Path(pyimgur.__file__).resolve().parent.parent)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@dataclass
class CLI:
    env: dict[str, str]
    home: Path
    cwd: Path

    @property
    def config_file(self) -> Path:
        return Path(self.env["XDG_CONFIG_HOME"]) / "pyimgur" / "config.json"

    def __call__(
        self, *args: str, input: Optional[str] = None, timeout: float = 90, **env: str
    ) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "pyimgur", *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env={**self.env, **env},
            cwd=self.cwd,
            timeout=timeout,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def popen(self, *args: str, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "pyimgur", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.env, **env},
            cwd=self.cwd,
        )


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a fresh machine: no IMGUR_* variables, a temp home."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "USERPROFILE": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "APPDATA": str(home / "appdata"),
        "PYTHONPATH": PACKAGE_ROOT,
        "PYTHONIOENCODING": "utf-8",
        "LC_ALL": "C.UTF-8",
    }
    for name in ("SYSTEMROOT", "TMPDIR", "TEMP", "TMP"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


@pytest.fixture
def cli(tmp_path: Path) -> CLI:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    return CLI(clean_env(home), home, work)


@pytest.fixture
def served() -> Iterator[tuple[FakeImgur, str]]:
    """A fresh sandbox served on 127.0.0.1, and its base URL."""
    fake = FakeImgur()
    with fake.serve(lifetime=300.0) as url:
        yield fake, str(url)


def no_secret_in(texts: list[str], secrets: list[str]) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text, "a secret was printed"

