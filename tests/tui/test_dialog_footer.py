"""The footer shows the keys that work now: under a dialog, the dialog's, not those of the
screen beneath it (which do nothing while the dialog is open)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.help import HelpScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.widgets.footer import KeysFooter
from tests.tui.driving import open_at


def _keys_shown(pilot: Pilot[int]) -> list[str]:
    """The descriptions of the keys in the footer drawn on the screen (the walk's)."""
    walk = next(s for s in pilot.app.screen_stack if isinstance(s, WalkScreen))
    return [str(key.description) for key in walk.query_one(KeysFooter).query(FooterKey)]


async def test_the_footer_under_a_dialog_shows_the_dialogs_keys_and_its_own_after(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda walk: len(walk.trail) == 2)
        walks = _keys_shown(pilot)
        assert "Back" in walks and "Trail" in walks
        await pilot.press("r")  # start again? a dialog
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert _keys_shown(pilot) == ["Cancel", "Yes"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert _keys_shown(pilot) == walks


async def test_the_footer_under_the_help_shows_no_key_of_the_screen_beneath(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda walk: len(walk.trail) == 1)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = _keys_shown(pilot)
        assert "Back" not in shown and "Trail" not in shown and "Map" not in shown
        help_keys = {
            binding.description
            for _node, binding, _enabled, _tip in app.screen.active_bindings.values()
            if binding.show
        }
        assert set(shown) == help_keys
