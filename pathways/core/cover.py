"""What the first screen says about a rule pack: its cover, in plain values.

The welcome screen shows the pack's title, its notice, when its sources are from, its
routes and its first tour. Those are gathered here from a checked graph into a value
that needs no rule model to hold, copy or unpickle, so the app can
put the notice up as soon as the pack has been read and checked elsewhere (a child
process: :mod:`pathways.pack_process`), before the graph itself is in its memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph


class TourCover(NamedTuple):
    title: str
    summary: str


class PackCover(NamedTuple):
    """A pack's words for the first screen (rule-pack text: shown through safe_text)."""

    title: str
    notice: str
    sources_dated: str
    route_titles: tuple[str, ...]
    statutes: int  # sources of kind "statute"
    reporting: int  # every other source: reports, opinions, comments, later reports
    first_tour: TourCover | None

    @classmethod
    def of(cls, graph: RuleGraph) -> PackCover:
        statutes = sum(1 for s in graph.sources.values() if s.kind == "statute")
        tour = next(iter(graph.tours.values()), None)
        return cls(
            title=graph.pack.title,
            notice=graph.pack.notice,
            sources_dated=graph.pack.sources_dated,
            route_titles=tuple(route.title for route in graph.routes.values()),
            statutes=statutes,
            reporting=len(graph.sources) - statutes,
            first_tour=TourCover(tour.title, tour.summary) if tour is not None else None,
        )
