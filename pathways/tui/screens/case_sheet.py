"""The case sheet: every fact of the case on one form, the routes' verdicts beside it.

The fast path for an advocate who knows the case (the guided walk stays the path
for learning). The verdicts are worked out again on every change, since a walk is
a pure function of its answers; only the questions that can still apply are
shown, and an answer hidden by another is kept, not lost. The sheet and the walk
are one case: what is set here is where the walk resumes, and the brief exported.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.core.explain import explaining_step
from pathways.core.model import Question, RuleGraph, Verdict
from pathways.core.walk import (
    NOT_ASKED,
    Walk,
    not_used_sentence,
    open_questions,
    unused_answers,
)
from pathways.render.statuses import CHANGED
from pathways.tui.frames import PromptFrames
from pathways.tui.host import host
from pathways.tui.rule_content import status_badge, text
from pathways.tui.widgets.fact_row import FactRow
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.kept_in_view import KeptInView
from pathways.tui.widgets.title_bar import TitleBar, show_sub_title


class CaseSheetScreen(PromptFrames, Screen[None]):
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "close", "Close"),
        Binding("v", "focus_verdicts", "Verdicts", tooltip="The routes' verdicts: enter reads one"),
        Binding("w", "why", "Why", tooltip="The tour step that explains the chosen verdict"),
    ]

    def __init__(self, graph: RuleGraph, walk: Walk | None) -> None:
        super().__init__()
        self.graph = graph
        self.facts: dict[str, str] = dict(walk.given) if walk is not None else {}
        self.walk = Walk.from_facts(graph, self.facts, questions_first=True)
        self._changed: set[str] = set()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="sheet-body"):
            with VerticalScroll(id="sheet-form", can_focus=False):
                yield Static("The case: ←/→ answer, del clears", classes="panel-title")
                for question in open_questions(self.graph, {}):
                    row = FactRow(question, self.facts.get(question.fact or question.id))
                    row.id = f"fact-{question.id}"
                    yield row
            with Vertical(id="sheet-side"):
                yield Static("The routes", classes="panel-title")
                yield KeptInView(id="sheet-verdicts")
                yield Static(id="sheet-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Case sheet"
        self._refresh_sheet()
        rows = [r for r in self.query(FactRow) if r.display]
        if rows:
            rows[0].focus()

    @on(FactRow.Changed)
    def _fact_changed(self, event: FactRow.Changed) -> None:
        before = self._route_verdicts()
        if event.value is None:
            self.facts.pop(event.key, None)
        else:
            self.facts[event.key] = event.value
        self.walk = Walk.from_facts(self.graph, self.facts, questions_first=True)
        after = self._route_verdicts()
        self._changed = {
            route
            for route, verdict in after.items()
            if verdict is not None and route in before and _id(before[route]) != verdict.id
        }
        host(self.app).walk = self.walk
        self._refresh_sheet()

    def _refresh_sheet(self) -> None:
        applies = {q.fact or q.id: q for q in open_questions(self.graph, self.facts)}
        for row in self.query(FactRow):
            question = applies.get(row.key)
            row.display = question is not None
            if question is not None:
                row.question = question
        answered = sum(1 for k in applies if k in self.facts)
        show_sub_title(self, f"{answered} of {len(applies)} facts known")
        self._show_verdicts()
        self._show_hint(set(applies))

    def _show_verdicts(self) -> None:
        walks = self._route_walks()
        wide = self.has_class("-wide")
        options: list[Option] = []
        for route in self.graph.routes.values():
            verdict = walks[route.id].verdict_by_route().get(route.id)
            waiting = walks[route.id].node
            parts: list[Content | str | tuple[str, str]] = []
            if verdict is None:
                parts += [("  …  ", "$text-muted"), (text(route.title), "bold")]
                if isinstance(waiting, Question):
                    parts += ["\n     ", ("needs: " + text(waiting.title), "italic $text-muted")]
            else:
                parts += [status_badge(verdict.status), " ", (text(route.title), "bold")]
                if route.id in self._changed:
                    parts += [" ", (CHANGED, "bold reverse")]
                if wide:
                    parts += ["\n   ", (text(verdict.reason), "$text-muted")]
            options.append(Option(Content.assemble(*parts), id=route.id))
        verdicts = self.query_one("#sheet-verdicts", OptionList)
        highlighted = verdicts.highlighted
        verdicts.clear_options()
        verdicts.add_options(options)
        verdicts.highlighted = highlighted if highlighted is not None else 0

    def _show_hint(self, applies: set[str]) -> None:
        """The keys, under a line for each answer kept for a question this case no longer
        asks (``applies``: the facts it asks; the others' rows are hidden)."""
        hint = Content.styled(
            "enter: the verdict with its sources · w: why · e: export", "$text-muted"
        )
        not_used = [
            Content.styled(
                not_used_sentence(text(u.question.title), u.question.fact, u.choice.id,
                                  NOT_ASKED), "italic"
            )
            for u in unused_answers(self.walk) if u.question.fact not in applies
        ]
        self.query_one("#sheet-hint", Static).update(Content("\n").join([*not_used, hint]))

    def _highlighted_verdict(self) -> Verdict | None:
        verdicts = self.query_one("#sheet-verdicts", OptionList)
        if verdicts.highlighted is None:
            return None
        route_id = verdicts.get_option_at_index(verdicts.highlighted).id
        return self._route_verdicts().get(route_id or "")

    @on(OptionList.OptionSelected, "#sheet-verdicts")
    def _open_verdict(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        route_id = event.option.id or ""
        walk = self._route_walks().get(route_id)
        if walk is None:
            return
        verdict = walk.verdict_by_route().get(route_id)
        if verdict is not None:
            host(self.app).open_node(verdict.id)
            return
        waiting = walk.node
        if isinstance(waiting, Question):
            key = waiting.fact or waiting.id
            for row in self.query(FactRow):
                if row.key == key:
                    row.focus()
                    return

    def _route_walks(self) -> dict[str, Walk]:
        """Each route walked alone on the facts known: a route's verdict shows as soon as
        its own questions are answered, whatever the other routes still need."""
        return {
            route: Walk.from_facts(self.graph, self.facts, route=route, questions_first=True)
            for route in self.graph.routes
        }

    def _route_verdicts(self) -> dict[str, Verdict | None]:
        return {
            route: walk.verdict_by_route().get(route) for route, walk in self._route_walks().items()
        }

    def action_focus_verdicts(self) -> None:
        self.query_one("#sheet-verdicts", OptionList).focus()

    def action_why(self) -> None:
        verdict = self._highlighted_verdict()
        link = explaining_step(self.graph, verdict) if verdict is not None else None
        if link is None:
            self.notify("No tour step explains this verdict.", timeout=3)
            return
        host(self.app).open_tour(link.tour.id, link.tour.steps[link.step].node)

    def action_close(self) -> None:
        self.dismiss()


def _id(verdict: Verdict | None) -> str | None:
    return verdict.id if verdict is not None else None
