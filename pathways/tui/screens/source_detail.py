"""One source: who, when, what kind of voice, and every step that quotes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.core.model import RuleGraph
from pathways.tui.rule_content import source_heading, text


class SourceScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, graph: RuleGraph, source_id: str) -> None:
        super().__init__()
        self.graph = graph
        self.source_id = source_id

    def compose(self) -> ComposeResult:
        source = self.graph.sources[self.source_id]
        parts: list[Content] = [source_heading(source)]
        if source.url:
            parts.append(Content.styled(text(source.url), "underline $text-muted"))
        if source.summary:
            parts.append(Content(text(source.summary)))
        for node in self.graph.nodes.values():
            quotes = [c for c in node.citations if c.source == self.source_id]
            if quotes or self.source_id in node.references:
                lines = [Content.styled("Step: " + text(node.title), "bold")]
                lines += [Content("  “" + text(c.quote) + "”") for c in quotes]
                if not quotes:
                    lines.append(Content.styled("  named as a reference", "italic"))
                parts.append(Content("\n").join(lines))
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Source", "bold"), classes="dialog-title")
            with VerticalScroll(id="source-body", can_focus=True):
                yield Static(Content("\n\n").join(parts))
            yield Static(Content.styled("escape closes", "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#source-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
