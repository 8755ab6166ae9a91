"""What the screens draw: Markdown rendered (never raw asterisks), at 80 columns."""

from __future__ import annotations

from pathways.tui import PathwaysApp
from pathways.tui.screens.glossary import GlossaryScreen
from tests.tui.snapshot_app import SCREENS_PACK, load_graph
from tests.tui.test_what_if_screen import shown_text


async def test_the_glossary_renders_markdown_without_asterisks() -> None:
    graph = load_graph(SCREENS_PACK)
    term = next(iter(graph.glossary.values()))
    assert "*short*" in term.definition and "**ties at home**" in term.definition
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pilot.app.push_screen(GlossaryScreen(graph, first=term.id))
        await pilot.pause()
        shown = shown_text(pilot.app.screen.query_one("#term-definition"))
        assert "short" in shown and "ties at home" in shown
        assert "*" not in shown
