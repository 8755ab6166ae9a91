"""The footer of every screen: compact, and without the palette key on narrow terminals."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

PALETTE_MIN_WIDTH = 100


class KeysFooter(Footer):
    """Textual's Footer; at 80 columns it drops '^p palette' so every key fits."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH
