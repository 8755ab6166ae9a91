"""A tour as a handout, with its citations as numbered references: Markdown or HTML.

The HTML handout is one self-contained, printable file: inline CSS, the loop as inline
SVG, nothing loaded from outside (its Content-Security-Policy forbids it), every rule
string escaped by :func:`pathways.core.safe_text.html_text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from pathways.core.model import RuleGraph, Tour
from pathways.core.safe_text import html_text
from pathways.render.loop_diagram import closing_words, loop_svg, loop_text
from pathways.render.references import (
    Numbering,
    Reference,
    md_block,
    md_inline,
    md_refs,
    reference_line,
    references_markdown,
)


def tour_markdown(graph: RuleGraph, tour: Tour) -> str:
    numbering = Numbering(graph)
    notice = md_inline(graph.pack.notice)
    labels = tour.loop_labels()
    returns_to = tour.loop_return_index()
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
        lines += [f"## {index}. {md_inline(step.heading)}", ""]
        if step.ask:
            lines += [f"*Ask the room: {md_inline(step.ask)}*", ""]
        lines += [f"**{md_inline(step.door)}**", ""]
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
            so_far = " → ".join(md_inline(label) for label in loop)
            if len(loop) == len(labels):
                so_far += " → " + md_inline(closing_words(labels, returns_to))
            lines += ["Loop so far: " + so_far, ""]
    if loop:
        diagram = loop_text(loop, len(loop), width=72, returns_to=returns_to)
        lines += ["## The loop", "", "```", diagram, "```", ""]
    lines += ["## References", "", *references_markdown(numbering.refs)]
    return "\n".join(lines) + "\n"


_CSS = """
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 11.5pt; line-height: 1.4;
       color: #111; background: #fff; }
body { margin: 0 auto; max-width: 46em; padding: 1em; overflow-wrap: anywhere; }
h1 { font-size: 1.9em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; margin: 1.2em 0 .3em; break-after: avoid; }
.notice { border: 2px solid #b00020; padding: .5em .8em; font-weight: bold; }
.step { border-top: 1px solid #999; }
blockquote, .door, .ask { break-inside: avoid; }
.door { font-weight: bold; font-size: 1.1em; border-left: 5px solid #b00020;
        padding-left: .6em; }
.ask { font-style: italic; }
blockquote { margin: .5em 0 .5em 1.2em; padding-left: .8em; border-left: 3px solid #666; }
.ref-mark { font-size: .85em; text-decoration: none; color: #111; }
.so-far { color: #444; font-size: .95em; }
figure { margin: 1em 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; font-family: "DejaVu Sans", sans-serif; }
figcaption { font-weight: bold; color: #b00020; }
.refs li { margin-bottom: .5em; break-inside: avoid; }
.refs q { display: block; }
.url { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }
@media print { body { max-width: none; padding: 0; } a { color: #111; } }
"""

# Nothing may be fetched: no script, no font, no image, no frame, no form target.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"


def tour_html(graph: RuleGraph, tour: Tour) -> str:
    """The tour as one self-contained HTML page, ready to print on A4."""
    numbering = Numbering(graph)
    labels = tour.loop_labels()
    returns_to = tour.loop_return_index()
    notice = (
        f'<p class="notice">{html_text(graph.pack.notice)} '
        f"Sources dated {html_text(graph.pack.sources_dated)}.</p>"
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html_text(tour.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html_text(tour.title)}</h1>",
        f"<p>{html_text(tour.summary)}</p>",
        notice,
    ]
    if labels:
        out += [
            '<figure id="loop">',
            loop_svg(labels, returns_to),
            f"<figcaption>{html_text(closing_words(labels, returns_to))}</figcaption>",
            "</figure>",
        ]
    loop: list[str] = []
    for index, step in enumerate(tour.steps, 1):
        out.append(f'<section class="step" id="step-{index}">')
        out.append(f"<h2>{index}. {html_text(step.heading)}</h2>")
        if step.ask:
            out.append(f'<p class="ask">Ask the room: {html_text(step.ask)}</p>')
        out.append(f'<p class="door">{html_text(step.door)}</p>')
        if step.narration:
            for paragraph in step.narration.strip().split("\n\n"):
                out.append(f"<p>{html_text(' '.join(paragraph.split()))}</p>")
        for citation in step.citations:
            number = numbering.cite(citation)
            out.append(f"<blockquote>“{html_text(citation.words)}” {_mark(number)}</blockquote>")
        refs = [numbering.refer(ref) for ref in step.references if ref in graph.sources]
        if refs:
            marks = " ".join(_mark(n) for n in refs)
            out.append(f"<p>Law named beside the quotes (not quoted): {marks}</p>")
        if step.loop:
            loop.append(step.loop)
            so_far = " → ".join(html_text(label) for label in loop)
            if len(loop) == len(labels):
                so_far += " → " + html_text(closing_words(labels, returns_to))
            out.append(f'<p class="so-far">Loop so far: {so_far}</p>')
        out.append("</section>")
    out += ['<section class="refs"><h2>References</h2>', *_references_html(numbering.refs)]
    out += ["</section>", notice, "</body></html>"]
    return "\n".join(out) + "\n"


def _mark(number: int) -> str:
    return f'<a class="ref-mark" href="#ref-{number}">[{number}]</a>'


def _references_html(refs: Sequence[Reference]) -> list[str]:
    lines = ["<ol>"]
    for ref in refs:
        body: list[str] = []
        source = ref.source
        if source is None:
            body.append(html_text(ref.source_id))
        elif ref.quote is None:  # a statute or later report: named, never quoted
            body.append(html_text(reference_line(source)))
        else:
            parts = [html_text(source.outlet), f"“{html_text(source.title)}”"]
            parts += [html_text(v) for v in (source.byline, source.date) if v]
            body.append(", ".join(parts) + f" ({html_text(source.kind)})")
            body.append(f"<q>{html_text(ref.quote)}</q>")
            if ref.note:
                body.append(f"({html_text(ref.note)})")
        if source is not None and source.url:
            body.append(f'<span class="url">{html_text(source.url)}</span>')
        lines.append(f'<li id="ref-{ref.number}">' + " ".join(body) + "</li>")
    lines.append("</ol>")
    return lines
