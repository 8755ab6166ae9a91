"""What keeps a key's screen quick to settle (the figures are in tests/benchmarks/bench_tui.py)."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from pathways.core.collector import DEFERRED_THRESHOLD
from pathways.core.model import End, Question, RuleGraph
from pathways.core.walk import Walk
from pathways.render.brief import build_brief
from pathways.tui import PathwaysApp
from pathways.tui.frames import _ScrollBar
from pathways.tui.hanging import HangingRows
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import numbered_references, text
from pathways.tui.screens.case_sheet import CaseSheetScreen
from pathways.tui.widgets.choice_list import ChoiceList
from pathways.tui.widgets.fact_row import FactRow
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.verdict_table import VerdictTable
from tests.tui.driving import at_end, reach, wait_for_pack


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


def layout_passes(screen: Any) -> list[object]:
    """A list that gets one item for each layout pass of ``screen`` from now on."""
    passes: list[object] = []
    layout = screen._refresh_layout

    def counted(*args: Any, **kwargs: Any) -> None:
        passes.append(args)
        layout(*args, **kwargs)

    screen._refresh_layout = counted
    return passes


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
        passes = layout_passes(screen)
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
        passes = layout_passes(screen)
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


def _finished_walk(graph: RuleGraph, pick: int) -> Walk:
    walk = Walk.begin(graph, questions_first=True)
    while not isinstance(walk.node, End):
        if isinstance(walk.node, Question):
            walk = walk.answer(walk.node.choices[min(pick, len(walk.node.choices) - 1)].id)
        else:
            walk = walk.proceed()
    return walk


def _lines(renderable: RenderableType, width: int) -> list[list[tuple[str, Style]]]:
    """Rendered lines, with runs of one style joined (as a screen shows them)."""
    console = Console(width=200, file=io.StringIO())
    segments = console.render(renderable, console.options.update_width(width))
    return [
        [
            (s.text, s.style or Style())
            for s in Segment.simplify(Segment(s.text, s.style or Style()) for s in line)
        ]
        for line in Segment.split_lines(segments)
    ]


def test_references_and_answers_draw_the_lines_a_rich_grid_draws(graph: RuleGraph) -> None:
    """HangingRows stands in for ``Table.grid`` (the measuring was most of their cost)."""
    for pick in (0, 1):
        walk = _finished_walk(graph, pick)
        refs = build_brief(walk).references
        assert refs
        number_width = max(len(f"[{ref.number}]") for ref in refs)
        rows = list(numbered_references(refs).rows)
        answers = [
            (Text(f"{n}. "), Text(text(e.question.title) + "\n→ " + text(e.choice.label)))
            for n, e in enumerate(walk.trail, start=1)
        ]
        for width in (14, 29, 41, 66, 97, 130):
            cases = [(Table.grid(padding=(0, 1)), [row], number_width, 1) for row in rows]
            cases.append((Table.grid(padding=(0, 1)), rows, 0, 1))
            cases += [(Table.grid(), [row], 0, 0) for row in answers]
            for grid, grid_rows, label_width, gap in cases:
                grid.add_column(no_wrap=True, min_width=label_width or None)
                grid.add_column(ratio=1)
                for label, said in grid_rows:
                    grid.add_row(label, said)
                hanging = HangingRows(grid_rows, label_width=label_width, gap=gap)
                assert _lines(hanging, width) == _lines(grid, width), (width, grid_rows[0][0])


async def test_the_summary_draws_the_lines_in_view_alone_and_as_drawn_whole(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await reach(pilot, at_end)  # by keys, the first choice each time
        await pilot.pause()
        table = app.screen.query_one(VerdictTable)
        visual = table.visual
        assert isinstance(visual, RenderedOnce)
        width, style = table.size.width, table.visual_style
        whole = visual.render_strips(width, None, style, None)  # type: ignore[arg-type]
        assert len(whole) == table.size.height > app.size.height  # longer than the screen
        drawn = [y for (y, w, _) in visual._line_strips if w == width]
        assert drawn and max(drawn) < app.size.height  # only what is in view so far
        for y, strip in enumerate(whole):
            assert visual.render_line(y, width, style) == strip
        assert visual.render_line(len(whole), width, style) is None


async def test_a_what_if_puts_up_the_answers_it_did_not_change_as_drawn_before(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await reach(pilot, at_end)  # by keys, the first choice each time
        await pilot.pause()
        trail = app.screen.query_one("#trail-list", ChoiceList)
        before = [trail.get_option_at_index(i) for i in range(trail.option_count)]
        await pilot.press("t", "end", "enter", "2")  # the last answer, changed
        await pilot.pause()
        after = [trail.get_option_at_index(i) for i in range(trail.option_count)]
        assert after[-1] is not before[-1]
        assert after[:-1] == before[:-1]  # the same options (rendered once each)


async def test_the_summary_is_one_frame_and_its_scrollbar_follows_a_scroll(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    frames: list[object] = []
    display = app._display

    def counted(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(renderable)
        display(screen, renderable)

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")
        while app.walk is not None and not app.walk.finished:
            frames.clear()
            await pilot.press("1")
            await pilot.pause(0.1)
        assert len(frames) == 1  # not a second one for the scrollbar the first drew
        node = app.screen.query_one("#node")
        bar = node.vertical_scrollbar
        assert isinstance(bar, _ScrollBar)
        assert bar.display and bar.position == 0
        node.focus()
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert node.scroll_y > 0 and bar.position == node.scroll_y
        assert bar._drawn is not None and bar._drawn[2] == bar.position  # drawn where it is
        await pilot.press("t", "home", "enter")  # what if the first answer were another?
        await pilot.pause(0.1)
        frames.clear()
        await pilot.press("2")
        await pilot.pause(0.1)
        assert app.walk is not None and app.walk.trail[0].choice.id == "elsewhere-in-russia"
        assert len(frames) == 1  # the highlight moved and the walk it chose: one frame


async def test_choices_put_up_again_are_the_options_drawn_before(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")
        await pilot.pause()
        choices = app.screen.query_one("#choices", ChoiceList)
        first = [choices.get_option_at_index(i) for i in range(choices.option_count)]
        await pilot.press("1")  # the next question
        await pilot.pause()
        assert choices.get_option_at_index(0) is not first[0]
        await pilot.press("b")  # back to the first
        await pilot.pause()
        again = [choices.get_option_at_index(i) for i in range(choices.option_count)]
        assert again == first and all(a is b for a, b in zip(again, first, strict=True))
        lines = choices.render_lines(choices.size.region)
        assert [line.text.strip() for line in lines if line.text.strip()]  # drawn from them


async def test_the_summaries_a_question_may_open_are_rendered_while_it_is_read(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")
        await pilot.pause()
        table = app.screen.query_one(VerdictTable)
        while True:
            walk = app.walk
            assert walk is not None and isinstance(walk.node, Question)
            then = walk.answer(walk.node.choices[0].id)
            assert isinstance(then.node, Question) or then.finished
            if isinstance(then.node, Question) and then.answer(then.node.choices[0].id).finished:
                break  # the next question is the last
            await pilot.press("1")
            await pilot.pause()
        table._blocks.clear()
        await pilot.press("1")  # the last question
        await pilot.pause(0.3)  # is read
        kept = dict(table._blocks)
        assert kept  # the summaries its answers open, rendered ahead
        await pilot.press("1")
        await pilot.pause()
        assert app.walk is not None and app.walk.finished
        assert table._blocks == kept  # the summary drew from them: nothing rendered after the key


async def test_an_error_while_rendering_ahead_stops_it_and_the_summary_still_comes(
    graph: RuleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> Iterator[None]:
        yield
        raise RuntimeError("ahead")

    monkeypatch.setattr(VerdictTable, "render_ahead", broken)
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")
        while app.walk is not None and not app.walk.finished:
            await pilot.press("1")
            await pilot.pause(0.1)  # each question read: rendering ahead runs, and fails
        assert app.is_running and app.screen.query_one(VerdictTable).display
        assert app.screen._ahead is None  # type: ignore[attr-defined]
