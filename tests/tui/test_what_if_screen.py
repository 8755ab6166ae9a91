"""A case walk: questions first, what-if from the trail, context and verdicts on demand."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from pathways.core.explain import explaining_step, tour_nodes
from pathways.core.model import End, Info, Question, RuleGraph, Verdict
from pathways.tui import PathwaysApp
from pathways.tui.screens.background import BackgroundScreen
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.node_detail import NodeScreen
from pathways.tui.screens.tour import TourScreen
from pathways.tui.screens.walk import READ, WHY, WalkScreen
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.verdict_table import VerdictTable
from tests.fixture_packs import load
from tests.tui.driving import at_end, current, open_at, reach, start_walk


def shown_text(widget: Widget) -> str:
    """The characters the widget draws, line by line."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return "\n".join(strip.text for strip in widget.render_lines(region))


def _screen(app: object) -> WalkScreen:
    assert isinstance(app, PathwaysApp)
    screen = app.screen
    assert isinstance(screen, WalkScreen)
    return screen


async def test_a_case_walk_asks_a_question_first(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await start_walk(pilot)
        assert isinstance(walk.node, Question)
        # Only questions and the end: every press of 1 answers a question.
        walk = await reach(pilot, at_end)
        assert walk.depth == len(walk.trail)
        visited = set(walk.visited)
        assert tour_nodes(graph) <= visited  # passed, not stopped at


async def test_a_changed_answer_reaches_the_summary_again_in_one_key(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        before = await reach(pilot, at_end)
        first = before.trail[0]
        await pilot.press("t", "home", "enter")  # the trail, its first answer
        assert current(pilot).position == first.question.id
        other = next(c for c in first.question.choices if c.id != first.choice.id)
        number = first.question.choices.index(other) + 1
        await pilot.press(str(number))  # the one key
        after = current(pilot)
        assert isinstance(after.node, End | Question)
        kept = {k: v for k, v in before.given.items() if k != (first.question.fact or "")}
        assert all(after.given[k] == v for k, v in kept.items())
        if isinstance(after.node, End):
            screen = _screen(pilot.app)
            changed = after.changed_routes(before)
            assert screen.changed_routes(after) == changed
            assert f"{len(changed)} verdict" in shown_text(screen.query_one("#what-if"))


async def test_on_the_fixture_pack_one_key_changes_both_verdicts_and_marks_them() -> None:
    small = load("valid").graph
    assert small is not None
    async with PathwaysApp(graph=small).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "2", "1")  # explore; abroad; can pay
        before = current(pilot)
        assert isinstance(before.node, End)
        await pilot.press("t", "end", "enter")  # the last answer: can they pay?
        await pilot.press("2")  # what if they cannot
        after = current(pilot)
        assert isinstance(after.node, End)
        assert dict(after.facts) == {"location": "abroad", "can-fund": "no"}
        screen = _screen(pilot.app)
        assert screen.changed_routes(after) == {"visa", "asylum"}
        assert shown_text(screen.query_one(VerdictTable)).count("● changed") == 2


async def test_escape_while_changing_an_answer_changes_nothing(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        before = await open_at(pilot, at_end)
        await pilot.press("t", "home", "enter")
        assert current(pilot) is not before
        await pilot.press("escape")
        assert current(pilot) is before
        assert isinstance(pilot.app.screen, WalkScreen)


async def test_the_summary_opens_each_verdict_with_its_sources(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await open_at(pilot, at_end)
        choices = _screen(pilot.app).query_one("#choices", ChoiceList)
        ids = [choices.get_option_at_index(i).id or "" for i in range(choices.option_count)]
        reads = [i for i in ids if i.startswith(READ)]
        assert {r.removeprefix(READ) for r in reads} == {
            v.id for v in walk.verdict_by_route().values()
        }
        await pilot.press("1")
        screen = pilot.app.screen
        assert isinstance(screen, NodeScreen)
        assert screen.node_id == reads[0].removeprefix(READ)


async def test_why_from_a_closed_door_opens_the_tour_at_its_step(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        choices = _screen(pilot.app).query_one("#choices", ChoiceList)
        ids = [choices.get_option_at_index(i).id or "" for i in range(choices.option_count)]
        why = [n for n, i in enumerate(ids, start=1) if i.startswith(WHY)]
        assert why, "no verdict of the first-choice case links to the tour"
        verdict = graph.nodes[ids[why[0] - 1].removeprefix(WHY)]
        assert isinstance(verdict, Verdict)
        link = explaining_step(graph, verdict)
        assert link is not None
        await pilot.press(str(why[0]))
        tour = pilot.app.screen
        assert isinstance(tour, TourScreen)
        assert tour.step == link.step
        assert str(tour.query_one("#tour-counter").render()).startswith(f"STEP {link.step + 1} OF")


async def test_background_is_one_key_away_and_leaves_out_the_tour(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        await pilot.press("i")
        screen = pilot.app.screen
        assert isinstance(screen, BackgroundScreen)
        assert screen.steps and all(isinstance(s, Info) for s in screen.steps)
        assert not {s.id for s in screen.steps} & tour_nodes(graph)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, NodeScreen)


async def test_q_asks_before_leaving_a_case_and_n_stays(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda w: len(w.trail) == 1)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, WalkScreen) and app.is_running
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0 and not app.quick_exited


async def test_q_with_no_case_quits_at_once(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_notice_never_covers_the_choices(graph: RuleGraph) -> None:
    from textual.widgets._toast import Toast

    for size in ((80, 24), (160, 48)):
        app = PathwaysApp(graph=graph)
        async with app.run_test(size=size, notifications=True) as pilot:
            await open_at(pilot, at_end)
            pilot.app.notify("A notice with a long message " * 4, timeout=30)
            pilot.app.notify("And a second one, stacked under it.", timeout=30)
            await pilot.pause(0.2)
            choices = pilot.app.screen.query_one("#choices").region
            toasts = list(pilot.app.screen.query(Toast))
            assert toasts
            for toast in toasts:
                assert not toast.region.overlaps(choices), (size, toast.region, choices)
