"""A Rich renderable (Markdown, a table) shown in a Static, rendered once per width.

Textual wraps a Rich renderable in a ``RichVisual`` that renders it from scratch every
time it is asked its height and every time it is drawn. A step takes two or three layout
passes, each asking the height again and drawing again, so the step's Markdown and the
summary's table of verdicts were rendered six to eight times per key: at 160x48 that
was most of the 80 ms the summary took to lay out. :class:`RenderedOnce` keeps what it
rendered for the width (and base style) it was rendered at; the widget gets a new one
whenever its content changes (``Static.update``).
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget


class RenderedOnce(RichVisual):
    """A ``RichVisual`` that remembers its heights and its lines."""

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._heights: dict[int, int] = {}
        self._lines: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().get_height(rules, width)
        return height

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, height, style)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) >= 4:  # a resize or a change of theme: drop the old ones
                self._lines.clear()
            lines = self._lines[key] = super().render_strips(width, height, style, options)
        return list(lines)
