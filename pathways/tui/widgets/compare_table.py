"""The routes side by side (stacked on narrow screens), from each Route's ``compare`` facts."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.events import Resize
from textual.widget import Widget

from pathways.core.model import COMPARE_ROWS, CompareFact, Route, RuleGraph, Verdict
from pathways.core.walk import Walk
from pathways.render.references import Numbering
from pathways.render.statuses import status_label
from pathways.tui.rule_content import numbered_references, status_style, text

SIDE_BY_SIDE_MIN_WIDTH = 110


class CompareTable(Widget):
    """Rows: in short, the compare facts, the sources and this person's verdict."""

    DEFAULT_CSS = """
    CompareTable { height: auto; }
    """

    def __init__(self, graph: RuleGraph, walk: Walk | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = graph
        self.walk = walk
        self._numbering = Numbering(graph)

    def _cite(self, part: CompareFact | Verdict) -> str:
        numbers = [self._numbering.cite(c) for c in part.citations]
        numbers += [self._numbering.refer(r) for r in part.references]
        return " ".join(f"[{n}]" for n in dict.fromkeys(numbers))

    def _fact(self, fact: CompareFact | None) -> Text:
        if fact is None:
            return Text("Not set out in this rule pack.", style="italic dim")
        cell = Text(text(fact.text))
        refs = self._cite(fact)
        if refs:
            cell.append(f" {refs}", style="bold")
        return cell

    def _verdict(self, route: Route) -> Text:
        reached = self.walk.verdict_by_route() if self.walk is not None else {}
        verdict = reached.get(route.id)
        if verdict is None:
            hint = "explore a case to fill this in" if self.walk is None else "not reached yet"
            return Text(f"({hint})", style="italic dim")
        cell = Text(
            status_label(verdict.status),
            style=status_style(self.app.current_theme, verdict.status),
        )
        cell.append(f"\n{text(verdict.reason)}")
        refs = self._cite(verdict)
        if refs:
            cell.append(f" {refs}", style="bold")
        return cell

    def _rows(self, route: Route) -> list[tuple[str, Text]]:
        rows: list[tuple[str, Text]] = [("In short", Text(text(route.summary)))]
        for field, label in COMPARE_ROWS:
            fact = getattr(route.compare, field) if route.compare is not None else None
            rows.append((label, self._fact(fact)))
        rows.append(("For this person", self._verdict(route)))
        return rows

    def render(self) -> RenderableType:
        self._numbering = Numbering(self.graph)
        routes = list(self.graph.routes.values())
        wide = self.app.size.width >= SIDE_BY_SIDE_MIN_WIDTH
        parts: list[RenderableType] = []
        if wide:
            table = Table(expand=True, show_lines=True, header_style="bold")
            table.add_column("", style="bold", ratio=2)
            for route in routes:
                table.add_column(text(route.title), ratio=3)
            per_route = [self._rows(r) for r in routes]
            for i, (label, _) in enumerate(per_route[0] if per_route else []):
                table.add_row(Text(label, style="bold"), *(rows[i][1] for rows in per_route))
            parts.append(table)
        else:
            for route in routes:
                table = Table(
                    title=text(route.title), title_style="bold", title_justify="left",
                    expand=True, show_header=False, show_lines=False, box=None, padding=(0, 1),
                )
                table.add_column("", style="bold", width=18)
                table.add_column("", ratio=1)
                for label, cell in self._rows(route):
                    table.add_row(Text(label, style="bold"), cell)
                parts += [table, Text("")]
        if self._numbering.refs:
            parts += [Text("Sources", style="bold"), numbered_references(self._numbering.refs)]
        return Group(*parts)

    def on_resize(self, event: Resize) -> None:
        self.refresh(layout=True)
