"""The end summary: every route's verdict with its reason and numbered citations."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from pathways.render.brief import Brief
from pathways.render.statuses import status_label
from pathways.tui.frames import OneLayoutPass
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import numbered_references, status_style, text


class VerdictTable(OneLayoutPass, Static):
    """A table built from a :class:`~pathways.render.brief.Brief` (numbered as the export is)."""

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
        table = Table(expand=True, show_lines=True, header_style="bold")
        table.add_column("Route", ratio=2)
        table.add_column("Status", no_wrap=True)
        table.add_column("Why", ratio=4)
        table.add_column("Sources", min_width=7)
        theme = self.app.current_theme
        for v in brief.verdicts:
            route = Text(text(v.route), style="bold")
            if v.route_id in changed:
                route.append("\n● changed", style="bold reverse")
            table.add_row(
                route,
                Text(status_label(v.status), style=status_style(theme, v.status)),
                Text(text(v.reason) if v.reason else "Not reached in this walk."),
                Text(" ".join(f"[{n}]" for n in v.references)),
            )
        refs = numbered_references(brief.references)
        return Group(table, Text("\nReferences", style="bold"), refs)
