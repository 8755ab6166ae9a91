"""Text is wrapped, never cut, at the sizes the app is used at: 80x24, 120x36 and 160x48.

The summary's verdicts (a route's name was "B-2 visi… visa" at 80x24, "…" at 160x48),
the case sheet's choices (a choice lost "US" at 120x36), the hints of the dialogs and of
the case sheet (cut, or pushed out of view once routes show "needs:" lines), and the
marks of a verdict a changed answer changed (one mark, one word, everywhere).
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from pathways.core.model import End, RuleGraph
from pathways.render.statuses import CHANGED
from pathways.tui import PathwaysApp
from pathways.tui.screens.background import BackgroundScreen
from pathways.tui.screens.case_sheet import CaseSheetScreen
from pathways.tui.widgets.fact_row import FactRow
from pathways.tui.widgets.verdict_table import VerdictTable
from tests.fixture_packs import load
from tests.tui.driving import at_end, at_question, current, open_at, wait_for_pack
from tests.tui.screen_text import screen_text

SIZES = [(80, 24), (120, 36), (160, 48)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def drawn_lines(widget: Widget) -> list[str]:
    """Every line the widget draws, all of it (also what is scrolled out of view)."""
    height = max(widget.size.height, widget.virtual_size.height)
    region = Region(0, 0, widget.size.width, height)
    return [strip.text.rstrip().lstrip("█▌") for strip in widget.render_lines(region)]


def words_in_order(words: str, lines: list[str]) -> bool:
    """Whether every word of ``words`` is drawn whole, in order (wrapped, not cut)."""
    drawn = " ".join(lines).split()
    wanted = words.split()
    for start in range(len(drawn) - len(wanted) + 1):
        if drawn[start : start + len(wanted)] == wanted:
            return True
    return False


@size_ids
async def test_the_summary_shows_every_route_name_whole_and_why_wrapped(
    graph: RuleGraph, size: tuple[int, int]
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=size) as pilot:
        walk = await open_at(pilot, at_end)
        await pilot.pause()
        table = pilot.app.screen.query_one(VerdictTable)
        lines = drawn_lines(table)
    shown = "\n".join(lines)
    assert "…" not in shown
    for route_id, verdict in walk.verdict_by_route().items():
        title = graph.routes[route_id].title
        assert words_in_order(title, lines), (title, shown)  # whole words, maybe wrapped
        assert words_in_order(verdict.reason, lines), (verdict.reason, shown)


async def _open_case_sheet(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseSheetScreen)


@size_ids
async def test_every_choice_on_the_case_sheet_wraps_never_cut(
    graph: RuleGraph, size: tuple[int, int]
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=size) as pilot:
        await _open_case_sheet(pilot)
        rows = [row for row in pilot.app.screen.query(FactRow) if row.display]
        assert rows
        for row in rows:
            question = row.question
            assert question is not None
            lines = drawn_lines(row)
            assert words_in_order(question.title, lines), (question.title, lines)
            for n, choice in enumerate(question.choices, start=1):
                assert words_in_order(f"{n} {choice.label}", lines), (choice.label, lines)


async def test_the_background_dialogs_hint_wraps_at_80x24(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BackgroundScreen)
        shown = screen_text(pilot.app)
    assert words_in_order("enter reads it with its sources · escape closes", [
        line.strip("█┃ ") for line in shown.splitlines()
    ]), shown


@size_ids
async def test_the_case_sheets_hint_stays_in_view_with_needs_lines(
    graph: RuleGraph, size: tuple[int, int]
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=size) as pilot:
        await _open_case_sheet(pilot)
        shown = screen_text(pilot.app)
    assert "needs:" in shown
    assert words_in_order("w: why · e: export", shown.splitlines()), shown


async def test_a_changed_verdict_has_one_mark_and_word_everywhere() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "2", "1")  # explore; abroad; can pay
        await pilot.press("t", "end", "enter", "2")  # what if they cannot pay
        assert isinstance(current(pilot).node, End)
        await pilot.pause()
        walk_screen = pilot.app.screen
        banner = "\n".join(drawn_lines(walk_screen.query_one("#what-if")))
        choices = "\n".join(drawn_lines(walk_screen.query_one("#choices")))
        summary = "\n".join(drawn_lines(walk_screen.query_one(VerdictTable)))
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "1")  # they can pay after all: marked on the sheet too
        await pilot.pause()
        sheet = "\n".join(drawn_lines(pilot.app.screen.query_one("#sheet-verdicts")))
    assert f"marked {CHANGED}" in banner, banner
    assert choices.count(CHANGED) == 2 and "(changed)" not in choices, choices
    assert summary.count(CHANGED) == 2
    assert CHANGED in sheet, sheet
