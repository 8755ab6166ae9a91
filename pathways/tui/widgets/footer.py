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

    async def recompose(self) -> None:
        """Recompose, then let go of the keys it replaced.

        Each key watches the footer's ``compact``; Textual drops the watchers of
        removed keys only when ``compact`` next changes, which it never does here, so
        every screen change kept ten dead keys alive. Mutating it prunes them.
        """
        await super().recompose()
        self.mutate_reactive(Footer.compact)
