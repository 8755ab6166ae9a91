"""Which tour step explains a verdict: the "why" link from a closed door to the tour.

A tour step explains a verdict that is not open when both rest on the same law
(a reference) or use the same glossary term. Worked out from the pack, so a
rule author links nothing by hand and no node id is named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.core.model import Info, RuleGraph, Tour, Verdict
from pathways.core.walk import Walk

NO_WHY = frozenset({"open", "not-applicable"})  # statuses with no closed door to explain


@dataclass(frozen=True)
class TourLink:
    tour: Tour
    step: int  # index into tour.steps


def tour_nodes(graph: RuleGraph) -> frozenset[str]:
    """Ids of every node some tour presents (they belong to the tour, not a case walk)."""
    return frozenset(step.node for tour in graph.tours.values() for step in tour.steps)


def background(graph: RuleGraph, walk: Walk) -> list[Info]:
    """The info steps a case walk passed, oldest first (tour steps belong to the tour).

    A ``questions_first`` walk goes past them to ask its questions; every front offers
    them on demand (the app's ``i``, the plain walk's ``i`` + Enter).
    """
    in_tours = tour_nodes(graph)
    seen: list[Info] = []
    for step in walk.path:
        node = graph.nodes[step.node]
        if isinstance(node, Info) and node.id not in in_tours and node not in seen:
            seen.append(node)
    return seen


def explaining_step(graph: RuleGraph, verdict: Verdict) -> TourLink | None:
    """The first tour step that explains ``verdict``, or None (None when the door is not closed)."""
    if verdict.status in NO_WHY:
        return None
    shared_refs = set(verdict.references)
    shared_terms = set(verdict.terms)
    for tour in graph.tours.values():
        for index, step in enumerate(tour.steps):
            node = graph.nodes.get(step.node)
            refs = set(step.references) | set(node.references if node else ())
            terms = set(node.terms) if node else set()
            if refs & shared_refs or terms & shared_terms:
                return TourLink(tour, index)
    return None
