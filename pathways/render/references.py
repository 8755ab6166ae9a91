"""Untrusted rule text as literal Markdown, and numbered references (brief and handout).

Control characters are shown as visible escapes and Markdown syntax is escaped, so a
title such as ``[link=...]`` or ``<script>`` reads literally wherever the file is
opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pathways.core.model import Citation, RuleGraph, Source
from pathways.core.safe_text import markdown_inline, plain


def md_inline(text: str) -> str:
    """Untrusted text as literal Markdown on one line: controls visible, syntax escaped."""
    return markdown_inline(text)


def md_block(text: str) -> list[str]:
    """Untrusted multi-line text, each line escaped (paragraph breaks kept)."""
    return [md_inline(line) if line.strip() else "" for line in plain(text).splitlines()]


def source_words(source: Source) -> str:
    """'Outlet, “Title”, Byline, Date (kind)' as Markdown."""
    parts = [md_inline(source.outlet), f"“{md_inline(source.title)}”"]
    if source.byline:
        parts.append(md_inline(source.byline))
    if source.date:
        parts.append(md_inline(source.date))
    return ", ".join(parts) + f" ({md_inline(source.kind)})"


@dataclass(frozen=True)
class Reference:
    """One numbered citation: a quote from a source, or a statute named beside it."""

    number: int
    source_id: str
    source: Source | None
    quote: str | None  # None for statutes and later reports (never quoted)
    note: str | None = None


class Numbering:
    """Numbers citations in order of first use; the same quote keeps its number."""

    def __init__(self, graph: RuleGraph) -> None:
        self.graph = graph
        self.refs: list[Reference] = []
        self._index: dict[tuple[str, str | None], int] = {}

    def cite(self, citation: Citation) -> int:
        return self._add(citation.source, citation.quote, citation.note)

    def refer(self, source_id: str) -> int:
        return self._add(source_id, None, None)

    def _add(self, source_id: str, quote: str | None, note: str | None) -> int:
        key = (source_id, quote)
        if key not in self._index:
            number = len(self.refs) + 1
            self._index[key] = number
            source = self.graph.sources.get(source_id)
            self.refs.append(Reference(number, source_id, source, quote, note))
        return self._index[key]


def md_refs(numbers: Sequence[int]) -> str:
    """'\\[1\\] \\[2\\]': reference marks that Markdown shows as typed."""
    return " ".join(f"\\[{n}\\]" for n in numbers)


def references_markdown(refs: Sequence[Reference]) -> list[str]:
    """The numbered list of references: each source, its quote, who speaks, its address."""
    lines: list[str] = []
    for ref in refs:
        if ref.source is None:
            lines.append(f"{ref.number}. {md_inline(ref.source_id)}")
            continue
        if ref.quote is None:  # a statute or later report: named, never quoted
            summary = f": {md_inline(ref.source.summary)}" if ref.source.summary else ""
            head = ref.source.section or ref.source.title
            lines.append(
                f"{ref.number}. {md_inline(head)} ({md_inline(ref.source.kind)}){summary}"
            )
            continue
        lines.append(f"{ref.number}. {source_words(ref.source)}")
        lines.append(f"   > “{md_inline(ref.quote)}”")
        if ref.note:
            lines.append(f"   ({md_inline(ref.note)})")
        if ref.source.url:
            lines.append(f"   {md_inline(ref.source.url)}")
    return lines
