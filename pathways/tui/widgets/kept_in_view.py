"""A list whose highlighted item stays in view, also when the list itself is scrolled past.

Textual's OptionList scrolls within itself to show its highlighted option; a list of
``height: auto`` inside a scrolling screen (the welcome's ways in, at 80x24) never
scrolls itself, so ↓ or End moved the highlight below the fold and Enter then acted
on an option nobody could see. :func:`keep_in_view` scrolls every scrolling container
around the list as far as it takes to show the option.
"""

from __future__ import annotations

from textual import events
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
    """An OptionList that brings its highlighted option into view wherever it sits, its
    options wrapped at the width they are drawn at.

    Textual's OptionList works out each option's height (its wrapped lines) once, at the
    width of the list's content as it was then, and keeps its rendered lines under a key
    without the width; it drops both only on a Resize. Its vertical scrollbar takes two
    columns from that width without a Resize: the heights worked out just before the
    scrollbar came (the summary's routes, at 80x24 with the sources open: measured at 32
    columns, drawn at 30) kept an option to two rows where its words needed three, and
    the third was never drawn. Here both are dropped whenever the width changes, and the
    heights are worked out again at once if working them out brought or took away the
    scrollbar.
    """

    _wrapped_at = 0  # the content width the options' heights and lines were made at

    def _update_lines(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            return
        if width != self._wrapped_at:
            self._drop_wrapping(width)
        super()._update_lines()  # may bring the scrollbar, or take it away
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._drop_wrapping(width)
            super()._update_lines()

    def _drop_wrapping(self, width: int) -> None:
        self._line_cache.clear()
        self._option_render_cache.clear()
        self._wrapped_at = width

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        """Drop the wrapped options only if the width they were made at has changed.

        Textual drops them (and draws the list again) on every resize: a list that only
        grew taller, as the choices do at the summary, was drawn a second time after the
        frame that had already drawn it at its new height.
        """
        if self.scrollable_content_region.width == self._wrapped_at:
            event.prevent_default()  # OptionList's handler, which drops them

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
