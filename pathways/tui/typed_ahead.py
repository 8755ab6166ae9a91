"""Keys typed ahead: each is taken, in order, by the screen it was meant for.

Textual routes a key when it reaches the app: to the focused widget, from where it
comes back up to the app, whose bindings then run its action. A key typed before the
one ahead of it has done its work is routed as things stood before that work: "1111"
on the welcome screen sent all four to the welcome screen (the first one's walk was
not up yet), and the walk opened with no answer. A key that arrives while a screen is
being pushed went to a screen with nothing focused yet.

So one key is handled at a time. A key that arrives while the one before it is still
at work is kept, and handed on once that work is done: the key has been through every
widget on its way (from the focused one up to the app), what it posted on that way has
been handled, any screen it put up is mounted and has its focus, and any action
waiting for the rule pack has run. That is found by passing a callback along the same
way, a few messages per key; a key typed alone is handled at once as before, and only
a key typed into that short moment waits for it.

The quick-exit keys are never kept: they act at once, whatever is waiting.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.widget import Widget

# A key's work settles within a few passes (the key; what its action posted; the screen
# it put up, mounted; that screen's focus). Past this many the next key goes on anyway.
MOST_PASSES = 12

# A pass whose callback was lost (a node on the way closed with it still queued) would
# keep every key after it: the next key typed after this long starts a fresh pass.
LOST_AFTER = 1.0  # seconds


class TypedAhead:
    """The gate the app's keys pass through (see the module's docstring)."""

    def __init__(
        self,
        app: App[Any],
        handle: Callable[[events.Key], Awaitable[None]],
        *,
        at_once: frozenset[str],
        waiting: Callable[[], bool],
    ) -> None:
        self._app = app
        self._handle = handle  # routes a key as Textual does
        self._at_once = at_once  # keys never kept (quick exit)
        self._waiting = waiting  # whether a key's action waits for something (the pack)
        self._kept: deque[events.Key] = deque()
        self._busy = False  # a key is at work: the keys after it are kept
        self._passes = 0
        self._pass = 0  # which pass the callbacks on their way belong to
        self._passing = False  # a pass is on its way: it ends in _pass_done
        self._pass_started = 0.0
        self._way: list[DOMNode] = []
        self._screen: object = None
        self._focused: Widget | None = None
        self._quiet = True

    @property
    def kept(self) -> int:
        """How many keys are waiting for the one ahead of them."""
        return len(self._kept)

    def drop(self) -> int:
        """Forget the keys kept; how many there were."""
        dropped = len(self._kept)
        self._kept.clear()
        return dropped

    def keep(self, key: events.Key) -> bool:
        """Whether ``key`` is kept for later; if not, it is handled now and is the key at
        work (call :meth:`follow` once it has been routed)."""
        if key.key in self._at_once:
            return False
        if self._busy:
            self._kept.append(key)
            if self._passing and time.monotonic() - self._pass_started > LOST_AFTER:
                self._passing = False  # lost on its way: its callbacks, if any, are ignored
                self.follow()
            return True
        self._busy = True
        return False

    def follow(self) -> None:
        """The key at work was routed, or an action that waited has run: follow its work
        until it is done, then hand on the next key kept."""
        if self._busy and not self._passing:  # a pass on its way sees to it when done
            self._passes = 0
            self._start_pass()

    def _start_pass(self) -> None:
        app = self._app
        self._passes += 1
        self._pass += 1
        self._passing = True
        self._pass_started = time.monotonic()
        self._screen = app.screen
        self._focused = app.focused
        self._quiet = True
        start: DOMNode = self._focused or app.screen
        self._way = list(start.ancestors_with_self)  # up to the app, as a key goes
        self._step(0)

    def _step(self, index: int) -> None:
        # Each node runs the callback after what it had queued: the key, or what the key
        # posted to it on the way. A node closing takes none: the next one is asked.
        while index < len(self._way):
            if self._way[index].call_later(self._stepped, self._pass, index):
                return
            index += 1
        self._passing = False  # the app is closing: nothing more is handed on

    async def _stepped(self, pass_: int, index: int) -> None:
        if pass_ != self._pass:
            return  # of an earlier pass (one runs at a time): never read another's way
        if not self._way[index]._message_queue.empty():
            self._quiet = False  # more came after the callback: another pass
        if index + 1 < len(self._way):
            self._step(index + 1)
        else:
            await self._pass_done()  # on the app, the last on the way

    async def _pass_done(self) -> None:
        app = self._app
        self._passing = False
        if self._waiting():
            return  # the action runs when what it waits for comes; then follow() again
        screen = app.screen
        settled = (
            self._quiet
            and all(node._message_queue.empty() for node in self._way)  # none posted since
            and screen is self._screen
            and screen.is_mounted
            and app.focused is self._focused
        )
        if not settled and self._passes < MOST_PASSES:
            self._start_pass()
            return
        self._busy = False
        if self._kept:
            key = self._kept.popleft()
            self._busy = True
            await self._handle(key)
            self.follow()
