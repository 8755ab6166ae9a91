"""Export: ask where to save the brief, show the full paths, write both files or neither.

Every path typed is accepted or refused with a message in the dialog; a failure
to write is said in the dialog too, so the walk is never lost and the person can
try another name. Nothing is written until they confirm.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from pathways.tui.brief_export import Refusal, Target, default_folder, existing, resolve, save
from pathways.tui.frames import PromptFrames

if TYPE_CHECKING:
    from pathways.core.walk import Walk


class ExportScreen(PromptFrames, ModalScreen[str | None]):
    """Returns a sentence saying what was saved, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, walk: Walk, export_dir: Path | None = None) -> None:
        super().__init__()
        self.walk = walk
        self.folder = default_folder(export_dir)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Export the brief", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    "The brief lists the answers, each route's verdict with its reason, "
                    "and every source as a numbered reference."
                    + ("" if self.walk.finished else " This walk is not finished yet.")
                ),
                classes="dialog-detail",
            )
            yield Input(
                str(self.folder / "pathways-brief.md"), id="export-path", select_on_focus=False
            )
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

    def _describe(self, typed: str) -> Target | Refusal:
        shown = self.query_one("#export-targets", Static)
        found = resolve(typed, self.folder)
        if isinstance(found, Refusal):
            shown.update(Content.styled(found.reason, "bold $text-error"))
            return found
        shown.update(
            Content.assemble(
                "Saves ",
                (str(found.markdown), "bold"),
                "\nand ",
                (str(found.json), "bold"),
                "\nreadable only by you (mode 600). ",
                ("A file already there is replaced only if you confirm.", "$text-muted"),
            )
        )
        return found

    def _say(self, message: str) -> None:
        self.query_one("#export-targets", Static).update(
            Content.styled(message, "bold $text-error")
        )

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        found = self._describe(self.query_one("#export-path", Input).value)
        if isinstance(found, Target):
            self._write(found)

    @work(exclusive=True, group="export")
    async def _write(self, target: Target) -> None:
        from pathways.render.brief import brief_json_text, brief_markdown, build_brief
        from pathways.tui.screens.confirm import ConfirmScreen

        brief = build_brief(self.walk)
        texts = (brief_markdown(brief), brief_json_text(brief))
        if self.app.is_web:
            for path, body in zip(target.paths, texts, strict=True):
                self.app.deliver_text(io.StringIO(body), save_filename=path.name)
            self.dismiss("The brief is downloading in your browser.")
            return
        there = existing(target)
        if there:
            names = " and ".join(str(p) for p in there)
            replace = await self.app.push_screen_wait(
                ConfirmScreen(
                    "Replace the existing file?",
                    f"{names} already exist{'s' if len(there) == 1 else ''}. "
                    "Replace with this brief?",
                    yes="Replace",
                )
            )
            if not replace:
                self._say("Nothing was written. Choose another name, or escape to cancel.")
                return
        try:
            save(target, texts, replace=bool(there))
        except FileExistsError:
            self._say("A file of that name appeared meanwhile. Nothing was written.")
            return
        except OSError as error:
            reason = error.strerror or type(error).__name__
            where = _shown_name(error, target)
            self._say(f"Could not save {where}: {reason}. Nothing was written.")
            return
        self.dismiss(
            f"Saved {target.markdown} and {target.json} (readable only by you)."
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _shown_name(error: OSError, target: Target) -> str:
    """The file the system refused, by the name the person chose (never a temporary name)."""
    refused = str(error.filename or "")
    for path in target.paths:
        if path.name in refused:
            return str(path)
    return str(target.markdown.parent)
