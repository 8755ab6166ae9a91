"""Help lists the app's keys and every status; no reader sees a raw id.

Help listed "Open, Blocked, Long shot" (no Not applicable), began its keys with Textual's
generic ones ("← Scroll Left", "^c Copy selected text"), and wrapped its two columns back
to column 0. The palette showed "…open, and slow (third-country-at-border)" and the map
"Depends on: can-fund-trave…".
"""

from __future__ import annotations

from textual.widgets import Static

from pathways.core.model import Branch, RuleGraph
from pathways.render.statuses import STATUS_WORDS
from pathways.tui import PathwaysApp
from pathways.tui.screens.help import HelpScreen
from pathways.tui.screens.map import MapScreen
from pathways.tui.widgets.graph_tree import GraphTree
from tests.tui.driving import at_question, open_at, wait_for_pack
from tests.tui.screen_text import screen_text
from tests.tui.test_layout_at_sizes import drawn_lines
from tests.tui.test_palette_commands import palette_offers


async def test_help_names_every_status_and_only_the_apps_keys(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        described = [description for _, description in screen.keys]
        screens = "\n".join(drawn_lines(screen.query_one("#help-screens", Static)))
        keys = drawn_lines(screen.query_one("#help-keys", Static))
    for word in STATUS_WORDS.values():
        assert word in " ".join(screens.split()), word
    for generic in ("Scroll Left", "Scroll Right", "Page Left", "Copy selected text"):
        assert generic not in described
    assert described[0] == "Back"  # the screen's own keys first
    key_column = max(len(k) for k, _ in screen.keys) + 2
    for line in keys:  # a wrapped description stays in its column
        if line and line[0] == " ":
            assert line[:key_column].strip() == "", line


async def test_the_palette_and_the_map_show_titles_not_ids(graph: RuleGraph) -> None:
    branch = next(
        n for n in graph.nodes.values()
        if isinstance(n, Branch) and n.title.startswith("Depends on: ")
    )
    fact = branch.facts_read()[0]
    question = graph.nodes[fact]
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        offered = await palette_offers(pilot, "third country")
        assert offered and not any("(third-country" in hit for hit in offered), offered
        assert any(question.title in hit for hit in await palette_offers(pilot, fact))
        await pilot.press("m")
        screen = pilot.app.screen
        assert isinstance(screen, MapScreen)
        tree = screen.query_one(GraphTree)
        labels = [
            str(found.label)
            for line in range(tree.last_line + 1)
            if (found := tree.get_node_at_line(line)) is not None
        ]
        tree.select_node_id(branch.id)
        await pilot.pause()
        shown = screen_text(pilot.app)
    assert not any(f"Depends on: {fact}" in label for label in labels)
    assert fact not in shown.replace(question.title, "")
    assert "Depends on" in shown
