"""The fault matrix, in process: every kind of call against every fault.

For each cell: the outcome is exactly what the retry policy promises (result,
requests sent, token refreshes, writes carried out); every failure is a
:class:`pyimgur.ImgurError` naming the call, never a raw ``requests``,
``json`` or ``KeyError`` exception; creating and toggling writes are carried
out at most once, and the sandbox's state agrees with its request log; a
call that succeeds returns the right value and leaves the right state.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pyimgur

from .conftest import TABLE_TITLES, record_cell
from .matrix import (
    CALLS,
    CREATE,
    FAULTS,
    IDEMPOTENT,
    MODES,
    READ,
    TOGGLE,
    Call,
    Fault,
    expected,
    render_rst,
    run_case,
    table_rows,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reliability.rst"
LOOPBACK_FAULTS = ("reset", "timeout", "timeout_applied", "drop_applied", "503",
                   "429_no_budget", "truncated", "slow")
LOOPBACK_CALLS = ("image.title", "image.download", "album.update", "comment", "favorite")
CASES = [
    pytest.param(mode, fault, call, id=f"{mode}-{fault.key}-{call.key}")
    for mode in MODES
    for fault in FAULTS
    for call in CALLS
]


@pytest.mark.parametrize(("mode", "fault", "call"), CASES)
def test_fault_matrix(mode: str, fault: Fault, call: Call) -> None:
    played = run_case(call, fault, mode)
    wanted = expected(call, fault, mode)
    record_cell(mode, fault.key, call.key, played.outcome.cell(), wanted.cell())

    error = played.error
    if error is not None:
        assert isinstance(error, pyimgur.ImgurError), (
            f"raw {type(error).__module__}.{type(error).__name__} escaped: {error!r}"
        )
        assert error.method == call.method
        pattern = call.path.replace("^cdn/", "^")  # a CDN error names the file's path
        assert error.path is not None and re.search(pattern, error.path.lstrip("/"))
        if not isinstance(error, pyimgur.TransportError):
            assert error.status is not None
    assert played.outcome == wanted

    if call.kind in (CREATE, TOGGLE):
        assert played.outcome.applied is not None and played.outcome.applied <= 1
        assert played.effect == played.outcome.applied, "the state disagrees with the log"
    if played.outcome.result == "ok":
        assert call.check is None or call.check(played.fake, played.value, played.text)
        if call.kind in (CREATE, TOGGLE):
            assert played.effect == 1
    elif call.kind == IDEMPOTENT and wanted.applied:
        # raised, but what Imgur carried out is there: the title is set, the image gone
        assert call.check is not None and call.check(played.fake, True, played.text)


def test_every_kind_of_call_and_fault_is_in_the_matrix() -> None:
    kinds = {call.kind for call in CALLS}
    assert kinds == {READ, IDEMPOTENT, CREATE, TOGGLE}
    statuses = {f.sandbox.get("status") for f in FAULTS if f.sandbox.get("kind") == "status"}
    assert {500, 502, 503, 504, 200} <= statuses
    shapes = {f.sandbox["body_shape"] for f in FAULTS if f.sandbox.get("kind") == "rate_limit"}
    assert shapes == {"classic", "nested", "jsonapi", "data_false"}


def _expected_table(table: str) -> str:
    mode = "transient" if table == "loopback" else table
    cells = {
        (fault.key, call.key): expected(call, fault, mode).cell()
        for fault in FAULTS
        for call in CALLS
        if table != "loopback" or (fault.key in LOOPBACK_FAULTS and call.key in LOOPBACK_CALLS)
    }
    return render_rst(table_rows(cells), TABLE_TITLES[table])


@pytest.mark.parametrize("table", [*MODES, "loopback"])
def test_docs_matrix_is_current(table: str) -> None:
    """docs/reliability.rst carries the matrix these tests prove, cell for cell."""
    assert _expected_table(table) in DOCS.read_text(encoding="utf-8"), (
        f"docs/reliability.rst is out of date; regenerate the tables with "
        f"PYIMGUR_FAULT_MATRIX_RST=/tmp/m.rst python -m pytest tests/reliability "
        f"-k fault_matrix and paste the {table} table"
    )

LOOPBACK_CASES = [
    pytest.param(fault, call, id=f"{fault.key}-{call.key}")
    for fault in FAULTS if fault.key in LOOPBACK_FAULTS
    for call in CALLS if call.key in LOOPBACK_CALLS
]


@pytest.mark.slow
@pytest.mark.parametrize(("fault", "call"), LOOPBACK_CASES)
def test_fault_matrix_over_loopback(fault: Fault, call: Call) -> None:
    """The same promises over real sockets: resets, timeouts and drops are real here."""
    played = run_case(call, fault, "transient", loopback=True)
    wanted = expected(call, fault, "transient")
    record_cell("loopback", fault.key, call.key, played.outcome.cell(), wanted.cell())
    assert played.error is None or isinstance(played.error, pyimgur.ImgurError), played.error
    assert played.outcome == wanted
    if call.kind in (CREATE, TOGGLE):
        assert played.effect == played.outcome.applied
