"""The install instructions install this library, whatever its version.

``pip install pyimgur`` from the package index gives PyImgur 0.8.1; README's
Install section and the quickstart must say so, and the wheel they name must
be the one ``pip wheel .`` builds for the current version.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pyimgur

ROOT = Path(__file__).parent.parent.parent


def install_section(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return text.split("## Install", 1)[1].split("\n## ", 1)[0]
    return text.split("Install\n-------", 1)[1].split("\n\n\n", 1)[0]


def test_the_version_is_semantic_and_above_the_older_release():
    parts = pyimgur.__version__.split(".")
    assert len(parts) == 3 and all(part.isdigit() for part in parts)
    # higher than PyImgur 0.8.1, so "pip install -U pyimgur" never swaps it back
    assert tuple(map(int, parts)) >= (1, 0, 0) > (0, 8, 1)


@pytest.mark.parametrize("doc", ["README.md", "docs/quickstart.rst"])
def test_install_instructions_install_this_library(doc):
    section = install_section(ROOT / doc)
    assert "python -m pip install ." in section
    wheels = re.findall(r"dist/pyimgur-([0-9.]+)-py3-none-any\.whl", section)
    assert wheels and set(wheels) == {pyimgur.__version__}
    assert "pip wheel ." in section and "python -m build" in section
    # the warning about the older library of the same name
    assert re.search(r"pip install pyimgur`*\s+(installs|gives)", section)
    assert "0.8.1" in section

