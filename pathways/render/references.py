"""Sources and references: what is shown of each, how they are numbered, and as Markdown.

The one vocabulary for sources, used by every output (Markdown here, plain text in
``walk_text``, the TUI's ``rule_content``): :func:`source_words` decides what is shown of
a source and in what order, :class:`Numbering` numbers citations, :func:`place_title`
names where in the pack a source is used. Each output only styles those words.

Untrusted rule text as literal Markdown: control characters are shown as visible
escapes and Markdown syntax is escaped, so a title such as ``[link=...]`` or
``<script>`` reads literally wherever the file is opened.

Imports nothing heavy at run time (not the rule model), so the TUI's first screen can use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pathways.core.safe_text import markdown_inline, plain

if TYPE_CHECKING:
    from pathways.core.model import Citation, CitationAt, ReferenceAt, RuleGraph, Source


@dataclass(frozen=True)
class SourceWords:
    """What is shown of one source, in order, before any output styles it.

    Quoted sources: ``head`` is the outlet, then the ``title``, then byline and date.
    Statutes: ``head`` is the section, and ``title`` the full title when it says more; a
    title that holds the section ("INA § 208(a)(1), 8 U.S.C. § 1158(a)(1)", "1951 Refugee
    Convention, Art. 1A(2); 1967 Protocol") is the head itself, so the section is never
    shown twice. Later reports: ``head`` is the outlet
    and date (their headlines were not recorded). Statutes and later reports carry a
    ``summary`` in the project's words.
    """

    kind: str
    head: str
    title: str | None
    who_when: tuple[str, ...]
    summary: str | None
    url: str | None
    quoted: bool

    @property
    def short(self) -> str:
        """One short line: the head, and the date for a quoted source."""
        when = [self.who_when[-1]] if self.quoted and self.who_when else []
        return ", ".join([self.head, *when])


def source_words(source: Source) -> SourceWords:
    from pathways.core.model import UNQUOTED_KINDS  # loaded already: ``source`` is a model

    quoted = source.kind not in UNQUOTED_KINDS
    title: str | None
    if quoted:
        head, title = source.outlet, source.title
        who_when = tuple(v for v in (source.byline, source.date) if v)
    elif source.kind == "statute":
        section = source.section or source.title
        if section in source.title:
            head, title = source.title, None
        else:
            head, title = section, source.title
        who_when = ()
    else:
        head = f"{source.outlet}, {source.date}" if source.date else source.outlet
        title, who_when = None, ()
    summary = " ".join(source.summary.split()) if source.summary else None
    return SourceWords(source.kind, head, title, who_when, summary, source.url, quoted)


def place_title(graph: RuleGraph, use: CitationAt | ReferenceAt) -> str:
    """Where in the pack a source is used: 'step: Title', 'glossary: Term', 'compare: ...'."""
    if use.section == "nodes":
        node = graph.nodes.get(use.owner)
        return f"step: {node.title if node else use.owner}"
    if use.section == "glossary":
        term = graph.glossary.get(use.owner)
        return f"glossary: {term.term if term else use.owner}"
    if use.section == "routes":
        route = graph.routes.get(use.owner)
        return f"compare: {route.title if route else use.owner}"
    tour = graph.tours.get(use.owner)
    return f"tour: {tour.title if tour else use.owner}"


def md_inline(text: str) -> str:
    """Untrusted text as literal Markdown on one line: controls visible, syntax escaped."""
    return markdown_inline(text)


def md_block(text: str) -> list[str]:
    """Untrusted multi-line text, each line escaped (paragraph breaks kept)."""
    return [md_inline(line) if line.strip() else "" for line in plain(text).splitlines()]


def source_markdown(source: Source) -> str:
    """'Outlet, “Title”, Byline, Date (kind)'; a statute: 'Section, Title (statute)'."""
    words = source_words(source)
    parts = [md_inline(words.head)]
    if words.title:
        parts.append(f"“{md_inline(words.title)}”" if words.quoted else md_inline(words.title))
    parts += [md_inline(v) for v in words.who_when]
    return ", ".join(parts) + f" ({md_inline(words.kind)})"


PARAPHRASE = "in this project's words, not a quote"


def reference_line(source: Source) -> str:
    """A statute or later report beside the quotes, as plain words on one line.

    'Head, Title (kind): summary (in this project's words, not a quote)'. The one
    formatter for a reference: the Markdown documents and brief, the plain walk and the
    handout show exactly these words (each escaping them for its medium); the TUI styles
    the same :func:`source_words` parts.
    """
    words = source_words(source)
    parts = [words.head, *([words.title] if words.title else []), *words.who_when]
    line = ", ".join(parts) + f" ({words.kind})"
    if words.summary:
        line += f": {words.summary} ({PARAPHRASE})"
    return line


def reference_markdown(source: Source) -> str:
    """:func:`reference_line` as literal Markdown."""
    return md_inline(reference_line(source))


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
        return self._add(citation.source, citation.words, citation.note)

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
            lines.append(f"{ref.number}. {reference_markdown(ref.source)}")
            continue
        lines.append(f"{ref.number}. {source_markdown(ref.source)}")
        lines.append(f"   > “{md_inline(ref.quote)}”")
        if ref.note:
            lines.append(f"   ({md_inline(ref.note)})")
        if ref.source.url:
            lines.append(f"   {md_inline(ref.source.url)}")
    return lines
