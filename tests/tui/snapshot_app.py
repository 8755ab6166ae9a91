"""The app as the snapshot tests see it: never run at import, the pack already loaded.

Snapshots are pinned to a small fixture pack (tests/fixtures/screens), so a wording
edit in rules/ redraws no picture; scripts/screenshots.py draws the same scenes on
the shipped pack for the documentation. Regenerate the snapshots with
``pytest tests/tui/test_snapshots.py --snapshot-update`` when a screen is meant to change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.tui import PathwaysApp
from tests.tui.driving import at_end, at_question, at_verdict, open_at, wait_for_pack

SCREENS_PACK = Path(__file__).resolve().parent.parent / "fixtures" / "screens"


def load_graph(rules: Path) -> RuleGraph:
    graph = load_pack(rules).graph
    assert graph is not None
    return graph


def make_app(rules: Path = SCREENS_PACK) -> PathwaysApp:
    return PathwaysApp(graph=load_graph(rules))


def make_shipped_app() -> PathwaysApp:
    return make_app(shipped_rules_dir())


async def welcome(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)


async def question(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_question)


async def verdict(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_verdict, questions_first=False)


async def summary(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_end)


async def compare(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_end)
    await pilot.press("c")


async def map_view(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_verdict, questions_first=False)
    await pilot.press("m")


async def tour_closed(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)
    await pilot.press("4")  # the tour
    await pilot.press("end")


async def case_sheet(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)
    await pilot.press("f", "2", "down", "2")  # the first fact, then the next, answered 2
    await pilot.pause()


SCENES: dict[str, Callable[[Pilot[int]], Awaitable[None]]] = {
    "welcome": welcome,
    "question": question,
    "verdict": verdict,
    "summary": summary,
    "compare": compare,
    "map": map_view,
    "tour": tour_closed,
    "case-sheet": case_sheet,
}
