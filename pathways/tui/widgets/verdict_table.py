"""The end summary: every route's verdict with its reason and numbered citations."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from pathways.render.brief import Brief
from pathways.tui.rule_content import STATUS_MARKS, text


class VerdictTable(Static):
    """A table built from a :class:`~pathways.render.brief.Brief` (numbered as the export is)."""

    DEFAULT_CSS = """
    VerdictTable {
        height: auto;
        margin-bottom: 1;
    }
    """

    def show_brief(self, brief: Brief, changed: set[str] | None = None) -> None:
        """Show the brief; routes in ``changed`` are marked '● changed' (not colour alone)."""
        self.update(self._render_brief(brief, changed or set()))

    def _status_style(self, status: str | None) -> Style:
        theme = self.app.current_theme
        colour = {"open": theme.success, "blocked": theme.error, "long-shot": theme.warning}
        found = colour.get(status or "")
        return Style(bold=True, color=found) if found else Style(italic=True, dim=True)

    def _render_brief(self, brief: Brief, changed: set[str]) -> RenderableType:
        table = Table(expand=True, show_lines=True, header_style="bold")
        table.add_column("Route", ratio=2)
        table.add_column("Status", no_wrap=True)
        table.add_column("Why", ratio=4)
        table.add_column("Sources", min_width=7, ratio=1)
        for v in brief.verdicts:
            mark = STATUS_MARKS.get(v.status or "", "·")
            route = Text(text(v.route), style="bold")
            if v.route_id in changed:
                route.append("\n● changed", style="bold reverse")
            table.add_row(
                route,
                Text(f"{mark} {v.status_word.upper()}", style=self._status_style(v.status)),
                Text(text(v.reason) if v.reason else "Not reached in this walk."),
                Text(" ".join(f"[{n}]" for n in v.references)),
            )
        refs = Text()
        for ref in brief.references:
            if refs:
                refs.append("\n")
            refs.append(f"[{ref.number}] ", style="bold")
            if ref.source is None:
                refs.append(text(ref.source_id))
                continue
            refs.append(f"{ref.source.kind.upper()}: ", style="bold")
            refs.append(text(ref.source.outlet))
            if ref.source.date:
                refs.append(f", {text(ref.source.date)}")
            if ref.quote is not None:
                refs.append(f"\n    “{text(ref.quote)}”", style="italic")
            elif ref.source.summary:
                refs.append(f" ({text(ref.source.section or ref.source.title)})")
        return Group(table, Text("\nReferences", style="bold"), refs)
