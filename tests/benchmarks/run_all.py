"""Every benchmark of issue 6 in one command, printing one JSON report.

    .venv/bin/python tests/benchmarks/run_all.py

(about 7 minutes on a 2-core machine; ``--quick`` runs a reduced size in about a
minute, to check the script itself; ``--ratios`` runs only the two start-up ratios).
Not collected by pytest (not ``test_*``).

The report:

- ``ratios``: the two start-up ratios of issue 14, from this one run:
  ``walk_json_cpu`` = CPU time (user + system) of ``pathways walk --json`` on the shipped
  pack (every question answered) / CPU time of ``python -c "import yaml, pydantic"``,
  fresh processes, runs interleaved, medians (limit 2.0); ``welcome_with_notice`` =
  process start to the welcome screen drawn with the pack's notice / a bare Textual app
  (``first_screen.pack_ready_ratio``, limit 1.5). The package's bytecode is compiled
  first (``compileall``), as an installed copy has it: under PYTHONDONTWRITEBYTECODE
  every run would compile ``pathways/`` from source again (~50 ms). Measured on
  2026-11-23 21:08-21:10 UTC (README's Performance table has the runs, their load
  averages and where the time goes): walk_json_cpu 1.31, 1.36, 1.30 (limit met: the rule
  model is validated by pydantic-core directly, ``pathways/core/records.py``),
  welcome_with_notice 1.35, 1.33, 1.34, 1.28, 1.30 (limit met: the pack is read by a child
  process while Textual is imported, ``pathways/pack_process.py``).
- ``first_screen``: ``pathways`` and a bare Textual app (one Static), each run as a
  person runs it, in a pseudo-terminal of 80x24, timed to what the terminal is sent: the
  first screen, the notice, and "1" typed the moment the notice appears to the walk
  drawn; runs interleaved; ``ratio`` = TUI / bare (``bench_tui.first_screen``).
- ``key_to_screen``: key sent to first frame written, p50 and p95, walking the
  shipped rules to the end through Pilot at 80x24 and 160x48 (``bench_tui.key_to_screen``).
- ``validate``: load + check of the shipped rules and of generated valid packs of
  1,000, 10,000 and 100,000 nodes (``bench_validate.write_pack``); median wall time.
- ``random_keys``: the full-size random-key run of tests/tui/test_random_keys.py
  (200 sequences of 60 keys, plus its burst and regression tests), split over
  ``--jobs`` pytest processes with seeds 1..jobs (repeatable); the number of sequences
  and keys actually run is counted by the test module itself.

- ``quotes``: a misquote against a 1 MB source, ``pathways validate --sources`` in a fresh
  process (median of 3), and the closest-passage search alone (``bench_quotes.run``; budget
  ``bench_quotes.BUDGET_S``).
- ``serve``: ``pathways serve`` with 30 browser sessions opened at once: time until all were
  drawn, memory per app process, the server's stop time after SIGTERM and whether any app
  outlived it (``bench_serve.run``; needs the ``serve`` extra).

Each part alone, in this process: ``run_all.py --part quotes 3`` or ``--part serve 30``
(the numbers are the part's arguments).

Peak memory: each part runs in a fresh Python process (this script with ``--part``).
``peak_rss_kib`` is that process's peak resident set size (``resource.getrusage``
``ru_maxrss``, KiB on Linux: the interpreter, Textual and the data together);
``children_peak_rss_kib`` is the largest child process it waited for (the first-screen
processes, the pytest processes). For the shipped rules and the 1k/10k packs,
``tracemalloc_peak_kib`` is the peak of Python allocations during one extra, untimed
load + check (not measured for 100k: tracemalloc would slow it several times).

Exit status: 0 when every part ran and the random-key run passed, 1 otherwise. The
limits of the separate scripts (first-screen ratio <= 1.3, key p95 < 50 ms, 10k nodes
< 1 s) are reported as booleans under ``limits``, not enforced here.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: import the benchmarks as tests.*

from pathways.core.check import check  # noqa: E402
from pathways.core.load import load_pack  # noqa: E402
from pathways.core.shipped_pack import shipped_rules_dir  # noqa: E402
from tests.benchmarks import bench_tui, bench_validate  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
FUZZ_FILE = ROOT / "tests" / "tui" / "test_random_keys.py"


def _memory() -> dict[str, int]:
    return {
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_peak_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


# -- the parts, each run in its own process --------------------------------------------


def part_first_screen(runs: int) -> dict[str, Any]:
    return dict(bench_tui.first_screen(runs))


def part_key_to_screen(presses: int) -> dict[str, Any]:
    return dict(bench_tui.key_to_screen(presses))


def _validate(folder: Path, runs: int, warm: bool, trace: bool) -> dict[str, Any]:
    if warm:
        bench_validate.time_validate(folder, 1, sources=False)
    wall, cpu = bench_validate.time_validate(folder, runs, sources=False)
    report: dict[str, Any] = {
        "runs": runs,
        "median_ms": round(statistics.median(wall) * 1000, 1),
        "min_ms": round(min(wall) * 1000, 1),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
    }
    if trace:
        tracemalloc.start()
        problems = check(load_pack(folder))
        report["tracemalloc_peak_kib"] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
        assert problems == []
    return report


WALK_CPU_RATIO_MAX = 2.0
WELCOME_RATIO_MAX = 1.5


def _child_cpu(argv: list[str]) -> float:
    """CPU seconds (user + system) of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def part_walk_cpu(runs: int) -> dict[str, Any]:
    from pathways.core.model import Question

    result = load_pack(shipped_rules_dir())
    assert result.graph is not None
    answers = [
        arg
        for node in result.graph.nodes.values() if isinstance(node, Question)
        for arg in ("--answer", f"{node.id}={node.choices[0].id}")
    ]
    walk = [sys.executable, "-m", "pathways", "walk", "--json", *answers]
    bare = [sys.executable, "-c", "import yaml, pydantic"]
    _child_cpu(walk), _child_cpu(bare)  # warm the file cache and the bytecode
    times: dict[str, list[float]] = {"walk": [], "bare": []}
    for _ in range(runs):
        times["walk"].append(_child_cpu(walk))
        times["bare"].append(_child_cpu(bare))
    walk_ms = statistics.median(times["walk"]) * 1000
    bare_ms = statistics.median(times["bare"]) * 1000
    return {
        "runs": runs,
        "walk_json_cpu_ms": round(walk_ms, 1),
        "import_yaml_pydantic_cpu_ms": round(bare_ms, 1),
        "ratio": round(walk_ms / bare_ms, 3),
    }


