"""The top line: the screen's title, and the quick-exit control that is always in view."""

from __future__ import annotations

from typing import Any

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

    def _update(self, _: object = None) -> None:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        parts: list[Content | str | tuple[str, str]] = [(" " + text(title), "bold")]
        if sub:
            parts += ["  —  ", (text(sub), "$text-muted")]
        self.query_one("#title-text", Static).update(Content.assemble(*parts))


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
