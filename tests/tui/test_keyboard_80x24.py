"""Every screen at 80x24, from the keyboard alone: Tab reaches every region, and every
region with more than fits scrolls with PageUp/PageDown, Home/End and the arrows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from tests.tui.driving import at_end, at_question, open_at, the_app, wait_for_pack

Scene = Callable[[Pilot[int]], Awaitable[None]]


async def _welcome(pilot: Pilot[int]) -> None:
    await wait_for_pack(pilot)


async def _question(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_question)


async def _question_with_sources(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_question)
    await pilot.press("s")


async def _question_with_trail(pilot: Pilot[int]) -> None:
    await open_at(pilot, lambda w: len(w.trail) >= 3)
    await pilot.press("t")


async def _summary(pilot: Pilot[int]) -> None:
    await open_at(pilot, at_end)


def _then(keys: str, before: Scene = _summary) -> Scene:
    async def scene(pilot: Pilot[int]) -> None:
        await before(pilot)
        await pilot.press(*keys.split())
        await pilot.pause()

    return scene


async def _source(pilot: Pilot[int]) -> None:
    graph = await wait_for_pack(pilot)
    # The source quoted most often: its screen lists every step that quotes it.
    counts = dict.fromkeys(graph.sources, 0)
    for node in graph.nodes.values():
        for citation in node.citations:
            counts[citation.source] = counts.get(citation.source, 0) + 1
    the_app(pilot).open_source(max(counts, key=lambda s: counts[s]))
    await pilot.pause()


SCENES: dict[str, Scene] = {
    "welcome": _welcome,
    "question": _question,
    "question+sources": _question_with_sources,
    "question+trail": _question_with_trail,
    "summary": _summary,
    "verdict-detail": _then("1"),
    "background": _then("i"),
    "compare": _then("c"),
    "map": _then("m"),
    "case-sheet": _then("f"),
    "help": _then("question_mark"),
    "glossary": _then("g"),
    "export": _then("e"),
    "restart-confirm": _then("r"),
    "quit-confirm": _then("q"),
    "tour": _then("4", _welcome),
    "source": _source,
}


def _overflowing(widget: Widget) -> bool:
    return widget.display and widget.allow_vertical_scroll and widget.max_scroll_y > 0


async def _tab_reaches(pilot: Pilot[int]) -> set[Widget]:
    screen = pilot.app.screen
    reached: set[Widget] = set()
    for _ in range(len(screen.focus_chain) + 2):
        if pilot.app.focused is not None:
            reached.add(pilot.app.focused)
        await pilot.press("tab")
    return reached


@pytest.mark.parametrize("scene", list(SCENES))
async def test_every_region_is_reached_and_scrolled_by_keys(graph: RuleGraph, scene: str) -> None:
    app = PathwaysApp(graph=graph)
    app.animation_level = "none"  # scrolls land at once, so each key's effect is checked
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES[scene](pilot)
        screen = app.screen
        chain = list(screen.focus_chain)
        if not chain:  # driven by the screen's own keys (the tour): nothing may overflow
            assert [w for w in screen.query("*") if _overflowing(w)] == [], scene
            return
        reached = await _tab_reaches(pilot)
        assert set(chain) <= reached, f"{scene}: Tab never reaches {set(chain) - reached}"
        assert app.screen is screen, f"{scene}: Tab left the screen"
        overflowing = [w for w in screen.query("*") if _overflowing(w)]
        for widget in overflowing:
            holder = widget if widget.focusable else None
            if holder is None:
                holder = next((f for f in chain if widget in f.ancestors_with_self), None)
            assert holder is not None, f"{scene}: {widget!r} overflows and cannot be focused"
            holder.focus()
            await pilot.pause()
            if not _overflowing(widget):
                continue  # keys pressed in a region before changed what this one shows
            # (In a list or tree the first PageDown may only move the cursor to the last
            # line in view; the second scrolls.)
            for keys, where in (("end", "bottom"), ("home", "top"), ("pagedown pagedown", "down")):
                await pilot.press(*keys.split())
                await pilot.wait_for_scheduled_animations()
                if where == "bottom":
                    assert widget.scroll_y == widget.max_scroll_y, f"{scene}: {widget!r} End"
                elif where == "top":
                    assert widget.scroll_y == 0, f"{scene}: {widget!r} Home"
                else:
                    assert widget.scroll_y > 0, f"{scene}: {widget!r} PageDown"
            await pilot.press("home")
            await pilot.press(*["down"] * (widget.size.height + 1))  # arrows: line by line
            await pilot.wait_for_scheduled_animations()
            assert widget.scroll_y > 0, f"{scene}: {widget!r} down arrow"
            assert app.screen is screen, f"{scene}: scrolling keys left the screen"
