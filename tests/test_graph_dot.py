"""The Graphviz export: nodes clustered by route, verdicts coloured by status; dot renders it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from pathways.core.model import RuleGraph, Verdict
from pathways.render.graph_formats import _DOT_COLOURS, graph_to_dot
from pathways.render.statuses import STATUS_COLOURS, status_word

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def _clusters(dot: str) -> dict[str, str]:
    """Cluster label -> the cluster's body."""
    found: dict[str, str] = {}
    cluster = re.compile(r"subgraph cluster_\d+ \{\n    label=(\"[^\"]*\");\n(.*?)\n  \}", re.S)
    for match in cluster.finditer(dot):
        found[match.group(1).strip('"')] = match.group(2)
    return found


def test_every_routed_node_sits_in_its_routes_cluster(graph: RuleGraph) -> None:
    clusters = _clusters(graph_to_dot(graph))
    assert set(clusters) == {r.title for r in graph.routes.values() if graph.verdicts_for(r.id)}
    for node in graph.nodes.values():
        declared = f'"{node.id}" ['
        if node.routes:
            home = graph.routes[node.routes[0]].title
            assert declared in clusters[home], f"{node.id} is not in the cluster '{home}'"
        else:
            assert not any(declared in body for body in clusters.values())


def test_verdicts_are_filled_in_their_status_colour_and_say_the_status(graph: RuleGraph) -> None:
    dot = graph_to_dot(graph)
    fills: dict[str, set[str]] = {}
    for node in graph.nodes.values():
        line = next(x for x in dot.splitlines() if x.strip().startswith(f'"{node.id}" ['))
        fill = re.search(r'fillcolor="(#[0-9a-f]{6})"', line)
        if isinstance(node, Verdict):
            assert fill is not None, line
            fills.setdefault(node.status, set()).add(fill.group(1))
            assert f"[{status_word(node.status)}]" in line
        else:
            assert fill is None, line
    assert all(len(colours) == 1 for colours in fills.values()), fills
    assert len({next(iter(c)) for c in fills.values()}) == len(fills), "one colour per status"


def test_every_status_colour_role_has_a_graphviz_colour() -> None:
    assert set(STATUS_COLOURS.values()) <= set(_DOT_COLOURS)


@needs_dot
def test_graphviz_dot_renders_the_export_with_clusters_and_colours(graph: RuleGraph) -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"], input=graph_to_dot(graph), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # no syntax warnings either
    svg = done.stdout
    assert svg.count('class="cluster"') == len(_clusters(graph_to_dot(graph)))
    drawn = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    for route in graph.routes.values():
        if graph.verdicts_for(route.id):
            assert route.title in drawn, f"no cluster title '{route.title}' drawn"
    assert 'fill="#d8f0d8"' in svg or 'fill="#f8d7d7"' in svg
