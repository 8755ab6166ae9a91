"""The title bar at any width: the screen's name and count kept whole before the pack's
title, every cut marked with "…", and the quick-exit control always in view."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.widgets.title_bar import SEPARATOR, SHORTEST_TITLE, QuickExit, fitted

TITLE = " Asylum pathways (as reported in 2017)"
SUB = "Explore a case · 12 answers"


def test_what_fits_is_not_cut() -> None:
    assert fitted(TITLE, SUB, 200) == (TITLE, SUB)
    assert fitted(TITLE, "", 40) == (TITLE, "")


@pytest.mark.parametrize("room", [70, 62, 50, 45, 30, 20, 5])
def test_the_title_is_cut_first_and_every_cut_is_marked(room: int) -> None:
    title, sub = fitted(TITLE, SUB, room)
    assert cell_len(title) + cell_len(SEPARATOR) + cell_len(sub) <= max(room, 0) or not sub
    assert title == TITLE or title.endswith("…")
    assert sub == SUB or sub.endswith("…") or sub == ""
    if cell_len(SEPARATOR + SUB) + SHORTEST_TITLE <= room:
        assert sub == SUB  # the screen's name and count kept whole


async def test_at_80_columns_the_bar_shows_the_screens_name_and_the_quick_exit(
    graph: RuleGraph,
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # a case with one answer
        await pilot.pause()
        line = pilot.app.screen.query_one("#title-text").render()
        shown = str(line)
        assert shown.endswith("Explore a case · 1 answer"), shown
        assert "…" in shown  # the pack's title, cut and marked
        quick = pilot.app.screen.query_one(QuickExit)
        assert quick.region.right == 80 and quick.region.width > 0
