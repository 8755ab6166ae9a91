"""A tour for a room: one door per step, the quote that closes it, the loop filling in.

:class:`TourDeck` holds what the audience view and the presenter's console share: the
tour, its :class:`~pathways.core.tour_position.TourPosition`, and the keys that move
it. :class:`TourScreen` is the audience view, laid out for a projector; it never shows
presenter notes. With a link (``pathways tour NAME --presenter``) every move is sent
to the presenter's console and every move there arrives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Digits, Static

from pathways.core.tour_position import TourPosition, position_from_line
from pathways.tui.frames import PromptFrames
from pathways.tui.host import host
from pathways.tui.rule_content import kind_badge, reference_block, text
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.loop_diagram import LoopDiagram
from pathways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathways.core.model import Citation, RuleGraph, Tour, TourStep
    from pathways.tui.tour_link import AudienceLink

STEP_KEYS: list[BindingType] = [
    Binding(str(n), f"jump({n - 1})", "Step", key_display="1-9", show=n == 1)
    for n in range(1, 10)
]


class TourDeck(PromptFrames, Screen[None]):
    """A tour and where it is; the keys move it, and a linked window follows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right,down,pagedown,enter,l,j", "next", "Next", key_display="space/→"),
        Binding("left,up,pageup,backspace,h,k", "previous", "Back", key_display="←"),
        # Home/End are in the help (?): left out of the footer so that it fits 80 columns.
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        *STEP_KEYS,
        Binding("a", "toggle_ask", "Ask", tooltip="Ask the room: each door as a question first"),
    ]

    position: reactive[TourPosition] = reactive(TourPosition(1), init=False)

    def __init__(self, graph: RuleGraph, tour: Tour) -> None:
        super().__init__()
        self.graph = graph
        self.tour = tour
        self._moved_by_peer = False
        self.drawn = False  # set once composed: moves before that are drawn on mount
        self.set_reactive(TourDeck.position, TourPosition(len(tour.steps)))

    @property
    def step(self) -> int:
        return self.position.step

    @property
    def current(self) -> TourStep:
        return self.tour.steps[self.position.step]

    def has_question(self, step: int | None = None) -> bool:
        return self.tour.steps[self.position.step if step is None else step].ask is not None

    def asking(self) -> bool:
        """True while the room sees this step's question, not yet its answer."""
        return self.position.asking(self.has_question())

    def revealed(self) -> int:
        """How many loop labels are shown: this step's only once its door is shown."""
        step = self.position.step - 1 if self.asking() else self.position.step
        return self.tour.revealed_at(step) if step >= 0 else 0

    def watch_position(self, position: TourPosition) -> None:
        self.show_position()
        if not self._moved_by_peer or self.echoes_peer:
            self.send(position.to_line(self.tour.id))

    # The audience view is the reference: it sends on what the presenter moved too, so
    # two windows pressed at once settle on the same step. The presenter never echoes.
    echoes_peer = True

    def send(self, line: bytes) -> None:
        """Send a position line to the linked window (none by default)."""

    def show_position(self) -> None:
        """Draw the current position (each deck its own way)."""

    def move_from_peer(self, line: bytes) -> None:
        """A position the linked window sent: follow it."""
        position = position_from_line(line, self.tour.id, len(self.tour.steps))
        if position is None or position == self.position:
            return
        self._moved_by_peer = True
        try:
            self.position = position
        finally:
            self._moved_by_peer = False

    def go_to_node(self, node_id: str) -> None:
        """Go to the step that shows ``node_id`` (before the screen is shown, too)."""
        steps = [step.node for step in self.tour.steps]
        if node_id not in steps:
            return
        moved = self.position.jump(steps.index(node_id))
        if self.drawn:
            self.position = moved
        else:  # its on_mount draws (and sends) this step
            self.set_reactive(TourDeck.position, moved)

    def _move(self, position: TourPosition) -> None:
        """Go there; a key that goes nowhere (back at the first step, 1 on step 1) rings
        the bell, so the presenter knows it was taken (no notice: the room sees it)."""
        if position == self.position:
            self.app.bell()
            return
        self.position = position

    def action_next(self) -> None:
        self._move(self.position.next(self.has_question()))

    def action_previous(self) -> None:
        self._move(self.position.previous(self.has_question()))

    def action_first(self) -> None:
        self._move(self.position.first())

    def action_last(self) -> None:
        self._move(self.position.last())

    def action_jump(self, step: int) -> None:
        if step >= len(self.tour.steps):
            self.app.bell()  # no such step
            return
        self._move(self.position.jump(step))

    def action_toggle_ask(self) -> None:
        if not any(s.ask for s in self.tour.steps):
            self.app.bell()  # this tour has no questions for the room
            return
        self.position = self.position.toggle_ask()


