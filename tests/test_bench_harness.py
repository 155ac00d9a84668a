"""The benchmark harness (``bench/run.py``) in its tiny mode: JSON shape and request counts.

Only what is deterministic is asserted: the scenarios run, the JSON has its
shape, and every client made exactly the minimum number of requests.
Timings are never asserted (they are the harness's output, not its health).
Everything runs against the sandbox on 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

#: the tiny mode's sizes: 20 images, 120 posts by 10 authors, album of 50, 3 downloads,
#: 4 files at once
#: and issue 16's AsyncImgur scenarios: 10 images at once, 20 images, 3 downloads, 1 upload
MINIMUM = {1: 20, 2: 2 + 10, 3: 1, 4: 0, 5: 3 + 1, 6: 2, 7: 0, 8: 3 + 1, 9: 3 + 1, 10: 20,
           11: 4 + 1, 12: 4, 13: 10, 14: 20, 15: 3 + 1, 16: 1}
ASYNC = (13, 14, 15, 16)


def async_available() -> bool:
    try:
        import pyimgur

        pyimgur.AsyncImgur
    except (AttributeError, ImportError):
        return False
    return True


#: the async scenarios run where pyimgur.AsyncImgur can be imported (the harness runs in a
#: child process of this same interpreter), and are skipped with the reason elsewhere
NETWORK = (1, 2, 3, 5, 6, 8, 9, 10, 11, 12) + (ASYNC if async_available() else ())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Any]:
    out = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--tiny", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert out.exists(), done.stderr[-2000:]
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_harness_exits_zero_and_reports_no_problem(tiny: Any) -> None:
    done, document = tiny
    assert done.returncode == 0, done.stderr[-2000:]
    assert document["harness_ok"] is True
    assert document["problems"] == []
    rows = 2 * len(NETWORK) + 2
    assert f"request counts at the minimum: {rows} of {rows} rows" in done.stdout


def test_every_scenario_runs_over_http_and_https(tiny: Any) -> None:
    _, document = tiny
    seen = {(row["scenario"], row["protocol"]) for row in document["results"]}
    network = {(n, p) for n in NETWORK for p in ("http", "https")}
    assert seen == network | {(4, "-"), (7, "-")}
    assert all(row["error"] is None for row in document["results"])


def test_request_counts_equal_the_minimum_for_both_clients(tiny: Any) -> None:
    _, document = tiny
    for row in document["results"]:
        assert row["minimum"] == MINIMUM[row["scenario"]]
        for client in ("pyimgur", "plain"):
            counts = row[client]["requests"]
            assert counts, (row["scenario"], client)
            assert all(n == row["minimum"] for n in counts), (row["scenario"], client, counts)
            if row["kind"] != "micro":
                # what the clients saw is what the sandbox received
                assert row[client]["client_requests"] == counts


def test_async_scenarios_run_or_say_why_not(tiny: Any) -> None:
    done, document = tiny
    skipped = {row["scenario"]: row["reason"] for row in document["skipped"]}
    if async_available():
        assert skipped == {}
    else:
        assert set(skipped) == set(ASYNC)
        assert all("pyimgur.AsyncImgur is not available" in why for why in skipped.values())
        assert "scenario 13 skipped: pyimgur.AsyncImgur is not available" in done.stdout


def test_quick_mode_leaves_out_the_async_memory_scenarios() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import run  # the harness module, bench/run.py
    finally:
        sys.path.remove(str(BENCH))
    chosen, skipped = run.choose(list(MINIMUM), "quick")
    left_out = {row["scenario"]: row["reason"] for row in skipped}
    assert {15, 16} <= set(left_out)
    assert left_out[15] == "not in quick mode (only full, tiny)"
    assert {s.number for s in chosen} >= {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}


def test_shared_fetches_make_the_gallery_scenario_cost_12(tiny: Any) -> None:
    _, document = tiny
    gallery = [row for row in document["results"] if row["scenario"] == 2]
    assert {n for row in gallery for n in row["pyimgur"]["requests"]} == {12}


def test_both_clients_read_the_same_answers(tiny: Any) -> None:
    _, document = tiny
    assert all(row["same_answer"] for row in document["results"])


def test_json_shape(tiny: Any) -> None:
    _, document = tiny
    assert document["schema"] == 1
    assert document["mode"] == "tiny"
    assert document["sizes"]["images"] == 20
    for key in ("uname", "python", "cores", "openssl", "pyimgur", "requests", "urllib3"):
        assert key in document["machine"]
    for row in document["results"]:
        for client in ("pyimgur", "plain"):
            assert isinstance(row[client]["median_s"], float)
            assert 0 < row[client]["best_s"] <= row[client]["median_s"]
        assert isinstance(row["ratio"], float)
        if row["kind"] in ("download", "upload"):
            for client in ("pyimgur", "plain"):
                memory = row["memory"][client]
                assert isinstance(memory["peak_rss_mb"], float)
                assert isinstance(memory["traced_peak_mb"], float)
        if row["kind"] == "download":
            assert row["pyimgur"]["mb_per_s"] > 0
    kinds = {target["target"] for target in document["targets"]}
    assert "requests == minimum" in kinds
    assert any(kind.startswith("wall time") for kind in kinds)
    assert any(kind.startswith("peak memory") for kind in kinds)
    for target in document["targets"]:
        assert set(target) == {"target", "scenario", "protocol", "value", "limit", "met"}


def _problems(rows: list[dict[str, Any]]) -> list[str]:
    sys.path.insert(0, str(BENCH))
    try:
        import run  # the harness module, bench/run.py
    finally:
        sys.path.remove(str(BENCH))
    problems: list[str] = run.harness_problems(rows)
    return problems


def _row(py: list[int], plain: list[int], minimum: int = 12) -> dict[str, Any]:
    return {"scenario": 2, "protocol": "https", "kind": "wall", "minimum": minimum,
            "error": None, "same_answer": True,
            "pyimgur": {"requests": py, "client_requests": py},
            "plain": {"requests": plain, "client_requests": plain}}


def test_a_count_off_the_minimum_is_a_harness_problem() -> None:
    assert _problems([_row([12, 12], [12, 12])]) == []
    problems = _problems([_row([12, 120], [12, 12])])
    assert len(problems) == 1
    assert "pyimgur made [12, 120] requests, the minimum is 12" in problems[0]
    assert _problems([_row([12], [13])])[0].startswith("scenario 2 (https): plain made")


def test_an_error_or_different_answers_are_harness_problems() -> None:
    failed = dict(_row([12], [12]), error="ConnectionError: refused")
    assert _problems([failed]) == ["scenario 2 (https): ConnectionError: refused"]
    differs = dict(_row([12], [12]), same_answer=False)
    assert "different answers" in _problems([differs])[0]
