"""The tour in the app: steps, keys, the loop closing, ask the room, no notes for the room."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.node_detail import NodeScreen
from pathways.tui.screens.tour import TourScreen
from pathways.tui.screens.welcome import WelcomeScreen
from pathways.tui.widgets.loop_diagram import LoopDiagram
from tests.tui.driving import first_choices, wait_for_pack

SMALL = Path(__file__).parent.parent / "fixtures" / "tour-small"


@pytest.fixture(scope="module")
def small() -> RuleGraph:
    result = load_pack(SMALL)
    assert check(result) == []
    assert result.graph is not None
    return result.graph


def _shown(screen: TourScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


def _screen_text(screen: TourScreen) -> str:
    """Everything the room can read: every Static on the tour screen."""
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


async def test_tour_steps_forward_and_back_and_the_loop_closes_on_the_last(
    graph: RuleGraph,
) -> None:
    tour = graph.tours["catch-22"]
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, TourScreen)
        assert tour.steps[0].heading in _shown(screen, "#tour-heading")
        assert not screen.query_one(LoopDiagram).has_class("-closed")
        await pilot.press("left")  # previous at the first step stays there
        assert screen.step == 0
        for index in range(1, len(tour.steps)):
            await pilot.press("space" if index % 2 else "right")
            assert screen.step == index
            assert tour.steps[index].heading in _shown(screen, "#tour-heading")
            assert tour.steps[index].door in _shown(screen, "#tour-door")
            quote = " ".join(tour.steps[index].citations[0].words.split()[:4])
            assert quote in " ".join(_shown(screen, "#tour-quote").split())
        loop = screen.query_one(LoopDiagram)
        assert loop.has_class("-closed")
        assert "the loop is closed" in str(loop.render())
        await pilot.press("space")  # past the last step: stays, and no notice over the loop
        assert screen.step == len(tour.steps) - 1
        assert len(app._notifications) == 0
        await pilot.press("up")
        assert screen.step == len(tour.steps) - 2
        assert not loop.has_class("-closed")


async def test_home_end_and_number_keys_go_to_that_step(small: RuleGraph) -> None:
    tour = small.tours["small-loop"]
    app = PathwaysApp(graph=small, tour="small-loop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TourScreen)
        await pilot.press("end")
        assert screen.step == 2
        assert tour.steps[2].heading in _shown(screen, "#tour-heading")
        await pilot.press("home")
        assert screen.step == 0
        assert tour.steps[0].heading in _shown(screen, "#tour-heading")
        await pilot.press("2")
        assert screen.step == 1
        assert tour.steps[1].door in _shown(screen, "#tour-door")
        await pilot.press("9")  # no step 9: stays where it is
        assert screen.step == 1
        await pilot.press("1")
        assert screen.step == 0


async def test_the_room_never_sees_notes_or_narration(small: RuleGraph) -> None:
    tour = small.tours["small-loop"]
    app = PathwaysApp(graph=small, tour="small-loop")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TourScreen)
        for index, step in enumerate(tour.steps):
            await pilot.press(str(index + 1))
            await pilot.press("n")  # the old notes key does nothing now
            shown = _screen_text(screen)
            assert step.heading in shown and step.door in shown
            for words in ("NOTES-ONE", "NOTES-TWO", "NOTES-THREE", "NARRATION-ONE"):
                assert words not in shown


async def test_ask_the_room_shows_the_question_then_the_answer_with_its_source(
    small: RuleGraph,
) -> None:
    tour = small.tours["small-loop"]
    app = PathwaysApp(graph=small, tour="small-loop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TourScreen)
        await pilot.press("a")
        first = tour.steps[0]
        assert first.ask is not None and first.ask in _shown(screen, "#tour-door")
        shown = _screen_text(screen)
        for answer in (first.door, first.heading, first.citations[0].words, "strict rules"):
            assert answer not in shown  # nothing gives the answer away, not even the loop
        await pilot.press("space")  # the answer, with its source
        assert screen.step == 0
        assert first.door in _shown(screen, "#tour-door")
        quote = _shown(screen, "#tour-quote")
        assert first.citations[0].words in quote and "Test News" in quote
        assert "strict rules" in str(screen.query_one(LoopDiagram).render())
        await pilot.press("space")  # the next step's question
        assert screen.step == 1
        assert tour.steps[1].ask is not None
        assert tour.steps[1].ask in _shown(screen, "#tour-door")
        await pilot.press("left")  # back: the first step, answered
        assert screen.step == 0
        assert first.door in _shown(screen, "#tour-door")
        await pilot.press("3")  # a step without a question shows its door at once
        assert tour.steps[2].door in _shown(screen, "#tour-door")
        await pilot.press("a")  # off again: doors straight away
        await pilot.press("2")
        assert tour.steps[1].door in _shown(screen, "#tour-door")


async def test_the_loop_returns_to_the_label_the_pack_names(small: RuleGraph) -> None:
    app = PathwaysApp(graph=small, tour="small-loop")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        lines = str(app.screen.query_one(LoopDiagram).render()).splitlines()
        assert lines[0].strip() == "strict rules"  # outside the loop
        assert lines[2].startswith("┌─▶ a visa needs money")
        closing = " ".join(" ".join(lines[lines.index("│   most have none") + 1 :]).split())
        assert closing == "└─── back to “a visa needs money” the loop is closed"


async def test_full_step_opens_and_closes(graph: RuleGraph) -> None:
    tour = graph.tours["catch-22"]
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, TourScreen)
        await pilot.press("w")
        assert isinstance(app.screen, NodeScreen)
        assert app.screen.node_id == tour.steps[0].node
        await pilot.press("escape")
        back: object = app.screen
        assert back is screen
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_app_opens_a_named_tour_at_start(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph, tour="catch-22")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        assert app.screen.tour.id == "catch-22"


async def test_escape_on_a_tour_opened_from_the_shell_closes_the_app(graph: RuleGraph) -> None:
    """`pathways tour catch-22`: escape goes back to the shell, never on to the welcome
    screen (the room would see it)."""
    app = PathwaysApp(graph=graph, tour="catch-22")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        await pilot.press("right", "escape")
        await pilot.pause()
        assert app.return_code == 0
        assert not isinstance(app.screen, WelcomeScreen)


async def test_escape_on_a_tour_from_the_shell_asks_first_when_a_case_was_begun(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph, tour="catch-22")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.walk = first_choices(graph, lambda walk: len(walk.trail) >= 2)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # "Quit?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TourScreen) and app.return_code is None
