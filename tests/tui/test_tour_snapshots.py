"""Pictures of the projector layout and the presenter's console at 80x24 and 120x36.

Pinned to the small fixture pack (tests/fixtures/tour-small), so edits to the shipped
rule wording do not change them. Regenerate with ``--snapshot-update`` only when the
layout is meant to change, and look at the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

import pathways.tui
from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.core.tour_position import TourPosition
from pathways.tui import PathwaysApp
from pathways.tui.screens.presenter import PresenterScreen
from pathways.tui.tour_link import PresenterLink

SMALL = Path(__file__).parent.parent / "fixtures" / "tour-small"
SIZES = [(80, 24), (120, 36)]
SCENES: dict[str, list[str]] = {
    "door": ["2"],  # a door, its quote and source, the loop half drawn
    "closed": ["end"],  # the last step: the loop closes back on the label the pack names
    "question": ["a"],  # ask the room: the question, nothing that gives the answer away
}


def _small() -> RuleGraph:
    graph = load_pack(SMALL).graph
    assert graph is not None
    return graph


class ConsoleOnly(App[None]):
    """The presenter's console on its own, its clock stopped, for a repeatable picture."""

    CSS_PATH = str(Path(pathways.tui.__file__).parent / "app.tcss")

    def on_mount(self) -> None:
        graph = _small()
        screen = PresenterScreen(
            graph, graph.tours["small-loop"], PresenterLink(Path("unused")), TourPosition(3, 1)
        )
        screen.clock = lambda: 0.0
        self.push_screen(screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_projector_layout_looks_the_same(
    snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]
) -> None:
    app = PathwaysApp(graph=_small(), tour="small-loop")

    async def settle(pilot: Pilot[int]) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, press=SCENES[scene], run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_console_looks_the_same(
    snap_compare: Callable[..., bool], size: tuple[int, int]
) -> None:
    assert snap_compare(ConsoleOnly(), terminal_size=size)
