"""A walk -> a short brief with numbered citations, as Markdown and as JSON.

The brief is what an advocate takes away: the answers given, the verdict for
each route with its reason and next steps, every citation as a numbered
reference, the pack's notice and the sources' dates. It is built from the walk
alone, so it holds nothing that was not shown on screen.

Rule text is untrusted: nothing is dropped, but control characters are shown
as visible escapes and Markdown syntax in rule text is escaped, so a title
such as ``[link=...]`` or ``<script>`` reads literally wherever the brief is
opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pathways.core.model import End, Question, Source, Verdict
from pathways.core.safe_text import json_text
from pathways.core.walk import Walk, not_used_sentence, unused_answers
from pathways.render.references import (
    Numbering,
    Reference,
    md_block,
    md_inline,
    md_refs,
    references_markdown,
    source_markdown,
)
from pathways.render.statuses import status_word

SCHEMA_VERSION = 2  # 2: each question once, no "from_earlier_answer"; "status_why"


@dataclass(frozen=True)
class Answer:
    """One question and the choice recorded for it."""

    question_id: str
    question: str
    choice_id: str
    choice: str


@dataclass(frozen=True)
class NotUsed(Answer):
    """An answer given whose question the walk did not ask, and why it did not count."""

    why: str


@dataclass(frozen=True)
class RouteVerdict:
    """The verdict for one route, or ``status is None`` when the walk has not reached it."""

    route_id: str
    route: str
    status: str | None
    reason: str | None
    next_steps: tuple[str, ...]
    node_id: str | None
    references: tuple[int, ...]
    status_why: str | None = None  # the words that set the status, quoted

    @property
    def status_word(self) -> str:
        return status_word(self.status)


@dataclass(frozen=True)
class Brief:
    title: str
    notice: str
    sources_dated: str
    finished: bool
    answers: tuple[Answer, ...]
    verdicts: tuple[RouteVerdict, ...]
    references: tuple[Reference, ...]
    unused: tuple[NotUsed, ...] = ()  # answers given that the walk did not ask

    @property
    def sources(self) -> list[Source]:
        """Every source cited, once, in order of first citation."""
        seen: dict[str, Source] = {}
        for ref in self.references:
            if ref.source is not None and ref.source_id not in seen:
                seen[ref.source_id] = ref.source
        return list(seen.values())


def build_brief(walk: Walk) -> Brief:
    """The brief for a walk, finished or not (unreached routes say so)."""
    graph = walk.graph
    answers: list[Answer] = []
    asked: set[str] = set()  # facts (or question ids) already listed: each question once
    for step in walk.path:
        node = graph.nodes[step.node]
        if not isinstance(node, Question) or step.choice is None or step.known:
            continue  # a question passed with a fact already answered is not asked again
        key = node.fact or node.id
        choice = node.choice(step.choice)
        if choice is not None and key not in asked:
            asked.add(key)
            answers.append(Answer(node.id, node.title, choice.id, choice.label))
    numbering = Numbering(graph)
    reached = walk.verdict_by_route()
    verdicts: list[RouteVerdict] = []
    for route in graph.routes.values():
        verdict: Verdict | None = reached.get(route.id)
        if verdict is None:
            verdicts.append(RouteVerdict(route.id, route.title, None, None, (), None, ()))
            continue
        numbers = [numbering.cite(c) for c in verdict.citations]
        numbers += [numbering.refer(r) for r in verdict.references]
        verdicts.append(
            RouteVerdict(
                route.id,
                route.title,
                verdict.status,
                verdict.reason,
                verdict.next_steps,
                verdict.id,
                tuple(dict.fromkeys(numbers)),
                verdict.status_why,
            )
        )
    if isinstance(walk.node, End):
        for citation in walk.node.citations:
            numbering.cite(citation)
    return Brief(
        title=graph.pack.title,
        notice=graph.pack.notice.strip(),
        sources_dated=graph.pack.sources_dated,
        finished=walk.finished,
        answers=tuple(answers),
        verdicts=tuple(verdicts),
        references=tuple(numbering.refs),
        unused=tuple(
            NotUsed(u.question.id, u.question.title, u.choice.id, u.choice.label, u.why)
            for u in unused_answers(walk)
        ),
    )


# -- Markdown ---------------------------------------------------------------------------

def brief_markdown(brief: Brief) -> str:
    lines = [f"# Brief: {md_inline(brief.title)}", ""]
    lines += [f"> {line}" if line else ">" for line in md_block(brief.notice)]
    lines += ["", f"Sources dated: {md_inline(brief.sources_dated)}."]
    if not brief.finished:
        lines += ["", "*This walk was not finished: some routes were not reached.*"]
    lines += ["", "## Answers", ""]
    if brief.answers:
        for answer in brief.answers:
            question = md_inline(answer.question)
            if not question.rstrip().endswith(("?", ":")):
                question += ":"
            lines.append(f"- {question} **{md_inline(answer.choice)}**")
    else:
        lines.append("No questions answered yet.")
    for u in brief.unused:  # a paragraph each: not read as one of the answers above
        lines += ["", not_used_sentence(md_inline(u.question), md_inline(u.question_id),
                                        md_inline(u.choice_id), md_inline(u.why))]
    lines += ["", "## Verdicts", ""]
    lines += ["| Route | Status | Why | Sources |", "|---|---|---|---|"]
    for v in brief.verdicts:
        why = md_inline(v.reason) if v.reason else "Not reached in this walk."
        if v.status_why:
            why += f" *Why this status:* {md_inline(v.status_why)}"
        marks = md_refs(v.references)
        lines.append(f"| {md_inline(v.route)} | {v.status_word} | {why} | {marks} |")
    steps = [v for v in brief.verdicts if v.next_steps]
    if steps:
        lines += ["", "## Next steps", ""]
        for v in steps:
            lines.append(f"**{md_inline(v.route)}**")
            lines.append("")
            lines += [f"- {md_inline(step)}" for step in v.next_steps]
            lines.append("")
        lines.pop()
    lines += ["", "## References", ""]
    if not brief.references:
        lines.append("None yet: no verdict has been reached.")
    lines += references_markdown(brief.references)
    cited = brief.sources
    if cited:
        lines += ["", "## Sources and their dates", ""]
        lines += [f"- {source_markdown(s)}" for s in cited]
    lines += [
        "",
        "---",
        "",
        "*An explainer of what was reported, not legal advice. "
        "Law and policy have changed since the sources were published.*",
    ]
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------



def brief_json(brief: Brief) -> dict[str, Any]:
    def source(s: Source | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {
            "kind": s.kind,
            "outlet": s.outlet,
            "title": s.title,
            "byline": s.byline,
            "date": s.date,
            "url": s.url,
            "section": s.section,
            "summary": s.summary,
        }

    return {
        "schema": f"asylum-pathways brief v{SCHEMA_VERSION}",
        "title": brief.title,
        "notice": brief.notice,
        "sources_dated": brief.sources_dated,
        "finished": brief.finished,
        "answers": [
            {
                "question": a.question_id,
                "question_text": a.question,
                "choice": a.choice_id,
                "choice_text": a.choice,
            }
            for a in brief.answers
        ],
        "unused_answers": [
            {
                "question": u.question_id,
                "question_text": u.question,
                "choice": u.choice_id,
                "choice_text": u.choice,
                "why": u.why,
            }
            for u in brief.unused
        ],
        "verdicts": [
            {
                "route": v.route_id,
                "route_title": v.route,
                "status": v.status,
                "status_word": v.status_word,
                "reason": v.reason,
                "status_why": v.status_why,
                "next_steps": list(v.next_steps),
                "node": v.node_id,
                "references": list(v.references),
            }
            for v in brief.verdicts
        ],
        "references": [
            {
                "number": r.number,
                "source": r.source_id,
                "quote": r.quote,
                "note": r.note,
                "source_details": source(r.source),
            }
            for r in brief.references
        ],
    }


def brief_json_text(brief: Brief) -> str:
    """JSON text with every control character escaped (C0 by json, C1 and separators here)."""
    return json_text(brief_json(brief)) + "\n"
