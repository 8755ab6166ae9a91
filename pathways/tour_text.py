"""A tour as a Markdown handout, with its citations as numbered references."""

from __future__ import annotations

from pathways.model import Citation, RuleGraph, Tour
from pathways.tour_loop import loop_text
from pathways.walk_text import reference_text, source_line


def _blockquote(text: str) -> str:
    return "\n".join("> " + line for line in " ".join(text.split()).splitlines())


def tour_markdown(graph: RuleGraph, tour: Tour) -> str:
    references: list[Citation] = []

    def number(citation: Citation) -> int:
        if citation not in references:
            references.append(citation)
        return references.index(citation) + 1

    lines = [
        f"# {tour.title}",
        "",
        tour.summary,
        "",
        f"_{' '.join(graph.pack.notice.split())} Sources dated {graph.pack.sources_dated}._",
        "",
    ]
    loop: list[str] = []
    for index, step in enumerate(tour.steps, 1):
        lines += [f"## {index}. {step.heading}", "", f"**{step.door}**", ""]
        if step.narration:
            lines += [step.narration.strip(), ""]
        for citation in step.citations:
            lines += [_blockquote(f'"{citation.quote}" [{number(citation)}]'), ""]
        refs = [reference_text(graph, ref) for ref in step.references if ref in graph.sources]
        if refs:
            lines += ["Law named beside the quotes (not quoted):", "", *refs, ""]
        if step.loop:
            loop.append(step.loop)
            lines += ["Loop so far: " + " -> ".join(loop), ""]
    if loop:
        lines += ["## The loop", "", "```", loop_text(loop, len(loop), width=72), "```", ""]
    lines += ["## References", ""]
    for index, citation in enumerate(references, 1):
        source = graph.sources.get(citation.source)
        where = source_line(source) if source else citation.source
        if source is not None and source.url:
            where += f", <{source.url}>"
        lines.append(f"{index}. {where}: \"{' '.join(citation.quote.split())}\"")
    return "\n".join(lines) + "\n"
