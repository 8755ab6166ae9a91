"""One traversal of every citation and reference, and one vocabulary for sources and statuses."""

from __future__ import annotations

from typing import get_args

from pathways.core.model import (
    UNQUOTED_KINDS,
    AnyNode,
    CitationAt,
    CompareFact,
    Comparison,
    ReferenceAt,
    RuleGraph,
    Source,
    Status,
    Term,
    TourStep,
)
from pathways.core.safe_text import html_text
from pathways.core.walk import walk_through
from pathways.render import walk_text
from pathways.render.brief import brief_markdown, build_brief
from pathways.render.handout import tour_html, tour_markdown
from pathways.render.references import (
    place_title,
    reference_line,
    reference_markdown,
    source_markdown,
    source_words,
)
from pathways.render.route_docs import documents, sources_markdown
from pathways.render.statuses import STATUS_COLOURS, STATUS_MARKS, STATUS_WORDS, status_word
from pathways.render.walk_text import source_line


def _count_by_hand(graph: RuleGraph) -> tuple[int, int]:
    citations = references = 0
    parts: list[AnyNode | Term | CompareFact | TourStep] = [
        *graph.nodes.values(), *graph.glossary.values()
    ]
    parts += [
        fact for r in graph.routes.values() if r.compare for key in Comparison.model_fields
        if (fact := getattr(r.compare, key)) is not None
    ]
    parts += [step for t in graph.tours.values() for step in t.steps]
    for part in parts:
        citations += len(part.citations)
        references += len(part.references)
    return citations, references


def test_source_uses_cover_nodes_glossary_comparisons_and_tours(graph: RuleGraph) -> None:
    uses = list(graph.source_uses())
    assert {u.section for u in uses} == {"nodes", "glossary", "routes", "tours"}
    citations, references = _count_by_hand(graph)
    assert len(list(graph.citations())) == citations
    assert len(list(graph.references())) == references
    assert len(uses) == citations + references


def test_each_use_has_the_path_to_it_in_the_rule_file(graph: RuleGraph) -> None:
    for use in graph.source_uses():
        if use.section == "nodes":
            part: object = graph.nodes[use.owner]
        elif use.section == "glossary":
            part = graph.glossary[use.owner]
        elif use.section == "routes":
            part = graph.routes[use.owner]
        else:
            part = graph.tours[use.owner]
        for key in use.path:  # follow the path through the models, as the loader maps lines
            part = part[key] if isinstance(key, int) else getattr(part, key)  # type: ignore[index]
        if isinstance(use, CitationAt):
            assert part == use.citation
        else:
            assert isinstance(use, ReferenceAt)
            assert part == use.source


def test_every_source_used_in_a_tour_is_listed_as_cited_by_that_tour(graph: RuleGraph) -> None:
    doc = sources_markdown(graph)
    for use in graph.source_uses():
        if use.section == "tours":
            title = graph.sources[use.source].title
            section = doc.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]
            assert place_title(graph, use) in section


def test_statute_is_shown_by_its_section_and_later_report_by_outlet_and_date(
    graph: RuleGraph,
) -> None:
    statute = next(s for s in graph.sources.values() if s.kind == "statute")
    later = next(s for s in graph.sources.values() if s.kind == "later report")
    assert statute.section and statute.title.startswith(statute.section)
    assert source_words(statute).head == statute.title  # the section, with what it adds
    assert source_words(later).head == f"{later.outlet}, {later.date}"
    assert source_line(statute).startswith(f"{statute.section}, ")
    assert source_markdown(later).startswith(later.outlet.split(" (")[0])
    for source in (statute, later):
        assert not source_words(source).quoted
        assert source.kind in UNQUOTED_KINDS


def test_every_status_has_one_word_one_mark_and_one_colour() -> None:
    statuses = set(get_args(Status))
    assert set(STATUS_WORDS) == set(STATUS_MARKS) == set(STATUS_COLOURS) == statuses
    assert len(set(STATUS_MARKS.values())) == len(statuses)
    assert status_word("long-shot") == "Long shot"
    assert status_word(None) == "Not reached"


def test_a_statute_shows_its_section_once_and_its_paraphrase_wherever_it_is_named(
    graph: RuleGraph,
) -> None:
    """Review 14: docs printed 'INA § 208(a)(1), INA § 208(a)(1), 8 U.S.C. ...' and left out
    the one-line paraphrase. Every output names a reference with :func:`reference_line`."""
    statute = graph.sources["ina-208-a-1"]
    line = reference_line(statute)
    assert line == (
        "INA § 208(a)(1), 8 U.S.C. § 1158(a)(1) (statute): Any person physically present in "
        "the US or who arrives in the US, at a port of entry or not, may apply for asylum. "
        "(in this project's words, not a quote)"
    )
    for source in graph.sources.values():
        if source.kind == "statute" and source.section:
            assert reference_line(source).count(source.section) == 1, source.id
    bare = Source(id="s", kind="statute", outlet="Test Act", title="Section 1", section="§ 1")
    assert reference_line(bare) == "§ 1, Section 1 (statute)"  # a title that says more

    docs = documents(graph)
    for name in ("verdicts.md", "routes.md"):
        assert "INA § 208(a)(1), INA § 208(a)(1)" not in docs[name]
        assert reference_markdown(statute) in docs[name], name
    shown_in_walk = walk_text.reference_text(graph, "ina-208-a-1", width=1000)
    assert shown_in_walk == f"- {line}"
    assert html_text(line) in tour_html(graph, graph.tours["catch-22"])
    assert reference_markdown(statute) in tour_markdown(graph, graph.tours["catch-22"])
    brief = build_brief(walk_through(graph, {"location": "us-border"}))
    assert reference_markdown(statute) in brief_markdown(brief)
    assert "INA § 208(a)(1), INA § 208(a)(1)" not in brief_markdown(brief)
