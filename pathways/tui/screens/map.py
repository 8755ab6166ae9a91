"""The map: every node as a tree grouped by route; selecting one shows it and its sources."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Tree

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk
from pathways.tui.frames import PromptFrames
from pathways.tui.widgets.citations_panel import CitationsPanel
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.graph_tree import GraphTree
from pathways.tui.widgets.node_view import NodeView
from pathways.tui.widgets.title_bar import TitleBar


class MapScreen(PromptFrames, Screen[None]):
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m", "close", "Close map"),
        Binding("s", "focus_sources", "Sources", tooltip="Read the selected step's sources"),
    ]

    def __init__(self, graph: RuleGraph, walk: Walk | None) -> None:
        super().__init__()
        self.graph = graph
        self.walk = walk

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="map-body"):
            yield GraphTree(self.graph, self.walk, id="map-tree")
            with Vertical(id="map-detail"):
                yield NodeView(id="map-node")
                yield CitationsPanel(id="map-citations")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Map" + (" · ▶ you are here, ✓ visited" if self.walk else "")
        tree = self.query_one(GraphTree)
        tree.focus()
        start = self.walk.position if self.walk is not None else self.graph.pack.start
        tree.select_node_id(start)
        self._show(start)

    @on(Tree.NodeHighlighted, "#map-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self._show(event.node.data)

    def _show(self, node_id: str) -> None:
        node = self.graph.nodes.get(node_id)
        if node is None:
            return
        self.query_one("#map-node", NodeView).show_node(self.graph, node)
        self.query_one("#map-citations", CitationsPanel).show_node(self.graph, node)

    def action_focus_sources(self) -> None:
        panel = self.query_one("#map-citations", CitationsPanel)
        if panel.has_focus:
            self.query_one(GraphTree).focus()
        else:
            panel.focus()

    def action_close(self) -> None:
        self.dismiss()
