"""Help: this step's own help text, then every key of the screen it was opened from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.tui.frames import PromptFrames
from pathways.tui.rule_content import text

SCREENS_HELP = (
    ("Welcome", "What the tool is, the notice, and the ways in."),
    ("Explore a case", "A question at a time; each step's sources beside it (or on 's')."),
    ("Verdicts", "Each route's status in colour and in words: Open, Blocked, Long shot."),
    ("Summary", "At the end: all five verdicts with reasons and numbered sources."),
    ("Case sheet (f)", "Every fact on one form; the verdicts change as you change any."),
    ("Context (i)", "In a case: the background to this step, each page cited."),
    ("Compare (c)", "The five routes side by side, with this person's verdicts."),
    ("Map (m)", "Every step grouped by route; ✓ visited, ▶ where you are."),
    ("Export (e)", "Saves the brief as Markdown and JSON, readable only by you."),
    ("Search (ctrl+p)", "Find any step, source or glossary term."),
)


class HelpScreen(PromptFrames, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, keys: list[tuple[str, str]], step_help: str | None = None) -> None:
        super().__init__()
        self.keys = keys
        self.step_help = step_help

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Help", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body", can_focus=True):
                if self.step_help:
                    yield Static(Content.styled("About this step", "bold"), classes="help-head")
                    yield Static(Content(text(self.step_help.strip())), id="step-help")
                yield Static(Content.styled("Keys", "bold"), classes="help-head")
                yield Static(self._keys_content(), id="help-keys")
                yield Static(Content.styled("Screens", "bold"), classes="help-head")
                yield Static(
                    Content("\n").join(
                        Content.assemble((f"{name:<17}", "bold"), what)
                        for name, what in SCREENS_HELP
                    )
                )
                yield Static(
                    Content.styled(
                        "This explains what was reported in 2017. It is not legal advice.",
                        "italic $text-muted",
                    ),
                    classes="help-head",
                )
            yield Static(
                Content.styled("escape closes · ↑↓ scroll", "$text-muted"), classes="dialog-hint"
            )

    def _keys_content(self) -> Content:
        width = max((len(k) for k, _ in self.keys), default=4) + 2
        return Content("\n").join(
            Content.assemble((f"{key:<{width}}", "bold $text-accent"), what)
            for key, what in self.keys
        )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