def quote_with_source(graph: RuleGraph, citation: Citation) -> Content:
    """One quote, then who said it where: badge, outlet, byline, date (and who speaks)."""
    parts: list[Content | str | tuple[str, str]] = [("“" + text(citation.words) + "”", "$text")]
    source = graph.sources.get(citation.source)
    if source is None:
        parts += ["\n", (f"unknown source '{text(citation.source)}'", "$text-error")]
        return Content.assemble(*parts)
    who = [text(v) for v in (source.outlet, source.byline, source.date) if v]
    parts += ["\n", kind_badge(source.kind), " ", (" · ".join(who), "$text-muted")]
    if citation.note:
        parts += ["\n", (text(citation.note), "italic $text-muted")]
    return Content.assemble(*parts)


class TourScreen(TourDeck):
    """The audience view, for a projector: a large heading, the door that closes, one quote
    with its source, the loop always in view. No presenter notes."""

    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "open_step", "Sources", tooltip="Open this step with all its sources"),
        Binding("escape", "close", "Close"),
        # The app's map, compare, export and case-sheet keys still work here, but the room
        # does not need them in the footer, which must fit 80 columns.
        *(
            Binding(key, f"app.{action}", description, show=False)
            for key, action, description in (
                ("m", "map", "Map"),
                ("c", "compare", "Compare"),
                ("e", "export", "Export"),
                ("f", "case_sheet", "Case sheet"),
            )
        ),
    ]

    def __init__(
        self,
        graph: RuleGraph,
        tour: Tour,
        link: AudienceLink | None = None,
        *,
        closes_app: bool = False,
    ) -> None:
        super().__init__(graph, tour)
        self.link = link
        # Opened by ``pathways tour NAME``: escape goes back to the shell, not on to the
        # app's welcome screen (which the room would then see).
        self.closes_app = closes_app

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="tour-body"):
            with Vertical(id="tour-main"):
                with Horizontal(id="tour-top"):
                    yield Digits(id="tour-number")
                    with Vertical(id="tour-titles"):
                        yield Static(id="tour-counter")
                        yield Static(id="tour-heading")
                yield Static(id="tour-door")
                yield Static(id="tour-quote")
            with Vertical(id="tour-side"):
                yield Static("The loop", classes="panel-title")
                yield LoopDiagram(id="tour-loop")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.title = text(self.tour.title)
        self.drawn = True
        self.show_position()
        if self.link is not None:
            self.link.receive = self.move_from_peer
            self.link.on_connect = self.link.on_disconnect = self._presenters_changed
            await self.link.start()
            self.send(self.position.to_line(self.tour.id))

    def on_unmount(self) -> None:
        if self.link is not None:
            self.link.receive = lambda line: None
            self.link.on_connect = self.link.on_disconnect = lambda: None

    def _presenters_changed(self) -> None:
        # A console linked or gone: said in the title bar at once (not at the next step),
        # not in a notice that would cover the loop.
        self.show_position()

    def send(self, line: bytes) -> None:
        if self.link is not None:
            self.link.send(line)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_position)  # the loop is drawn to fit

    def show_position(self) -> None:
        if not self.drawn:
            return
        index, total = self.position.step, len(self.tour.steps)
        step = self.current
        mode = "  ·  ask the room" if self.position.ask else ""
        if self.link is not None and self.link.presenters:
            mode += "  ·  presenter linked"
        self.sub_title = f"{index + 1}/{total}{mode}"
        self.query_one("#tour-number", Digits).update(str(index + 1))
        self.query_one("#tour-counter", Static).update(
            Content.styled(
                f"STEP {index + 1} OF {total}" + (" · THE LAST" if index == total - 1 else ""),
                "bold $text-muted",
            )
        )
        asking = self.asking()  # the heading would give the answer away
        heading = "Ask the room" if asking else text(step.heading)
        self.query_one("#tour-heading", Static).update(Content(heading))
        door = self.query_one("#tour-door", Static)
        quote = self.query_one("#tour-quote", Static)
        door.set_class(asking, "-question")
        if asking and step.ask is not None:
            door.update(Content(text(step.ask)))
            quote.update(Content.styled("Ask the room. The answer, with its source, is next.",
                                        "italic $text-muted"))
        else:
            door.update(Content(text(step.door)))
            if step.citations:
                quote.update(quote_with_source(self.graph, step.citations[0]))
            elif step.references:
                quote.update(reference_block(self.graph, step.references[0]))
            else:
                quote.update(Content.styled("No source cited for this step.", "$text-error"))
        self.query_one(LoopDiagram).show(
            self.tour, self.revealed(), compact=self.has_class("-narrow")
        )

    def action_open_step(self) -> None:
        host(self.app).open_node(self.current.node)

    async def action_close(self) -> None:
        if self.closes_app:
            await self.run_action("app.ask_quit")  # asks first only if a case was started
            return
        self.dismiss()

