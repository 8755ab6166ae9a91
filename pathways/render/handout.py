"""A tour as a Markdown handout, with its citations as numbered references."""

from __future__ import annotations

from pathways.core.model import RuleGraph, Tour
from pathways.render.loop_diagram import loop_text
from pathways.render.references import Numbering, md_block, md_inline, md_refs, references_markdown


def tour_markdown(graph: RuleGraph, tour: Tour) -> str:
    numbering = Numbering(graph)
    notice = md_inline(graph.pack.notice)
    lines = [
        f"# {md_inline(tour.title)}",
        "",
        md_inline(tour.summary),
        "",
        f"*{notice} Sources dated {md_inline(graph.pack.sources_dated)}.*",
        "",
    ]
    loop: list[str] = []
    for index, step in enumerate(tour.steps, 1):
        lines += [f"## {index}. {md_inline(step.heading)}", "", f"**{md_inline(step.door)}**", ""]
        if step.narration:
            lines += [*md_block(step.narration.strip()), ""]
        for citation in step.citations:
            mark = md_refs([numbering.cite(citation)])
            lines += [f"> “{md_inline(citation.words)}” {mark}", ""]
        refs = [numbering.refer(ref) for ref in step.references if ref in graph.sources]
        if refs:
            lines += [f"Law named beside the quotes (not quoted): {md_refs(refs)}", ""]
        if step.loop:
            loop.append(step.loop)
            lines += ["Loop so far: " + " → ".join(md_inline(label) for label in loop), ""]
    if loop:
        lines += ["## The loop", "", "```", loop_text(loop, len(loop), width=72), "```", ""]
    lines += ["## References", "", *references_markdown(numbering.refs)]
    return "\n".join(lines) + "\n"
