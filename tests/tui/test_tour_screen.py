"""The catch-22 tour in the app: steps, the loop closing, notes, the full step and back."""

from __future__ import annotations

from textual.widgets import Static

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.node_detail import NodeScreen
from pathways.tui.screens.tour import TourScreen
from pathways.tui.screens.welcome import WelcomeScreen
from pathways.tui.widgets.loop_diagram import LoopDiagram
from tests.tui.driving import wait_for_pack


def _shown(screen: TourScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_tour_steps_forward_and_back_and_the_loop_closes_on_the_last(
    graph: RuleGraph,
) -> None:
    tour = graph.tours["catch-22"]
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(120, 40)) as pilot:
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
        assert "loop is closed" in str(loop.render())
        await pilot.press("space")  # past the last step: stays, says so
        assert screen.step == len(tour.steps) - 1
        await pilot.press("up")
        assert screen.step == len(tour.steps) - 2
        assert not loop.has_class("-closed")


async def test_notes_toggle_and_full_step_opens_and_closes(graph: RuleGraph) -> None:
    tour = graph.tours["catch-22"]
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, TourScreen)
        notes = screen.query_one("#tour-notes")
        assert not notes.display
        await pilot.press("n")
        assert notes.display
        assert "Presenter notes" in _shown(screen, "#tour-notes")
        await pilot.press("n")
        assert not notes.display
        await pilot.press("w")
        assert isinstance(app.screen, NodeScreen)
        assert app.screen.node_id == tour.steps[0].node
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_app_opens_a_named_tour_at_start(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph, tour="catch-22")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        assert app.screen.tour.id == "catch-22"
