"""One step of the graph in a dialog, with its sources (from the map or the search)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.core.model import RuleGraph
from pathways.tui.frames import PromptFrames
from pathways.tui.widgets.citations_panel import CitationsPanel
from pathways.tui.widgets.node_view import NodeView


class NodeScreen(PromptFrames, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("s", "focus_sources", "Sources"),
    ]

    def __init__(self, graph: RuleGraph, node_id: str) -> None:
        super().__init__()
        self.graph = graph
        self.node_id = node_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            with Horizontal(classes="dialog-body"):
                yield NodeView(id="detail-node")
                yield CitationsPanel(id="detail-citations")
            yield Static(
                Content.styled("s sources · escape closes", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        node = self.graph.nodes[self.node_id]
        self.query_one(NodeView).show_node(self.graph, node)
        self.query_one(CitationsPanel).show_node(self.graph, node)
        self.query_one(CitationsPanel).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """s is offered only where it moves the focus: not while the sources have it."""
        if action == "focus_sources" and self.is_mounted:
            return not self.query_one(CitationsPanel).has_focus
        return True

    def action_focus_sources(self) -> None:
        self.query_one(CitationsPanel).focus()

    def action_close(self) -> None:
        self.dismiss(None)
