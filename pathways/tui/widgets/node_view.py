"""One node of the graph: its kind and routes, title, verdict, Markdown text and hints."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pathways.core.model import AnyNode, End, RuleGraph, Verdict
from pathways.core.walk import Walk
from pathways.render.brief import build_brief
from pathways.tui.frames import OneLayoutPass, Text
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import node_kicker, node_title, text
from pathways.tui.widgets.verdict_panel import VerdictPanel
from pathways.tui.widgets.verdict_table import VerdictTable


class NodeView(OneLayoutPass, VerticalScroll, can_focus=True):
    """Shows a node; for the end node of a walk, also the table of verdicts.

    Focusable, so a step longer than the screen scrolls from the keyboard
    (arrows, PageUp/PageDown, Home/End) once Tab reaches it.
    """

    DEFAULT_CSS = """
    NodeView {
        height: 1fr;
        padding: 0 1;
        scrollbar-gutter: stable;
    }
    NodeView:focus {
        background-tint: $foreground 5%;
    }
    NodeView #node-kicker {
        margin-top: 1;
    }
    NodeView #node-title {
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }
    NodeView #node-text {
        margin: 0;
        padding: 0;
        background: transparent;
    }
    NodeView #node-hints {
        color: $text-muted;
        margin-top: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bodies: dict[str, RenderedOnce] = {}  # by the step's Markdown text

    def compose(self) -> ComposeResult:
        yield Text(id="node-kicker")
        yield Text(id="node-title")
        yield VerdictPanel(id="node-verdict")
        yield Text(id="node-text")
        yield VerdictTable(id="node-summary")
        yield Text(id="node-hints")

    def _body(self, markdown: str) -> RenderedOnce:
        """A step's text, parsed and rendered once per width however often it is shown."""
        body = self._bodies.get(markdown)
        if body is None:
            widget = self.query_one("#node-text", Static)
            body = RenderedOnce(widget, Markdown(text(markdown.strip()), hyperlinks=False))
            self._bodies[markdown] = body
        return body

    def show_node(
        self,
        graph: RuleGraph,
        node: AnyNode,
        walk: Walk | None = None,
        *,
        changed: set[str] | None = None,
        hints: list[str] | None = None,
    ) -> None:
        """Show ``node``; at a walk's end, its verdicts (``changed`` routes marked)."""
        self.query_one("#node-kicker", Static).update(node_kicker(graph, node))
        self.query_one("#node-title", Static).update(Content(node_title(graph, node)))
        self.query_one("#node-verdict", VerdictPanel).show_verdict(
            graph, node if isinstance(node, Verdict) else None
        )
        body = self.query_one("#node-text", Static)
        body.update(self._body(node.text))
        summary = self.query_one("#node-summary", VerdictTable)
        summary.display = isinstance(node, End) and walk is not None
        if walk is not None and isinstance(node, End):
            summary.show_brief(build_brief(walk), changed or set())
            # The summary is longer than the pane: say so before the layout, not after it
            # (a second and third pass to bring in the scrollbar). A wrong guess costs
            # only that: Textual puts the scrollbar right after the first pass.
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True
        hints = list(hints or [])
        if node.help:
            hints.append("More help on this step: press ?")
        if node.terms:
            names = [graph.glossary[t].term for t in node.terms if t in graph.glossary]
            hints.append(f"Terms used here: {text(', '.join(names))} (press g)")
        hint_widget = self.query_one("#node-hints", Static)
        hint_widget.display = bool(hints)
        hint_widget.update(Content("\n".join(hints)))
        self.scroll_home(animate=False)
