"""Said over any screen while the terminal is smaller than the app is laid out for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from pathways.tui.frames import PromptFrames

MIN_WIDTH, MIN_HEIGHT = 80, 24  # every screen is laid out (and tested) for at least this


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallScreen(PromptFrames, ModalScreen[None]):
    """Says the window's size and the app's minimum; escape carries on anyway.

    The app takes it away as soon as the window is big enough; quick exit (ctrl+x)
    works over it as everywhere.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "carry_on", "Carry on anyway"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="too-small"):
            yield Static(Content.styled("This window is too small", "bold"), classes="dialog-title")
            yield Static(id="too-small-detail", classes="dialog-detail")
            yield Static(
                Content.assemble(
                    ("ctrl+x", "bold"), " quick exit · ", ("escape", "bold"), " carry on anyway"
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.show_size(self.app.size)

    def show_size(self, size: Size) -> None:
        self.query_one("#too-small-detail", Static).update(
            Content(
                f"This window is {size.width}x{size.height}; the app needs at least "
                f"{MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or use `pathways walk` "
                "(plain text, any size)."
            )
        )

    def action_carry_on(self) -> None:
        self.dismiss(None)
