"""The footer of every screen: compact, and without the palette key on narrow terminals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.events import Resize
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_MIN_WIDTH = 100


class KeysFooter(Footer):
    """Textual's Footer; at 80 columns it drops '^p palette' so every key fits."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._recompose_queued = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """One recompose for any number of binding changes before it runs.

        Textual queues a recompose for every change (focus, mounts): 14 at start-up, each
        rebuilding every key. The one queued reads the bindings as they are when it runs.
        """
        if self._recompose_queued:
            return
        super().bindings_changed(screen)
        self._recompose_queued = bool(
            screen.app.app_focus and self.is_attached and screen is self.screen
        )

    def on_resize(self, event: Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH

    async def recompose(self) -> None:
        """Recompose, then let go of the keys it replaced.

        Each key watches the footer's ``compact``; Textual drops the watchers of
        removed keys only when ``compact`` next changes, which it never does here, so
        every screen change kept ten dead keys alive. Mutating it prunes them.
        """
        self._recompose_queued = False
        await super().recompose()
        self.mutate_reactive(Footer.compact)
