"""The tour's loop diagram: fills in step by step until the cycle closes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pathways.render.loop_diagram import loop_diagram
from pathways.tui.rule_content import text

ROLE_STYLES: dict[str, str] = {
    "current": "bold $text-accent",
    "link": "$text",
    "hidden": "$text-muted",
    "arrow": "$text-muted",
    "closing": "bold $text-error",
}


class LoopDiagram(Static):
    """Shows the first ``revealed`` labels of the loop; all of them close it."""

    def show(self, labels: list[str], revealed: int, compact: bool = False) -> None:
        closed = bool(labels) and revealed >= len(labels)
        self.set_class(closed, "-closed")
        if compact:  # one wrapped line: what is shown so far, then how it ends
            shown = [text(label) for label in labels[:revealed]]
            parts: list[Content | str | tuple[str, str]] = [
                (" → ".join(shown) if shown else "(nothing yet)", "$text")
            ]
            if closed:
                parts.append((" → ↺ back to the start: the loop is closed", "bold $text-error"))
            else:
                parts.append((f" → … ({len(labels) - revealed} more)", "$text-muted"))
            self.update(Content.assemble(*parts))
            return
        width = max(20, self.size.width or 40)
        lines = [
            Content.styled(text(line.text), ROLE_STYLES.get(line.role, ""))
            for line in loop_diagram(labels, revealed, width=width)
        ]
        self.update(Content("\n").join(lines))
