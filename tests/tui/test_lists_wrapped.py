"""Every option of every list is drawn whole: wrapped at the width it is drawn at.

At 80x24, the summary with the sources open drew "2 ○ Refugee status from abroad: Not
applicable, why" and lost "and sources": the list worked out each option's height at 32
columns, then its vertical scrollbar came and the options were drawn at 30, where that
one needs three rows, and it was given two. These tests go through every screen that
has a list (the welcome's ways in, a case walk's questions and its summary with and
without the sources, the trail and a what-if, a step seen again, the case sheet, the
glossary, the background) at several sizes and after a resize, and look for each
option's whole text in the lines the list draws. (The tour, the map, the comparison and
the dialogs have no list.)
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.rich_visual import KeptRender, RenderedOnce
from pathways.tui.screens.background import BackgroundScreen
from pathways.tui.screens.case_sheet import CaseSheetScreen
from pathways.tui.screens.glossary import GlossaryScreen
from pathways.tui.screens.too_small import too_small
from pathways.tui.screens.walk import WalkScreen
from tests.tui.driving import at_end, current, wait_for_pack
from tests.tui.screen_text import screen_text

SPACE = re.compile(r"\s+")


def _squeezed(words: str) -> str:
    """The text with no white space: a wrap may put a line break anywhere a space was
    (or, in a word longer than the line, where none was)."""
    return SPACE.sub("", words)


def option_text(option: Option) -> str:
    """Everything an option says, as plain text."""
    prompt: object = option.prompt
    if isinstance(prompt, KeptRender):
        prompt = prompt._visual
    if isinstance(prompt, RenderedOnce):
        prompt = prompt._renderable
    if isinstance(prompt, str):
        return Content.from_markup(prompt).plain
    if isinstance(prompt, Content):
        return prompt.plain
    console = Console(width=2000, file=io.StringIO(), color_system=None)
    console.print(prompt)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def drawn_lines(option_list: OptionList) -> list[str]:
    """Every line the list draws, from its first option to its last, as it draws each
    one scrolled into view, cut to the width of the list's content as the screen cuts it."""
    width = option_list.scrollable_content_region.width
    top = round(option_list.scroll_y)
    return [
        option_list.render_line(line - top).crop(0, width).text
        for line in range(len(option_list._lines))
    ]


def lists_shown(pilot: Pilot[int]) -> list[OptionList]:
    return [
        found
        for found in pilot.app.screen.query(OptionList)
        if found.display and found.visible and found.scrollable_content_region.width > 0
    ]


def rows_on_screen(option_list: OptionList) -> dict[int, str]:
    """The list's rows the screen shows now (not under another widget, nor past the
    screen's edge), by the line of the list they show: the characters the terminal gets."""
    screen = option_list.screen
    shown = list(screen._compositor.render_strips())
    view = option_list.scrollable_content_region
    top = round(option_list.scroll_y)
    rows: dict[int, str] = {}
    for y in range(view.y, min(view.bottom, len(shown))):
        if y >= 0 and screen.get_widget_at(view.x, y)[0] is option_list:
            rows[top + y - view.y] = shown[y].crop(view.x, view.right).text
    return rows


async def check_every_option_whole(pilot: Pilot[int], where: str) -> int:
    """Assert each shown list draws every option's whole text, and the screen shows its
    lines as drawn; the options checked."""
    await pilot.pause()
    checked = 0
    for option_list in lists_shown(pilot):
        lines = drawn_lines(option_list)
        for line, row in rows_on_screen(option_list).items():
            assert line < len(lines) or not row.strip(), (where, option_list.id, line, row)
            if line < len(lines):
                assert row.rstrip() == lines[line].rstrip(), (where, option_list.id, row)
        drawn = _squeezed("".join(lines))
        for index in range(option_list.option_count):
            said = option_text(option_list.get_option_at_index(index))
            assert _squeezed(said) in drawn, (
                f"{where}: #{option_list.id} at {option_list.scrollable_content_region.width}"
                f" columns lost words of option {index + 1}: {said!r}\n"
                + "\n".join(drawn_lines(option_list))
                + "\n--- the screen:\n"
                + screen_text(pilot.app)
            )
            checked += 1
    return checked


