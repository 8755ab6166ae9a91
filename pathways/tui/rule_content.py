"""Rule data as Textual ``Content``: built from plain strings, never parsed as markup.

Rule packs may come from anyone, so every string from a pack goes through
:func:`pathways.core.safe_text.plain` (control characters shown, not executed)
and into ``Content`` as literal text. Styles come only from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content

from pathways.core.safe_text import plain

if TYPE_CHECKING:  # the first screen must not pay for pydantic: no runtime import of model
    from pathways.core.model import AnyNode, Citation, RuleGraph, Source, Verdict

# The same words as pathways.core.model.STATUS_WORDS (a test keeps them in step).
STATUS_WORDS: dict[str, str] = {"open": "Open", "blocked": "Blocked", "long-shot": "Long shot"}

KIND_STYLES: dict[str, str] = {
    "news report": "bold $text-primary on $primary-muted",
    "opinion": "bold $text-secondary on $secondary-muted",
    "reader comment": "bold $text-warning on $warning-muted",
    "official statement": "bold $text-accent on $accent-muted",
    "blog post": "bold $text-secondary on $secondary-muted",
    "statute": "bold $text-success on $success-muted",
    "later report": "bold $text-accent on $accent-muted",
}

STATUS_STYLES: dict[str, str] = {
    "open": "bold $text-success on $success-muted",
    "blocked": "bold $text-error on $error-muted",
    "long-shot": "bold $text-warning on $warning-muted",
}

# Colour is never the only signal: each status also has its word and a mark.
STATUS_MARKS: dict[str, str] = {"open": "✔", "blocked": "✘", "long-shot": "◐"}

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


def kind_badge(kind: str) -> Content:
    return Content.styled(f" {kind.upper()} ", KIND_STYLES.get(kind, "bold reverse"))


def status_badge(status: str) -> Content:
    word = STATUS_WORDS.get(status, status)
    mark = STATUS_MARKS.get(status, "•")
    return Content.styled(f" {mark} {word.upper()} ", STATUS_STYLES.get(status, "bold reverse"))


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
    """Badge, outlet and title, then byline and date."""
    lines: list[Content | str | tuple[str, str]] = [
        kind_badge(source.kind),
        " ",
        (text(source.outlet), "bold"),
        "\n",
        (text(source.title), "italic"),
    ]
    who_when = [text(v) for v in (source.byline, source.date) if v]
    if who_when:
        lines += ["\n", (" · ".join(who_when), "$text-muted")]
    return Content.assemble(*lines)


def citation_block(graph: RuleGraph, citation: Citation, number: int | None = None) -> Content:
    """One citation: source heading, the quote, who speaks, the address."""
    parts: list[Content | str | tuple[str, str]] = []
    if number is not None:
        parts.append((f"[{number}] ", "bold"))
    source = graph.sources.get(citation.source)
    if source is None:
        parts.append((f"unknown source '{text(citation.source)}'", "$text-error"))
    else:
        parts.append(source_heading(source))
    parts += ["\n", ("“" + text(citation.quote) + "”", "$text")]
    if citation.note:
        parts += ["\n", (f"({text(citation.note)})", "italic $text-muted")]
    if source is not None and source.url:
        parts += ["\n", (text(source.url), "underline $text-muted")]
    return Content.assemble(*parts)


def reference_block(graph: RuleGraph, source_id: str) -> Content:
    """A statute or later report named beside the quotes (no quote: its summary)."""
    source = graph.sources.get(source_id)
    if source is None:
        return Content.styled(f"unknown reference '{text(source_id)}'", "$text-error")
    parts: list[Content | str | tuple[str, str]] = [
        kind_badge(source.kind),
        " ",
        (text(source.section or source.title), "bold"),
    ]
    if source.section and source.title != source.section:
        parts += ["\n", (text(source.title), "$text-muted")]
    if source.summary:
        parts += ["\n", (text(source.summary), "italic")]
        parts += ["\n", ("(in this project's words, not a quote)", "$text-muted")]
    if source.url:
        parts += ["\n", (text(source.url), "underline $text-muted")]
    return Content.assemble(*parts)


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
    if verdict.next_steps:
        parts += ["\n\n", ("Next steps", "bold")]
        for step in verdict.next_steps:
            parts += ["\n", "  • ", text(step)]
    return Content.assemble(*parts)
