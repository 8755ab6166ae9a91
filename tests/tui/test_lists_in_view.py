"""Every list keeps its highlighted item in view: moving the highlight scrolls the screen.

At 80x24 the welcome's ways in run below the fold: ↓ or End highlighted "5 Case sheet"
and the screen did not follow, so Enter acted on a choice nobody could see.
"""

from __future__ import annotations

from textual.widgets import OptionList

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.widgets.kept_in_view import KeptInView
from tests.tui.driving import wait_for_pack
from tests.tui.screen_text import screen_text


def in_view(option_list: OptionList) -> bool:
    assert isinstance(option_list, KeptInView)
    region = option_list.highlighted_region()
    assert region is not None
    screen = option_list.screen
    return all(
        screen.get_widget_at(region.x + 1, y)[0] is option_list
        for y in range(region.y, region.bottom)
    ) and region.bottom <= screen.size.height - 1


async def test_the_welcome_follows_the_highlight_at_80x24(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        ways = pilot.app.screen.query_one("#ways-in", OptionList)
        last = ways.get_option_at_index(ways.option_count - 1)
        await pilot.press("end")
        await pilot.pause()
        assert ways.highlighted == ways.option_count - 1
        assert in_view(ways), screen_text(pilot.app)
        assert f"{ways.option_count}  Case sheet" in screen_text(pilot.app)
        assert last.id == "case_sheet"
        await pilot.press("home")
        await pilot.pause()
        assert in_view(ways)
        for _ in range(ways.option_count - 1):
            await pilot.press("down")
            await pilot.pause()
            assert in_view(ways), screen_text(pilot.app)


async def test_the_welcome_opens_at_the_top_with_the_notice_and_the_first_way_in(
    graph: RuleGraph,
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.pause()
        shown = screen_text(pilot.app)
        ways = pilot.app.screen.query_one("#ways-in", OptionList)
        assert "Not legal advice" in shown
        assert ways.highlighted == 0 and in_view(ways), shown
