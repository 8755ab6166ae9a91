"""Help: this step's own help text, then every key of the screen it was opened from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.render.statuses import STATUS_MARKS, STATUS_WORDS
from pathways.tui.frames import PromptFrames
from pathways.tui.rule_content import reflow, text

STATUSES = ", ".join(f"{STATUS_MARKS[status]} {word}" for status, word in STATUS_WORDS.items())

SCREENS_HELP = (
    ("Welcome", "What the tool is, the notice, and the ways in."),
    ("Explore a case", "A question at a time; each step's sources beside it (or on 's')."),
    ("Verdicts", f"Each route's status in colour, mark and word: {STATUSES}."),
    ("Summary", "At the end: every route's verdict with its reason and numbered sources."),
    ("Case sheet (f)", "Every fact on one form; the verdicts change as you change any."),
    ("Context (i)", "In a case: the background to this step, each page cited."),
    ("Compare (c)", "The routes side by side, with this person's verdicts."),
    ("Map (m)", "Every step grouped by route; ✓ visited, ▶ where you are."),
    ("Export (e)", "Saves the brief as Markdown and JSON, readable only by you."),
    ("Search (ctrl+p)", "Find any step, source or glossary term."),
)

MOVING = (
    ("↑ ↓", "Move in a list, or scroll"),
    ("PgUp PgDn", "Scroll a page"),
    ("Home End", "The first, the last"),
    ("Tab", "The next pane: the one with the focus has a bar or a heavy border"),
)


def two_columns(rows: Iterable[tuple[str, str]], key_style: str) -> Table:
    """Names and what they do; a long line wraps under its text (a hanging indent)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style=key_style)
    grid.add_column(ratio=1)
    for name, what in rows:
        grid.add_row(name, what)
    return grid


class HelpScreen(PromptFrames, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(
        self,
        keys: list[tuple[str, str]],
        step_help: str | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.keys = keys
        self.step_help = step_help
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Help", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body", can_focus=True):
                if self.step_help:
                    yield Static(Content.styled("About this step", "bold"), classes="help-head")
                    yield Static(Content(text(self.step_help.strip())), id="step-help")
                yield Static(Content.styled("Keys", "bold"), classes="help-head")
                yield Static(two_columns(self.keys, "bold"), id="help-keys")
                yield Static(Content.styled("Moving around", "bold"), classes="help-head")
                yield Static(two_columns(MOVING, "bold"), id="help-moving")
                yield Static(Content.styled("Screens", "bold"), classes="help-head")
                yield Static(two_columns(SCREENS_HELP, "bold"), id="help-screens")
                yield Static(
                    Content.styled(
                        reflow(self.notice) if self.notice else "This is not legal advice.",
                        "italic $text-muted",
                    ),
                    classes="help-head",
                )
            yield Static(
                Content.styled("escape closes · ↑↓ scroll", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
