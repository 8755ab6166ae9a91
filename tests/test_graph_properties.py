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

CITE = [{"source": "s", "passage": "p"}]  # every node cites the one passage


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
        "sources": [
            {
                "id": "s", "kind": "news report", "outlet": "O", "title": "T",
                "passages": [{"id": "p", "quote": "a quote"}],
            }
        ],
        "nodes": nodes,
    }


def _question(fact: str, values: list[str]) -> dict[str, Any]:
    return {
        "id": fact,
        "kind": "question",
        "title": f"Question {fact}",
        "text": "Q.",
        "citations": CITE,
        "choices": [{"id": v, "label": v} for v in values],
    }


@st.composite
def graphs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A valid graph: node i always leads on to i + 1 (so all are reachable and every walk
    ends at the last node, an end); other edges only jump forward (so there is no cycle).
    The first node is a branch reading fact f0; later branches read f0 again (asked once) or
    a fact of their own; each fact's question is a node of its own, asked by the branches."""
    size = draw(st.integers(min_value=4, max_value=11))
    ids = [f"n{i}" for i in range(size)]
    values = ["a", "b", "c"][: draw(st.integers(min_value=2, max_value=3))]

    def ahead(i: int) -> str:
        return ids[draw(st.integers(min_value=i + 1, max_value=size - 1))]

    questions = [_question("f0", values)]
    nodes: list[dict[str, Any]] = [
        {
            "id": ids[0],
            "kind": "branch",
            "cases": [{"when": {"f0": v}, "next": ahead(0)} for v in values[1:]],
            "default": ids[1],
        }
    ]
    for i in range(1, size - 1):
        kind = (
            "verdict"
            if i == size - 2
            else draw(st.sampled_from(["ask", "info", "branch", "verdict"]))
        )
        node: dict[str, Any] = {"id": ids[i], "kind": kind}
        if kind != "branch" and kind != "ask":
            node.update(title=f"Node {i}", text="T.", citations=CITE)
        if kind == "ask":  # a branch on a fact of its own
            questions.append(_question(f"f{i}", ["x", "y"]))
            node.update(
                kind="branch",
                cases=[{"when": {f"f{i}": "y"}, "next": ahead(i)}],
                default=ids[i + 1],
            )
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
    return nodes + questions


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


MUTATIONS = [
    "dangling", "cycle", "uncited", "island", "no-start", "unknown-route", "unasked",
    "into-question",
]
EXPECTED = {
    "dangling": "missing-node",
    "cycle": "cycle",
    "uncited": "no-citation",
    "island": "unreachable",
    "no-start": "missing-start",
    "unknown-route": "missing-route",
    "unasked": "unasked-question",
    "into-question": "next-is-question",
}


def _mutate(nodes: list[dict[str, Any]], how: str, at: int) -> list[dict[str, Any]]:
    nodes = [dict(n) for n in nodes]
    target = nodes[at]
    if how == "dangling":
        _point(target, "nowhere")
    elif how == "cycle":
        _point(target, nodes[0]["id"])
    elif how == "uncited":  # a branch need not cite: then the first question
        (target if target["kind"] != "branch" else nodes[-1])["citations"] = []
    elif how == "island":
        end = next(i for i, n in enumerate(nodes) if n["kind"] == "end")
        nodes.insert(
            end,
            {
                "id": "island",
                "kind": "info",
                "title": "I",
                "text": "I.",
                "citations": CITE,
                "next": nodes[end]["id"],
            },
        )
    elif how == "unknown-route":
        target["routes"] = ["no-such-route"]
    elif how == "unasked":  # a question no branch reads
        nodes.append(_question("nobody-reads-this", ["x", "y"]))
    elif how == "into-question":
        _point(target, "f0")
    return nodes


def _point(node: dict[str, Any], target: str) -> None:
    """Send the node's first way on to ``target``."""
    if node["kind"] == "branch":
        node["default"] = target
    else:
        node["next"] = target


@SETTINGS
@given(graphs(), st.sampled_from(MUTATIONS), st.data())
def test_each_broken_invariant_is_reported_with_its_code(
    nodes: list[dict[str, Any]], how: str, data: st.DataObject
) -> None:
    last = next(i for i, n in enumerate(nodes) if n["kind"] == "end") - 1  # any but the end
    at = data.draw(st.integers(min_value=0 if how != "cycle" else 1, max_value=last))
    mutated = _mutate(nodes, how, at)
    codes, _ = _problems(mutated, start="no-such-node" if how == "no-start" else None)
    assert EXPECTED[how] in codes, (how, at, codes)
