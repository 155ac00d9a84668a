"""pyimgur's benchmark: requests made, time and memory next to a plain ``requests.Session``.

Usage (from the repository root)::

    python bench/run.py                  # the full run of issue 9 (a few minutes)
    python bench/run.py --quick          # CI: smaller uploads, 3 repeats (~20 s)
    python bench/run.py --latency 20     # add 20 ms to every request
    python bench/run.py --latency 20 --connect-latency 40 --scenarios 8,9,10,11,12
                                         # many at once: +40 ms per new connection too
    python bench/run.py --profile 1      # cProfile one scenario, both clients
    python bench/run.py --rst            # also print the table for the docs

For each protocol (HTTP and HTTPS with a self-signed certificate) it starts
the sandbox in a process of its own (``bench/server.py``), then runs every
scenario with pyimgur and with a plain session, alternately, ``repeats``
times, counting the requests the sandbox receives.  Ratios compare each
client's best run (other load on the machine only ever adds time); every
run's wall and CPU time is in the JSON.  Scenarios 5 and 6 are
also run once each in a child process to measure peak memory
(``bench/memory.py``).  It prints a table and writes JSON (``--out``,
default ``bench/results.json``).

Exit status: 0 when the harness worked, whatever the timings and memory;
1 when the harness broke: a scenario raised, pyimgur or the plain session
made a number of requests other than the minimum, the client's count of
responses differs from the sandbox's count, or the two clients read
different answers.  Request counts are deterministic, so they are asserted;
timings never are (``--strict`` makes missed time and memory targets fail too).
2 for bad arguments.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Optional

import report
from async_scenarios import BY_NUMBER, SCENARIOS, missing_async
from harness import MB, MODES, ROOT, Ctx, Server, Sizes
from scenarios import Scenario, describe, parallel_upload_file, upload_files

import pyimgur

CLIENTS = ("pyimgur", "plain")


def normal(value: Any) -> Any:
    """``value`` as JSON would give it back (tuples become lists)."""
    return json.loads(json.dumps(value))


def timed_runs(scenario: Scenario, ctx: Ctx, server: Server, sizes: Sizes) -> dict[str, Any]:
    """Run a wall-clock scenario with both clients, alternating, and count requests."""
    sides: dict[str, dict[str, Any]] = {
        name: {"requests": [], "client_requests": [], "seconds": [], "cpu_seconds": []}
        for name in CLIENTS
    }
    answers: dict[str, Any] = {}
    functions = {"pyimgur": scenario.pyimgur, "plain": scenario.plain}
    rounds = sizes.repeats + (1 if sizes.warmup else 0)
    for number in range(rounds):
        order = CLIENTS if number % 2 == 0 else CLIENTS[::-1]
        for name in order:
            gc.collect()
            before, hits = server.count(), ctx.hits
            started, cpu = time.perf_counter(), time.process_time()
            answer = functions[name](ctx)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            sides[name]["requests"].append(server.count() - before)
            sides[name]["client_requests"].append(ctx.hits - hits)
            if scenario.kind == "upload":
                server.purge()
            if number > 0 or not sizes.warmup:
                sides[name]["seconds"].append(elapsed)
                sides[name]["cpu_seconds"].append(cpu)
            answers[name] = normal(answer)
    for side in sides.values():
        side["median_s"] = statistics.median(side["seconds"])
        side["best_s"] = min(side["seconds"])
        side["median_cpu_s"] = statistics.median(side["cpu_seconds"])
        side["best_cpu_s"] = min(side["cpu_seconds"])
    row = {"pyimgur": sides["pyimgur"], "plain": sides["plain"],
           "same_answer": answers["pyimgur"] == answers["plain"]}
    # Ratios compare the best run of each client: other processes on the
    # machine only ever add time, so the best run is the least disturbed one.
    # The medians are in the JSON too.
    py, plain = sides["pyimgur"]["best_s"], sides["plain"]["best_s"]
    # the client's own CPU time: what pyimgur adds, without the sandbox's share
    row["cpu_ratio"] = sides["pyimgur"]["best_cpu_s"] / sides["plain"]["best_cpu_s"]
    if scenario.kind == "download":
        total = ctx.fx["huge_bytes" if scenario.number == 11 else "download_bytes"] / MB
        for side in sides.values():
            side["mb_per_s"] = total / side["best_s"]
        row["ratio"] = plain / py  # throughput ratio: higher is better
    else:
        row["ratio"] = py / plain  # time ratio: lower is better
    return row


def micro_runs(scenario: Scenario, ctx: Ctx) -> dict[str, Any]:
    """Run a network-free scenario (it times its own loop) with both clients."""
    row: dict[str, Any] = {}
    answers = {}
    for name, function in (("pyimgur", scenario.pyimgur), ("plain", scenario.plain)):
        gc.collect()
        measured = function(ctx)
        answers[name] = normal(measured.pop("result"))
        requests = measured.pop("requests")
        client = measured.pop("client_requests")
        per_op = measured.pop("per_op_s")  # already the best of 5 loops
        row[name] = {"requests": [requests], "client_requests": [client],
                     "median_s": per_op, "best_s": per_op, **measured}
    row["same_answer"] = scenario.number == 4 or answers["pyimgur"] == answers["plain"]
    if scenario.number == 4:
        # neither object has the attribute; the unfetched image stays unfetched
        row["same_answer"] = answers["pyimgur"] is False and answers["plain"] is False
        row["same_answer"] = row["same_answer"] and row["pyimgur"].get("still_unfetched", False)
    row["ratio"] = row["pyimgur"]["best_s"] / row["plain"]["best_s"]
    return row


def memory_runs(scenario: Scenario, ctx: Ctx, server: Server, sizes: Sizes) -> dict[str, Any]:
    """Peak memory of one run of each client, each in a fresh child process."""
    found = {}
    for name in CLIENTS:
        spec = {"mode": sizes.mode, "url": ctx.url, "cert": ctx.cert, "workdir": ctx.workdir,
                "fixtures": {k: v for k, v in ctx.fx.items() if k != "page"},
                "scenario": scenario.number, "client": name}
        before = server.count()
        done = subprocess.run([sys.executable, os.path.abspath(__file__), "--child"],
                              input=json.dumps(spec), capture_output=True, text=True,
                              timeout=900, check=False)
        made = server.count() - before
        if scenario.kind == "upload":
            server.purge()
        if done.returncode != 0:
            raise RuntimeError(f"memory run of {name} failed: {done.stderr.strip()[-500:]}")
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        measured.pop("answer", None)
        measured["requests"] = made
        found[name] = measured
    return found


def run_scenario(scenario: Scenario, ctx: Ctx, server: Server, sizes: Sizes,
                 memory: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "scenario": scenario.number, "title": describe(scenario, sizes),
        "protocol": server.protocol if scenario.network else "-",
        "kind": scenario.kind, "minimum": scenario.minimum(sizes), "why": scenario.why,
        "error": None,
    }
    try:
        if scenario.kind == "upload":
            upload_files(ctx.workdir, sizes)  # made before the clock starts
            parallel_upload_file(ctx.workdir, sizes)
        if scenario.network:
            row.update(timed_runs(scenario, ctx, server, sizes))
        else:
            row.update(micro_runs(scenario, ctx))
        if memory and scenario.kind in ("download", "upload"):
            row["memory"] = memory_runs(scenario, ctx, server, sizes)
            for name in CLIENTS:
                row[name]["requests"].append(row["memory"][name]["requests"])
                row[name]["client_requests"].append(row["memory"][name]["client_requests"])
    except Exception as error:  # reported as a harness failure
        row["error"] = f"{type(error).__name__}: {error}"
    return row


def harness_problems(results: list[dict[str, Any]]) -> list[str]:
    """What makes this run's figures meaningless (exit status 1)."""
    problems = []
    for row in results:
        where = f"scenario {row['scenario']} ({row['protocol']})"
        if row.get("error"):
            problems.append(f"{where}: {row['error']}")
            continue
        for name in CLIENTS:
            side = row[name]
            if any(n != row["minimum"] for n in side["requests"]):
                problems.append(f"{where}: {name} made {side['requests']} requests, "
                                f"the minimum is {row['minimum']}")
            if row["kind"] != "micro" and side["client_requests"] != side["requests"]:
                problems.append(f"{where}: {name} saw {side['client_requests']} responses, "
                                f"the sandbox counted {side['requests']}")
        if not row.get("same_answer"):
            problems.append(f"{where}: pyimgur and the plain session read different answers")
    return problems


