"""The walk: the current question, its choices, its sources, and the trail of answers.

A case walk asks questions first: the background passed on the way (context,
route introductions) is one key away (``i``), each verdict is read from the
summary with its sources, and the pack's tour is reached from the verdicts it
explains ("why"). Changing an answer from the trail walks again at once with
every other answer kept, and the summary marks the verdicts that changed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from pathways.core.explain import background, explaining_step, tour_nodes
from pathways.core.model import End, Info, Question, RuleGraph, Verdict
from pathways.core.walk import Walk, WalkError
from pathways.render.brief import build_brief
from pathways.render.statuses import CHANGED, status_mark, status_word
from pathways.tui.frames import PromptFrames, Text
from pathways.tui.host import host
from pathways.tui.rule_content import text
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.citations_panel import CitationsPanel
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.node_view import NodeView
from pathways.tui.widgets.title_bar import TitleBar, show_sub_title
from pathways.tui.widgets.trail_panel import TrailPanel
from pathways.tui.widgets.verdict_table import VerdictTable

AHEAD_GAP = 0.0  # s between two steps of rendering ahead (each waits its turn on the loop)
STOP = object()
CONTINUE = "continue"
READ = "read:"  # + a verdict's node id: open it with its sources
WHY = "why:"  # + a verdict's node id: the tour step that explains it
# Export is never the first (highlighted) choice: pressing Enter through the walk must
# not lead into writing a file by momentum.
END_ACTIONS: tuple[tuple[str, str], ...] = (
    ("compare", "Compare the routes side by side"),
    ("export", "Export this brief (Markdown and JSON)"),
    ("restart", "Start again with a new case"),
)


class WalkScreen(PromptFrames, Screen[None]):
    """Walk one case. The walk itself is the app's; this screen shows it and asks for moves."""

    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,backspace", "back", "Back", tooltip="Go back one step"),
        # Restart and Context are left out of the footer so that it fits 80 columns;
        # both are in the help (?), the summary offers restart, a question names "i".
        Binding("r", "restart", "Restart", show=False, tooltip="Start the walk again"),
        Binding("s", "toggle_sources", "Sources", tooltip="Show or hide this step's sources"),
        Binding("t", "trail", "Trail", tooltip="Your answers: change one, keep the others"),
        Binding(
            "i", "background", "Context", show=False, tooltip="The background to this step"
        ),
        Binding("g", "glossary", "Glossary", show=False, tooltip="Terms this pack explains"),
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
        self._revising: Walk | None = None  # the case while one of its answers is changed
        self._baseline: Walk | None = None  # the case before the last change, for the marks
        self._stale = False  # the walk changed while another screen hid this one
        self._ahead: tuple[Walk, Iterator[None]] | None = None  # summaries rendered ahead

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="walk-body"):
            yield TrailPanel(id="trail")
            with Vertical(id="walk-main"):
                yield NodeView(id="node")
                yield Text(id="what-if")
                yield ChoiceList(id="choices")
            yield CitationsPanel(id="citations")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Explore a case"
        self.watch(self.app, "walk", self._show_walk, init=True)

    @property
    def walk(self) -> Walk | None:
        return host(self.app).walk

    @property
    def case(self) -> Walk | None:
        """The case as a whole: while one answer is being changed, the walk before it."""
        return self._revising or self.walk

    def _set_walk(self, walk: Walk) -> None:
        host(self.app).walk = walk

    def _show_walk(self, walk: Walk | None) -> None:
        if walk is None:
            return
        if not self._in_view():
            self._stale = True  # changed elsewhere (the case sheet): drawn when back
            return
        self._stale = False
        with self.app.batch_update():
            self._update_widgets(walk)

    def _in_view(self) -> bool:
        """Whether this screen is drawn: the current one, or under dialogs only."""
        stack = self.app.screen_stack
        if self not in stack:
            return False
        above = stack[stack.index(self) + 1 :]
        return all(isinstance(screen, ModalScreen) for screen in above)

    def on_screen_resume(self) -> None:
        if self._stale:
            self._revising = None  # the case was changed elsewhere: no half-made change
            self._show_walk(self.walk)

    def changed_routes(self, walk: Walk) -> set[str]:
        """Routes whose verdict the last changed answer changed (shown at the summary)."""
        if self._baseline is None or not isinstance(walk.node, End):
            return set()
        return walk.changed_routes(self._baseline)

    def _update_widgets(self, walk: Walk) -> None:
        node = walk.node
        changed = self.changed_routes(walk)
        hints: list[str] = []
        context = [n for n in walk.passed if isinstance(n, Info)] if walk.questions_first else []
        in_tours = tour_nodes(self.graph)
        context = [n for n in context if n.id not in in_tours]
        if context:
            titles = ", ".join(text(n.title) for n in context[:3])
            more = f" and {len(context) - 3} more" if len(context) > 3 else ""
            hints.append(f"Background to this step: {titles}{more} (press i)")
        self.query_one(NodeView).show_node(self.graph, node, walk, changed=changed, hints=hints)
        self.query_one(CitationsPanel).show_node(self.graph, node)
        self.query_one(TrailPanel).show_trail((self._revising or walk).trail)
        self._show_what_if(walk, changed)
        choices = self.query_one("#choices", ChoiceList)
        if isinstance(node, Question):
            answered = node.answer_in(self._revising.given) if self._revising else None
            ids = [c.id for c in node.choices]
            choices.set_choices(
                [(c.id, c.label) for c in node.choices],
                highlight=ids.index(answered) if answered in ids else 0,
            )
        elif walk.can_proceed:
            choices.set_choices([(CONTINUE, "Continue")])
        elif isinstance(node, End):
            choices.set_choices(self._end_choices(walk, changed))
        else:
            choices.set_choices([("restart", "This walk ends here: start again")])
        depth = len(walk.trail)
        show_sub_title(self, f"Explore a case · {depth} answer{'s' if depth != 1 else ''}")
        if not self.show_trail or not self.query_one("#trail-list").has_focus:
            choices.focus()
        if isinstance(node, Question):
            self.call_after_refresh(self._start_ahead, walk)

    def _start_ahead(self, walk: Walk) -> None:
        """Once a question is drawn, render the summaries its answers would open, a block
        at a time while the screen is idle (:meth:`_step_ahead`)."""
        if self.walk is walk:
            self._ahead = (walk, self._summaries_ahead(walk))
            asyncio.get_running_loop().call_later(AHEAD_GAP, self._step_ahead)

    def _step_ahead(self) -> None:
        if self._ahead is None:
            return
        walk, steps = self._ahead
        if self.walk is not walk or not self.is_running:
            self._ahead = None  # answered already: what is left is of no use
            return
        try:
            done = next(steps, STOP) is STOP
        except Exception:
            # Work ahead only: the summary renders the same blocks when it is shown, where
            # an error is the app's to report; here it would come outside any handler.
            done = True
        if done:
            self._ahead = None
            return
        asyncio.get_running_loop().call_later(AHEAD_GAP, self._step_ahead)

    def _summaries_ahead(self, walk: Walk) -> Iterator[None]:
        """The summaries this question's answers would open, each rendered a step at a time
        (at the width the summary is drawn: the step's pane keeps its scrollbar's gutter)."""
        node = walk.node
        width = self.query_one(NodeView).scrollable_content_region.width
        if not isinstance(node, Question) or width <= 0:
            return
        table = self.query_one(VerdictTable)
        revising = self._revising
        for choice in node.choices:
            yield
            baseline: Walk | None
            try:
                if revising is not None:
                    then, baseline = revising.with_answer(node.id, choice.id), revising
                else:
                    then, baseline = walk.answer(choice.id), self._baseline
            except WalkError:
                continue
            if isinstance(then.node, End):
                changed = then.changed_routes(baseline) if baseline is not None else set()
                yield from table.render_ahead(build_brief(then), changed, width)

    def _end_choices(self, walk: Walk, changed: set[str]) -> list[tuple[str, str]]:
        """Each verdict, to read with its sources; the "why" of the closed doors; then on."""
        found: list[tuple[str, str]] = []
        why: list[tuple[str, str]] = []
        for route_id, verdict in walk.verdict_by_route().items():
            route = self.graph.routes.get(route_id)
            name = route.title if route is not None else route_id
            mark, word = status_mark(verdict.status), status_word(verdict.status)
            flag = f"  {CHANGED}" if route_id in changed else ""
            found.append((READ + verdict.id, f"{mark} {name}: {word}{flag}, why and sources"))
            link = explaining_step(self.graph, verdict)
            if link is not None and not why:
                why.append((WHY + verdict.id, f"Why these doors close: {link.tour.title}"))
        return found + why + list(END_ACTIONS)

    def _show_what_if(self, walk: Walk, changed: set[str]) -> None:
        banner = self.query_one("#what-if", Static)
        if self._revising is not None and isinstance(walk.node, Question):
            banner.update(
                Content.assemble(
                    ("What if? ", "bold"),
                    "Choose another answer: the others are kept, and the walk goes on "
                    "to the next open question or the summary (escape: no change).",
                )
            )
        elif self._baseline is not None and isinstance(walk.node, End):
            names = [
                self.graph.routes[r].title if r in self.graph.routes else r
                for r in sorted(changed)
            ]
            banner.update(
                Content.assemble(
                    ("After the changed answer: ", "bold"),
                    f"{len(changed)} verdict{'s' if len(changed) != 1 else ''} changed"
                    + (f" ({text(', '.join(names))}), marked {CHANGED}." if names else "."),
                )
            )
        else:
            banner.display = False
            return
        banner.display = True

    @on(ChoiceList.Chosen, "#choices")
    async def _chosen(self, event: ChoiceList.Chosen) -> None:
        walk = self.walk
        if walk is None or not self.query_one("#choices", ChoiceList).is_current(event):
            return  # chosen from choices that are no longer up (a quick second Enter)
        choice = event.choice_id
        if choice == CONTINUE:
            self._set_walk(walk.proceed())
        elif isinstance(walk.node, Question):
            revising, self._revising = self._revising, None
            if revising is not None:
                self._baseline = revising
                self._set_walk(revising.with_answer(walk.node.id, choice))
            else:
                self._set_walk(walk.answer(choice))
        elif choice.startswith(READ):
            host(self.app).open_node(choice.removeprefix(READ))
        elif choice.startswith(WHY):
            self.open_why(choice.removeprefix(WHY))
        elif choice == "restart":
            self.action_restart()
        elif choice in ("export", "compare"):
            await self.run_action(f"app.{choice}")

    def open_why(self, verdict_id: str) -> None:
        verdict = self.graph.nodes.get(verdict_id)
        if isinstance(verdict, Verdict):
            link = explaining_step(self.graph, verdict)
            if link is not None:
                host(self.app).open_tour(link.tour.id, link.tour.steps[link.step].node)

    @on(TrailPanel.ReviseRequested)
    def _revise(self, event: TrailPanel.ReviseRequested) -> None:
        walk = self._revising or self.walk
        if walk is None or all(e.question.id != event.question_id for e in walk.trail):
            return
        self._revising = walk
        self.show_trail = False
        self._set_walk(walk.revise(event.question_id))
        self.query_one("#choices", ChoiceList).focus()

    async def action_choose(self, number: int) -> None:
        """A number key: the choice is made in this key's handler (one frame, not two)."""
        chosen = self.query_one("#choices", ChoiceList).choose_now(number)
        if chosen is not None:
            await self._chosen(chosen)

    def action_back(self) -> None:
        walk = self.walk
        if walk is None:
            return
        if self._revising is not None:
            self._cancel_revising()
            return
        if walk.previous is None:
            self.notify("This is the first step.", timeout=2)
            return
        self._set_walk(walk.back())

    def _cancel_revising(self) -> None:
        revising, self._revising = self._revising, None
        if revising is not None:
            self._set_walk(revising)

    def action_restart(self) -> None:
        walk = self.walk
        if walk is None:
            return
        if walk.previous is None and self._revising is None:
            return
        from pathways.tui.screens.confirm import ConfirmScreen

        def restart(confirmed: bool | None) -> None:
            current = self.walk
            if confirmed and current is not None:
                self._revising = self._baseline = None
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
            self.query_one("#choices", ChoiceList).focus()

    def action_trail(self) -> None:
        if self.has_class("-wide"):
            self.query_one(TrailPanel).focus_list()
            return
        self.show_trail = not self.show_trail
        if self.show_trail:
            self.show_sources = False  # one side panel at a time on a narrow screen
            self.query_one(TrailPanel).focus_list()
        else:
            self.query_one("#choices", ChoiceList).focus()

    def action_background(self) -> None:
        from pathways.tui.screens.background import BackgroundScreen

        walk = self.walk
        if walk is None:
            return
        here = {n.id for n in walk.passed}
        self.app.push_screen(BackgroundScreen(self.graph, background(self.graph, walk), here))

    def action_glossary(self) -> None:
        from pathways.tui.screens.glossary import GlossaryScreen

        walk = self.walk
        terms = walk.node.terms if walk is not None else ()
        self.app.push_screen(GlossaryScreen(self.graph, first=terms[0] if terms else None))

    def action_home(self) -> None:
        if self._revising is not None:
            self._cancel_revising()
            return
        if self.show_sources or self.show_trail:
            self.show_sources = self.show_trail = False
            self.query_one("#choices", ChoiceList).focus()
            return
        self.dismiss()

    def step_help(self) -> str | None:
        """The current step's help text, for the help screen."""
        walk = self.walk
        return walk.node.help if walk is not None else None
