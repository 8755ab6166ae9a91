"""What keeps a key's screen quick to settle (the figures are in tests/benchmarks/bench_tui.py)."""

from __future__ import annotations

import gc
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from pathways.core.collector import DEFERRED_THRESHOLD
from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.screens.case_sheet import CaseSheetScreen
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.fact_row import FactRow
from pathways.tui.widgets.footer import KeysFooter
from tests.tui.driving import wait_for_pack


class Counted:
    """A Rich renderable that counts how often it is rendered."""

    def __init__(self) -> None:
        self.renders = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.renders += 1
        yield Text("one two three four five six seven eight nine ten")


class OneStatic(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="body")


async def test_a_rich_renderable_is_rendered_once_per_width_however_often_it_is_laid_out() -> None:
    counted = Counted()
    app = OneStatic()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one("#body", Static)
        body.update(RenderedOnce(body, counted))
        await pilot.pause()
        once = counted.renders
        for _ in range(3):
            body.refresh(layout=True)
            await pilot.pause()
        assert counted.renders == once  # height and lines both remembered
        await pilot.resize_terminal(20, 10)
        assert counted.renders > once  # a new width is rendered anew
        assert "ten" in "".join(s.text for line in body.render_lines(body.region.reset_offset)
                                for s in line)


async def test_moving_down_the_case_sheet_keeps_the_footer_and_lands_without_animation(
    graph: RuleGraph,
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        await pilot.pause()
        sheet = pilot.app.screen
        assert isinstance(sheet, CaseSheetScreen)
        footer = sheet.query_one(KeysFooter)
        keys = list(footer.children)
        assert keys
        form = sheet.query_one("#sheet-form")
        animated: list[str] = []
        animate = pilot.app.animator.animate

        def record(obj: object, attribute: str, *args: Any, **kwargs: Any) -> None:
            animated.append(attribute)
            animate(obj, attribute, *args, **kwargs)

        pilot.app.animator.animate = record  # type: ignore[method-assign]
        rows = [r for r in sheet.query(FactRow) if r.display]
        for row in rows[1:]:
            await pilot.press("down")
            await pilot.pause()
            assert pilot.app.focused is row
            assert form.can_view_entire(row) or row.outer_size.height > form.size.height
            assert list(footer.children) == keys  # the same keys, not composed again
        assert form.scroll_y > 0  # the form did scroll to reach its last rows...
        assert "scroll_y" not in animated  # ...at once, each time


async def test_full_collections_wait_for_an_idle_moment_while_the_app_runs(
    graph: RuleGraph,
) -> None:
    before = gc.get_threshold()
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        assert gc.get_threshold()[2] == max(before[2], DEFERRED_THRESHOLD)
        while gc.get_count()[2] < 10:
            gc.collect(1)
        await pilot.pause(1.2)  # two ticks of the idle check, no key pressed
        assert gc.get_count()[2] < 10
    assert gc.get_threshold() == before


async def test_an_answer_is_laid_out_in_one_pass_and_drawn_without_waiting(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")  # explore a case: the first question
        await pilot.pause()
        screen = app.screen
        passes: list[object] = []
        layout = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            passes.append(args)
            layout(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        walk = app.walk
        assert walk is not None
        await pilot.press("1")
        await pilot.pause()
        assert app.walk is not None and len(app.walk.trail) == len(walk.trail) + 1
        assert len(passes) == 1  # not once more because the text's scrollable size changed


async def test_one_more_answer_adds_to_the_trail_and_keeps_the_answers_drawn(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1", "1", "1")  # explore, then two answers
        await pilot.pause()
        trail = app.screen.query_one("#trail-list", ChoiceList)
        before = [trail.get_option_at_index(i) for i in range(trail.option_count)]
        assert len(before) == 2
        await pilot.press("1")
        await pilot.pause()
        after = [trail.get_option_at_index(i) for i in range(trail.option_count)]
        assert after[:2] == before and len(after) == 3  # the same options, one added
        assert trail.highlighted == 2
        await pilot.press("b")  # back: the list is put up anew, one shorter
        await pilot.pause()
        assert trail.option_count == 2
        assert [o.id for o in before] == [
            trail.get_option_at_index(i).id for i in range(trail.option_count)
        ]


async def test_the_summary_and_a_what_if_are_laid_out_in_one_pass_at_160x48(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")  # explore a case
        await pilot.pause()
        screen = app.screen
        passes: list[object] = []
        layout = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            passes.append(args)
            layout(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        while app.walk is not None and not app.walk.finished:
            passes.clear()
            await pilot.press("1")
            await pilot.pause()
        assert len(passes) == 1  # the summary: its scrollbars decided in the same pass
        choices = screen.query_one("#choices", ChoiceList)
        assert choices.option_count > 2 and not choices.show_vertical_scrollbar  # they fit
        node = screen.query_one("#node")
        assert node.show_vertical_scrollbar  # the verdicts are longer than the pane
        first = app.walk
        await pilot.press("t", "home", "enter")  # what if the first answer were another?
        await pilot.pause()
        passes.clear()
        await pilot.press("2")
        await pilot.pause()
        assert app.walk is not None and app.walk.finished and app.walk is not first
        assert len(passes) == 1
