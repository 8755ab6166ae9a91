"""The presenter's console: the notes, the next step, a timer; it follows the room's view.

Opened in a second terminal with ``pathways tour --follow PATH``. The keys are the
audience view's (:class:`~pathways.tui.screens.tour.TourDeck`): either window drives
both. Nothing here is ever shown to the room.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from pathways.tui.rule_content import reflow, text
from pathways.tui.screens.tour import TourDeck, quote_with_source
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph, Tour
    from pathways.core.tour_position import TourPosition
    from pathways.tui.tour_link import PresenterLink


class PresenterScreen(TourDeck):
    """Notes for the step the room sees, the title of the next one, and the time taken."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "restart_timer", "Restart timer", tooltip="Start the timer again from 00:00"),
        Binding("q,escape", "app.quit", "Close console"),
    ]
    echoes_peer = False  # the audience view is the reference (see TourDeck)
    clock: Callable[[], float] = staticmethod(time.monotonic)  # tests stop the clock

    def __init__(
        self, graph: RuleGraph, tour: Tour, link: PresenterLink, start: TourPosition
    ) -> None:
        super().__init__(graph, tour)
        self.link = link
        self.set_reactive(TourDeck.position, start)
        self.started = self.clock()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="presenter-top"):
            yield Digits("00:00", id="presenter-timer")
            with Vertical(id="presenter-titles"):
                yield Static(id="presenter-now")
                yield Static(id="presenter-next")
        with VerticalScroll(id="presenter-notes", can_focus=False):
            yield Static(id="presenter-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"Presenter's console: {text(self.tour.title)}"
        self.drawn = True
        self.show_position()
        self.set_interval(1, self.show_time)

    def show_time(self) -> None:
        minutes, seconds = divmod(int(self.clock() - self.started), 60)
        self.query_one("#presenter-timer", Digits).update(f"{minutes:02d}:{seconds:02d}")

    def action_restart_timer(self) -> None:
        self.started = self.clock()
        self.show_time()

    def send(self, line: bytes) -> None:
        self.link.send(line)

    def show_position(self) -> None:
        if not self.drawn:
            return
        index, total = self.position.step, len(self.tour.steps)
        step = self.current
        asking = self.asking()
        room = "the question" if asking else "the door and its quote"
        mode = "  ·  ask the room" if self.position.ask else ""
        self.sub_title = f"step {index + 1} of {total}{mode}"
        self.query_one("#presenter-now", Static).update(
            Content.assemble(
                (f"NOW {index + 1}/{total}  ", "bold $text-muted"),
                (text(step.heading), "bold $text-accent"),
                "\n",
                (f"The room sees {room}.", "$text-muted"),
            )
        )
        if index + 1 < total:
            following = self.tour.steps[index + 1]
            upcoming = Content.assemble(
                (f"NEXT {index + 2}/{total}  ", "bold $text-muted"), text(following.heading)
            )
        else:
            upcoming = Content.styled("NEXT: the end of the tour (the loop is closed)",
                                      "bold $text-muted")
        self.query_one("#presenter-next", Static).update(upcoming)
        parts: list[Content | str | tuple[str, str]] = []
        if step.ask:
            parts += [("Question for the room: ", "bold"), (text(step.ask), "$text-warning"),
                      "\n"]
        parts += [("Door: ", "bold"), text(step.door), "\n\n"]
        if step.notes:
            parts += [("Notes", "bold"), "\n", reflow(step.notes), "\n\n"]
        if step.narration:
            parts += [("Narration", "bold"), "\n", (reflow(step.narration), "italic"), "\n\n"]
        if step.citations:
            parts += [("On screen", "bold"), "\n", quote_with_source(self.graph, step.citations[0])]
            if len(step.citations) > 1:
                parts += ["\n", (f"(+{len(step.citations) - 1} more source(s): press w in the"
                                 " room's window)", "$text-muted")]
        self.query_one("#presenter-text", Static).update(Content.assemble(*parts))
        self.query_one("#presenter-notes", VerticalScroll).scroll_home(animate=False)
