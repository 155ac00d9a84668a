"""Every console example of the docs (docs/*.rst, README.md) runs as written.

A console example is a ``.. code-block:: console`` block of the docs (``$ ``
starts a command, the lines after it are its output) or a plain or shell
fenced block of the README (each line a command).  Each ``pyimgur ...`` or
``python -m pyimgur ...`` command runs in a subprocess with a temporary home,
no IMGUR_* variable and a folder holding the files the examples name
(``cat.png``...); it must succeed, and print what the doc shows (``...``
stands for any text).  ``echo $?`` checks the exit code of the command before.

A pyimgur command that needs the real Imgur (no ``--sandbox``) or anything
else this test cannot give offline must sit in a block marked, just before
it, with the reason::

    .. console-example: not run: <why>          (reStructuredText)
    <!-- console-example: not run: <why> -->    (README)

Other commands (installing with pip, cloning, making a virtual environment,
running the test suite...) set things up and are not run here: the test runs
the copy under test, and is itself part of the suite.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest

from pyimgur.testing.build import sample_bytes

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [*sorted((ROOT / "docs").glob("*.rst")), ROOT / "README.md"]
MARK = re.compile(r"console-example:\s*not run:\s*(?P<why>\S.*?)\s*(?:-->)?\s*$")
#: files the examples name, made in the folder the commands run in
SAMPLE_FILES = {"cat.png": ("png", 64, 48)}


@dataclass
class Command:
    line: int
    text: str
    output: list[str] = field(default_factory=list)


@dataclass
class Example:
    where: str
    commands: list[Command]
    not_run: Optional[str]  # the reason given in the doc, or None


def rst_examples(path: Path) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        if line.strip() != ".. code-block:: console":
            continue
        reason = None
        previous = [text for text in lines[max(0, number - 3):number] if text.strip()]
        if previous and MARK.search(previous[-1]):
            reason = MARK.search(previous[-1]).group("why")  # type: ignore[union-attr]
        commands: list[Command] = []
        indent = None
        for offset, body in enumerate(lines[number + 1:], start=number + 2):
            if not body.strip():
                continue
            width = len(body) - len(body.lstrip())
            if width == 0:
                break
            indent = width if indent is None else indent
            text = body[indent:]
            if text.startswith("$ "):
                commands.append(Command(offset, text[2:].strip()))
            elif commands:
                commands[-1].output.append(text)
        found.append(Example(f"{path.name}:{number + 1}", commands, reason))
    return found


def markdown_examples(path: Path) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    number = 0
    while number < len(lines):
        line = lines[number].strip()
        if line.startswith("```") and line[3:].strip() in ("", "console", "bash", "sh", "shell"):
            reason = None
            previous = [text for text in lines[max(0, number - 3):number] if text.strip()]
            if previous and MARK.search(previous[-1]):
                reason = MARK.search(previous[-1]).group("why")  # type: ignore[union-attr]
            commands = []
            number += 1
            while number < len(lines) and not lines[number].strip().startswith("```"):
                text = lines[number].strip()
                if text:
                    commands.append(Command(number + 1, text.removeprefix("$ ")))
                number += 1
            found.append(Example(f"{path.name}:{number}", commands, reason))
        elif line.startswith("```"):  # a fence of another language: skip it whole
            number += 1
            while number < len(lines) and not lines[number].strip().startswith("```"):
                number += 1
        number += 1
    return found


def all_examples() -> list[Example]:
    examples: list[Example] = []
    for path in DOC_FILES:
        if path.suffix == ".md":
            examples.extend(markdown_examples(path))
        else:
            examples.extend(rst_examples(path))
    return examples


EXAMPLES = all_examples()


def parts(text: str) -> list[list[str]]:
    """A command line split at ``&&`` into words (comments dropped)."""
    words = shlex.split(text, comments=True)
    commands: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            commands.append([])
        else:
            commands[-1].append(word)
    return [command for command in commands if command]


def never_run(words: list[str]) -> bool:
    """A command that sets things up (pip, git, venv, pytest...), not pyimgur's."""
    return not (is_pyimgur(words) or is_python_snippet(words))


def is_python_snippet(words: list[str]) -> bool:
    """``python -c "..."``: a local check (the version, an import), run as written."""
    return words[:2] == ["python", "-c"] and len(words) == 3


def split_env(words: list[str]) -> tuple[dict[str, str], list[str]]:
    """``NAME=value`` words before the program, and the rest."""
    env = {}
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words[0].partition("=")
        env[name] = value
        words = words[1:]
    return env, words


def is_pyimgur(words: list[str]) -> bool:
    """``pyimgur ...``, ``python -m pyimgur ...`` or ``python -m pyimgur.testing ...``."""
    if words[:1] == ["pyimgur"]:
        return True
    return words[:2] == ["python", "-m"] and len(words) > 2 and (
        words[2] == "pyimgur" or words[2].startswith("pyimgur.")
    )


