"""Compare the pack's routes side by side, with this person's verdicts when reached."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk
from pathways.tui.frames import PromptFrames
from pathways.tui.widgets.compare_table import CompareTable
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.title_bar import TitleBar


class CompareScreen(PromptFrames, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,c", "close", "Close")]

    def __init__(self, graph: RuleGraph, walk: Walk | None) -> None:
        super().__init__()
        self.graph = graph
        self.walk = walk

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="compare-body", can_focus=True):
            yield CompareTable(self.graph, self.walk, id="compare-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Compare the routes"
        self.query_one("#compare-body").focus()

    def action_close(self) -> None:
        self.dismiss()
