"""A list whose highlighted item stays in view, also when the list itself is scrolled past.

Textual's OptionList scrolls within itself to show its highlighted option; a list of
``height: auto`` inside a scrolling screen (the welcome's ways in, at 80x24) never
scrolls itself, so ↓ or End moved the highlight below the fold and Enter then acted
on an option nobody could see. :func:`keep_in_view` scrolls every scrolling container
around the list as far as it takes to show the option.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList


def keep_in_view(widget: Widget, region: Region) -> None:
    """Scroll ``widget``'s scrolling ancestors until ``region`` (screen cells) is in view."""
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget) or not ancestor.allow_vertical_scroll:
            continue
        view = ancestor.scrollable_content_region
        if region.y < view.y:
            delta = region.y - view.y
        elif region.bottom > view.bottom:
            delta = min(region.bottom - view.bottom, region.y - view.y)  # the top first
        else:
            continue
        before = ancestor.scroll_y
        ancestor.scroll_to(y=before + delta, animate=False, immediate=True)
        region = region.translate((0, -round(ancestor.scroll_y - before)))


class KeptInView(OptionList):
    """An OptionList that brings its highlighted option into view wherever it sits."""

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        if self.highlighted is not None and self.is_mounted:
            self.call_after_refresh(self._into_view)

    def highlighted_region(self) -> Region | None:
        """Where the highlighted option is drawn, in screen cells (None: not drawn)."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return None
        self._update_lines()
        y = self._index_to_line.get(highlighted)
        if y is None:
            return None
        content = self.content_region
        top = content.y + y - round(self.scroll_y)
        return Region(content.x, top, content.width, self._heights[highlighted])

    def _into_view(self) -> None:
        region = self.highlighted_region()
        if region is not None and self.region:
            keep_in_view(self, region)
