"""The end summary: every route's verdict with its reason and numbered citations."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.widgets import Static

from pathways.render.brief import Brief
from pathways.render.statuses import CHANGED, status_label
from pathways.tui.frames import OneLayoutPass
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import numbered_references, status_style, text


class VerdictTable(OneLayoutPass, Static):
    """The verdicts of a :class:`~pathways.render.brief.Brief` (numbered as the export is)."""

    DEFAULT_CSS = """
    VerdictTable {
        height: auto;
        margin-bottom: 1;
    }
    """

    def show_brief(self, brief: Brief, changed: set[str] | None = None) -> None:
        """Show the brief; routes in ``changed`` are marked '● changed' (not colour alone)."""
        self.update(RenderedOnce(self, self._render_brief(brief, changed or set())))

    def _render_brief(self, brief: Brief, changed: set[str]) -> RenderableType:
        """A list, one route after another: the route's name on its own line (never cut),
        its status and sources, then why, wrapped under it at any width."""
        theme = self.app.current_theme
        parts: list[RenderableType] = []
        for v in brief.verdicts:
            head = Text(text(v.route), style="bold")
            if v.route_id in changed:
                head.append("  ")
                head.append(CHANGED, style="bold reverse")
            status = Text(status_label(v.status), style=status_style(theme, v.status))
            if v.references:
                status.append("  sources " + " ".join(f"[{n}]" for n in v.references))
            why = Text(text(v.reason) if v.reason else "Not reached in this walk.")
            parts += [head, Padding(Group(status, why), (0, 0, 1, 2))]
        parts += [Text("References", style="bold"), numbered_references(brief.references)]
        return Group(*parts)
