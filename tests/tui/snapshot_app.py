"""The app as the snapshot tests see it: never run at import, the pack already loaded.

Snapshots are regenerated with ``pytest tests/tui/test_snapshots.py --snapshot-update``
when the shipped rules change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from pathways.core.load import load_pack
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.tui import PathwaysApp
from tests.tui.driving import at_end, at_question, at_verdict, open_at, wait_for_pack


def make_app() -> PathwaysApp:
    graph = load_pack(shipped_rules_dir()).graph
    assert graph is not None
    return PathwaysApp(graph=graph)


async def welcome(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)


async def question(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_question)


async def verdict(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_verdict)


async def summary(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_end)


async def compare(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_end)
    await pilot.press("c")


async def map_view(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_verdict)
    await pilot.press("m")


async def tour_closed(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)
    await pilot.press("4")  # the catch-22 tour
    await pilot.press("end")


SCENES: dict[str, Callable[[Pilot[int]], Awaitable[None]]] = {
    "welcome": welcome,
    "question": question,
    "verdict": verdict,
    "summary": summary,
    "compare": compare,
    "map": map_view,
    "tour": tour_closed,
}
