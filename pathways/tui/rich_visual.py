"""A Rich renderable (Markdown, a table) shown in a Static, rendered once per width.

Textual wraps a Rich renderable in a ``RichVisual`` that renders it from scratch every
time it is asked its height and every time it is drawn. A step takes two or three layout
passes, each asking the height again and drawing again, so the step's Markdown and the
summary's table of verdicts were rendered six to eight times per key: at 160x48 that
was most of the 80 ms the summary took to lay out. :class:`RenderedOnce` renders the
renderable once for a width, counts its lines from that, and draws from it (with the
widget's style put on top as Textual does, ``Widget.post_render``); the widget gets a
new one whenever its content changes (``Static.update``).
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget

KEPT = 4  # widths (or styles) remembered: a resize or a change of theme drops the rest


class _Segments:
    """A renderable that gives back segments rendered before."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.segments


class RenderedOnce(RichVisual):
    """A ``RichVisual`` that renders its renderable once per width."""

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._segments: dict[int, list[Segment]] = {}
        self._strips: dict[tuple[int, int | None, Style], list[Strip]] = {}
        self._lines: dict[int, list[list[Segment]]] = {}  # the segments, line by line
        self._line_strips: dict[tuple[int, int, Style], Strip] = {}

    def _rendered(self, console: Console, options: ConsoleOptions, width: int) -> list[Segment]:
        segments = self._segments.get(width)
        if segments is None:
            if len(self._segments) >= KEPT:
                self._segments.clear()
            options = options.update_width(width).update(highlight=False)
            segments = self._segments[width] = list(console.render(self._renderable, options))
        return segments

    def get_height(self, rules: RulesMap, width: int) -> int:
        app = self._widget.app
        segments = self._rendered(app.console, app.console_options, width)
        return sum(text.count("\n") for text, _, _ in segments)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= KEPT:
                self._strips.clear()
            app = self._widget.app
            console, console_options = app.console, app.console_options
            rendered = _Segments(self._rendered(console, console_options, width))
            styled = self._widget.post_render(rendered, style.rich_style)
            segments = console.render(
                styled, console_options.update(highlight=False, width=width, height=height)
            )
            lines = Segment.split_and_crop_lines(
                segments, width, include_new_lines=False, pad=False
            )
            strips = self._strips[key] = [Strip(line) for line in islice(lines, None, height)]
        return list(strips)

    def render_line(self, y: int, width: int, style: Style) -> Strip | None:
        """Line ``y`` alone, as :meth:`render_strips` would draw it (None past the end).

        For a widget that draws only the lines in view (:class:`LinesOnDemand`): the
        summary is ~250 lines at 160 columns, of which ~20 are on the screen.
        """
        key = (y, width, style)
        strip = self._line_strips.get(key)
        if strip is not None:
            return strip
        app = self._widget.app
        console, console_options = app.console, app.console_options
        lines = self._lines.get(width)
        if lines is None:
            if len(self._lines) >= KEPT:
                self._lines.clear()
            segments = self._rendered(console, console_options, width)
            lines = self._lines[width] = list(Segment.split_lines(segments))
        if not 0 <= y < len(lines):
            return None
        if len(self._line_strips) >= 64 * KEPT:
            self._line_strips.clear()
        # The widget's style under each segment's own, as Widget.post_render does (the
        # content has no links for it to style).
        base = style.rich_style
        line = [Segment(text, base + seg_style, None) for text, seg_style, _ in lines[y]]
        line = Segment.adjust_line_length(line, width, pad=False)
        strip = self._line_strips[key] = Strip(line)
        return strip


class KeptRender(Visual):
    """Another visual, its height kept per width and its lines per width and style.

    For the options of a list that are put up again as they were (the trail's answers
    after a what-if, a question's choices seen before): Textual renders an option anew
    each time the list is filled, and once more for each style it is drawn in.
    """

    def __init__(self, visual: Visual) -> None:
        self._visual = visual
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._visual.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self._visual.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= KEPT:
                self._heights.clear()
            height = self._heights[width] = self._visual.get_height(rules, width)
        return height

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if options.selection is not None:
            return self._visual.render_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= KEPT:
                self._strips.clear()
            strips = self._strips[key] = self._visual.render_strips(width, height, style, options)
        return list(strips)


if TYPE_CHECKING:
    _WidgetBase = Widget
else:
    _WidgetBase = object


class LinesOnDemand(_WidgetBase):
    """Mix into a Static (before it) that shows a :class:`RenderedOnce`: each line is
    drawn when it comes into view, not every line of the content on every refresh."""

    def render_line(self, y: int) -> Strip:
        visual = getattr(self, "visual", None)
        if not isinstance(visual, RenderedOnce):
            return super().render_line(y)
        width = self.size.width
        style = self.visual_style
        strip = visual.render_line(y, width, style)
        if strip is None:
            return Strip.blank(width, style.rich_style)
        return strip
