"""Rule data as Textual ``Content``: built from plain strings, never parsed as markup.

Rule packs may come from anyone, so every string from a pack goes through
:func:`pathways.core.safe_text.plain` (control characters shown, not executed)
and into ``Content`` as literal text. What is shown of a source and of a status is
decided in :mod:`pathways.render.references` and :mod:`pathways.render.statuses`; this
module gives those words their Textual styles (the tables in ``widgets/`` use
:func:`status_style` for theirs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.theme import Theme

from pathways.core.safe_text import plain
from pathways.render.references import PARAPHRASE, source_words
from pathways.render.statuses import STATUS_COLOURS, status_label

if TYPE_CHECKING:  # the first screen must not pay for the rule model: no runtime import
    from pathways.core.model import AnyNode, Citation, RuleGraph, Source, Verdict
    from pathways.render.references import Reference
    from pathways.tui.hanging import HangingRows

KIND_STYLES: dict[str, str] = {
    "news report": "bold $text-primary on $primary-muted",
    "opinion": "bold $text-secondary on $secondary-muted",
    "reader comment": "bold $text-warning on $warning-muted",
    "official statement": "bold $text-accent on $accent-muted",
    "blog post": "bold $text-secondary on $secondary-muted",
    "statute": "bold $text-success on $success-muted",
    "later report": "bold $text-accent on $accent-muted",
}

# Colour is never the only signal: each status also has its word and a mark.
STATUS_STYLES: dict[str, str] = {
    status: f"bold $text-{role} on ${role}-muted" for status, role in STATUS_COLOURS.items()
}

NODE_KIND_WORDS: dict[str, str] = {
    "question": "Question",
    "info": "Information",
    "branch": "Branch (passed automatically)",
    "verdict": "Verdict",
    "end": "Summary",
}


def text(value: str) -> str:
    """Untrusted text, safe to show: control characters made visible."""
    return plain(value)


def reflow(value: str) -> str:
    """Untrusted prose with its hard line breaks joined (blank lines still part paragraphs)."""
    paragraphs = [" ".join(p.split()) for p in text(value).strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def depends_on(graph: RuleGraph, node: AnyNode) -> list[str] | None:
    """A branch given no title of its own: the questions it reads, by their titles.

    The loader names such a branch by the facts' ids ("Depends on: can-fund-travel"),
    which no reader should see. None for any other node.
    """
    from pathways.core.model import Branch  # the model is loaded once a node is shown

    if not isinstance(node, Branch):
        return None
    facts = node.facts_read()
    if node.title != "Depends on: " + (", ".join(facts) or "nothing"):
        return None  # a title the pack gave it
    asks = {n.id: n.title for n in graph.nodes.values() if n.kind == "question"}  # id = fact
    return [text(asks.get(fact, fact)) for fact in facts]


def node_title(graph: RuleGraph, node: AnyNode) -> str:
    """A node's title for a reader: a branch's facts named by their questions, not ids."""
    questions = depends_on(graph, node)
    if questions is None:
        return text(node.title)
    return "Depends on: " + ("; ".join(questions) or "nothing")


def kind_badge(kind: str) -> Content:
    return Content.styled(f" {kind.upper()} ", KIND_STYLES.get(kind, "bold reverse"))


def status_badge(status: str) -> Content:
    return Content.styled(f" {status_label(status)} ", STATUS_STYLES.get(status, "bold reverse"))


def status_style(theme: Theme, status: str | None) -> Style:
    """A status's colour in a Rich table (bold), or dim italic for a route not reached."""
    role = STATUS_COLOURS.get(status or "")
    colour = getattr(theme, role) if role else None
    return Style(bold=True, color=colour) if colour else Style(italic=True, dim=True)


def route_names(graph: RuleGraph, route_ids: Iterable[str]) -> str:
    names = [graph.routes[r].title if r in graph.routes else r for r in route_ids]
    return text(", ".join(names))


def node_kicker(graph: RuleGraph, node: AnyNode) -> Content:
    """The line above a node's title: its kind and its routes."""
    parts: list[Content | str | tuple[str, str]] = [
        (NODE_KIND_WORDS.get(node.kind, node.kind).upper(), "bold $text-accent")
    ]
    if node.routes:
        parts += ["  ·  ", (route_names(graph, node.routes), "$text-muted")]
    return Content.assemble(*parts)


