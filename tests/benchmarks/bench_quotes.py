"""Benchmark: a misquote checked against a 1 MB source, through ``pathways validate``.

    .venv/bin/python tests/benchmarks/bench_quotes.py [--mb 1] [--runs 3]

Builds a copy of the ``quote-not-found`` fixture pack whose source text is ``--mb``
megabytes of generated prose with the real sentences in the middle, then times
``pathways validate --sources`` (a fresh process, wall time, median of ``--runs``), and
the closest-passage search alone in this process: a short misquote, and a 17,000-
character quote with one word changed. Prints a JSON report; exits 1 when the
command takes longer than ``BUDGET_S`` or the suggestion is not the misquoted sentence.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pathways.core.quotes import closest_passage, normalise  # noqa: E402
from tests.test_quotes import _prose  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "quote-not-found"
SOURCES = ROOT / "tests" / "fixtures" / "sources"
BUDGET_S = 2.0


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def run(megabytes: float, runs: int) -> dict[str, Any]:
    size = int(megabytes * 1_000_000)
    real = (SOURCES / "report.txt").read_text(encoding="utf-8")
    text = _prose(size // 2) + "\n\n" + real + "\n\n" + _prose(size // 2)
    with tempfile.TemporaryDirectory() as tmp:
        pack, sources = Path(tmp) / "pack", Path(tmp) / "sources"
        shutil.copytree(FIXTURE, pack)
        sources.mkdir()
        (sources / "report.txt").write_text(text, encoding="utf-8")
        seconds = []
        output = ""
        for _ in range(runs):
            result, spent = _timed(lambda: subprocess.run(
                [sys.executable, "-m", "pathways", "validate", str(pack),
                 "--sources", str(sources)],
                capture_output=True, text=True, timeout=120,
            ))
            seconds.append(spent)
            output = result.stdout
    flat = normalise(text)
    found, short_s = _timed(lambda: closest_passage(flat, "Visa rules are lax."))
    long_quote = flat[200_000:217_000].replace(" money ", " monkey ", 1)
    _, long_s = _timed(lambda: closest_passage(flat, long_quote))
    median = statistics.median(seconds)
    return {
        "source_bytes": len(text.encode("utf-8")),
        "validate_with_sources_s": round(median, 3),
        "validate_runs_s": [round(s, 3) for s in seconds],
        "closest_short_misquote_s": round(short_s, 4),
        "closest_17000_char_quote_s": round(long_s, 4),
        "suggestion": found,
        "suggestion_in_output": f'closest passage: "{found}"' in output,
        "within_budget": median < BUDGET_S and found == "Visa rules are strict.",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report = run(args.mb, args.runs)
    print(json.dumps(report, indent=2))
    return 0 if report["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
