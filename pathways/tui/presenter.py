"""``pathways tour --follow PATH``: the presenter's console as its own small app.

It connects to the audience view's private socket (see :mod:`pathways.tui.tour_link`),
learns the tour from the first line it receives, and closes when the tour does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from pathways.core.safe_text import one_line
from pathways.core.tour_position import position_from_line, tour_of_line
from pathways.quick_exit import clear_terminal
from pathways.tui.frames import PromptFrames
from pathways.tui.screens.presenter import PresenterScreen
from pathways.tui.theme import HIGH_CONTRAST
from pathways.tui.tour_link import PresenterLink

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph


class Waiting(PromptFrames, Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("Connecting to the tour…", id="presenter-waiting")


class PresenterApp(App[int]):
    """Follows a tour shown in another terminal, and drives it."""

    CSS_PATH = "app.tcss"
    TITLE = "Presenter's console"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+x,ctrl+q", "quick_exit", "Quick exit", show=False, priority=True),
    ]

    def __init__(self, graph: RuleGraph, socket_path: Path, high_contrast: bool = False) -> None:
        super().__init__()
        self.graph = graph
        self.link = PresenterLink(socket_path)
        self.deck: PresenterScreen | None = None
        self.farewell = ""  # said on the terminal after the console closes
        self.quick_exited = False
        self.register_theme(HIGH_CONTRAST)
        if high_contrast:
            self.theme = HIGH_CONTRAST.name

    def get_default_screen(self) -> Screen[None]:
        return Waiting()

    def on_mount(self) -> None:
        self.run_worker(self._follow(), exclusive=True, exit_on_error=False)

    async def _follow(self) -> None:
        try:
            await self.link.connect()
        except OSError as error:
            where = one_line(str(self.link.path))
            self.farewell = f"{where}: {error.strerror or error}; is the tour still open?"
            self.exit(return_code=1)
            return
        await self.link.pump(self._receive)
        if not self.farewell:
            self.farewell = "The tour was closed in the audience window."
            self.exit(return_code=0)

    def _receive(self, line: bytes) -> None:
        if self.deck is not None:
            self.deck.move_from_peer(line)
            return
        tour = self.graph.tours.get(tour_of_line(line) or "")
        start = position_from_line(line, tour.id, len(tour.steps)) if tour else None
        if tour is None or start is None:
            self.farewell = (
                "The audience window shows a tour this rule pack does not have (or has"
                " with other steps); open the console with the same --rules."
            )
            self.link.close()
            self.exit(return_code=1)
            return
        self.deck = PresenterScreen(self.graph, tour, self.link, start)
        self.push_screen(self.deck)

    async def on_unmount(self) -> None:
        self.link.close()

    def action_quick_exit(self) -> None:
        self.quick_exited = True
        self.exit(return_code=0)


def run_presenter(graph: RuleGraph, socket_path: Path, high_contrast: bool = False) -> int:
    app = PresenterApp(graph, socket_path, high_contrast=high_contrast)
    app.run()
    if app.quick_exited and sys.__stdout__ is not None and sys.__stdout__.isatty():
        clear_terminal(sys.__stdout__)
    elif app.farewell:
        print(app.farewell, file=sys.stderr)
    return app.return_code or 0
