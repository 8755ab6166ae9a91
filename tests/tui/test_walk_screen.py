"""Walking a case by keys through the shipped rules: choose, back, restart, change an answer."""

from __future__ import annotations

from pathways.core.model import Question, RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.verdict_table import VerdictTable
from tests.tui.driving import (
    at_end,
    at_question,
    current,
    open_at,
    press_until,
    reach,
    start_walk,
    the_app,
    wait_for_pack,
)


async def test_the_app_loads_the_shipped_pack_after_the_first_screen() -> None:
    from textual.message import Message

    from pathways.tui.app import PackLoaded
    from pathways.tui.screens.welcome import WelcomeScreen

    app = PathwaysApp()
    frames: list[str] = []  # what each frame written showed: a screen, with or without the pack
    original = app._display

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None:
            frames.append("pack" if app.graph is not None else type(screen).__name__)

    app._display = display  # type: ignore[method-assign]
    loaded_after: list[int] = []

    def on_message(message: Message) -> None:
        if isinstance(message, PackLoaded):
            loaded_after.append(len(frames))

    async with app.run_test(size=(80, 24), message_hook=on_message) as pilot:
        graph = await wait_for_pack(pilot)
        await pilot.pause()
        assert graph.pack.start in graph.nodes
        assert app.problems == []
    assert frames and frames[0] == WelcomeScreen.__name__, frames[:3]
    assert loaded_after and loaded_after[0] >= 1, "the pack was loaded before any frame"
    assert "pack" in frames[loaded_after[0]:], "no frame was drawn after the pack loaded"


async def test_full_walk_by_number_keys_ends_with_five_verdicts(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await reach(pilot, at_end)
        assert walk.finished
        verdicts = walk.verdict_by_route()
        assert set(verdicts) == set(graph.routes)
        assert len(verdicts) == 5
        table = pilot.app.screen.query_one(VerdictTable)
        assert table.display


async def test_arrows_and_enter_choose_the_highlighted_answer(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await start_walk(pilot)
        walk = await press_until(pilot, "1", at_question)
        question = walk.node
        assert isinstance(question, Question)
        await pilot.press("down", "enter")
        after = current(pilot)
        assert after.previous is walk
        assert after.path[len(walk.path)].choice == question.choices[1].id


async def test_back_returns_to_the_step_before(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        first = await start_walk(pilot)
        await pilot.press("1")
        assert current(pilot).position != first.position
        await pilot.press("b")
        assert current(pilot) is first


async def test_back_from_the_first_step_is_a_no_op(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        first = await start_walk(pilot)
        await pilot.press("b", "b")
        assert current(pilot) is first
        assert isinstance(pilot.app.screen, WalkScreen)


async def test_restart_asks_first_and_then_starts_again(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda w: len(w.trail) == 1)
        before = current(pilot)
        await pilot.press("r")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        assert current(pilot) is before
        await pilot.press("r", "y")
        walk = current(pilot)
        assert walk.previous is None
        assert walk.position == walk.restart().position
        assert walk.trail == []


async def test_changing_an_earlier_answer_from_the_trail_keeps_the_later_ones(
    graph: RuleGraph,
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await reach(pilot, at_question)
        first_question = current(pilot).node
        assert isinstance(first_question, Question)
        await pilot.press("1")
        walk = await press_until(pilot, "1", lambda w: len(w.trail) >= 2 and at_question(w))
        second = walk.trail[1]
        assert walk.trail[0].question.id == first_question.id
        await pilot.press("t")  # narrow screen: show the trail and focus it
        await pilot.press("home", "enter")
        revised = current(pilot)
        assert revised.position == first_question.id
        await pilot.press("2")
        changed = current(pilot)
        assert changed.trail[0].choice.id == first_question.choices[1].id
        kept = {e.question.fact or e.question.id: e.choice.id for e in changed.trail}
        assert changed.given[second.question.fact or second.question.id] == second.choice.id
        assert all(changed.given[k] == v for k, v in kept.items())
        assert pilot.app.screen.query_one("#choices", ChoiceList).has_focus

async def test_sources_are_one_key_away_on_a_narrow_screen(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await start_walk(pilot)
        panel = pilot.app.screen.query_one("#citations")
        assert not panel.display
        await pilot.press("s")
        assert panel.display and panel.has_focus
        await pilot.press("s")
        assert not panel.display


async def test_sources_and_trail_are_always_visible_on_a_wide_screen(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(160, 48)) as pilot:
        await start_walk(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#citations").display
        assert screen.query_one("#trail").display


async def test_escape_goes_home_and_explore_resumes_the_walk(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await open_at(pilot, lambda w: len(w.trail) == 1)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, WalkScreen)
        await pilot.press("1")
        assert isinstance(pilot.app.screen, WalkScreen)
        assert current(pilot) is walk


async def test_glossary_opens_on_the_terms_of_this_step(graph: RuleGraph) -> None:
    from pathways.tui.screens.glossary import GlossaryScreen

    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await start_walk(pilot)
        walk = await press_until(pilot, "1", lambda w: bool(w.node.terms))
        await pilot.press("g")
        screen = pilot.app.screen
        assert isinstance(screen, GlossaryScreen)
        assert screen.first == walk.node.terms[0]
        await pilot.press("escape")
        assert isinstance(the_app(pilot).screen, WalkScreen)
