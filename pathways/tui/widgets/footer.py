"""The footer of every screen: compact, and without the palette key on narrow terminals.

Under a dialog it shows the dialog's keys: the dialog has none of its own, and the keys
of the screen beneath do not work while it is open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from itertools import groupby
from typing import TYPE_CHECKING, Any

from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

PALETTE_MIN_WIDTH = 100


class KeysFooter(Footer):
    """Textual's Footer; at 80 columns it drops '^p palette' so every key fits."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._recompose_queued = False
        self._shown: Hashable = None  # what the keys on show were composed from

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def keys_of(self) -> Screen[Any]:
        """The screen whose keys are shown: the dialog open over this footer's screen (its
        keys are the ones that work), else the footer's own."""
        own = self.screen
        if not self.is_attached:
            return own
        stack = self.app.screen_stack
        if own not in stack or own is stack[-1]:
            return own
        above = stack[stack.index(own) + 1 :]
        return above[-1] if all(isinstance(s, ModalScreen) for s in above) else own

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """A screen was pushed or popped: a dialog over this footer's screen, or closed."""
        if screen is not self.screen and self.keys_of() is screen:
            screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        if self.keys_of() is screen:
            self.bindings_changed(screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """One recompose for any number of binding changes before it runs.

        Textual queues a recompose for every change (focus, mounts): 14 at start-up, each
        rebuilding every key. The one queued reads the bindings as they are when it runs.
        """
        if self._recompose_queued:
            return
        self._bindings_ready = True
        if not (screen.app.app_focus and self.is_attached and screen is self.keys_of()):
            return
        self.call_after_refresh(self.recompose)
        self._recompose_queued = True

    def _keys_on_show(self) -> Hashable:
        """Everything :meth:`Footer.compose` draws the keys from."""
        if not self._bindings_ready or not self.is_attached:
            return None
        return (
            id(self.keys_of()),
            self.compact,
            self.show_command_palette,
            tuple(
                (binding.key, binding.action, binding.description, binding.key_display,
                 binding.group, enabled, tooltip)
                for _node, binding, enabled, tooltip in self.keys_of().active_bindings.values()
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

    def compose(self) -> ComposeResult:
        """Textual's ``Footer.compose``, with the keys of :meth:`keys_of` (Textual's takes
        the footer's own screen's, which a dialog over it leaves showing)."""
        if not self._bindings_ready:
            return
        active_bindings = self.keys_of().active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        self.styles.grid_size_columns = len(by_action)
        for group, in_group in groupby(by_action.values(), lambda keys: keys[0][0].group):
            keys = list(in_group)
            if group is not None and len(keys) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for (binding, enabled, tooltip), *_ in keys:
                        yield FooterKey(
                            binding.key,
                            self.app.get_key_display(binding),
                            "",
                            binding.action,
                            disabled=not enabled,
                            tooltip=tooltip or binding.description,
                            classes="-grouped",
                        ).data_bind(compact=Footer.compact)
                yield FooterLabel(group.description)
                continue
            for (binding, enabled, tooltip), *_ in keys:
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
