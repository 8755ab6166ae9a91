"""A walk as JSON, for scripts: the path taken, the facts, the verdicts, what is asked next.

Apart from :mod:`pathways.render.walk_text`, so ``pathways walk --json`` loads no
Markdown-to-text code.
"""

from __future__ import annotations

from typing import Any

from pathways.core.model import End, Question
from pathways.core.walk import Walk, unused_answers


def question_json(question: Question) -> dict[str, Any]:
    """A question and its choices, for a script to ask the person (or fill in an answer)."""
    return {
        "id": question.id,
        "fact": question.fact,
        "title": question.title,
        "choices": [{"id": c.id, "label": c.label} for c in question.choices],
    }


def walk_json(walk: Walk) -> dict[str, Any]:
    return {
        "path": [{"node": s.node, "choice": s.choice} for s in walk.path]
        + [{"node": walk.position, "choice": None}],
        "facts": dict(walk.facts),
        "unused_answers": [
            {"fact": u.question.fact, "title": u.question.title, "choice": u.choice.id,
             "label": u.choice.label, "why": u.why}
            for u in unused_answers(walk)
        ],
        "verdicts": [
            {
                "route": v.routes[0] if v.routes else None,
                "node": v.id,
                "status": v.status,
                "reason": v.reason,
                "status_why": v.status_why,
                "next_steps": list(v.next_steps),
            }
            for v in walk.verdicts
        ],
        "end": walk.position if isinstance(walk.node, End) else None,
        "next_question": question_json(walk.node) if isinstance(walk.node, Question) else None,
        "notice": walk.graph.pack.notice,
    }
