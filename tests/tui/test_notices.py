"""A notice never covers a dialog or the text it answers: at 80x24 it takes rows of its own
at the bottom (the screen is laid out in the rows left), and a dialog opening takes the
notices away, on every screen of the stack."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._toast import Toast, ToastHolder, ToastRack

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.export import ExportScreen
from pathways.tui.screens.walk import WalkScreen
from tests.tui.driving import at_end, at_question, open_at, wait_for_pack
from tests.tui.screen_text import screen_text
from tests.tui.test_keyboard_80x24 import SCENES

# Long enough to wrap at 80 columns, as a saved brief's two full paths do.
LONG = (
    "Saved /home/someone/cases/a-longer-folder-name/pathways-brief.md and "
    "/home/someone/cases/a-longer-folder-name/pathways-brief.json (readable only by you)."
)


def _toasts(app: App[int]) -> list[Toast]:
    return [toast for screen in app.screen_stack for toast in screen.query(Toast)]


def _notice_rows(app: App[int]) -> int:
    """Rows kept for notices on the screens of the stack (an empty holder is a blank row)."""
    return sum(len(screen.query(ToastHolder)) for screen in app.screen_stack)


def _covered(app: App[int]) -> list[str]:
    """The widgets of the top screen that a notice's rows are drawn over."""
    screen = app.screen
    toasts = list(screen.query(Toast))
    assert toasts, "no notice is up"
    covered = []
    for widget in screen.query("*"):
        if isinstance(widget, (Toast, ToastHolder, ToastRack)):
            continue
        shown = _shown_region(widget)
        for toast in toasts:
            if shown is not None and toast.region.overlaps(shown):
                covered.append(f"{widget!r} {shown} under {toast.region}")
    return covered


def _shown_region(widget: Widget) -> Region | None:
    """Where the widget is drawn on the screen, cut to what its containers show."""
    if not (widget.display and widget.visible and widget.is_attached):
        return None
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:
        return None
    shown = geometry.region.intersection(geometry.clip)
    return shown if shown.area else None


async def _notice_up(pilot: Pilot[int], message: str = LONG, title: str = "") -> None:
    pilot.app.notify(message, title=title, timeout=30, markup=False)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize(
    "scene", ["welcome", "question+sources", "summary", "verdict-detail", "export", "tour"]
)
async def test_a_long_notice_at_80x24_covers_nothing_on_the_screen(
    graph: RuleGraph, scene: str
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await SCENES[scene](pilot)
        await _notice_up(pilot, title="Brief exported")
        assert _covered(app) == [], scene
        toast = app.screen.query_one(Toast)
        assert toast.region.width == 80  # full width: as few rows as it can
        assert toast.region.bottom == 24  # at the bottom, under the keys


async def test_a_dialog_opening_takes_the_notices_away_on_every_screen(
    graph: RuleGraph,
) -> None:
    """The review's case: a brief saved, e again at once, the same name: 'Replace?'."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_at(pilot, at_end)
        for round_ in range(2):
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            assert _toasts(app) == [], f"a notice was left up over the dialog ({round_})"
            assert _notice_rows(app) == 0
            app.screen.query_one("#export-path", Input).value = "b"
            await pilot.press("enter")
            await pilot.pause(0.2)
        assert isinstance(app.screen, ConfirmScreen)  # "Replace the existing file?"
        assert _toasts(app) == []
        assert _notice_rows(app) == 0
        await pilot.press("escape")  # not replaced: back to the export dialog
        await pilot.press("escape")  # cancelled: "nothing was written"
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert [str(t.render()) for t in _toasts(app)] == ["Export cancelled: nothing was written."]
        assert _covered(app) == []


async def test_a_notice_said_while_a_dialog_is_open_does_not_cover_it(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_at(pilot, lambda walk: at_question(walk) and len(walk.trail) >= 2)
        await pilot.press("q")  # Quit? (a case is under way)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await _notice_up(pilot)
        assert _covered(app) == []


async def test_a_typed_path_in_the_saved_notice_is_shown_as_typed(graph: RuleGraph) -> None:
    """A file name is the user's words, never markup ("[b]" stays "[b]", not bold)."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_pack(pilot)
        await open_at(pilot, at_end)
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = "[b]x"
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.pause()
        said = " ".join(str(t.render()) for t in _toasts(app))
        assert "[b]x.md" in said.replace("\n", ""), said


async def test_the_rows_of_a_notice_are_given_back_when_it_goes(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_at(pilot, at_question)
        await pilot.pause()

        def last_row() -> str:
            return screen_text(app).splitlines()[-1]

        keys = last_row()
        assert keys.startswith("b Back")
        app.notify(LONG, timeout=0.3)
        await pilot.pause(0.1)
        assert last_row() != keys  # the notice has the last rows, the keys are above it
        assert keys in screen_text(app)
        await pilot.pause(0.5)
        await pilot.pause()
        assert _notice_rows(app) == 0
        assert last_row() == keys