def gallery_page(ctx: Ctx, count: int) -> list[dict[str, Any]]:
    """``count`` gallery posts as Imgur sends them (set-up of scenario 7)."""
    session = ctx.session()
    posts: list[dict[str, Any]] = []
    page = 0
    while len(posts) < count:
        items = ctx.get(session, f"3/gallery/user/time/day/{page}", showViral="true")
        if not items:
            break
        posts.extend(items)
        page += 1
    session.close()
    return posts[:count]


def machine() -> dict[str, Any]:
    import requests
    import requests_toolbelt  # type: ignore[import-untyped]
    import urllib3

    try:
        cores: Optional[int] = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    return {
        "uname": " ".join(platform.uname()),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "cores": cores,
        "openssl": ssl.OPENSSL_VERSION,
        "pyimgur": pyimgur.__version__,
        "pyimgur_path": os.path.dirname(pyimgur.__file__),
        "requests": requests.__version__,
        "urllib3": urllib3.__version__,
        "requests_toolbelt": requests_toolbelt.__version__,
    }


def profile(number: int, https: bool, latency: float, sizes: Sizes) -> int:
    """Print where the time of one scenario goes, for pyimgur and for the plain session."""
    scenario = BY_NUMBER[number]
    workdir = tempfile.mkdtemp(prefix="pyimgur-bench-")
    try:
        with Server(https, latency, sizes.mode) as server:
            ctx = Ctx(server.url, server.cert, dict(server.fixtures), sizes, workdir, server.count)
            if number == 7:
                ctx.fx["page"] = gallery_page(ctx, sizes.parse_items)
            for name, function in (("pyimgur", scenario.pyimgur), ("plain", scenario.plain)):
                function(ctx)  # warm up
                profiler = cProfile.Profile()
                started = time.perf_counter()
                profiler.runcall(function, ctx)
                elapsed = time.perf_counter() - started
                print(f"\n==== scenario {number} ({server.protocol}), {name}: "
                      f"{elapsed * 1000:.0f} ms under the profiler")
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def choose(numbers: list[int], mode: str) -> tuple[list[Scenario], list[dict[str, Any]]]:
    """The scenarios to run in this mode, and the ones left out with the reason."""
    chosen: list[Scenario] = []
    skipped: list[dict[str, Any]] = []
    why_not_async = missing_async()
    for scenario in SCENARIOS:
        if scenario.number not in numbers:
            continue
        if mode not in scenario.modes:
            reason = f"not in {mode} mode (only {', '.join(scenario.modes)})"
        elif scenario.needs_async and why_not_async:
            reason = why_not_async
        else:
            chosen.append(scenario)
            continue
        skipped.append({"scenario": scenario.number, "reason": reason})
    return chosen, skipped


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py", description=__doc__.split("\n")[0],
        epilog="Exit status: 0 harness worked (timings never fail it), 1 harness broke "
               "(an error, a request count off the minimum, different answers), 2 usage.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true",
                      help="CI size: uploads of 2 MB and 20 MB, 3 repeats, no warm-up")
    size.add_argument("--tiny", action="store_true",
                      help="seconds-long run for the harness's own test (counts only)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results.json"),
                        help="where to write the JSON (default bench/results.json)")
    parser.add_argument("--latency", type=float, default=0.0, metavar="MS",
                        help="milliseconds the sandbox adds to every request")
    parser.add_argument("--connect-latency", type=float, default=0.0, metavar="MS",
                        help="milliseconds the sandbox adds once per new connection")
    parser.add_argument("--protocols", default="http,https",
                        help="comma-separated: http, https (default both)")
    parser.add_argument("--scenarios", default=",".join(str(n) for n in BY_NUMBER),
                        help="comma-separated scenario numbers (default all; 13-16 are "
                             "AsyncImgur's and run when it is installed)")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per client")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the peak-memory child processes (download and upload "
                             "scenarios)")
    parser.add_argument("--strict", action="store_true",
                        help="also exit 1 when a time or memory target is missed")
    parser.add_argument("--rst", action="store_true", help="also print the table as RST")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="cProfile scenario N (first protocol) instead of benchmarking")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.protocol_list = [p.strip() for p in args.protocols.split(",") if p.strip()]
        args.scenario_list = [int(s) for s in args.scenarios.split(",") if s.strip()]
    except ValueError:
        parser.error("--scenarios takes numbers, e.g. 1,2,3")
    if not args.protocol_list or set(args.protocol_list) - {"http", "https"}:
        parser.error("--protocols takes http and/or https")
    if set(args.scenario_list) - set(BY_NUMBER) or not args.scenario_list:
        parser.error(f"--scenarios takes numbers from 1 to {max(BY_NUMBER)}")
    if args.profile is not None and args.profile not in BY_NUMBER:
        parser.error(f"--profile takes a scenario number from 1 to {max(BY_NUMBER)}")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.latency < 0 or args.connect_latency < 0:
        parser.error("--latency and --connect-latency must be 0 or more")
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    if args.child:
        from memory import child_main

        return child_main()
    mode = "tiny" if args.tiny else "quick" if args.quick else "full"
    sizes = MODES[mode]
    if args.repeat is not None:
        sizes = Sizes(**{**sizes.to_json(), "repeats": args.repeat})
    if args.profile is not None:
        return profile(args.profile, args.protocol_list[0] == "https", args.latency, sizes)
    chosen, skipped = choose(args.scenario_list, mode)
    for row in skipped:
        print(f"scenario {row['scenario']} skipped: {row['reason']}", flush=True)
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    workdir = tempfile.mkdtemp(prefix="pyimgur-bench-")
    say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    try:
        for protocol in args.protocol_list:
            with Server(protocol == "https", args.latency, mode,
                        args.connect_latency) as server:
                ctx = Ctx(server.url, server.cert, dict(server.fixtures), sizes, workdir,
                          server.count)
                ctx.fx["page"] = gallery_page(ctx, sizes.parse_items)
                first = protocol == args.protocol_list[0]
                for scenario in chosen:
                    if not scenario.network and not first:
                        continue  # no network: once is enough
                    say(f"[{protocol}] scenario {scenario.number}: {scenario.title}")
                    if scenario.latency_ms is not None:
                        server.latency(scenario.latency_ms(sizes))
                    results.append(run_scenario(scenario, ctx, server, sizes,
                                                memory=not args.no_memory))
                    if scenario.latency_ms is not None:
                        server.latency(args.latency)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results.sort(key=lambda row: (row["scenario"], row["protocol"]))
    found = report.targets(results, args.latency)
    problems = harness_problems(results)
    document = {
        "schema": 1,
        "mode": mode,
        "sizes": sizes.to_json(),
        "latency_ms": args.latency,
        "connect_latency_ms": args.connect_latency,
        "protocols": args.protocol_list,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - started, 2),
        "machine": machine(),
        "results": results,
        "skipped": skipped,
        "targets": found,
        "harness_ok": not problems,
        "problems": problems,
    }
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    notes = f"mode {mode}" + (f", latency {args.latency:g} ms" if args.latency else "")
    if args.connect_latency:
        notes += f", {args.connect_latency:g} ms per new connection"
    if mode != "full":
        notes += (f" (uploads {sizes.upload_image_bytes / MB:g} MB and "
                  f"{sizes.upload_video_bytes / MB:g} MB instead of 20 MB and 200 MB)")
    print(f"pyimgur {pyimgur.__version__} benchmark, {notes}, "
          f"{document['seconds']:.1f} s, Python {document['machine']['python']}")
    print(report.text_table(results))
    print("ratio: pyimgur time / plain time (tput: pyimgur throughput / plain throughput)")
    print(report.targets_text(found))
    if args.rst:
        print()
        print(report.rst_table(results))
    print(f"JSON written to {args.out}")
    for problem in problems:
        print(f"HARNESS PROBLEM: {problem}", file=sys.stderr)
    if problems:
        return 1
    if args.strict and not all(target["met"] for target in found):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
