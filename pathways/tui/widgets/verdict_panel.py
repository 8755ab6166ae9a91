"""A verdict: the route, its status in colour and word, the reason and next steps."""

from __future__ import annotations

from textual.widgets import Static

from pathways.core.model import RuleGraph, Verdict
from pathways.render.statuses import STATUS_WORDS
from pathways.tui.frames import OneLayoutPass
from pathways.tui.rule_content import verdict_content


class VerdictPanel(OneLayoutPass, Static):
    """Bordered in the status colour, with the status word inside (never colour alone)."""

    DEFAULT_CSS = """
    VerdictPanel {
        border: heavy $secondary;
        padding: 0 1;
        margin-bottom: 1;
        height: auto;
    }
    VerdictPanel.-open {
        border: heavy $success;
    }
    VerdictPanel.-blocked {
        border: heavy $error;
    }
    VerdictPanel.-long-shot {
        border: heavy $warning;
    }
    VerdictPanel.-not-applicable {
        border: heavy $foreground-muted;
    }
    """

    def show_verdict(self, graph: RuleGraph, verdict: Verdict | None) -> None:
        self.display = verdict is not None
        for status in STATUS_WORDS:
            self.set_class(verdict is not None and verdict.status == status, f"-{status}")
        if verdict is not None:
            self.update(verdict_content(graph, verdict))
