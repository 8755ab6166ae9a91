"""Draw a screen as soon as its widgets have settled, not on the next tick of a 60 Hz timer.

Textual paints a screen from a per-screen timer (``Screen._update_timer``, 1/60 s):
when a key changes widgets, the screen resumes the timer, and the timer draws at its
next tick. Measured on the walk (tests/benchmarks/bench_tui.py), that cost most of a
key's time to the settled screen:

- the first tick came before the widgets had asked for a new layout, so it drew the new
  text into the old layout (a frame the person should never see);
- a timer that had been idle waits one interval too many before its next tick (after a
  pause, ``Timer._run`` skips to ``count = elapsed / interval + 1`` and then waits for
  ``count + 1``): 17-33 ms before the layout that actually draws the step;
- a step takes two or three layout passes (Textual lays out again whenever a widget's
  scrollable size changes), and each waited for a tick of its own.

:class:`PromptFrames` replaces the timer of a screen with a prompt update: once the
screen has handled every message that is waiting for it (the widgets' requests for a
layout or a repaint), the update runs on the next turn of the event loop. A frame is
still drawn at most once every :data:`MIN_GAP` seconds, so a widget that asks for a
refresh on every frame cannot spin. Textual calls only ``pause()`` and ``resume()`` on
its timer, and the screen's own ``_on_timer_update`` does the work, so every rule of
when to lay out, repaint, and recompose stays Textual's.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, cast

from rich.console import RenderableType
from textual.geometry import Size
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.timer import Timer

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

MIN_GAP = 0.004  # seconds between two updates of one screen, at least


class PromptUpdate:
    """Stands in for a screen's update timer: ``resume`` asks for an update, ``pause`` drops it."""

    def __init__(self, screen: Screen[object]) -> None:
        self._screen = screen
        self._pending: asyncio.Handle | asyncio.TimerHandle | None = None
        self._last = 0.0

    def pause(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def resume(self) -> None:
        if self._pending is not None:
            return
        loop = asyncio.get_running_loop()
        wait = self._last + MIN_GAP - time.monotonic()
        self._pending = (
            loop.call_later(wait, self._update) if wait > 0 else loop.call_soon(self._update)
        )

    def stop(self) -> None:
        self.pause()

    def _update(self) -> None:
        self._pending = None
        screen = self._screen
        if not screen.is_running or not screen._message_queue.empty():
            # More requests are waiting: the screen asks again once it has handled them.
            return
        self._last = time.monotonic()
        try:
            screen._on_timer_update()
        except Exception as error:  # as Textual's timer does: the app shows it and exits
            screen.app._handle_exception(error)


class PromptFrames(_ScreenBase):
    """Mix into a :class:`~textual.screen.Screen` (before it) to draw it promptly."""

    __prompt_update: PromptUpdate | None = None

    @property
    def _update_timer(self) -> Timer:
        # Typed as Textual's, which only ever calls pause() and resume() on it.
        if self.__prompt_update is None:
            self.__prompt_update = PromptUpdate(cast("Screen[object]", self))
        return cast("Timer", self.__prompt_update)

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus as Textual does, but bring the widget into view at once, not in an animation.

        Textual scrolls a newly focused widget into view in an animated scroll, a frame
        every 1/60 s for a quarter of a second after the key (each row of the case sheet).
        """
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible and widget is not None and self.focused is widget:

            def into_view() -> None:
                if self.focused is widget and not self.can_view_entire(widget):
                    self.scroll_to_center(widget, animate=False, origin_visible=True)

            self.call_later(into_view)


if TYPE_CHECKING:
    _WidgetBase = Widget
else:
    _WidgetBase = object


class OneLayoutPass(_WidgetBase):
    """Mix into a widget (before it) whose scrollable size needs no second layout pass.

    After every layout pass Textual sets each widget's ``virtual_size``, a reactive that
    asks for another layout whenever it changes: a step whose text is longer than the
    last one's was laid out, drawn, then laid out and drawn again with nothing changed
    (a Static's height is worked out in the first pass; a scroll view's scrollbars
    ask for their own layout when they appear or go). The size is now set without
    asking (as Textual itself does when it only scrolls).
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's vertical scrollbar, but one laid out in one pass too.

        A scrollbar shown for the first time (or grown) got a new ``virtual_size`` in the
        layout pass that placed it, and so asked for a second pass (the summary's second
        frame); nothing in a scrollbar is laid out from that size.
        """
        bar = self._vertical_scrollbar
        if bar is None:
            bar = self._vertical_scrollbar = _ScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self.app._start_widget(self, bar)
        return bar


class _ScrollBar(OneLayoutPass, ScrollBar):
    """A scrollbar whose size is set without asking for another layout pass, and that
    asks for no frame of its own to draw what a frame has already drawn.

    The layout pass that places a scrollbar also sets its sizes and asks it to repaint
    (``Widget._scroll_update``); the frame drawn right after that pass draws it with those
    sizes, and the repaint asked for came after it as a second frame (~1 ms to draw at
    160x48, after the summary's and each what-if's first).
    """

    _drawn: tuple[object, ...] | None = None  # what the last render drew

    def _look(self) -> tuple[object, ...]:
        return (
            self.window_virtual_size,
            self.window_size,
            self.position,
            self.thickness,
            self.vertical,
            self.grabbed,
            self.mouse_over,
            self.size,
        )

    def render(self) -> RenderableType:
        self._drawn = self._look()
        return super().render()

    def _check_refresh(self) -> None:
        if self._repaint_required and not self._dirty_regions and self._drawn == self._look():
            self._repaint_required = False  # drawn since it asked, as it is now
        super()._check_refresh()


class Text(OneLayoutPass, Static):
    """A Static laid out in one pass (:class:`OneLayoutPass`)."""
