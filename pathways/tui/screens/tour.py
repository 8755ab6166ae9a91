"""A tour for a room: one door per step, the quote that closes it, the loop filling in."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Static

from pathways.tui.rule_content import citation_block, reference_block, reflow, text
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.loop_diagram import LoopDiagram
from pathways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph, Tour
    from pathways.tui.app import PathwaysApp


class TourScreen(Screen[None]):
    """Presentation view of one tour: next/previous with space and the arrows."""

    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right,down,pagedown,enter,l,j", "next", "Next", key_display="space/→"),
        Binding("left,up,pageup,backspace,h,k", "previous", "Previous", key_display="←"),
        Binding("n", "toggle_notes", "Notes", tooltip="Presenter notes and narration"),
        Binding("w", "open_step", "Full step", tooltip="Open this step with all its sources"),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("escape", "close", "Close"),
    ]

    step: reactive[int] = reactive(0, init=False)
    show_notes: var[bool] = var(False, toggle_class="-show-notes")

    def __init__(self, graph: RuleGraph, tour: Tour) -> None:
        super().__init__()
        self.graph = graph
        self.tour = tour
        self.labels = [s.loop for s in tour.steps if s.loop]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="tour-body"):
            with VerticalScroll(id="tour-main", can_focus=True):
                yield Static(id="tour-counter")
                yield Static(id="tour-heading")
                yield Static(id="tour-door")
                yield Static(id="tour-quote")
                yield Static(id="tour-notes")
            with Vertical(id="tour-side"):
                yield Static("The loop", classes="panel-title")
                yield LoopDiagram(id="tour-loop")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = text(self.tour.title)
        self.query_one("#tour-main").focus()
        self._show(self.step)

    def watch_step(self, step: int) -> None:
        self._show(step)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show, self.step)  # the loop is drawn to fit

    def _revealed(self, step: int) -> int:
        """How many loop labels the steps up to and including ``step`` have added."""
        return sum(1 for s in self.tour.steps[: step + 1] if s.loop)

    def _show(self, index: int) -> None:
        step = self.tour.steps[index]
        total = len(self.tour.steps)
        self.sub_title = f"step {index + 1} of {total}"
        self.query_one("#tour-counter", Static).update(
            Content.styled(f"{index + 1} / {total}", "$text-muted")
        )
        self.query_one("#tour-heading", Static).update(Content(text(step.heading)))
        self.query_one("#tour-door", Static).update(Content(text(step.door)))
        blocks = [citation_block(self.graph, c) for c in step.citations]
        blocks += [reference_block(self.graph, r) for r in step.references]
        self.query_one("#tour-quote", Static).update(Content("\n\n").join(blocks))
        notes: list[Content | str | tuple[str, str]] = [("Presenter notes", "bold")]
        if step.narration:
            notes += ["\n", reflow(step.narration)]
        if step.notes:
            notes += ["\n\n", (reflow(step.notes), "italic")]
        notes += ["\n\n", (f"Step in the graph: {text(step.node)} (press w)", "$text-muted")]
        self.query_one("#tour-notes", Static).update(Content.assemble(*notes))
        self.query_one(LoopDiagram).show(
            self.labels, self._revealed(index), compact=self.has_class("-narrow")
        )
        self.query_one("#tour-main", VerticalScroll).scroll_home(animate=False)

    def action_next(self) -> None:
        if self.step < len(self.tour.steps) - 1:
            self.step += 1
        else:
            self.notify("The loop is closed: that was the last step.", timeout=3)

    def action_previous(self) -> None:
        if self.step > 0:
            self.step -= 1

    def action_first(self) -> None:
        self.step = 0

    def action_last(self) -> None:
        self.step = len(self.tour.steps) - 1

    def action_toggle_notes(self) -> None:
        self.show_notes = not self.show_notes

    def action_open_step(self) -> None:
        cast("PathwaysApp", self.app).open_node(self.tour.steps[self.step].node)

    def action_close(self) -> None:
        self.dismiss()
