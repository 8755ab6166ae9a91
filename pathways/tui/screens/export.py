"""Export: ask where to save the brief; nothing is written until the person confirms."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


def brief_paths(typed: str) -> tuple[Path, Path]:
    """The Markdown and JSON files for what the person typed (``.md`` added if missing)."""
    path = Path(typed.strip()).expanduser()
    if path.suffix.lower() != ".md":
        path = path.with_name(path.name + ".md")
    return path, path.with_suffix(".json")


class ExportScreen(ModalScreen[Path | None]):
    """Returns the Markdown path to write (the JSON goes beside it), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: Path, *, finished: bool) -> None:
        super().__init__()
        self.default = default
        self.finished = finished

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Export the brief", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    "The brief lists the answers, each route's verdict with its reason, "
                    "and every source as a numbered reference."
                    + ("" if self.finished else " This walk is not finished yet.")
                ),
                classes="dialog-detail",
            )
            yield Input(str(self.default), id="export-path", select_on_focus=False)
            yield Static(id="export-targets", classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)
        self._describe(field.value)

    @on(Input.Changed, "#export-path")
    def _changed(self, event: Input.Changed) -> None:
        self._describe(event.value)

    def _describe(self, typed: str) -> None:
        target = self.query_one("#export-targets", Static)
        if not typed.strip():
            target.update(Content.styled("Type a file name.", "$text-error"))
            return
        md, js = brief_paths(typed)
        target.update(
            Content.assemble(
                "Saves ",
                (str(md), "bold"),
                " and ",
                (str(js), "bold"),
                "\nreadable only by you (mode 600). ",
                ("A file already there is replaced only if you confirm.", "$text-muted"),
            )
        )

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        typed = self.query_one("#export-path", Input).value
        if typed.strip():
            self.dismiss(brief_paths(typed)[0])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
