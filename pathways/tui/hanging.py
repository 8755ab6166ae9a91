"""Rows of a label and a text wrapped under itself (a hanging indent), drawn as a Rich grid is.

The references ("[1] KIND: outlet" then the quote) and the trail's answers ("1. " then the
question and the answer) were drawn as ``rich.table.Table.grid`` rows. A table measures
every cell, then sizes, wraps and pads its columns: about 0.35 ms a reference at 160
columns, 8-11 ms of the summary's 26 references, and most of the trail's redraw. These
rows draw the same lines (same text, same styles, same padding) with only the wrapping:
the label column as wide as its widest label (at least ``label_width``), then ``gap``
cells, then the text, as wide as its longest line or what is left of the width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

NULL = Style()


class HangingRows:
    """``(label, text)`` rows: the label never wrapped, the text wrapped beside it."""

    def __init__(
        self, rows: Sequence[tuple[Text, Text]], *, label_width: int = 0, gap: int = 0
    ) -> None:
        self.rows = rows
        self.label_width = label_width
        self.gap = gap

    def _widths(self, max_width: int) -> tuple[int, int]:
        label = max([self.label_width, *(t.cell_len for t, _ in self.rows)])
        longest = max(
            (cell_len(line) for _, t in self.rows for line in t.plain.split("\n")), default=0
        )
        return label, max(1, min(max(longest, 1), max_width - label - self.gap))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        label, body = self._widths(options.max_width)
        return Measurement(label + self.gap, label + self.gap + body)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width, body_width = self._widths(options.max_width)
        label_options = options.update(
            width=label_width, justify="left", no_wrap=True, overflow="ellipsis", height=None
        )
        body_options = options.update(
            width=body_width, justify="left", no_wrap=False, overflow="ellipsis", height=None
        )
        gap = [Segment(" " * self.gap, NULL)] if self.gap else []
        blank = [Segment(" " * label_width, NULL)]
        new_line = Segment.line()
        for label, body in self.rows:
            left = console.render_lines(label, label_options, style=NULL)
            right = console.render_lines(body, body_options, style=NULL)
            for n in range(max(len(left), len(right))):
                yield from left[n] if n < len(left) else blank
                yield from gap
                yield from right[n] if n < len(right) else [Segment(" " * body_width, NULL)]
                yield new_line
