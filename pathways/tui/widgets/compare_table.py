"""The routes side by side (stacked on narrow screens), from each Route's ``compare`` facts."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.events import Resize
from textual.widget import Widget

from pathways.core.model import COMPARE_ROWS, Citation, CompareFact, Route, RuleGraph
from pathways.core.walk import Walk
from pathways.tui.rule_content import STATUS_MARKS, text

SIDE_BY_SIDE_MIN_WIDTH = 110


class CompareTable(Widget):
    """Rows: in short, the five compare facts, the sources and this person's verdict."""

    DEFAULT_CSS = """
    CompareTable { height: auto; }
    """

    def __init__(self, graph: RuleGraph, walk: Walk | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = graph
        self.walk = walk
        self._numbers: dict[tuple[str, str], int] = {}
        self._refs: list[Citation] = []

    def _cite(self, citations: tuple[Citation, ...]) -> str:
        marks = []
        for c in citations:
            key = (c.source, c.quote)
            if key not in self._numbers:
                self._refs.append(c)
                self._numbers[key] = len(self._refs)
            marks.append(f"[{self._numbers[key]}]")
        return " ".join(marks)

    def _fact(self, fact: CompareFact | None) -> Text:
        if fact is None:
            return Text("Not set out in this rule pack.", style="italic dim")
        cell = Text(text(fact.text))
        refs = self._cite(fact.citations)
        if refs:
            cell.append(f" {refs}", style="bold")
        return cell

    def _verdict(self, route: Route) -> Text:
        reached = self.walk.verdict_by_route() if self.walk is not None else {}
        verdict = reached.get(route.id)
        if verdict is None:
            hint = "explore a case to fill this in" if self.walk is None else "not reached yet"
            return Text(f"({hint})", style="italic dim")
        theme = self.app.current_theme
        colour = {"open": theme.success, "blocked": theme.error, "long-shot": theme.warning}
        cell = Text(
            f"{STATUS_MARKS[verdict.status]} {verdict.status.replace('-', ' ').upper()}",
            style=Style(bold=True, color=colour.get(verdict.status)),
        )
        cell.append(f"\n{text(verdict.reason)}")
        refs = self._cite(verdict.citations)
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
        self._numbers, self._refs = {}, []
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
        if self._refs:
            refs = Text("Sources\n", style="bold")
            for number, citation in enumerate(self._refs, start=1):
                source = self.graph.sources.get(citation.source)
                refs.append(f"[{number}] ", style="bold")
                if source is not None:
                    refs.append(f"{source.kind.upper()}: ", style="bold")
                    refs.append(text(source.outlet))
                    if source.date:
                        refs.append(f", {text(source.date)}")
                refs.append(f"\n    “{text(citation.quote)}”\n", style="italic")
            parts.append(refs)
        return Group(*parts)

    def on_resize(self, event: Resize) -> None:
        self.refresh(layout=True)
