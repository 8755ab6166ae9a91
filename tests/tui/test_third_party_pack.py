"""A third-party pack (``pathways --rules DIR``) shows its own words, never this project's.

The pack is the complete example of docs/rule-format.md, read from a folder as
``--rules`` reads it: the welcome's about text, the ways in, the counts and every
title bar come from it; nothing about Chechnya, five routes or the catch-22 tour.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from pathways.tui import PathwaysApp
from pathways.tui.screens.compare import CompareScreen
from pathways.tui.screens.walk import WalkScreen
from tests.tui.driving import wait_for_pack
from tests.tui.screen_text import screen_text

ROOT = Path(__file__).resolve().parents[2]
OURS = ("Chechnya", "five", "catch-22", "Catch-22", "Asylum pathways", "gay men")


@pytest.fixture
def example_pack(tmp_path: Path) -> Path:
    """docs/rule-format.md's complete small pack, written to a folder."""
    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    example = next(
        block for block in re.findall(r"```yaml\n(.*?)```", text, re.S)
        if block.startswith("# pack.yaml")
    )
    folder = tmp_path / "example-pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text(example, encoding="utf-8")
    return folder


def none_of_ours(shown: str) -> None:
    for words in OURS:
        assert words not in shown, f"{words!r} shown with a third-party pack:\n{shown}"


async def first_line(pilot: Pilot[int]) -> str:
    await pilot.pause()
    return screen_text(pilot.app).splitlines()[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_welcome_shows_the_packs_own_words(
    example_pack: Path, size: tuple[int, int]
) -> None:
    async with PathwaysApp(example_pack).run_test(size=size) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("end")  # the last way in, scrolled into view
        await pilot.pause()
        shown = screen_text(pilot.app)
        await pilot.press("home")
        await pilot.pause()
        shown += "\n" + screen_text(pilot.app)
    none_of_ours(shown)
    assert "Example pack" in shown.splitlines()[0]
    assert "One route: B-2 visitor visa." in shown
    assert "1 report or voice, no statutes" in shown
    assert "Tour: The visa in two steps" in shown
    assert "The one route, with its sources." in shown


async def test_every_title_bar_names_the_pack(example_pack: Path) -> None:
    async with PathwaysApp(example_pack).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("1")
        assert isinstance(pilot.app.screen, WalkScreen)
        walk_title = await first_line(pilot)
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CompareScreen)
        compare_title = await first_line(pilot)
        await pilot.press("escape", "question_mark")
        help_shown = screen_text(pilot.app)
    for title in (walk_title, compare_title):
        assert "Example pack" in title and "Asylum pathways" not in title
    none_of_ours(help_shown)
