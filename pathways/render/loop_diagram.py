"""The loop diagram of a tour: each step adds a link; the last one closes the cycle.

Pure text, so the terminal app, the handout and the tests draw the same picture::

    ┌─▶ asylum needs presence
    │     ▼
    │   presence needs a visa
    │     ▼
    │   getting out needs a visa
    └───  and round again: the loop is closed
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoopLine:
    """One line of the diagram: its text, and what it shows (for styling)."""

    text: str
    role: str  # "link" (a revealed label), "current", "hidden", "arrow", "edge", "closing"


def loop_diagram(labels: list[str], revealed: int, width: int = 40) -> list[LoopLine]:
    """The diagram with the first ``revealed`` labels shown and the rest as '?'.

    When every label is revealed the return edge is drawn and the loop is closed.
    """
    revealed = max(0, min(revealed, len(labels)))
    closed = bool(labels) and revealed == len(labels)
    inner = max(8, width - 4)
    lines: list[LoopLine] = []
    for index, label in enumerate(labels):
        shown = index < revealed
        text = label if shown else "?"
        if len(text) > inner:
            text = text[: inner - 1] + "…"
        left = ("┌─▶ " if index == 0 else "│   ") if closed else "    "
        role = "hidden"
        if shown:
            role = "current" if index == revealed - 1 else "link"
        lines.append(LoopLine(left + text, role))
        if index < len(labels) - 1:
            arrow = ("│     ▼" if closed else "      ▼")
            lines.append(LoopLine(arrow, "arrow" if index + 1 < revealed else "hidden"))
    if closed:
        lines.append(LoopLine("└───  and round again: the loop is closed", "closing"))
    elif labels:
        lines.append(LoopLine("      ⋯  (the loop is not closed yet)", "hidden"))
    return [LoopLine(_fit(line.text, width), line.role) for line in lines]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def loop_text(labels: list[str], revealed: int, width: int = 40) -> str:
    return "\n".join(line.text for line in loop_diagram(labels, revealed, width))