def fresh_env(home: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": "utf-8",
        "LC_ALL": "C.UTF-8",
    }
    for name in ("SYSTEMROOT", "TMPDIR", "TEMP", "TMP"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def argv(words: list[str], home: Path, cwd: Path) -> list[str]:
    """The words as the shell would pass them: ``~`` and globs expanded, and
    ``pyimgur`` run by this Python (the copy under test)."""
    program = ["-m", "pyimgur", *words[1:]] if words[0] == "pyimgur" else words[1:]
    out = [sys.executable]
    for word in program:
        if word.startswith("~"):
            word = str(home) + word[1:]
        found = glob.glob(str(cwd / word)) if any(c in word for c in "*?[") else []
        out.extend(sorted(os.path.relpath(name, cwd) for name in found) or [word])
    return out


def matches(expected: list[str], actual: str) -> bool:
    """Does ``actual`` read as ``expected`` (``...`` for any text, spaces loose)?"""
    pattern = r"\s*".join(
        ".*?".join(re.escape(piece) for piece in line.split("...")) for line in expected
    )
    return re.fullmatch(r"\s*" + pattern + r"\s*", actual, re.DOTALL) is not None


def example_id(example: Example) -> str:
    return example.where


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_console_example(example: Example, tmp_path: Path) -> None:
    assert example.commands, f"{example.where}: a console block with no command"
    if example.not_run is not None:
        return check_marked(example)
    home, cwd = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    cwd.mkdir()
    for name, (kind, width, height) in SAMPLE_FILES.items():
        (cwd / name).write_bytes(sample_bytes(kind, width, height))
    last_code: Optional[int] = None
    for command in example.commands:
        where = f"{example.where} line {command.line}: $ {command.text}"
        if command.text == "echo $?":
            assert last_code is not None, f"{where}: no command before"
            assert command.output == [str(last_code)], f"{where}: the exit code was {last_code}"
            continue
        printed = ""
        for words in parts(command.text):
            extra_env, words = split_env(words)
            if never_run(words):
                continue
            assert words[:3] != ["python", "-m", "pyimgur.testing"], (
                f"{where}: the sandbox server runs until stopped: mark the block"
            )
            assert "--sandbox" in words or is_python_snippet(words), (
                f"{where}: needs the real Imgur: run it with --sandbox, or mark the block"
                " with '.. console-example: not run: <why>'"
            )
            done = subprocess.run(
                argv(words, home, cwd), stdin=subprocess.DEVNULL, capture_output=True,
                text=True, env={**fresh_env(home), **extra_env}, cwd=cwd, timeout=120,
            )
            last_code = done.returncode
            printed += done.stdout + done.stderr
            expect_failure = command.output and command.output[0].startswith("pyimgur: error:")
            if not expect_failure:
                assert done.returncode == 0, f"{where}: exit code {done.returncode}\n{printed}"
        if command.output:
            assert matches(command.output, printed), (
                f"{where}: the doc shows\n" + "\n".join(command.output)
                + f"\nbut it printed\n{printed}"
            )


def check_marked(example: Example) -> None:
    """A block marked "not run" says why, and holds something that needs it."""
    assert example.not_run and len(example.not_run) > 10, f"{example.where}: say why"
    needs_marking = []
    for command in example.commands:
        for words in parts(command.text):
            _, words = split_env(words)
            if not never_run(words):
                needs_marking.append(command.text)
    assert needs_marking, f"{example.where}: marked 'not run' but every command is skipped anyway"


def test_the_docs_have_console_examples_to_run() -> None:
    run = [e for e in EXAMPLES if e.not_run is None]
    assert len(run) >= 4
    assert any(e.where.startswith("README.md") for e in EXAMPLES)


def test_the_example_reader_sees_commands_outputs_and_marks(tmp_path: Path) -> None:
    page = tmp_path / "page.rst"
    page.write_text(
        "Text.\n\n.. console-example: not run: needs the real Imgur\n\n"
        ".. code-block:: console\n\n   $ pyimgur credits\n   Credits: 12\n\n"
        ".. code-block:: console\n\n   $ pyimgur --sandbox gallery   # a comment\n\nEnd.\n",
        encoding="utf-8",
    )
    marked, plain = rst_examples(page)
    assert marked.not_run == "needs the real Imgur"
    assert [(c.text, c.output) for c in marked.commands] == [("pyimgur credits", ["Credits: 12"])]
    assert plain.not_run is None and plain.commands[0].text.startswith("pyimgur --sandbox")
    assert parts(plain.commands[0].text) == [["pyimgur", "--sandbox", "gallery"]]
    assert never_run(["python", "-m", "pip", "install", "."])
    assert never_run(["git", "clone", "x"]) and never_run(["python", "-m", "pytest"])
    assert not never_run(["python", "-m", "pyimgur", "--sandbox", "credits"])
    assert not never_run(["python", "-m", "pyimgur.testing", "serve"])
    assert not never_run(["pyimgur", "credits"])
    assert matches(["pyimgur: error: not found: ... (GET /3/x)"],
                   "pyimgur: error: not found: 404 nope (GET /3/x)\n")
    assert not matches(["Credits: 12"], "Credits: 13\n")
