"""The reliability tables print at the end of a run only with --reliability-report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_CELL = (
    "tests/reliability/test_fault_matrix.py::test_fault_matrix[transient-refused-image.title]"
)


def run_pytest(*extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_CELL, *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_tables_print_only_when_asked():
    quiet = run_pytest()
    assert "fault matrix (calls x faults)" not in quiet
    assert "1 fault-matrix cells recorded; --reliability-report prints them" in quiet
    loud = run_pytest("--reliability-report")
    assert "pyimgur fault matrix (calls x faults)" in loud
    assert "Fault on the first request only (in process): 1 cells" in loud
