"""How a verdict's status is shown, in every output: its word, its mark, its colour.

Colour is never the only signal: each status also has its word and a mark. The colour
is a role ("success", "error", "warning") that each front maps to its own palette: the
TUI to its theme's colours, the Graphviz export to fixed ones.

This module imports nothing heavy, so the TUI's first screen can use it.
"""

from __future__ import annotations

from collections.abc import Mapping

STATUS_WORDS: Mapping[str, str] = {
    "open": "Open",
    "blocked": "Blocked",
    "long-shot": "Long shot",
    "not-applicable": "Not applicable",
}

STATUS_MARKS: Mapping[str, str] = {
    "open": "✔",
    "blocked": "✘",
    "long-shot": "◐",
    "not-applicable": "○",
}

STATUS_COLOURS: Mapping[str, str] = {
    "open": "success",
    "blocked": "error",
    "long-shot": "warning",
    "not-applicable": "secondary",
}

NOT_REACHED = "Not reached"

# What marks a verdict that a changed answer changed, everywhere it is shown (the walk's
# list, the summary, the case sheet, the sentence that says how many changed).
CHANGED = "● changed"


def status_word(status: str | None) -> str:
    """'Open', 'Blocked', 'Long shot'; 'Not reached' for a route the walk has not decided."""
    if status is None:
        return NOT_REACHED
    return STATUS_WORDS.get(status, status)


def status_mark(status: str | None) -> str:
    """'✔', '✘', '◐'; '·' for a route the walk has not decided."""
    return STATUS_MARKS.get(status or "", "·")


def status_label(status: str | None) -> str:
    """The mark and the word in capitals, e.g. '✔ OPEN': what a table or badge shows."""
    return f"{status_mark(status)} {status_word(status).upper()}"
