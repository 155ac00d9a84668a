"""Sphinx configuration of the pyimgur documentation.

Build: ``python -m sphinx -W --keep-going -b html docs docs/_build/html``;
doctests: the same with ``-b doctest`` (they run against the sandbox).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import pyimgur  # noqa: E402 - needs the path above

project = "pyimgur"
author = "the pyimgur authors"
copyright = "the pyimgur authors, MIT licensed"
release = pyimgur.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]
# No intersphinx: the build must not need the network.

html_theme = "alabaster"
html_theme_options = {
    "description": "A lazy-loading, object-oriented client for the Imgur API v3",
    "fixed_sidebar": True,
}
exclude_patterns = ["_build", "_generated"]
templates_path: list[str] = []
root_doc = "index"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
autoclass_content = "both"

doctest_test_doctest_blocks = ""  # only the explicit doctest directives run
trim_doctest_flags = True


# -- the changelog: CHANGELOG.md, turned into reStructuredText at build time --------------------
_HEADING_MARKS = {1: "=", 2: "-", 3: "~"}
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _escape(text: str) -> str:
    """Escape what reStructuredText would read as markup in plain Markdown text."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = re.sub(r"(?<=\w)_(?=\W|$)", r"\\_", text)  # `name_` is a link target in rst
    parts = re.split(r"(\*\*[^*]+\*\*)", text)  # keep **bold**, escape other stars
    return "".join(p if p.startswith("**") else p.replace("*", "\\*") for p in parts)


def _inline(text: str) -> str:
    pieces = re.split(r"(`[^`]+`)", text)
    out = []
    for piece in pieces:
        if piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
            out.append("``" + piece[1:-1] + "``")
        else:
            links = _LINK.split(piece)
            # _LINK.split gives text, label, url, text, label, url, ...
            for index in range(0, len(links), 3):
                out.append(_escape(links[index]))
                if index + 2 < len(links):
                    out.append(f"`{_escape(links[index + 1])} <{links[index + 2]}>`__")
    return "".join(out)


def markdown_to_rst(markdown: str) -> str:
    """Convert the small Markdown subset the changelog uses (headings, bullets,
    paragraphs, inline code, bold and links) to reStructuredText."""
    out: list[str] = []
    for line in markdown.splitlines():
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            title = _inline(heading.group(2).strip())
            mark = _HEADING_MARKS[len(heading.group(1))]
            if out and out[-1] != "":
                out.append("")
            out += [title, mark * len(title), ""]
            continue
        bullet = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if bullet:
            out.append(f"{bullet.group(1)}- {_inline(bullet.group(2))}")
            continue
        out.append(_inline(line))
    return "\n".join(out).rstrip() + "\n"


def _write_changelog() -> None:
    source = ROOT / "CHANGELOG.md"
    target = HERE / "_generated" / "changelog.rst.inc"
    target.parent.mkdir(exist_ok=True)
    text = markdown_to_rst(source.read_text(encoding="utf-8"))
    # rewrite only when changed, so Sphinx does not rebuild for nothing
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


_write_changelog()

# Keep the doctests off the network and away from the user's own settings.
os.environ.pop("IMGUR_CLIENT_ID", None)


# -- docstring tidying ------------------------------------------------------------------------
_FIELD = re.compile(r"^:[^:\s][^:]*:")


def _tidy_docstring(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Make small layout slips in docstrings render instead of failing the build.

    * A paragraph written right under a field list (``:param x: ...`` then
      ``Costs 1 request.``) gets the blank line reStructuredText wants.
    * The model classes' field list (``:ivar ...:``, added by
      :func:`pyimgur.models.base.model`) sits at column 0 while the prose
      before it keeps its source indentation; that prose is dedented so it is
      not shown as a quotation.
    """
    first_field = next((i for i, line in enumerate(lines) if line.startswith(":ivar ")), None)
    if first_field is not None and first_field > 1:
        body = lines[1:first_field]
        indents = [len(s) - len(s.lstrip()) for s in body if s.strip()]
        margin = min(indents, default=0)
        if margin:
            lines[1:first_field] = [s[margin:] if s.strip() else s for s in body]
    in_field = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if _FIELD.match(line):
            in_field = True
        elif not line.strip():
            in_field = False
        elif in_field and not line.startswith((" ", "\t")):
            lines.insert(index, "")
            in_field = False
            index += 1
        index += 1


def setup(app: object) -> None:
    app.connect("autodoc-process-docstring", _tidy_docstring)  # type: ignore[attr-defined]
