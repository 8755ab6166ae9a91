"""Benchmark: load + check generated rule packs of 100, 1,000 and 10,000 nodes.

Run it (it is not part of the default test run):

    .venv/bin/python tests/benchmarks/bench_validate.py [--runs 5] [--sizes 100 1000 10000]

Each pack is valid (rule language v2) and shaped like the real one: five routes, questions
that record facts, branches that read them (and facts read before, passed over), cited
verdicts for every route, info nodes, one end; split into files of at most 1,000 nodes.
The script prints a JSON report and a table, and exits 1 when 10,000 nodes take 1 s or
more, or when time grows much faster than the number of nodes.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pathways.core.check import check
from pathways.core.load import load_pack

ROUTES = ("b2", "refugee", "parole", "in-country", "third-country")
SOURCES = 20
BLOCK = 5  # nodes per block: question, branch, two verdicts, info
FILE_NODES = 1_000
LIMIT_10K_SECONDS = 1.0


# Each citation quotes words of its own (a quote written out twice is a problem: it
# would be named once as a passage): node n of the pack quotes fact number n.
EXTRA = 10_000_000  # numbers for the nodes outside the blocks (welcome, summary, extras)


def _quote(n: int) -> str:
    return f"Reported fact number {n} about the route, in the words of the source."


def _citation(n: int) -> str:
    return f"    citations:\n      - source: source-{n % SOURCES}\n        quote: {_quote(n)}\n"


def _block(k: int, blocks: int) -> list[str]:
    """One block of five nodes (rule language v2); it leads to the next block's branch (or
    the end). The branch reads this block's fact, which asks its question, and from block
    6 on the fact before it too, known by then on every path: read, never asked again."""
    route = ROUTES[k % len(ROUTES)]
    after = f"branch-{k + 1}" if k + 1 < blocks else "summary"
    fact = f"q-{k}"
    # Routes start at branch-0 .. branch-4: only facts from block 5 on are known everywhere.
    reads = f"{{{fact}: a, q-{k - 1}: [a, b]}}" if k > len(ROUTES) else f"{{{fact}: a}}"
    question = (
        f"  - id: {fact}\n    kind: question\n    routes: [{route}]\n"
        f"    title: Question {k}\n"
        f"    text: |\n      Does the person meet condition {k}?\n      Choose one.\n"
        + _citation(BLOCK * k)
        + "    choices:\n"
        + "".join(f"      - id: {c}\n        label: Answer {c}\n" for c in ("a", "b", "c"))
    )
    branch = (
        f"  - id: branch-{k}\n    kind: branch\n    routes: [{route}]\n"
        f"    title: Branch {k}\n    text: Decided by earlier answers.\n"
        + _citation(BLOCK * k + 1)
        + f"    cases:\n      - when: {reads}\n        next: open-{k}\n"
        f"      - when: {{{fact}: b}}\n        next: blocked-{k}\n"
        f"    default: info-{k}\n"
    )
    verdicts = [
        f"  - id: {status}-{k}\n    kind: verdict\n    routes: [{route}]\n    status: {status}\n"
        f"    title: Verdict {k} ({status})\n    reason: Because of answer {k}.\n"
        f"    text: The route is {status} for this person.\n"
        f"    next_steps:\n      - Talk to a lawyer.\n"
        + _citation(BLOCK * k + 2 + i)
        + f"    next: info-{k}\n"
        for i, status in enumerate(("open", "blocked"))
    ]
    info = (
        f"  - id: info-{k}\n    kind: info\n    routes: [{route}]\n    title: Note {k}\n"
        f"    text: Something worth knowing at step {k}.\n"
        + _citation(BLOCK * k + 4)
        + f"    next: {after}\n"
    )
    return [question, branch, *verdicts, info]


def write_pack(folder: Path, nodes: int) -> int:
    """Write a valid pack of about ``nodes`` nodes; returns the exact node count."""
    blocks, extra = divmod(max(nodes - 2, BLOCK), BLOCK)
    header = (
        "pack:\n  title: Generated pack\n  start: welcome\n  notice: Not legal advice.\n"
        '  sources_dated: "2017"\n\nroutes:\n'
        + "".join(
            f"  - id: {r}\n    title: Route {r}\n    summary: The {r} route.\n"
            f"    entry: branch-{i}\n"
            for i, r in enumerate(ROUTES)
        )
        + "\nsources:\n"
        + "".join(
            f"  - id: source-{s}\n    kind: news report\n    outlet: Outlet {s}\n"
            f"    title: Report {s}\n    date: \"2017-05-{s + 1:02d}\"\n    file: source-{s}.txt\n"
            for s in range(SOURCES)
        )
        + "\nnodes:\n  - id: welcome\n    kind: info\n    title: Welcome\n    text: Hello.\n"
        + _citation(EXTRA)
        + f"    next: {'extra-0' if extra else 'branch-0'}\n"
        + "  - id: summary\n    kind: end\n    title: Summary\n    text: Every verdict.\n"
        + _citation(EXTRA + 1)
    )
    (folder / "pack.yaml").write_text(header, encoding="utf-8")
    node_texts = [text for k in range(blocks) for text in _block(k, blocks)]
    # A few more info nodes before the first question make the count exact.
    for i in range(extra):
        after = f"extra-{i + 1}" if i + 1 < extra else "branch-0"
        node_texts.append(
            f"  - id: extra-{i}\n    kind: info\n    title: Before we start {i}\n"
            f"    text: One more thing.\n" + _citation(EXTRA + 2 + i) + f"    next: {after}\n"
        )
    for start in range(0, len(node_texts), FILE_NODES):
        chunk = node_texts[start : start + FILE_NODES]
        name = folder / f"nodes-{start // FILE_NODES:03d}.yaml"
        name.write_text("nodes:\n" + "\n".join(chunk), encoding="utf-8")
    texts = folder / "sources"
    texts.mkdir()
    quoted = [*range(BLOCK * blocks), *range(EXTRA, EXTRA + 2 + extra)]
    for s in range(SOURCES):
        body = " ".join(_quote(n) for n in quoted if n % SOURCES == s)
        (texts / f"source-{s}.txt").write_text(body, encoding="utf-8")
    return len(node_texts) + 2


def time_validate(folder: Path, runs: int, sources: bool) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of load + check, per run."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = load_pack(folder)
        problems = check(result, folder / "sources" if sources else None)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        if problems:
            raise SystemExit("generated pack has problems:\n" + problems[0].format())
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            count = write_pack(folder, size)
            files = len(list(folder.glob("*.yaml")))
            time_validate(folder, 1, sources=False)  # warm up imports and caches
            plain, plain_cpu = time_validate(folder, args.runs, sources=False)
            quoted, _ = time_validate(folder, args.runs, sources=True)
        rows.append(
            {
                "nodes": count,
                "files": files,
                "median_ms": round(statistics.median(plain) * 1000, 1),
                "min_ms": round(min(plain) * 1000, 1),
                "cpu_median_ms": round(statistics.median(plain_cpu) * 1000, 1),
                "median_ms_with_sources": round(statistics.median(quoted) * 1000, 1),
                "us_per_node": round(statistics.median(plain) * 1e6 / count, 1),
            }
        )
    per_node = [r["us_per_node"] for r in rows]
    linear = max(per_node) <= 2.5 * min(per_node)
    big = [r for r in rows if r["nodes"] >= 10_000]
    fast = all(r["median_ms"] < LIMIT_10K_SECONDS * 1000 for r in big)
    report = {
        "benchmark": "validate (load + check)",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "runs": args.runs,
        "results": rows,
        "linear": linear,
        "under_1s_at_10k": fast if big else None,
    }
    print(json.dumps(report, indent=2))
    print()
    columns = ("nodes", "files", "median_ms", "min_ms", "cpu_median_ms",
               "median_ms_with_sources", "us_per_node")  # fmt: skip
    print("  ".join(f"{c:>10}" for c in ("nodes", "files", "median ms", "min ms", "cpu ms",
                                          "+sources ms", "µs/node")))  # fmt: skip
    for r in rows:
        print("  ".join(f"{r[c]:>10}" for c in columns))
    return 0 if linear and fast else 1


if __name__ == "__main__":
    sys.exit(main())
