"""``pyimgur repl --plain`` in a real pseudo-terminal: line editing, history,
completion that loads nothing, and Python's "Did you mean" hints."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CLI

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")
pytest.importorskip("readline", reason="this Python has no readline")

UP = "\x1b[A"
BACKSPACE = "\x7f"
KILL_LINE = "\x15"  # Ctrl-U
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|[\x07\r]")


class Terminal:
    """A child process on a pseudo-terminal, read until an expected text."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def send(self, text: str) -> None:
        os.write(self.master, text.encode())

    def expect(self, pattern: str, timeout: float = 60) -> str:
        """Read until ``pattern`` (a regex) is in the output since the last match."""
        deadline = time.monotonic() + timeout
        while True:
            plain = ANSI.sub("", self.seen)
            found = re.search(pattern, plain)
            if found:
                self.seen = plain[found.end():]
                return plain[: found.end()]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {pattern!r} in {plain[-600:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the shell ended before {pattern!r}: {plain[-600:]!r}")
                self.seen += chunk.decode("utf-8", "replace")

    def close(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            os.close(self.master)


@pytest.fixture
def shell(cli: CLI):
    env = dict(cli.env, TERM="xterm", INPUTRC=str(cli.home / "inputrc"))
    (cli.home / "inputrc").write_text("set enable-bracketed-paste off\n")
    terminal = Terminal(
        [sys.executable, "-m", "pyimgur", "--sandbox", "repl", "--plain"], env, cli.cwd
    )
    terminal.expect(r"`im` talks to the sandbox")
    terminal.expect(r">>> ")
    yield terminal
    if terminal.process.poll() is None:
        terminal.process.kill()
        terminal.close()


def test_history_and_line_editing(shell: Terminal, cli: CLI) -> None:
    shell.send("answer = 41\n")
    shell.expect(r">>> ")
    shell.send(UP + BACKSPACE + "2\n")  # recall the line, edit its end
    shell.expect(r">>> ")
    shell.send("print(answer + 1000)\n")
    shell.expect(r"\n1042\s")
    shell.send("exit()\n")
    assert shell.close() == 0
    history = (cli.home / ".python_history").read_text()
    assert "answer = 41" in history and "answer = 42" in history


def test_tab_completion_of_a_lazy_object_makes_no_request(shell: Terminal) -> None:
    shell.send("image = im.get_image('Sb0xImg'); sandbox.reset_log()\n")
    shell.expect(r">>> ")
    shell.send("image.tit\t")
    shell.expect(r"image\.title")
    shell.send(KILL_LINE + "print('requests:', sandbox.request_count)\n")
    shell.expect(r"requests: 0\s")
    shell.send("zebra_count = 7\n")  # the shell's own names complete too
    shell.expect(r">>> ")
    shell.send("zebra_c\t\n")
    shell.expect(r"\n7\s")
    shell.send("exit()\n")
    assert shell.close() == 0


def test_did_you_mean_hints_are_kept(shell: Terminal) -> None:
    if sys.version_info < (3, 10):
        pytest.skip("Python 3.9 gives no 'Did you mean' hints")
    shell.send("sandbx\n")
    shell.expect(r"NameError: name 'sandbx' is not defined. Did you mean: 'sandbox'\?")
    shell.expect(r">>> ")
    shell.send("pyimgur.Imgr\n")
    shell.expect(r"Did you mean: 'Imgur'\?")
    shell.send("exit()\n")
    assert shell.close() == 0
