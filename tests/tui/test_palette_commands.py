"""The command palette offers the app's own commands only: none of Textual's.

Textual's "Screenshot" saved an SVG of the screen (the case on it) to ~/Downloads without
asking, its "Quit" closed mid-case without the question q asks, its "Theme" changed the
colours. The screenshot action and its delivery are refused wherever they come from.
"""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.case_sheet import CaseSheetScreen
from tests.tui.driving import at_question, open_at, the_app, wait_for_pack


async def palette_offers(pilot: Pilot[int], query: str) -> list[str]:
    """What the palette lists for ``query`` (typed into it), as plain text."""
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    shown: list[str] = []
    for _ in range(50):  # the palette gathers hits in a worker
        await pilot.pause(0.02)
        results = pilot.app.screen.query_one(CommandList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        if shown:
            break
    await pilot.press("escape")
    return shown


async def test_the_palette_offers_no_screenshot_quit_or_theme(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)  # a case under way: what a screenshot would hold
        for query in ("Screensh", "Quit", "Theme", "Keys"):
            offered = " | ".join(await palette_offers(pilot, query))
            for word in ("Screenshot", "Quit", "Theme", "Keys"):
                assert word not in offered, f"{query!r} offered {offered!r}"
        assert the_app(pilot).is_running


async def test_the_palette_keeps_the_apps_own_commands(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        assert any("Case sheet" in hit for hit in await palette_offers(pilot, "case sheet"))
        assert any("High contrast on" in hit for hit in await palette_offers(pilot, "contrast"))
        step = next(iter(graph.glossary.values())).term
        assert any(step in hit for hit in await palette_offers(pilot, step))
        await pilot.press("ctrl+p", *"case sheet")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseSheetScreen)


async def test_no_screenshot_is_written_by_the_action_or_its_delivery(
    graph: RuleGraph, private_home: Path
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        app = the_app(pilot)
        await app.run_action("screenshot")
        app.action_screenshot(filename="case.svg", path=str(private_home))
        assert app.deliver_screenshot(filename="case.svg", path=str(private_home)) is None
        await pilot.pause(0.3)  # Textual's palette command delivered it after 0.1 s
    written = [p for p in private_home.rglob("*") if p.suffix == ".svg"]
    assert written == []
