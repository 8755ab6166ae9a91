"""A rule graph -> JSON (a stable contract), Mermaid or Graphviz dot."""

from __future__ import annotations

from typing import Any

from pathways.core.model import AnyNode, Branch, Info, Question, RuleGraph, Verdict, successors
from pathways.core.safe_text import dot_string, json_text, mermaid_label
from pathways.render.statuses import STATUS_COLOURS, status_word

SCHEMA_VERSION = 2  # 2: rule language v2 (questions asked by branches, voices, sequences)


def _node_json(node: AnyNode) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "kind": node.kind,
        "title": node.title,
        "text": node.text,
        "routes": list(node.routes),
        "citations": [c.model_dump(exclude_none=True) for c in node.citations],
    }
    if node.references:
        data["references"] = list(node.references)
    if node.terms:
        data["terms"] = list(node.terms)
    if node.help is not None:
        data["help"] = node.help
    if isinstance(node, Question):
        data["fact"] = node.fact
        data["choices"] = [c.model_dump() for c in node.choices]
    elif isinstance(node, Info):
        data["next"] = node.next
    elif isinstance(node, Branch):
        data["cases"] = [c.model_dump() for c in node.cases]
        data["default"] = node.default
    elif isinstance(node, Verdict):
        data["status"] = node.status
        data["reason"] = node.reason
        if node.status_why is not None:
            data["status_why"] = node.status_why
        data["next_steps"] = list(node.next_steps)
        data["next"] = node.next
    return data


def graph_to_json(graph: RuleGraph) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "title": graph.pack.title,
        "notice": graph.pack.notice,
        "sources_dated": graph.pack.sources_dated,
        "start": graph.pack.start,
        "routes": [
            {
                "id": r.id,
                "title": r.title,
                "summary": r.summary,
                "entry": r.entry,
                "compare": r.compare.model_dump(exclude_none=True) if r.compare else None,
            }
            for r in graph.routes.values()
        ],
        "sources": [
            {
                "id": s.id,
                "outlet": s.outlet,
                "title": s.title,
                "byline": s.byline,
                "date": s.date,
                "url": s.url,
                "kind": s.kind,
                "file": s.file,
                **s.model_dump(include={"voice", "section", "summary", "after", "before"},
                               exclude_none=True),
            }
            for s in graph.sources.values()
        ],
        "glossary": [t.model_dump(exclude_none=True) for t in graph.glossary.values()],
        "nodes": [_node_json(n) for n in graph.nodes.values()],
        "sequences": [s.model_dump() for s in graph.sequences.values()],
        "tours": [t.model_dump(exclude_none=True) for t in graph.tours.values()],
    }


def graph_to_json_text(graph: RuleGraph) -> str:
    return json_text(graph_to_json(graph)) + "\n"


def _edge_labels(node: AnyNode) -> list[tuple[str, str]]:
    if isinstance(node, Branch):
        labels = [
            (c.next, ", ".join(f"{k}={v if isinstance(v, str) else '|'.join(v)}"
                               for k, v in c.when.items()))
            for c in node.cases
        ]
        return [*labels, (node.default, "otherwise")]
    return [(nxt, "") for nxt in successors(node)]


def _asks(graph: RuleGraph, node: AnyNode) -> list[str]:
    """The questions a branch asks when their fact is not known yet."""
    if not isinstance(node, Branch):
        return []
    return [f for f in node.facts_read() if isinstance(graph.nodes.get(f), Question)]


_MERMAID_SHAPES = {
    "question": ('{{"', '"}}'),
    "info": ('["', '"]'),
    "branch": ('{"', '"}'),
    "verdict": ('(["', '"])'),
    "end": ('(("', '"))'),
}


def _mermaid_text(text: str) -> str:
    return mermaid_label(text)


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def graph_to_mermaid(graph: RuleGraph) -> str:
    lines = ["flowchart TD"]
    for node in graph.nodes.values():
        left, right = _MERMAID_SHAPES[node.kind]
        label = node.title
        if isinstance(node, Verdict):
            label = f"{node.title} [{status_word(node.status)}]"
        lines.append(f"  {_mermaid_id(node.id)}{left}{_mermaid_text(label)}{right}")
    for node in graph.nodes.values():
        for target, label in _edge_labels(node):
            arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
            lines.append(f"  {_mermaid_id(node.id)}{arrow}{_mermaid_id(target)}")
        for fact in _asks(graph, node):
            lines.append(f'  {_mermaid_id(node.id)} -.->|"asks"| {_mermaid_id(fact)}')
    return "\n".join(lines) + "\n"


_DOT_SHAPES = {
    "question": "diamond",
    "info": "box",
    "branch": "hexagon",
    "verdict": "octagon",
    "end": "doublecircle",
}


def _dot_text(text: str) -> str:
    return dot_string(text)


# Fill and border for each status's colour role (pathways.render.statuses); the label
# also says the status in words, so the colour is never the only signal.
_DOT_COLOURS: dict[str, tuple[str, str]] = {
    "success": ("#d8f0d8", "#2e7d32"),
    "error": ("#f8d7d7", "#c62828"),
    "warning": ("#fde8c8", "#b85c00"),
    "secondary": ("#e4e4ec", "#55556a"),
}


def _dot_node(node: AnyNode) -> str:
    label = node.title if not isinstance(node, Verdict) else (
        f"{node.title}\n[{status_word(node.status)}]"
    )
    attrs = [f"shape={_DOT_SHAPES[node.kind]}", f"label={_dot_text(label)}"]
    if isinstance(node, Verdict):
        fill, border = _DOT_COLOURS[STATUS_COLOURS[node.status]]
        attrs += ["style=filled", f'fillcolor="{fill}"', f'color="{border}"', "penwidth=2"]
    return f"{_dot_text(node.id)} [{', '.join(attrs)}];"


def graph_to_dot(graph: RuleGraph) -> str:
    """Graphviz dot: nodes clustered by their (first) route, verdicts coloured by status."""
    lines = ["digraph pathways {", "  rankdir=TB;", "  node [fontname=Helvetica];"]
    by_route: dict[str, list[AnyNode]] = {route_id: [] for route_id in graph.routes}
    for node in graph.nodes.values():
        home = next((r for r in node.routes if r in by_route), None)
        if home is None:
            lines.append(f"  {_dot_node(node)}")
        else:
            by_route[home].append(node)
    for index, (route_id, nodes) in enumerate(by_route.items()):
        if not nodes:
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_dot_text(graph.routes[route_id].title)};")
        lines.append('    style=rounded; color="#888888"; fontname=Helvetica;')
        lines += [f"    {_dot_node(node)}" for node in nodes]
        lines.append("  }")
    for node in graph.nodes.values():
        for target, label in _edge_labels(node):
            attrs = f" [label={_dot_text(label)}]" if label else ""
            lines.append(f"  {_dot_text(node.id)} -> {_dot_text(target)}{attrs};")
        for fact in _asks(graph, node):
            lines.append(
                f'  {_dot_text(node.id)} -> {_dot_text(fact)} [style=dashed, label="asks"];'
            )
    lines.append("}")
    return "\n".join(lines) + "\n"

