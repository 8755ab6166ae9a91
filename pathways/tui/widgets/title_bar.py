"""The top line: the screen's title, and the quick-exit control that is always in view."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Static

from pathways.tui.rule_content import text


class QuickExit(Static):
    """Clicking it (or ctrl+x anywhere) clears the screen and closes the app at once."""

    DEFAULT_CSS = """
    QuickExit {
        width: auto;
        height: 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    QuickExit:hover {
        background: $error-lighten-1;
    }
    """

    def __init__(self) -> None:
        super().__init__(Content.assemble(" ✕ Quick exit ", ("ctrl+x ", "bold")), id="quick-exit")
        self.tooltip = "Clear the screen and close the app immediately"

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.run_action("app.quick_exit")


class TitleBar(Horizontal):
    """Title and sub-title of the current screen (as Textual's Header shows them)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
    }
    TitleBar #title-text {
        width: 1fr;
        height: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="title-text")
        yield QuickExit()

    def on_mount(self) -> None:
        for obj in (self.app, self.screen):
            self.watch(obj, "title", self._update, init=False)
            self.watch(obj, "sub_title", self._update, init=False)
        self._update()

    def on_resize(self) -> None:
        self._update()

    def _update(self, _: object = None) -> None:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        room = self.size.width - self.query_one(QuickExit).outer_size.width
        title, sub = fitted(" " + text(title), text(sub) if sub else "", room)
        parts: list[Content | str | tuple[str, str]] = [(title, "bold")]
        if sub:
            parts += [SEPARATOR, (sub, "$text-muted")]
        self.query_one("#title-text", Static).update(Content.assemble(*parts))


SEPARATOR = "  —  "
SHORTEST_TITLE = 12  # cells of the pack's title kept before the screen's name is cut


def fitted(title: str, sub: str, room: int) -> tuple[str, str]:
    """The title and sub-title cut to ``room`` cells, each cut marked with "…".

    The screen's name and its count ("Explore a case · 3 answers") say more than the
    pack's title, which every screen shows: the title is cut first, down to
    :data:`SHORTEST_TITLE` cells, then the sub-title. ``room`` < 1 (not laid out yet):
    nothing is cut.
    """
    if room < 1:
        return title, sub
    need = cell_len(title) + (cell_len(SEPARATOR) + cell_len(sub) if sub else 0)
    if need <= room:
        return title, sub
    if sub:
        title_room = max(SHORTEST_TITLE, room - cell_len(SEPARATOR) - cell_len(sub))
        title = _cut(title, title_room)
        sub = _cut(sub, room - cell_len(title) - cell_len(SEPARATOR))
        return title, sub
    return _cut(title, room), sub


def _cut(words: str, room: int) -> str:
    if cell_len(words) <= room:
        return words
    if room < 1:
        return ""
    return set_cell_size(words, room - 1).rstrip() + "…"


def show_sub_title(screen: Screen[Any], sub_title: str) -> None:
    """Set ``screen``'s sub-title and draw it in the title bar alone.

    Assigning ``Screen.sub_title`` repaints the whole screen (it is a reactive of the
    screen), a second full frame after every answer or change of the case sheet for the
    one line that shows it: at 160x48 about 10 ms of each key.
    """
    if screen.sub_title == sub_title:
        return
    screen.set_reactive(Screen.sub_title, sub_title)
    for bar in screen.query(TitleBar):
        bar._update()
