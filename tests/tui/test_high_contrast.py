"""High contrast: every character of a list, highlighted row included, at 7:1 or more.

The ratio is WCAG's, computed from the colours the app actually draws with the
high-contrast theme (so a span styled with the theme's own colours counts too).
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.theme import HIGH_CONTRAST
from tests.tui.driving import at_end, open_at, wait_for_pack

AAA = 7.0


def luminance(color: Color) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_ratio_is_computed_as_wcag_says() -> None:
    assert round(contrast(Color.parse("#000000"), Color.parse("#FFFFFF")), 1) == 21.0
    assert round(contrast(Color.parse("#FFFFFF"), Color.parse("#FFFF00")), 2) == 1.07


def low_contrast(widget: Widget) -> list[tuple[str, float]]:
    """Every run of visible text drawn below 7:1, with its ratio."""
    theme_fg = Color.parse(HIGH_CONTRAST.foreground or "#FFFFFF")
    theme_bg = Color.parse(HIGH_CONTRAST.background or "#000000")
    found: list[tuple[str, float]] = []
    region = Region(0, 0, widget.size.width, widget.size.height)
    for strip in widget.render_lines(region):
        for segment in strip:
            assert isinstance(segment, Segment)
            if not segment.text.strip() or segment.style is None:
                continue
            style = segment.style
            fg = style.color or theme_fg
            bg = style.bgcolor or theme_bg
            if style.reverse:
                fg, bg = bg, fg
            ratio = contrast(fg, bg)
            if ratio < AAA:
                found.append((segment.text, round(ratio, 2)))
    return found


async def test_welcome_choices_are_legible_highlighted_or_not(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph, high_contrast=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        for _ in range(3):
            for options in app.screen.query(OptionList):
                assert low_contrast(options) == [], options.id
            await pilot.press("down")


async def test_summary_choices_and_trail_are_legible(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph, high_contrast=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_at(pilot, at_end)
        for options in app.screen.query(OptionList):
            assert low_contrast(options) == [], options.id
        await pilot.press("t")  # the trail focused: its highlighted row too
        for options in app.screen.query(OptionList):
            assert low_contrast(options) == [], options.id
