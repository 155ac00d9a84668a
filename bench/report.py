"""Targets, the printed table and the reStructuredText table of a benchmark run."""

from __future__ import annotations

from typing import Any, Optional

#: issue 9's targets
WALL_RATIO_MAX = 1.15  # scenarios 1-3 over HTTPS
THROUGHPUT_RATIO_MIN = 0.9  # scenario 5
PEAK_MB_MAX = 32.0  # scenarios 5, 6, 11, 12, 15 and 16, above baseline
#: issue 18's targets (time ratios, HTTPS): scenario -> most pyimgur / rival
MANY_AT_ONCE_MAX = {8: 0.55, 9: 1.15, 10: 0.2}
#: issue 16's targets
GATHER_RATIO_MAX = 0.2  # scenario 13 (its own +20 ms): at once / one by one
ASYNC_OVERHEAD_MAX = 1.15  # scenario 14 over HTTPS: AsyncImgur / httpx.AsyncClient


def _fmt_seconds(seconds: Optional[float]) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.0f} ms"
    return f"{seconds:.2f} s"


def _counts(values: list[Optional[int]]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "?"
    low, high = min(known), max(known)
    return str(low) if low == high else f"{low}..{high}"


def targets(results: list[dict[str, Any]], latency_ms: float = 0.0) -> list[dict[str, Any]]:
    """Every target of issues 9, 16 and 18 that this run can judge, met or missed.

    Overlapping requests pays only when requests wait: the targets of
    scenarios 8-10 are judged only in runs with ``--latency``.
    """
    found: list[dict[str, Any]] = []

    def add(what: str, row: dict[str, Any], value: Any, limit: Any, met: bool) -> None:
        found.append({"target": what, "scenario": row["scenario"], "protocol": row["protocol"],
                      "value": value, "limit": limit, "met": bool(met)})

    for row in results:
        if row.get("error"):
            add("scenario runs", row, row["error"], "no error", False)
            continue
        made = [n for n in row["pyimgur"]["requests"] if n is not None]
        add("requests == minimum", row, max(made) if made else None, row["minimum"],
            bool(made) and all(n == row["minimum"] for n in made))
        if row["scenario"] in (1, 2, 3) and row["protocol"] == "https":
            add(f"wall time <= {WALL_RATIO_MAX}x plain", row, row["ratio"], WALL_RATIO_MAX,
                row["ratio"] is not None and row["ratio"] <= WALL_RATIO_MAX)
        limit = MANY_AT_ONCE_MAX.get(row["scenario"])
        if limit is not None and row["protocol"] == "https" and latency_ms > 0:
            add(f"wall time <= {limit}x plain", row, row["ratio"], limit,
                row["ratio"] is not None and row["ratio"] <= limit)
        if row["scenario"] == 13:
            add(f"at once <= {GATHER_RATIO_MAX}x one by one", row, row["ratio"],
                GATHER_RATIO_MAX, row["ratio"] is not None and row["ratio"] <= GATHER_RATIO_MAX)
        if row["scenario"] == 14 and row["protocol"] == "https":
            add(f"wall time <= {ASYNC_OVERHEAD_MAX}x httpx", row, row["ratio"],
                ASYNC_OVERHEAD_MAX,
                row["ratio"] is not None and row["ratio"] <= ASYNC_OVERHEAD_MAX)
        if row["scenario"] == 5:
            add(f"throughput >= {THROUGHPUT_RATIO_MIN}x plain", row, row["ratio"],
                THROUGHPUT_RATIO_MIN,
                row["ratio"] is not None and row["ratio"] >= THROUGHPUT_RATIO_MIN)
        memory = (row.get("memory") or {}).get("pyimgur")
        if memory:
            peak = memory.get("peak_rss_mb")
            add(f"peak memory < {PEAK_MB_MAX:g} MB above baseline", row, peak, PEAK_MB_MAX,
                peak is not None and peak < PEAK_MB_MAX)
    return found


def _ratio_text(row: dict[str, Any]) -> str:
    ratio = row.get("ratio")
    if ratio is None:
        return "-"
    return f"{ratio:.2f}x" + (" tput" if row["kind"] == "download" else "")


def _figure(row: dict[str, Any], client: str) -> str:
    side = row[client]
    if row["kind"] == "download" and side.get("mb_per_s"):
        return f"{side['mb_per_s']:.0f} MB/s"
    if row["kind"] == "micro":
        unit = "/item" if row["scenario"] == 7 else "/call"
        return _fmt_seconds(side.get("best_s")) + unit
    return _fmt_seconds(side.get("best_s"))


def _memory_text(row: dict[str, Any]) -> str:
    memory = row.get("memory")
    if not memory:
        return ""
    parts = []
    for client in ("pyimgur", "plain"):
        peak = (memory.get(client) or {}).get("peak_rss_mb")
        parts.append("?" if peak is None else f"{peak:.1f}")
    return " / ".join(parts)


COLUMNS = ("#", "scenario", "proto", "requests py/plain/min", "pyimgur", "plain", "ratio",
           "cpu ratio", "peak MB py / plain")


def rows(results: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    table = []
    for row in results:
        if row.get("error"):
            table.append((str(row["scenario"]), row["title"], row["protocol"],
                           "ERROR", row["error"][:60], "", "", "", ""))
            continue
        requests = (f"{_counts(row['pyimgur']['requests'])}/"
                    f"{_counts(row['plain']['requests'])}/{row['minimum']}")
        table.append((str(row["scenario"]), row["title"], row["protocol"], requests,
                      _figure(row, "pyimgur"), _figure(row, "plain"), _ratio_text(row),
                      f"{row['cpu_ratio']:.2f}x" if row.get("cpu_ratio") else "-",
                      _memory_text(row)))
    return table


def text_table(results: list[dict[str, Any]]) -> str:
    body = rows(results)
    widths = [max(len(COLUMNS[i]), *(len(r[i]) for r in body)) if body else len(COLUMNS[i])
              for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in body)
    return "\n".join(lines)


def rst_table(results: list[dict[str, Any]]) -> str:
    """The same table as an RST ``list-table`` (for docs/performance.rst)."""
    out = [".. list-table::", "   :header-rows: 1", ""]
    for line in [COLUMNS, *rows(results)]:
        for number, cell in enumerate(line):
            out.append((("   * - " if number == 0 else "     - ") + cell).rstrip())
    return "\n".join(out)


def targets_text(found: list[dict[str, Any]]) -> str:
    lines = []
    for target in found:
        if target["target"] == "requests == minimum" and target["met"]:
            continue  # summarised below
        value = target["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        lines.append(f"  {'met   ' if target['met'] else 'MISSED'} scenario {target['scenario']} "
                     f"{target['protocol']}: {target['target']} (got {shown})")
    counted = [t for t in found if t["target"] == "requests == minimum"]
    exact = sum(t["met"] for t in counted)
    lines.insert(0, f"  request counts at the minimum: {exact} of {len(counted)} rows")
    return "\n".join(lines)
