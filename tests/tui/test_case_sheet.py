"""The case sheet: every fact on one form, the five verdicts beside it, live."""

from __future__ import annotations

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk, answer_key, open_questions
from pathways.tui import PathwaysApp
from pathways.tui.screens.case_sheet import CaseSheetScreen
from pathways.tui.screens.node_detail import NodeScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.fact_row import FactRow
from tests.fixture_packs import load
from tests.tui.driving import open_at, the_app, wait_for_pack


def _sheet(app: object) -> CaseSheetScreen:
    assert isinstance(app, PathwaysApp)
    assert isinstance(app.screen, CaseSheetScreen)
    return app.screen


def _shown_rows(sheet: CaseSheetScreen) -> list[str]:
    return [row.key for row in sheet.query(FactRow) if row.display]


async def test_one_key_opens_it_from_the_welcome_screen_and_from_a_walk(
    graph: RuleGraph,
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        _sheet(pilot.app)
        await pilot.press("escape")
        await open_at(pilot, lambda w: len(w.trail) == 1)
        await pilot.press("f")
        sheet = _sheet(pilot.app)
        walk = the_app(pilot).walk
        assert walk is not None
        assert {r.key: r.value for r in sheet.query(FactRow) if r.value} == dict(walk.given)


async def test_every_change_works_out_the_verdicts_again_at_once(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        sheet = _sheet(pilot.app)
        seen: dict[str, set[str]] = {r: set() for r in graph.routes}
        # Fill the sheet top to bottom with the first answer, then try each other one.
        for _ in range(len(open_questions(graph, {})) * 3):
            focused = pilot.app.focused
            if not isinstance(focused, FactRow):
                break
            await pilot.press("right")
            expected = Walk.from_facts(graph, sheet.facts, questions_first=True)
            assert sheet.walk.path == expected.path
            assert the_app(pilot).walk is sheet.walk  # the sheet and the walk are one case
            for route, verdict in sheet.walk.verdict_by_route().items():
                seen[route].add(verdict.id)
            await pilot.press("down")
        assert all(seen.values()), f"a route never had a verdict: {seen}"


async def test_only_the_questions_that_apply_are_shown_and_hidden_answers_kept() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        sheet = _sheet(pilot.app)
        assert _shown_rows(sheet) == [answer_key(q) for q in open_questions(small, {})]
        await pilot.press("2", "down", "1")  # abroad; can pay
        assert sheet.facts == {"location": "abroad", "can-fund": "yes"}
        assert {v.status for v in sheet.walk.verdict_by_route().values()} == {
            "open",
            "long-shot",
        }
        await pilot.press("2")  # cannot pay: both change
        assert {v.status for v in sheet.walk.verdict_by_route().values()} == {"blocked"}
        assert sheet._changed == {"visa", "asylum"}


async def test_enter_on_a_verdict_opens_it_with_its_sources() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f", "1", "down", "2", "v", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, NodeScreen)
        assert screen.node_id == "visa-blocked"
        assert screen.query_one("#detail-citations").has_focus


async def test_what_the_sheet_sets_is_where_the_walk_resumes() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f", "1", "escape", "1")
        assert isinstance(pilot.app.screen, WalkScreen)
        walk = the_app(pilot).walk
        assert walk is not None
        assert walk.position == "can-fund"
        assert [e.choice.id for e in walk.trail] == ["home"]


async def test_a_walk_view_hidden_behind_the_sheet_shows_the_sheets_case_when_back() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")  # the walk view, at the first question
        assert isinstance(pilot.app.screen, WalkScreen)
        walk_view = pilot.app.screen
        await pilot.press("f", "2", "down", "1")  # abroad, can pay: the case is finished
        await pilot.press("escape")
        assert pilot.app.screen is walk_view
        walk = the_app(pilot).walk
        assert walk is not None and walk.finished
        choices = walk_view.query_one("#choices", ChoiceList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert "export" in ids  # the summary's choices, not the first question's


async def test_a_route_shows_its_verdict_once_its_own_facts_are_known(graph: RuleGraph) -> None:
    """Each route is worked out alone: answering only the location settles the routes
    that depend on nothing else, whatever questions the other routes still wait for."""
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        sheet = _sheet(pilot.app)
        rows = [r for r in sheet.query(FactRow) if r.display]
        location = next(r for r in rows if r.key == "location")
        location.focus()
        assert location.question is not None
        choices = [c.id for c in location.question.choices]
        await pilot.press(str(choices.index("us-border") + 1))
        assert sheet.facts == {"location": "us-border"}
        shown = {route: v.status for route, v in sheet._route_verdicts().items() if v}
        assert shown == {
            "b2": "not-applicable",
            "refugee": "not-applicable",
            "parole": "not-applicable",
            "in-country": "not-applicable",
            "third-country": "open",
        }
        await pilot.press(str(choices.index("outside-russia") + 1))
        shown = {route: v.status for route, v in sheet._route_verdicts().items() if v}
        # outside Russia, in-country processing no longer applies before anything else is known
        assert shown.get("in-country") == "not-applicable"
        assert "b2" not in shown  # still needs its own facts
