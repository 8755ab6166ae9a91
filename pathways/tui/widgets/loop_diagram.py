"""The tour's loop diagram: fills in step by step until the cycle closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from pathways.render.loop_diagram import loop_diagram
from pathways.tui.rule_content import text

if TYPE_CHECKING:
    from pathways.core.model import Tour

ROLE_STYLES: dict[str, str] = {
    "current": "bold $text-accent",
    "link": "$text",
    "hidden": "$text-muted",
    "arrow": "$text-muted",
    "closing": "bold $text-error",
}


class LoopDiagram(Static):
    """Shows the first ``revealed`` loop labels of a tour; all of them close the loop.

    ``compact`` leaves out the arrow rows, so the whole loop fits under a step at 80x24.
    """

    DEFAULT_CSS = """
    LoopDiagram.-closed {
        text-style: bold;
    }
    """

    def show(self, tour: Tour, revealed: int, compact: bool = False) -> None:
        labels = tour.loop_labels()
        self.set_class(bool(labels) and revealed >= len(labels), "-closed")
        width = max(20, self.size.width or 40)
        lines = [
            Content.styled(text(line.text), ROLE_STYLES.get(line.role, ""))
            for line in loop_diagram(
                labels, revealed, width=width, returns_to=tour.loop_return_index(),
                compact=compact,
            )
        ]
        self.update(Content("\n").join(lines))
