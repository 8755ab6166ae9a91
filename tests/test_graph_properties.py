"""Properties over generated rule graphs (hypothesis).

Every valid generated graph is clean and walks to an end on every path; every mutation
that breaks one of the graph's invariants is reported with the right problem code.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import End, Question
from pathways.core.walk import Walk

CITE = [{"source": "s", "quote": "a quote"}]


class _Dumper(yaml.SafeDumper):
    """Writes shared objects out in full: rule files refuse anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
MAX_STATES = 3000


def _pack(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "pack": {
            "title": "Generated",
            "start": nodes[0]["id"],
            "notice": "Generated for a test. Not legal advice.",
            "sources_dated": "2017",
        },
        "routes": [{"id": "r", "title": "Route", "summary": "One route.", "entry": nodes[0]["id"]}],
        "sources": [{"id": "s", "kind": "news report", "outlet": "O", "title": "T"}],
        "nodes": nodes,
    }


@st.composite
def graphs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A valid graph: node i always leads on to i + 1 (so all are reachable and every walk
    ends at the last node, an end); other edges only jump forward (so there is no cycle);
    branches read the fact of the first question, which every walk asks first."""
    size = draw(st.integers(min_value=4, max_value=11))
    ids = [f"n{i}" for i in range(size)]
    values = ["a", "b", "c"][: draw(st.integers(min_value=2, max_value=3))]

    def ahead(i: int) -> str:
        return ids[draw(st.integers(min_value=i + 1, max_value=size - 1))]

    nodes: list[dict[str, Any]] = [
        {
            "id": ids[0],
            "kind": "question",
            "title": "First",
            "text": "Q.",
            "citations": CITE,
            "fact": "f0",
            "choices": [
                {"id": v, "label": v, "next": ids[1] if k == 0 else ahead(0)}
                for k, v in enumerate(values)
            ],
        }
    ]
    for i in range(1, size - 1):
        kind = (
            "verdict"
            if i == size - 2
            else draw(st.sampled_from(["question", "info", "branch", "verdict"]))
        )
        node: dict[str, Any] = {
            "id": ids[i],
            "kind": kind,
            "title": f"Node {i}",
            "text": "T.",
            "citations": CITE,
        }
        if kind == "question":
            own = draw(st.booleans())
            node["fact"] = f"f{i}" if own else "f0"  # f0 again: answered from the first
            choice_ids = ["x", "y"] if own else values
            node["choices"] = [
                {"id": c, "label": c, "next": ids[i + 1] if k == 0 else ahead(i)}
                for k, c in enumerate(choice_ids)
            ]
        elif kind == "info":
            node["next"] = ids[i + 1]
        elif kind == "branch":
            node["cases"] = [{"when": {"f0": draw(st.sampled_from(values))}, "next": ahead(i)}]
            node["default"] = ids[i + 1]
        else:
            node.update(
                routes=["r"],
                status=draw(st.sampled_from(["open", "blocked", "long-shot"])),
                reason="Because.",
                next=ids[i + 1],
            )
        nodes.append(node)
    nodes.append({"id": ids[-1], "kind": "end", "title": "End", "text": "E.", "citations": CITE})
    return nodes


def _problems(nodes: list[dict[str, Any]], start: str | None = None) -> tuple[list[str], Any]:
    pack = _pack(nodes)
    if start is not None:
        pack["pack"]["start"] = start
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "pack.yaml").write_text(yaml.dump(pack, Dumper=_Dumper), encoding="utf-8")
        result = load_pack(Path(folder))
        return [p.code for p in check(result)], result.graph


def _every_walk_ends(walk: Walk) -> int:
    """Follow every choice from ``walk``; return how many finished walks were seen."""
    todo, finished, states = [walk], 0, 0
    while todo and states < MAX_STATES:
        current = todo.pop()
        states += 1
        node = current.node
        if isinstance(node, End):
            finished += 1
        elif isinstance(node, Question):
            todo += [current.answer(c.id) for c in node.choices]
        else:
            assert current.can_proceed, f"stuck at {node.id}"
            todo.append(current.proceed())
    return finished


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(graphs())
def test_every_valid_generated_graph_is_clean_and_every_walk_ends(
    nodes: list[dict[str, Any]],
) -> None:
    codes, graph = _problems(nodes)
    assert codes == []
    assert graph is not None
    assert _every_walk_ends(Walk.begin(graph)) >= 1


MUTATIONS = ["dangling", "cycle", "uncited", "island", "no-start", "unknown-route", "fact-early"]
EXPECTED = {
    "dangling": "missing-node",
    "cycle": "cycle",
    "uncited": "no-citation",
    "island": "unreachable",
    "no-start": "missing-start",
    "unknown-route": "missing-route",
    "fact-early": "fact-unset",
}


def _mutate(nodes: list[dict[str, Any]], how: str, at: int) -> list[dict[str, Any]]:
    nodes = [dict(n) for n in nodes]
    target = nodes[at]
    if how == "dangling":
        _point(target, "nowhere")
    elif how == "cycle":
        _point(target, nodes[0]["id"])
    elif how == "uncited":
        target["citations"] = []
    elif how == "island":
        nodes.insert(
            -1,
            {
                "id": "island",
                "kind": "info",
                "title": "I",
                "text": "I.",
                "citations": CITE,
                "next": nodes[-1]["id"],
            },
        )
    elif how == "unknown-route":
        target["routes"] = ["no-such-route"]
    elif how == "fact-early":  # the first node reads a fact no question has asked yet
        nodes.insert(
            0,
            {
                "id": "early",
                "kind": "branch",
                "title": "B",
                "text": "B.",
                "citations": CITE,
                "cases": [{"when": {"f0": "a"}, "next": nodes[0]["id"]}],
                "default": nodes[0]["id"],
            },
        )
    return nodes


def _point(node: dict[str, Any], target: str) -> None:
    """Send the node's first way on to ``target``."""
    if node["kind"] == "question":
        node["choices"] = [{**node["choices"][0], "next": target}, *node["choices"][1:]]
    elif node["kind"] == "branch":
        node["default"] = target
    else:
        node["next"] = target


@SETTINGS
@given(graphs(), st.sampled_from(MUTATIONS), st.data())
def test_each_broken_invariant_is_reported_with_its_code(
    nodes: list[dict[str, Any]], how: str, data: st.DataObject
) -> None:
    last = len(nodes) - 2  # any node but the end
    at = data.draw(st.integers(min_value=0 if how != "cycle" else 1, max_value=last))
    mutated = _mutate(nodes, how, at)
    codes, _ = _problems(mutated, start="no-such-node" if how == "no-start" else None)
    assert EXPECTED[how] in codes, (how, at, codes)
