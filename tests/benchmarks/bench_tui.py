"""Benchmark: how fast the terminal app shows its first screen and answers a key.

Run it (it is not part of the default test run):

    .venv/bin/python tests/benchmarks/bench_tui.py [--runs 9] [--presses 2]

First screen: a fresh Python process runs the app headless and exits the moment the
first screen is written (the app's ``_display`` hook: the compositor's first full
frame); the same is done for a bare Textual app (one Static) in the same run, runs
interleaved, medians compared. ``pack_ready_ms`` is the same measure for the first
frame drawn after the rule pack has been loaded and checked (the welcome screen with
its notice). Key to screen: through Pilot on the shipped rules, choosing the first
choice until the end summary, ``--presses`` times; the time from the key being sent
to the first frame written after it (the frame that draws the new step). Textual often
writes a second frame some 30 ms later, after a second layout pass of the auto-height
Markdown; its content is the same as the first's (checked when this was written), so
it is reported apart, as ``settled``. Prints JSON; exits 1 when the ratio is over 1.3
or the p95 is 50 ms or more.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import sys
import time
from typing import Any

FIRST_SCREEN_RATIO_MAX = 1.3
KEY_P95_MAX_MS = 50.0

_CHILD = r"""
import os, sys
mode = sys.argv[1]
if mode == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):
            yield Static("Hello")

    app = Bare()
    ready = lambda: True
else:
    from pathways.tui.app import PathwaysApp

    app = PathwaysApp()
    ready = (lambda: True) if mode == "first" else (lambda: app.graph is not None)
original = app._display

def display(screen, renderable):
    original(screen, renderable)
    if renderable is not None and ready():
        sys.stdout.flush()
        os._exit(0)

app._display = display
app.run(headless=True, size=(80, 24))
os._exit(3)
"""


def _time_child(mode: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CHILD, mode], check=True, timeout=60)
    return (time.perf_counter() - start) * 1000


def first_screen(runs: int) -> dict[str, Any]:
    _time_child("bare")  # warm the file cache for both
    _time_child("first")
    times: dict[str, list[float]] = {"bare": [], "first": [], "ready": []}
    for _ in range(runs):
        for mode, found in times.items():
            found.append(_time_child(mode))
    bare = statistics.median(times["bare"])
    first = statistics.median(times["first"])
    ready = statistics.median(times["ready"])
    return {
        "runs": runs,
        "bare_textual_ms": round(bare, 1),
        "first_screen_ms": round(first, 1),
        "pack_ready_ms": round(ready, 1),
        "ratio": round(first / bare, 3),
        "pack_ready_ratio": round(ready / bare, 3),
    }


async def _key_latencies(
    presses: int, size: tuple[int, int]
) -> tuple[list[float], list[float]]:
    from pathways.core.load import load_pack
    from pathways.core.shipped_pack import shipped_rules_dir
    from pathways.tui import PathwaysApp

    graph = load_pack(shipped_rules_dir()).graph
    assert graph is not None
    app = PathwaysApp(graph=graph)
    frames: list[float] = []
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        frames.append(time.perf_counter())
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    latencies: list[float] = []
    settled: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("1")  # explore a case
        for _ in range(presses):
            while app.walk is not None and not app.walk.finished:
                sent = time.perf_counter()
                await pilot.press("1")
                await pilot.pause(0.1)
                after = [f for f in frames if f > sent]
                if after:
                    latencies.append((after[0] - sent) * 1000)
                    settled.append((after[-1] - sent) * 1000)
            await pilot.press("r", "y")
    return latencies, settled


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def key_to_screen(presses: int) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for size in ((80, 24), (160, 48)):
        first, settled = (sorted(x) for x in asyncio.run(_key_latencies(presses, size)))
        report[f"{size[0]}x{size[1]}"] = {
            "keys": len(first),
            "p50_ms": round(statistics.median(first), 1),
            "p95_ms": round(_p95(first), 1),
            "max_ms": round(first[-1], 1),
            "settled_p50_ms": round(statistics.median(settled), 1),
            "settled_p95_ms": round(_p95(settled), 1),
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--presses", type=int, default=2, help="walks to the end per size")
    args = parser.parse_args()
    screen = first_screen(args.runs)
    keys = key_to_screen(args.presses)
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "first_screen": screen,
        "key_to_screen": keys,
    }
    print(json.dumps(report, indent=2))
    ok = screen["ratio"] <= FIRST_SCREEN_RATIO_MAX and all(
        size["p95_ms"] < KEY_P95_MAX_MS for size in keys.values()
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
