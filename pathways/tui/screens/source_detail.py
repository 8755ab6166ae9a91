"""One source: who, when, what kind of voice, and every step that quotes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.core.model import CitationAt, RuleGraph
from pathways.render.references import place_title
from pathways.tui.frames import PromptFrames
from pathways.tui.rule_content import source_content, text


class SourceScreen(PromptFrames, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, graph: RuleGraph, source_id: str) -> None:
        super().__init__()
        self.graph = graph
        self.source_id = source_id

    def compose(self) -> ComposeResult:
        parts: list[Content] = [source_content(self.graph.sources[self.source_id])]
        places: dict[str, list[Content]] = {}  # where it is used -> what is used there
        for use in self.graph.source_uses():
            if use.source != self.source_id:
                continue
            lines = places.setdefault(place_title(self.graph, use), [])
            if isinstance(use, CitationAt):
                lines.append(Content("  “" + text(use.citation.words) + "”"))
            else:
                lines.append(Content.styled("  named as a reference", "italic"))
        for where, lines in places.items():
            heading = Content.styled(text(where[:1].upper() + where[1:]), "bold")
            parts.append(Content("\n").join([heading, *lines]))
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Source", "bold"), classes="dialog-title")
            with VerticalScroll(id="source-body", can_focus=True):
                yield Static(Content("\n\n").join(parts))
            yield Static(Content.styled("escape closes", "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#source-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
