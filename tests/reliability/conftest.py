"""Reliability suite fixtures, and the fault matrix printed at the end of the run.

Each fault-matrix test records its cell with :func:`record_cell`; with
``--reliability-report`` the ``pytest_terminal_summary`` hook below prints
the figures and every table that got cells (calls x faults, with outcomes),
marking with ``!`` any cell that differs from what the retry policy promises;
without it, one line says how many were recorded.  Set ``PYIMGUR_FAULT_MATRIX_RST`` to a
file path to also get the tables as an rst fragment (the copy kept in
``docs/reliability.rst`` is checked against the expected tables by
``test_docs_matrix_is_current``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pyimgur.testing import FakeImgur

from .matrix import LEGEND, render_rst, render_text, table_rows

#: table name -> {(fault key, call key): (actual cell, expected cell)}
_CELLS: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
_LOCK = threading.Lock()
TABLE_TITLES = {
    "transient": "Fault on the first request only (in process)",
    "persistent": "Fault on every request (in process)",
    "loopback": "Fault on the first request, over HTTP on 127.0.0.1",
}


#: name -> text of the figures measured by the concurrency and soak tests
FIGURES: dict[str, str] = {}


def record_figure(name: str, text: str) -> None:
    with _LOCK:
        FIGURES[name] = text


def open_sockets() -> int:
    """The sockets this process holds open (from /proc/self/fd)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        except OSError:  # closed since listed
            pass
    return count


@pytest.fixture
def big_budget_fake() -> FakeImgur:
    """A seeded sandbox with budgets large enough for thousands of calls, 60 more posts."""
    fake = FakeImgur(user_limit=1_000_000, client_limit=1_000_000, post_limit=1_000_000)
    fake.populate_gallery(60)
    return fake


@pytest.fixture
def served(big_budget_fake: FakeImgur) -> Iterator[str]:
    """``big_budget_fake`` over HTTP on 127.0.0.1."""
    with big_budget_fake.serve(lifetime=900) as url:
        yield str(url)


def record_cell(table: str, fault: str, call: str, actual: str, wanted: str) -> None:
    """Keep one cell of the matrix for the end-of-run summary."""
    with _LOCK:
        _CELLS.setdefault(table, {})[(fault, call)] = (actual, wanted)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    write = terminalreporter.write_line
    if not config.getoption("reliability_report", default=False):
        write_rst_fragment(write)
        cells = sum(len(cells) for cells in _CELLS.values())
        if FIGURES or cells:
            write(f"pyimgur reliability: {len(FIGURES)} figures and {cells} fault-matrix cells"
                  " recorded; --reliability-report prints them")
        return
    if FIGURES:
        terminalreporter.section("pyimgur reliability figures")
        for name, text in FIGURES.items():
            write(f"{name}: {text}")
    if not _CELLS:
        return
    terminalreporter.section("pyimgur fault matrix (calls x faults)")
    write(LEGEND.replace("``", ""))
    for table in sorted(_CELLS, key=lambda name: list(TABLE_TITLES).index(name)):
        cells = shown_cells(table)
        rows = table_rows(cells)
        write("")
        write(f"{TABLE_TITLES[table]}: {len(cells)} cells")
        for line in render_text(rows).splitlines():
            write(line)
    write_rst_fragment(write)


def shown_cells(table: str) -> dict[tuple[str, str], str]:
    """The cells of ``table``, each marked with what was wanted when it differs."""
    return {
        key: actual if actual == wanted else f"{actual} ! want {wanted}"
        for key, (actual, wanted) in _CELLS[table].items()
    }


def write_rst_fragment(write: Any) -> None:
    """With ``PYIMGUR_FAULT_MATRIX_RST`` set, the tables as rst in that file."""
    target = os.environ.get("PYIMGUR_FAULT_MATRIX_RST")
    if not target or not _CELLS:
        return
    fragments = []
    for table in sorted(_CELLS, key=lambda name: list(TABLE_TITLES).index(name)):
        fragments.append(render_rst(table_rows(shown_cells(table)), TABLE_TITLES[table]))
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("\n".join(fragments))
    write(f"\nfault matrix written to {target}")
