"""The footer of every screen: compact, and without the palette key on narrow terminals."""

from __future__ import annotations

from collections.abc import Hashable
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
        self._shown: Hashable = None  # what the keys on show were composed from

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

    def _keys_on_show(self) -> Hashable:
        """Everything :meth:`Footer.compose` draws the keys from."""
        if not self._bindings_ready or not self.is_attached:
            return None
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (binding.key, binding.action, binding.description, binding.key_display,
                 binding.group, enabled, tooltip)
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                if binding.show or binding.action == "command_palette"
            ),
        )

    def on_resize(self, event: Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH

    async def recompose(self) -> None:
        """Recompose when the keys on show changed, then let go of the keys it replaced.

        Textual recomposes the footer whenever the bindings are refreshed: on every
        change of focus (each row of the case sheet), mostly to the very same keys.
        That removed and mounted ten widgets and laid the screen out again, a late
        frame after the key; the same keys are now left as they are.

        Each key watches the footer's ``compact``; Textual drops the watchers of
        removed keys only when ``compact`` next changes, which it never does here, so
        every screen change kept ten dead keys alive. Mutating it prunes them.
        """
        self._recompose_queued = False
        shown = self._keys_on_show()
        if shown is not None and shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
        self.mutate_reactive(Footer.compact)