def source_heading(source: Source) -> Content:
    """Badge and head (outlet, or a statute's section), then the title, byline and date."""
    words = source_words(source)
    lines: list[Content | str | tuple[str, str]] = [
        kind_badge(words.kind),
        " ",
        (text(words.head), "bold"),
    ]
    if words.title:
        lines += ["\n", (text(words.title), "italic" if words.quoted else "$text-muted")]
    if words.who_when:
        lines += ["\n", (" · ".join(text(v) for v in words.who_when), "$text-muted")]
    return Content.assemble(*lines)


def source_content(
    source: Source, quote: str | None = None, note: str | None = None
) -> Content:
    """A source as a block: its heading, a quote from it and who speaks, its summary, address."""
    words = source_words(source)
    parts: list[Content | str | tuple[str, str]] = [source_heading(source)]
    if quote is not None:
        parts += ["\n", ("“" + text(quote) + "”", "$text")]
    if note:
        parts += ["\n", (f"({text(note)})", "italic $text-muted")]
    if words.summary and not words.quoted:
        parts += ["\n", (text(words.summary), "italic")]
        parts += ["\n", (f"({PARAPHRASE})", "$text-muted")]
    if words.url:
        parts += ["\n", (text(words.url), "underline $text-muted")]
    return Content.assemble(*parts)


def citation_block(graph: RuleGraph, citation: Citation, number: int | None = None) -> Content:
    """One citation: source heading, the quote, who speaks, the address."""
    mark = Content.styled(f"[{number}] ", "bold") if number is not None else Content("")
    source = graph.sources.get(citation.source)
    if source is None:
        unknown = Content.styled(f"unknown source '{text(citation.source)}'", "$text-error")
        quote = Content("“" + text(citation.words) + "”")
        return Content.assemble(mark, unknown, "\n", quote)
    return Content.assemble(mark, source_content(source, citation.words, citation.note))


def reference_block(graph: RuleGraph, source_id: str) -> Content:
    """A statute or later report named beside the quotes (no quote: its summary)."""
    source = graph.sources.get(source_id)
    if source is None:
        return Content.styled(f"unknown reference '{text(source_id)}'", "$text-error")
    return source_content(source)


def node_sources(graph: RuleGraph, node: AnyNode) -> Content:
    """Every citation and reference of a node, separated by blank lines."""
    blocks = [citation_block(graph, c) for c in node.citations]
    blocks += [reference_block(graph, r) for r in node.references]
    if not blocks:
        return Content.styled("No source cited for this step.", "$text-error")
    return Content("\n\n").join(blocks)


def verdict_content(graph: RuleGraph, verdict: Verdict) -> Content:
    route = route_names(graph, verdict.routes[:1]) if verdict.routes else "(no route)"
    parts: list[Content | str | tuple[str, str]] = [
        ("Route: ", "bold"),
        route,
        "\n",
        ("Status: ", "bold"),
        status_badge(verdict.status),
        "\n",
        ("Why: ", "bold"),
        text(verdict.reason),
    ]
    if verdict.status_why:
        parts += ["\n", ("Why this status: ", "bold"), text(verdict.status_why)]
    if verdict.next_steps:
        parts += ["\n\n", ("Next steps", "bold")]
        for step in verdict.next_steps:
            parts += ["\n", "  • ", text(step)]
    return Content.assemble(*parts)


def numbered_references(
    refs: Sequence[Reference], number_width: int | None = None
) -> HangingRows:
    """Numbered references (Rich): '[1] KIND: outlet, date', then the quote, each wrapped
    line indented under its text, never back to the number's column.

    ``number_width``: the number column at least this wide (cells), so that references
    drawn apart line up as if drawn together.
    """
    from pathways.tui.hanging import HangingRows  # not on the first screen's way

    rows: list[tuple[Text, Text]] = []
    for ref in refs:
        number = Text(f"[{ref.number}]", style="bold")
        if ref.source is None:
            rows.append((number, Text(text(ref.source_id))))
            continue
        words = source_words(ref.source)
        lines = Text()
        lines.append(f"{words.kind.upper()}: ", style="bold")
        lines.append(text(words.short))
        if ref.quote is not None:
            lines.append(f"\n“{text(ref.quote)}”", style="italic")
        elif words.summary:
            lines.append(f"\n{text(words.summary)}", style="italic")
        rows.append((number, lines))
    return HangingRows(rows, label_width=number_width or 0, gap=1)
