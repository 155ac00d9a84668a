"""Peak memory of one scenario run, measured in a child process of its own.

The runner starts ``python bench/run.py --child`` with a JSON spec on stdin.
The child sets everything up (imports, the files to upload), takes its
resident size as the baseline, resets the kernel's high-water mark
(``echo 5 > /proc/self/clear_refs``), runs the scenario once under
``tracemalloc``, and prints one JSON line:

* ``peak_rss_mb``: ``VmHWM`` after the run minus ``VmRSS`` before it: every
  byte the process touched, C buffers (OpenSSL, sockets) included;
* ``traced_peak_mb``: the peak of Python allocations during the run.

Where ``clear_refs`` cannot be written (not Linux, or refused) the high-water
mark still holds the set-up's peak, so ``hwm_reset`` is ``false`` and the
figure is an upper bound.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from typing import Any, Optional

from async_scenarios import BY_NUMBER
from harness import MB, MODES, Ctx
from scenarios import parallel_upload_file, upload_files


def status_kb(name: str) -> Optional[int]:
    """A ``/proc/self/status`` figure in kB (``VmRSS``, ``VmHWM``), or None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_high_water_mark() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def child_main() -> int:
    spec: dict[str, Any] = json.loads(sys.stdin.read())
    sizes = MODES[spec["mode"]]
    ctx = Ctx(spec["url"], spec["cert"], spec["fixtures"], sizes, spec["workdir"])
    scenario = BY_NUMBER[spec["scenario"]]
    run = scenario.pyimgur if spec["client"] == "pyimgur" else scenario.plain
    if scenario.kind == "upload":
        upload_files(ctx.workdir, sizes)
        parallel_upload_file(ctx.workdir, sizes)
    gc.collect()
    baseline = status_kb("VmRSS")
    reset = reset_high_water_mark()
    tracemalloc.start()
    started = time.perf_counter()
    answer = run(ctx)
    elapsed = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    high = status_kb("VmHWM")
    peak = None if baseline is None or high is None else max(0, high - baseline) / 1024
    print(json.dumps({
        "peak_rss_mb": peak,
        "traced_peak_mb": traced_peak / MB,
        "baseline_rss_mb": None if baseline is None else baseline / 1024,
        "hwm_reset": reset,
        "seconds": elapsed,
        "client_requests": ctx.hits,
        "answer": answer,
    }))
    return 0
