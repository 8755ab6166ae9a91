"""A walk as plain text (for the terminal, screen readers and scripts) and as JSON."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from pathways.core.model import (
    AnyNode,
    Citation,
    End,
    Question,
    RuleGraph,
    Source,
    Verdict,
)
from pathways.core.safe_text import plain
from pathways.core.walk import Walk
from pathways.render.references import source_words
from pathways.render.statuses import status_word

WIDTH = 78
_STARTS_ITEM = re.compile(r"^\s*([-*+] |\d+[.)] |#|>|\|)")


def reflow(text: str, width: int = WIDTH) -> str:
    """Re-wrap Markdown paragraphs to ``width``; list items and headings keep their lines."""
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        items: list[str] = []  # a paragraph, or list items with their continuation lines
        for line in block.splitlines():
            if not items or _STARTS_ITEM.match(line):
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        out.append(
            "\n".join(
                textwrap.fill(item, width, subsequent_indent="    ")
                if _STARTS_ITEM.match(item)
                else textwrap.fill(item, width)
                for item in items
            )
        )
    return "\n\n".join(out)


def source_line(source: Source) -> str:
    """'Outlet, "Title", Byline, Date [kind]' for one source; a statute: 'Section, Title'."""
    words = source_words(source)
    parts = [words.head]
    if words.title:
        parts.append(f'"{words.title}"' if words.quoted else words.title)
    parts += words.who_when
    return ", ".join(parts) + f" [{words.kind}]"


def citation_text(graph: RuleGraph, citation: Citation, number: int | None = None) -> str:
    source = graph.sources.get(citation.source)
    mark = f"[{number}] " if number is not None else "- "
    quote = textwrap.fill(
        f'"{citation.quote}"', WIDTH, initial_indent="    ", subsequent_indent="    "
    )
    if source is None:
        return f"{mark}{citation.source}\n{quote}"
    lines = [textwrap.fill(f"{mark}{source_line(source)}", WIDTH, subsequent_indent="    "), quote]
    if citation.note:
        lines.append(f"    ({citation.note})")
    if source.url:
        lines.append(f"    {source.url}")
    return "\n".join(lines)


def reference_text(graph: RuleGraph, ref: str) -> str:
    """A statute or later report, which is shown, never quoted."""
    words = source_words(graph.sources[ref])
    text = f"- {words.head} [{words.kind}]"
    if words.summary:
        text += f": {words.summary}"
    return textwrap.fill(text, WIDTH, subsequent_indent="    ")


def node_text(graph: RuleGraph, node: AnyNode) -> str:
    """One node as the plain-text walk shows it: title, text, verdict details, sources."""
    lines = [f"== {node.title} =="]
    if isinstance(node, Verdict):
        route = graph.routes.get(node.routes[0]) if node.routes else None
        name = route.title if route else "?"
        lines.append(f"Verdict for {name}: {status_word(node.status).upper()}")
        lines.append(f"Why: {node.reason}")
        if node.status_why:
            lines.append(f"Why this status: {node.status_why}")
    lines.append("")
    lines.append(reflow(node.text))
    if isinstance(node, Verdict) and node.next_steps:
        lines.append("")
        lines.append("Next steps:")
        lines += [f"  - {step}" for step in node.next_steps]
    if node.help:
        lines += ["", reflow("Help: " + node.help.strip())]
    if node.terms:
        lines += ["", "Terms:"]
        for term_id in node.terms:
            term = graph.glossary.get(term_id)
            if term is not None:
                lines.append(
                    textwrap.fill(
                        f"{term.term}: {' '.join(term.definition.split())}",
                        WIDTH,
                        initial_indent="  ",
                        subsequent_indent="    ",
                    )
                )
    lines += ["", "Sources:"]
    lines += [citation_text(graph, c) for c in node.citations]
    lines += [reference_text(graph, ref) for ref in node.references if ref in graph.sources]
    return plain("\n".join(lines))


def summary_text(walk: Walk) -> str:
    graph = walk.graph
    reached = walk.verdict_by_route()
    lines = ["== Verdicts ==", ""]
    for route in graph.routes.values():
        verdict = reached.get(route.id)
        if verdict is None:
            lines.append(f"{route.title}: not reached")
        else:
            lines.append(f"{route.title}: {status_word(verdict.status).upper()}")
            lines.append(f"    {verdict.reason}")
            if verdict.status_why:
                lines.append(f"    Why this status: {verdict.status_why}")
    return plain("\n".join(lines))


def walk_text(walk: Walk) -> str:
    """Every node the walk stopped at (not the branches), with the answers given."""
    graph = walk.graph
    blocks = [plain(graph.pack.notice.strip())]
    for step in walk.path:
        node = graph.nodes[step.node]
        if node.kind == "branch":
            continue
        block = node_text(graph, node)
        choice = node.choice(step.choice) if isinstance(node, Question) and step.choice else None
        if choice is not None:
            how = "already answered" if step.known else "answer"
            block += plain(f"\n\n> {how}: {choice.label} ({choice.id})")
        blocks.append(block)
    if isinstance(walk.node, End):
        blocks.append(node_text(graph, walk.node))
        blocks.append(summary_text(walk))
    return "\n\n".join(blocks) + "\n"


def walk_json(walk: Walk) -> dict[str, Any]:
    return {
        "path": [{"node": s.node, "choice": s.choice} for s in walk.path]
        + [{"node": walk.position, "choice": None}],
        "facts": dict(walk.facts),
        "verdicts": [
            {
                "route": v.routes[0] if v.routes else None,
                "node": v.id,
                "status": v.status,
                "reason": v.reason,
                "status_why": v.status_why,
            }
            for v in walk.verdicts
        ],
        "end": walk.position if isinstance(walk.node, End) else None,
        "notice": walk.graph.pack.notice,
    }
