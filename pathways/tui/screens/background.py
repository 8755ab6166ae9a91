"""Context on demand: the background a case walk passed on the way, each step cited."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.core.model import Info, RuleGraph
from pathways.tui.frames import PromptFrames
from pathways.tui.host import host
from pathways.tui.rule_content import route_names, text
from pathways.tui.widgets.kept_in_view import KeptInView


class BackgroundScreen(PromptFrames, ModalScreen[None]):
    """A list of the background steps; Enter opens one with its text and sources."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,i,q", "close", "Close")]

    def __init__(self, graph: RuleGraph, steps: list[Info], here: set[str]) -> None:
        super().__init__()
        self.graph = graph
        self.steps = steps
        self.here = here  # ids passed on the way to the current step

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Background, cited", "bold"), classes="dialog-title")
            yield KeptInView(
                *(
                    Option(
                        Content.assemble(
                            ("▶ " if step.id in self.here else "  ", "bold $text-accent"),
                            (text(step.title), "bold"),
                            (
                                f"  ·  {route_names(self.graph, step.routes)}"
                                if step.routes
                                else "",
                                "$text-muted",
                            ),
                        ),
                        id=step.id,
                    )
                    for step in self.steps
                ),
                id="background-steps",
                classes="dialog-body",
            )
            yield Static(
                Content.styled(
                    "▶ the background to this step · enter reads it with its sources · "
                    "escape closes",
                    "$text-muted",
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        steps = self.query_one("#background-steps", OptionList)
        if not self.steps:
            steps.add_option(Option("No background passed yet.", disabled=True))
        here = [i for i, s in enumerate(self.steps) if s.id in self.here]
        steps.highlighted = here[0] if here else (len(self.steps) - 1 if self.steps else None)
        steps.focus()

    @on(OptionList.OptionSelected, "#background-steps")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            host(self.app).open_node(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
