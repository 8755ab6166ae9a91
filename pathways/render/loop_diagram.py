"""The loop diagram of a tour: each step adds a link; the last one closes the cycle.

Pure text, so the terminal app, the handouts and the tests draw the same picture. The
last link returns to the label the tour names (``loop_returns_to``), not always to the
first::

        asylum needs presence
          ▼
    ┌─▶ presence needs a visa
    │     ▼
    │   getting out needs a visa
    └───  back to "presence needs a visa": the loop is closed

``compact`` leaves out the arrow rows (each label leads to the one below), for a
projector at 80x24.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoopLine:
    """One line of the diagram: its text, and what it shows (for styling)."""

    text: str
    role: str  # "link" (a revealed label), "current", "hidden", "arrow", "edge", "closing"


def closing_words(labels: list[str], returns_to: int = 0) -> str:
    """What the last link says: where the loop goes back to."""
    if not labels:
        return "the loop is closed"
    target = labels[max(0, min(returns_to, len(labels) - 1))]
    return f"back to “{target}”: the loop is closed"


def loop_diagram(
    labels: list[str],
    revealed: int,
    width: int = 40,
    returns_to: int = 0,
    compact: bool = False,
) -> list[LoopLine]:
    """The diagram with the first ``revealed`` labels shown and the rest as '?'.

    When every label is revealed the return edge is drawn, from the last label back to
    label ``returns_to``, and the loop is closed.
    """
    revealed = max(0, min(revealed, len(labels)))
    returns_to = max(0, min(returns_to, len(labels) - 1)) if labels else 0
    closed = bool(labels) and revealed == len(labels)
    inner = max(8, width - 4)
    lines: list[LoopLine] = []
    for index, label in enumerate(labels):
        shown = index < revealed
        text = label if shown else "?"
        if len(text) > inner:
            text = text[: inner - 1] + "…"
        if closed and index == returns_to:
            left = "┌─▶ "  # where the last link comes back in
        else:
            left = "│   " if closed and index > returns_to else "    "
        role = "hidden"
        if shown:
            role = "current" if index == revealed - 1 else "link"
        lines.append(LoopLine(left + text, role))
        if index < len(labels) - 1 and not compact:
            arrow = "│     ▼" if closed and index >= returns_to else "      ▼"
            lines.append(LoopLine(arrow, "arrow" if index + 1 < revealed else "hidden"))
    if closed:
        closing = "└───  " + closing_words(labels, returns_to)
        if len(closing) <= width:
            lines.append(LoopLine(closing, "closing"))
        else:  # two lines rather than cut words
            back, _, rest = closing.partition(": ")
            lines += [LoopLine(back, "closing"), LoopLine("      " + rest, "closing")]
    elif labels:
        lines.append(LoopLine("      ⋯  (the loop is not closed yet)", "hidden"))
    return [LoopLine(_fit(line.text, width), line.role) for line in lines]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def loop_text(labels: list[str], revealed: int, width: int = 40, returns_to: int = 0) -> str:
    return "\n".join(
        line.text for line in loop_diagram(labels, revealed, width, returns_to=returns_to)
    )


def loop_svg(labels: list[str], returns_to: int = 0) -> str:
    """The closed loop as inline SVG (for the HTML handout): one box per label, arrows
    down, and the return edge from the last box back to label ``returns_to``.

    Labels are untrusted: they go through the project's HTML escaping.
    """
    from pathways.core.safe_text import html_text

    if not labels:
        return ""
    returns_to = max(0, min(returns_to, len(labels) - 1))
    box_w, box_h, gap, left, top = 400, 34, 22, 60, 10
    height = top * 2 + len(labels) * box_h + (len(labels) - 1) * gap
    width = left + box_w + 10

    def y_of(index: int) -> int:
        return top + index * (box_h + gap)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="loop" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{html_text(closing_words(labels, returns_to))}</title>",
        '<defs><marker id="loop-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#222"/></marker></defs>',
    ]
    for index, label in enumerate(labels):
        y = y_of(index)
        parts.append(
            f'<rect x="{left}" y="{y}" width="{box_w}" height="{box_h}" rx="6" '
            'fill="#fff" stroke="#222" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{left + box_w // 2}" y="{y + box_h // 2 + 5}" text-anchor="middle" '
            f'font-size="15">{html_text(label)}</text>'
        )
        if index < len(labels) - 1:
            x = left + box_w // 2
            parts.append(
                f'<line x1="{x}" y1="{y + box_h}" x2="{x}" y2="{y + box_h + gap - 2}" '
                'stroke="#222" stroke-width="1.5" marker-end="url(#loop-arrow)"/>'
            )
    last_y = y_of(len(labels) - 1) + box_h // 2
    target_y = y_of(returns_to) + box_h // 2
    parts.append(
        f'<path d="M {left} {last_y} H {left - 40} V {target_y} H {left - 2}" fill="none" '
        'stroke="#b00020" stroke-width="2.5" marker-end="url(#loop-arrow)"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