# A small terminal, the size the app is checked at, and a large one
# (a sweep of every width from 80 to 120 passed too: ~13 s, not in the default run).
SIZES = [(80, 24), (60, 20), (160, 48)]


async def begin(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)
    if too_small(pilot.app.size):
        await pilot.press("escape")  # the notice that the window is too small: carry on


@pytest.mark.parametrize(("width", "height"), SIZES)
async def test_every_list_draws_every_option_whole(
    graph: RuleGraph, width: int, height: int
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(width, height)) as pilot:
        await begin(pilot)
        checked = await check_every_option_whole(pilot, "welcome")
        await pilot.press("1")  # explore a case
        step = 0
        while not at_end(current(pilot)):
            checked += await check_every_option_whole(pilot, f"question {step}")
            await pilot.press("1")
            step += 1
        checked += await check_every_option_whole(pilot, "summary")
        await pilot.press("s")
        checked += await check_every_option_whole(pilot, "summary, sources open")
        await pilot.press("s")
        checked += await check_every_option_whole(pilot, "summary, sources closed")
        await pilot.press("t")
        checked += await check_every_option_whole(pilot, "summary, trail open")
        await pilot.press("enter")  # what if: the first answer again
        checked += await check_every_option_whole(pilot, "what-if")
        await pilot.press("escape")  # no change: the summary again
        assert at_end(current(pilot)) and isinstance(pilot.app.screen, WalkScreen)
        await pilot.press("s")
        checked += await check_every_option_whole(pilot, "summary, sources open again")
        await pilot.press("b")  # a question seen before, its choices as put up then
        assert not at_end(current(pilot))
        checked += await check_every_option_whole(pilot, "a question again, sources open")
        await pilot.press("g")
        assert isinstance(pilot.app.screen, GlossaryScreen)
        checked += await check_every_option_whole(pilot, "glossary")
        await pilot.press("escape", "i")
        assert isinstance(pilot.app.screen, BackgroundScreen)
        checked += await check_every_option_whole(pilot, "background")
        await pilot.press("escape", "f")
        assert isinstance(pilot.app.screen, CaseSheetScreen)
        checked += await check_every_option_whole(pilot, "case sheet")
        assert checked > 60  # every screen above had its list up


@pytest.mark.parametrize(("width", "height"), SIZES)
async def test_the_summary_with_its_sources_draws_every_route_whole(
    graph: RuleGraph, width: int, height: int
) -> None:
    """The reviewer's keys: explore a case, "At a US port of entry", Sources; then the
    terminal made smaller and larger, and the sources closed and opened."""
    async with PathwaysApp(graph=graph).run_test(size=(width, height)) as pilot:
        await begin(pilot)
        await pilot.press("1", "4")
        assert at_end(current(pilot))
        await pilot.press("s")
        await check_every_option_whole(pilot, "summary, sources open")
        for size in [(width + 7, height + 2), (width + 1, height), (width, height)]:
            await pilot.resize_terminal(*size)
            await check_every_option_whole(pilot, f"resized to {size}")
        await pilot.press("s")
        await check_every_option_whole(pilot, "sources closed")
        await pilot.press("s")
        await check_every_option_whole(pilot, "sources open again")


async def test_the_reported_route_is_on_the_screen_whole_at_80x24(graph: RuleGraph) -> None:
    """What the terminal shows (the review's capture): the third row of the option."""
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1", "4", "s")
        await pilot.pause()
        # The list's column: the text between its borders, its scrollbar's blocks left out.
        rows = [line.split("│")[1] for line in screen_text(pilot.app).split("\n") if "│" in line]
        start = next(i for i, row in enumerate(rows) if "Refugee status from" in row)
        said = " ".join(row.strip(" ▁▂▃▄▅▆▇█") for row in rows[start : start + 3])
        assert "Refugee status from abroad: Not applicable, why and sources" in said, screen_text(
            pilot.app
        )
