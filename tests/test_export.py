"""The graph JSON is a contract: complete enough to re-walk the graph without the engine."""

from __future__ import annotations

import itertools
from typing import Any

from pathways.core.model import Question, RuleGraph
from pathways.core.walk import walk_through
from pathways.render.graph_formats import graph_to_dot, graph_to_json, graph_to_mermaid
from tests.conftest import shipped_graph


def _shipped() -> RuleGraph:
    return shipped_graph()


def _walk_json(data: dict[str, Any], answers: dict[str, str]) -> list[tuple[str, str]]:
    """A walker of its own, reading only the JSON, as docs/graph-json.md describes."""
    nodes = {n["id"]: n for n in data["nodes"]}
    facts: dict[str, str] = {}
    verdicts: list[tuple[str, str]] = []
    node = nodes[data["start"]]
    for _ in range(len(nodes) + 1):
        kind = node["kind"]
        if kind == "end":
            return verdicts
        if kind == "branch":
            nxt = node["default"]
            for case in node["cases"]:
                matched = True
                for fact, wanted in case["when"].items():
                    if fact not in facts:  # asked now: the question whose id is the fact
                        assert nodes[fact]["kind"] == "question"
                        facts[fact] = answers[fact]
                    if facts[fact] not in ([wanted] if isinstance(wanted, str) else wanted):
                        matched = False
                        break
                if matched:
                    nxt = case["next"]
                    break
        else:
            if kind == "verdict":
                verdicts.append((node["routes"][0], node["status"]))
            nxt = node["next"]
        node = nodes[nxt]
    raise AssertionError("the JSON walk did not end")


def test_json_walk_reaches_the_same_verdicts_as_the_engine_for_every_answer_set() -> None:
    graph = _shipped()
    data = graph_to_json(graph)
    questions = [n for n in graph.nodes.values() if isinstance(n, Question)]
    keys = {q.fact: [c.id for c in q.choices] for q in questions}
    combos = list(itertools.product(*keys.values()))
    step = max(1, len(combos) // 300)  # at most ~300 answer sets, spread over all of them
    for combo in combos[::step]:
        answers = dict(zip(keys, combo, strict=True))
        walk = walk_through(graph, answers)
        engine = [(v.routes[0], v.status) for v in walk.verdicts]
        assert _walk_json(data, answers) == engine


def test_json_carries_the_contract_fields() -> None:
    data = graph_to_json(_shipped())
    assert data["schema_version"] == 2
    assert {r["id"] for r in data["routes"]} == {
        "b2", "refugee", "parole", "in-country", "third-country",
    }
    for source in data["sources"]:
        assert {"id", "outlet", "title", "byline", "date", "url", "kind", "file"} <= set(source)
    for node in data["nodes"]:
        assert {"id", "kind", "title", "text", "routes", "citations"} <= set(node)
        assert node["citations"] or node["kind"] == "branch", node["id"]


def test_mermaid_and_dot_name_every_node_and_edge() -> None:
    graph = _shipped()
    mermaid = graph_to_mermaid(graph)
    dot = graph_to_dot(graph)
    assert mermaid.startswith("flowchart TD")
    assert dot.startswith("digraph pathways {") and dot.rstrip().endswith("}")
    for node_id in graph.nodes:
        assert "n_" + node_id.replace("-", "_") in mermaid
        assert f'"{node_id}"' in dot
