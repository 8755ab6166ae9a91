"""The answers given so far; choosing one goes back to change it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.core.walk import TrailEntry
from pathways.tui.rule_content import text


class TrailPanel(Vertical):
    """A list of ``question: answer``; Enter on one posts :class:`ReviseRequested`."""

    class ReviseRequested(Message):
        def __init__(self, question_id: str) -> None:
            self.question_id = question_id
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Static("Your answers", classes="panel-title")
        yield OptionList(id="trail-list")
        yield Static(
            Content.styled("Enter on an answer to change it.", "$text-muted"),
            id="trail-hint",
        )

    def show_trail(self, trail: list[TrailEntry]) -> None:
        options = self.query_one("#trail-list", OptionList)
        options.clear_options()
        if not trail:
            options.add_option(
                Option(Content.styled("No answers yet.", "italic $text-muted"), disabled=True)
            )
            return
        options.add_options(
            Option(
                Content.assemble(
                    (f"{n}. ", "$text-muted"),
                    (text(entry.question.title), "bold"),
                    "\n   ",
                    ("→ " + text(entry.choice.label), "$text-accent"),
                ),
                id=entry.question.id,
            )
            for n, entry in enumerate(trail, start=1)
        )
        options.highlighted = len(trail) - 1

    def focus_list(self) -> None:
        self.query_one("#trail-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ReviseRequested(event.option.id))
