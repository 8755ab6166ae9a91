"""Python's cycle collector, tuned in this one place (and nowhere in the core's logic).

Loading and checking a pack build many objects and no reference cycles: the collector
would only re-scan the whole pack again and again (a third of the time for a
10,000-node pack), so :func:`pausing` switches it off while they run. The terminal app
builds a long-lived heap once (Textual, the pack, the walk view): a full collection
scanning it on some key presses cost 60-70 ms at 160x48, so :func:`freeze_long_lived`
moves it out of the collector's way. A command that has finished freezes everything with
:func:`skip_exit_collection`, so the interpreter's collections at exit do not walk it all.
In the app, full collections still came every few keys (the heap Textual builds while
drawing: 30-60 ms each at 160x48, on the key that set them off), so
:func:`deferred_full_collections` leaves them to a moment when no one is waiting
(:func:`collect_if_due`, called by the app when idle).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block (nested blocks leave it to the outermost)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                # Move what was built straight to the oldest generation, unscanned (freeze
                # then unfreeze), instead of a collection over all of it at the next
                # allocation. Nothing stays frozen.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def pausing(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function that builds a large acyclic structure: it runs in :func:`paused`."""

    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return func(*args, **kwargs)

    return run


def freeze_long_lived() -> None:
    """Collect, then freeze what exists now, so it is never scanned again (``gc.freeze``).

    The app calls it once after the pack is loaded and once when the walk view is first
    built; collecting first means no garbage is frozen with the long-lived state.
    """
    gc.collect()
    gc.freeze()


def freeze_imports() -> None:
    """Freeze what exists now, uncollected, unless something already is: for the terminal
    app, once Textual is imported.

    Modules, classes and functions live as long as the process; each full collection
    during start-up walked them all again (~15 ms of the app's first half-second). No
    collection first (:func:`freeze_long_lived` does one): that costs more than the little
    garbage imports leave. Once per process: a second app (in the tests) finds the heap
    frozen already and freezes nothing of the first one's leftovers.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


def skip_exit_collection() -> None:
    """Freeze everything now: the collections Python runs while it exits skip it.

    For a process that is about to exit (the ``pathways`` command, after its work): they
    would walk every object left (the validators, the pack), ~30 ms of a 150 ms walk,
    to free memory the system frees anyway. Exit itself is unchanged: files are closed and
    output flushed as always (every file the commands write is closed before they return).
    """
    gc.freeze()


# Python's own schedule: a full collection after this many collections of the middle
# generation (the third number of ``gc.get_threshold()`` by default).
FULL_COLLECTION_DUE = 10
# While deferred, Python itself starts one only after ten times as many, so a burst of
# keys with no pause in it still has its garbage collected, later.
DEFERRED_THRESHOLD = 100


@contextmanager
def deferred_full_collections() -> Iterator[None]:
    """Inside the block, full collections are left to :func:`collect_if_due`.

    Young collections (a millisecond or two) run as usual. The threshold is put back
    when the block ends.
    """
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, DEFERRED_THRESHOLD))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def collect_if_due() -> bool:
    """Collect all generations if Python would have done so by now; True if it did."""
    if not gc.isenabled() or gc.get_count()[2] < FULL_COLLECTION_DUE:
        return False
    gc.collect()
    return True
