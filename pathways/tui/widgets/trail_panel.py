"""The answers given so far; choosing one asks it again, keeping every other answer."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.widgets.option_list import Option

from pathways.core.walk import TrailEntry
from pathways.tui.hanging import HangingRows
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import text
from pathways.tui.widgets.choice_list import ChoiceList


class TrailPanel(Vertical):
    """A list of ``question: answer``; Enter on one posts :class:`ReviseRequested`."""

    DEFAULT_CSS = """
    TrailPanel {
        width: 30;
    }
    TrailPanel #trail-list {
        height: 1fr;
        max-height: 100%;
        border: none;
    }
    TrailPanel #trail-hint {
        padding: 0 1;
    }
    """

    class ReviseRequested(Message):
        def __init__(self, question_id: str) -> None:
            self.question_id = question_id
            super().__init__()

    _shown: tuple[tuple[str, str], ...] = ()  # (question, choice) of the answers shown
    OPTIONS_KEPT = 256

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Each answer as drawn, kept: a what-if puts the whole trail up again, and the
        # answers it did not change are drawn from what was rendered for them before.
        self._options: dict[tuple[int, str, str, str], Option] = {}

    def compose(self) -> ComposeResult:
        yield Static("Your answers", classes="panel-title")
        yield ChoiceList(id="trail-list")
        yield Static(
            Content.styled("Enter on an answer: what if it were different?", "$text-muted"),
            id="trail-hint",
        )

    def show_trail(self, trail: list[TrailEntry]) -> None:
        options = self.query_one("#trail-list", ChoiceList)
        shown = tuple((entry.question.id, entry.choice.id) for entry in trail)
        before, self._shown = self._shown, shown
        if not trail:
            options.put_up(
                [Option(Content.styled("No answers yet.", "italic $text-muted"), disabled=True)]
            )
            return
        if before and shown[:-1] == before:
            # One more answer (the usual step of a walk): add it, and keep the answers
            # already drawn rather than drawing the whole list again on every key.
            options.extend([self._entry(len(trail), trail[-1])], highlight=len(trail) - 1)
            return
        options.put_up(
            [self._entry(n, entry) for n, entry in enumerate(trail, start=1)],
            highlight=len(trail) - 1,
        )

    def focus_list(self) -> None:
        self.query_one("#trail-list", ChoiceList).focus()

    @on(ChoiceList.Chosen, "#trail-list")
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        if self.query_one("#trail-list", ChoiceList).is_current(event):
            self.post_message(self.ReviseRequested(event.choice_id))

    def _entry(self, number: int, entry: TrailEntry) -> Option:
        """'1. Question' then '→ answer', each wrapped line under its text (a hanging
        indent), rendered once per width and style however often it is put up."""
        question, choice = entry.question, entry.choice
        key = (number, question.id, question.title, choice.label)
        option = self._options.get(key)
        if option is None:
            if len(self._options) >= self.OPTIONS_KEPT:
                self._options.clear()
            said = Text(text(question.title), style="bold")
            said.append("\n→ " + text(choice.label), style="italic")
            rows = HangingRows([(Text(f"{number}. "), said)])
            listed = self.query_one("#trail-list", ChoiceList)
            option = self._options[key] = Option(RenderedOnce(listed, rows), id=question.id)
        return option