def part_validate_shipped(runs: int) -> dict[str, Any]:
    folder = shipped_rules_dir()
    result = load_pack(folder)
    assert check(result) == [] and result.graph is not None
    nodes = len(result.graph.nodes)
    wall = []  # load + check, as 'pathways validate' does
    for _ in range(runs):
        started = time.perf_counter()
        assert check(load_pack(folder)) == []
        wall.append(time.perf_counter() - started)
    report = {"pack": "shipped", "nodes": nodes, "runs": runs}
    report["median_ms"] = round(statistics.median(wall) * 1000, 1)
    report["min_ms"] = round(min(wall) * 1000, 1)
    tracemalloc.start()
    check(load_pack(folder))
    report["tracemalloc_peak_kib"] = tracemalloc.get_traced_memory()[1] // 1024
    tracemalloc.stop()
    return report


def part_validate_generated(nodes: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count = bench_validate.write_pack(folder, nodes)
        files = len(list(folder.glob("*.yaml")))
        big = nodes >= 100_000
        timed = _validate(folder, runs, warm=not big, trace=not big)
    return {"pack": "generated", "nodes": count, "files": files, **timed}


def part_random_keys(sequences: int, keys: int, jobs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        running = []
        share, extra = divmod(sequences, jobs)
        for job in range(jobs):
            count = share + (1 if job < extra else 0)
            if count == 0:
                continue
            report_file = Path(tmp) / f"fuzz-{job}.json"
            env = {
                **os.environ,
                "PATHWAYS_FUZZ_SEQUENCES": str(count),
                "PATHWAYS_FUZZ_KEYS": str(keys),
                "PATHWAYS_FUZZ_SEED": str(job + 1),
                "PATHWAYS_FUZZ_REPORT": str(report_file),
                "PYTHONDONTWRITEBYTECODE": "1",
            }
            command = [
                sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "--basetemp", str(Path(tmp) / f"pytest-{job}"), str(FUZZ_FILE),
            ]  # fmt: skip
            log = (Path(tmp) / f"fuzz-{job}.log").open("w", encoding="utf-8")
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            running.append((job + 1, process, report_file, log))
        results, failures = [], []
        for job_seed, process, report_file, log in running:
            code = process.wait()
            log.close()
            if code != 0:
                tail = Path(log.name).read_text(encoding="utf-8").splitlines()[-40:]
                failures.append({"seed": job_seed, "exit": code, "log_tail": tail})
            if report_file.exists():
                results.append(json.loads(report_file.read_text(encoding="utf-8")))
        seconds = time.perf_counter() - started
    return {
        "asked": {"sequences": sequences, "keys_per_sequence": keys},
        "sequences": sum(r["sequences"] for r in results),
        "keys": sum(r["keys"] for r in results),
        "burst_sequences": sum(r["burst_sequences"] for r in results),
        "burst_keys": sum(r["burst_keys"] for r in results),
        "jobs": len(running),
        "seconds": round(seconds, 1),
        "seconds_per_job": [r["seconds"] for r in results],
        "passed": not failures,
        "failures": failures,
    }


def part_quotes(runs: int) -> dict[str, Any]:
    from tests.benchmarks import bench_quotes

    return bench_quotes.run(1.0, runs)


def part_serve(sessions: int) -> dict[str, Any]:
    from tests.benchmarks import bench_serve  # imports aiohttp: the serve extra

    return bench_serve.run(sessions, 120.0)


PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "walk_cpu": part_walk_cpu,
    "first_screen": part_first_screen,
    "key_to_screen": part_key_to_screen,
    "validate_shipped": part_validate_shipped,
    "validate_generated": part_validate_generated,
    "random_keys": part_random_keys,
    "quotes": part_quotes,
    "serve": part_serve,
}


def _run_part(name: str, *args: int) -> dict[str, Any]:
    """Run one part in a fresh process and return its JSON (with its peak memory)."""
    command = [sys.executable, __file__, "--part", name, *map(str, args)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.returncode, "stderr_tail": done.stderr.splitlines()[-20:]}
    report: dict[str, Any] = json.loads(done.stdout)
    report["part_seconds"] = round(time.perf_counter() - started, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced sizes (a smoke run)")
    parser.add_argument("--ratios", action="store_true",
                        help="only the two start-up ratios (walk --json CPU, welcome screen)")
    parser.add_argument("--sequences", type=int, default=200, help="random key sequences")
    parser.add_argument("--keys", type=int, default=60, help="keys per sequence")
    parser.add_argument("--jobs", type=int, default=4, help="pytest processes for the keys")
    parser.add_argument("--part", nargs="+", metavar=("PART", "N"),
                        help="run one part alone and print its JSON: quotes RUNS, serve SESSIONS, "
                        "walk_cpu RUNS, ...")
    args = parser.parse_args(argv)

    if args.part:  # a child: one part, JSON on stdout
        name, *numbers = args.part
        result = PARTS[name](*map(int, numbers))
        print(json.dumps({**result, **_memory()}))
        return 0

    # Start-up is measured with the package's bytecode written, as an installed copy has it
    # (pip compiles it); PYTHONDONTWRITEBYTECODE would otherwise leave every run compiling
    # pathways/ from source (~50 ms of each walk).
    compileall.compile_dir(ROOT / "pathways", quiet=1)
    quick = args.quick
    sizes = SIZES[:2] if quick else SIZES
    sequences = 8 if quick else args.sequences
    started = time.perf_counter()
    walk_cpu = _run_part("walk_cpu", 5 if quick else 15)
    first = _run_part("first_screen", 3 if quick else 9)
    if args.ratios:
        print(json.dumps({
            "command": ".venv/bin/python tests/benchmarks/run_all.py --ratios",
            "date": time.strftime("%Y-%m-%d"),
            "ratios": {"walk_json_cpu": walk_cpu.get("ratio"),
                       "welcome_with_notice": first.get("pack_ready_ratio")},
            "walk_cpu": walk_cpu,
            "first_screen": first,
        }, indent=2))
        return 0 if "error" not in walk_cpu and "error" not in first else 1
    keys = _run_part("key_to_screen", 1 if quick else 2)
    validate = [_run_part("validate_shipped", 5)]
    for size in sizes:
        validate.append(_run_part("validate_generated", size, 1 if size >= 100_000 else 5))
    fuzz = _run_part("random_keys", sequences, args.keys, args.jobs)
    quotes = _run_part("quotes", 1 if quick else 3)
    serve = _run_part("serve", 5 if quick else 30)

    ratios = {
        "walk_json_cpu": walk_cpu.get("ratio"),
        "welcome_with_notice": first.get("pack_ready_ratio"),
    }
    limits: dict[str, bool | None] = {
        "walk_json_cpu_ratio_le_2.0": (
            walk_cpu["ratio"] <= WALK_CPU_RATIO_MAX if "ratio" in walk_cpu else None
        ),
        "welcome_ratio_le_1.5": (
            first["pack_ready_ratio"] <= WELCOME_RATIO_MAX
            if "pack_ready_ratio" in first
            else None
        ),
        "first_screen_ratio_le_1.3": (
            first["ratio"] <= bench_tui.FIRST_SCREEN_RATIO_MAX if "ratio" in first else None
        ),
        "key_p95_lt_50ms": all(
            size["p95_ms"] < bench_tui.KEY_P95_MAX_MS
            for name, size in keys.items()
            if isinstance(size, dict) and "p95_ms" in size
        )
        if "error" not in keys
        else None,
        "key_settled_p95_lt_50ms": all(
            size["settled_p95_ms"] < bench_tui.KEY_P95_MAX_MS
            for name, size in keys.items()
            if isinstance(size, dict) and "settled_p95_ms" in size
        )
        if "error" not in keys
        else None,
        "validate_10k_lt_1s": next(
            (v["median_ms"] < 1000 for v in validate if v.get("nodes", 0) >= 10_000), None
        ),
        "misquote_1mb_within_budget": quotes.get("within_budget"),
        "serve_all_drawn_none_outlived": serve.get("ok"),
    }
    parts = [walk_cpu, first, keys, *validate, fuzz, quotes, serve]
    ok = all("error" not in part for part in parts) and bool(fuzz.get("passed"))
    report = {
        "command": ".venv/bin/python tests/benchmarks/run_all.py" + (" --quick" if quick else ""),
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "memory": "peak_rss_kib: ru_maxrss of the part's own process; children_peak_rss_kib: "
        "its largest child; tracemalloc_peak_kib: Python allocations in one extra load+check",
        "ratios": ratios,
        "walk_cpu": walk_cpu,
        "first_screen": first,
        "key_to_screen": keys,
        "validate": validate,
        "random_keys": fuzz,
        "quotes": quotes,
        "serve": serve,
        "limits": limits,
        "ok": ok,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
