"""The pane with the focus is marked in characters; a terminal below 80x24 is told so.

A keyboard user must see which pane PageDown scrolls: the focused pane has a bar down its
left edge (or a heavy border), drawn in characters, so it holds with NO_COLOR and in high
contrast. Below 80x24 a notice says the window's size and the minimum; quick exit still
works, and the notice goes when the window is big enough again.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.too_small import TooSmallScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.widgets.citations_panel import CitationsPanel
from pathways.tui.widgets.node_view import NodeView
from tests.tui.driving import at_question, open_at, the_app, wait_for_pack
from tests.tui.screen_text import screen_text

FOCUS_MARKS = set("█▌┃┏┗")


def left_edge(widget: Widget) -> str:
    """The characters drawn down the widget's left edge, as the screen shows them."""
    lines = screen_text(widget.app).splitlines()
    region = widget.region
    return "".join(
        lines[y][region.x] if y < len(lines) and region.x < len(lines[y]) else " "
        for y in range(region.y, region.bottom)
    )


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
async def test_the_focused_pane_is_marked_in_characters(
    graph: RuleGraph, high_contrast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PathwaysApp(graph=graph, high_contrast=high_contrast)
    async with app.run_test(size=(120, 36)) as pilot:  # wide: step and sources side by side
        await open_at(pilot, at_question)
        screen = pilot.app.screen
        assert isinstance(screen, WalkScreen)
        step, sources = screen.query_one(NodeView), screen.query_one(CitationsPanel)
        step.focus()
        await pilot.pause()
        assert FOCUS_MARKS & set(left_edge(step)), left_edge(step)
        assert not FOCUS_MARKS & set(left_edge(sources))
        sources.focus()
        await pilot.pause()
        assert FOCUS_MARKS & set(left_edge(sources))
        assert not FOCUS_MARKS & set(left_edge(step))
        choices = screen.query_one("#choices")
        choices.focus()
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
        assert lines[choices.region.y][choices.region.x] == "┏"  # a heavy border
        step.focus()
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
        assert lines[choices.region.y][choices.region.x] != "┏"


async def test_below_80x24_a_notice_says_so_and_quick_exit_works(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(60, 20)) as pilot:
        await wait_for_pack(pilot)
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        shown = " ".join(screen_text(pilot.app).split())
        assert "This window is 60x20; the app needs at least 80x24" in shown
        assert "pathways walk" in shown
        await pilot.press("ctrl+x")
        assert the_app(pilot).quick_exited


async def test_the_notice_comes_and_goes_with_the_windows_size(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        assert isinstance(pilot.app.screen, WalkScreen)
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert "This window is 60x20" in " ".join(screen_text(pilot.app).split())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(pilot.app.screen, WalkScreen)
        await pilot.resize_terminal(79, 30)
        await pilot.pause()
        await pilot.press("escape")  # carry on anyway: not asked again at this size
        await pilot.pause()
        assert isinstance(pilot.app.screen, WalkScreen)
        await pilot.press("1")
        assert isinstance(pilot.app.screen, WalkScreen)
