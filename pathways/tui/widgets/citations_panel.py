"""The sources of one step: each quote with outlet, title, byline, date, kind and address."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pathways.core.model import AnyNode, RuleGraph
from pathways.tui.frames import OneLayoutPass, Text
from pathways.tui.rule_content import node_sources


class CitationsPanel(OneLayoutPass, VerticalScroll, can_focus=True):
    """Scrollable; focus it (or press its toggle key on narrow screens) to read on."""

    DEFAULT_CSS = """
    CitationsPanel #citations-body {
        padding-bottom: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Text("Sources for this step", classes="panel-title", id="citations-title")
        yield Text(id="citations-body")

    def show_node(self, graph: RuleGraph, node: AnyNode) -> None:
        count = len(node.citations) + len(node.references)
        self.query_one("#citations-title", Static).update(
            f"Sources for this step ({count})" if count else "Sources for this step"
        )
        self.query_one("#citations-body", Static).update(node_sources(graph, node))
        self.scroll_home(animate=False)
