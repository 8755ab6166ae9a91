"""The walk: the current step, its choices, its sources, and the trail of answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen

from pathways.core.model import End, Question, RuleGraph
from pathways.core.walk import Walk
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.citations_panel import CitationsPanel
from pathways.tui.widgets.node_view import NodeView
from pathways.tui.widgets.trail_panel import TrailPanel

if TYPE_CHECKING:
    from pathways.tui.app import PathwaysApp
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.title_bar import TitleBar

CONTINUE = "continue"
# Export is never the first (highlighted) choice: pressing Enter through the walk must
# not lead into writing a file by momentum.
END_ACTIONS: tuple[tuple[str, str], ...] = (
    ("compare", "Compare the five routes side by side"),
    ("export", "Export this brief (Markdown and JSON)"),
    ("restart", "Start again with a new case"),
)


class WalkScreen(Screen[None]):
    """Walk one case. The walk itself is the app's; this screen shows it and asks for moves."""

    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,backspace", "back", "Back", tooltip="Go back one step"),
        Binding("r", "restart", "Restart", tooltip="Start the walk again"),
        Binding("s", "toggle_sources", "Sources", tooltip="Show or hide this step's sources"),
        Binding("t", "trail", "Trail", tooltip="Show your answers; choose one to change it"),
        Binding("g", "glossary", "Glossary", show=False, tooltip="B-2, 214(b), parole..."),
        Binding("escape", "home", "Home", show=False, tooltip="Back to the welcome screen"),
        *(
            Binding(str(n), f"choose({n})", "Choose", key_display="1-9", show=False)
            for n in range(1, 10)
        ),
    ]

    show_sources: var[bool] = var(False, toggle_class="-show-sources")
    show_trail: var[bool] = var(False, toggle_class="-show-trail")

    def __init__(self, graph: RuleGraph) -> None:
        super().__init__()
        self.graph = graph

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="walk-body"):
            yield TrailPanel(id="trail")
            with Vertical(id="walk-main"):
                yield NodeView(id="node")
                yield ChoiceList(id="choices")
            yield CitationsPanel(id="citations")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Explore a case"
        self.watch(self.app, "walk", self._show_walk, init=True)

    @property
    def pathways_app(self) -> PathwaysApp:
        return cast("PathwaysApp", self.app)

    @property
    def walk(self) -> Walk | None:
        return self.pathways_app.walk

    def _set_walk(self, walk: Walk) -> None:
        self.pathways_app.walk = walk

    def _show_walk(self, walk: Walk | None) -> None:
        if walk is None:
            return
        with self.app.batch_update():
            self._update_widgets(walk)

    def _update_widgets(self, walk: Walk) -> None:
        node = walk.node
        self.query_one(NodeView).show_node(self.graph, node, walk)
        self.query_one(CitationsPanel).show_node(self.graph, node)
        self.query_one(TrailPanel).show_trail(walk.trail)
        choices = self.query_one(ChoiceList)
        if isinstance(node, Question):
            choices.set_choices([(c.id, c.label) for c in node.choices])
        elif walk.can_proceed:
            choices.set_choices([(CONTINUE, "Continue")])
        elif isinstance(node, End):
            choices.set_choices(list(END_ACTIONS))
        else:
            choices.set_choices([("restart", "This walk ends here: start again")])
        depth = len(walk.trail)
        self.sub_title = f"Explore a case · {depth} answer{'s' if depth != 1 else ''}"
        if not self.show_trail or not self.query_one("#trail-list").has_focus:
            choices.focus()

    @on(ChoiceList.Chosen)
    async def _chosen(self, event: ChoiceList.Chosen) -> None:
        walk = self.walk
        if walk is None or event.generation != self.query_one(ChoiceList).generation:
            return  # chosen from choices that are no longer up (a quick second Enter)
        if event.choice_id == CONTINUE and walk.can_proceed:
            self._set_walk(walk.proceed())
        elif isinstance(walk.node, Question):
            # A key pressed twice fast can choose from the step before: ignore it.
            if any(choice.id == event.choice_id for choice in walk.node.choices):
                self._set_walk(walk.answer(event.choice_id))
        elif event.choice_id == "restart":
            self.action_restart()
        elif event.choice_id in ("export", "compare"):
            await self.run_action(f"app.{event.choice_id}")

    @on(TrailPanel.ReviseRequested)
    def _revise(self, event: TrailPanel.ReviseRequested) -> None:
        walk = self.walk
        if walk is None or all(e.question.id != event.question_id for e in walk.trail):
            return  # a second Enter on a trail already cut back: nothing to change
        self._set_walk(walk.revise(event.question_id))
        self.show_trail = False
        self.notify("Choose a new answer; the questions after it will be asked again.")
        self.query_one(ChoiceList).focus()

    def action_choose(self, number: int) -> None:
        self.query_one(ChoiceList).action_choose(number)

    def action_back(self) -> None:
        walk = self.walk
        if walk is None:
            return
        if walk.previous is None:
            self.notify("This is the first step.", timeout=2)
            return
        self._set_walk(walk.back())

    def action_restart(self) -> None:
        walk = self.walk
        if walk is None:
            return
        if walk.previous is None:
            return
        from pathways.tui.screens.confirm import ConfirmScreen

        def restart(confirmed: bool | None) -> None:
            current = self.walk
            if confirmed and current is not None:
                self._set_walk(current.restart())

        self.app.push_screen(
            ConfirmScreen(
                "Start again?",
                "Your answers in this walk will be cleared.",
                yes="Start again",
            ),
            restart,
        )

    def action_toggle_sources(self) -> None:
        if self.has_class("-wide"):
            self.query_one(CitationsPanel).focus()
            return
        self.show_sources = not self.show_sources
        if self.show_sources:
            self.show_trail = False  # both at once leave no width for the step: a crash
            self.query_one(CitationsPanel).focus()
        else:
            self.query_one(ChoiceList).focus()

    def action_trail(self) -> None:
        if self.has_class("-wide"):
            self.query_one(TrailPanel).focus_list()
            return
        self.show_trail = not self.show_trail
        if self.show_trail:
            self.show_sources = False  # one side panel at a time on a narrow screen
            self.query_one(TrailPanel).focus_list()
        else:
            self.query_one(ChoiceList).focus()

    def action_glossary(self) -> None:
        from pathways.tui.screens.glossary import GlossaryScreen

        walk = self.walk
        terms = walk.node.terms if walk is not None else ()
        self.app.push_screen(GlossaryScreen(self.graph, first=terms[0] if terms else None))

    def action_home(self) -> None:
        if self.show_sources or self.show_trail:
            self.show_sources = self.show_trail = False
            self.query_one(ChoiceList).focus()
            return
        self.dismiss()

    def step_help(self) -> str | None:
        """The current step's help text, for the help screen."""
        walk = self.walk
        return walk.node.help if walk is not None else None
