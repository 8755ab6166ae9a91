"""The whole rule graph as a tree grouped by route, with the walk's path marked."""

from __future__ import annotations

from collections import deque

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from pathways.core.model import AnyNode, RuleGraph, Verdict, successors
from pathways.core.walk import Walk
from pathways.render.counts import counted
from pathways.render.statuses import status_mark, status_word
from pathways.tui.rule_content import depends_on, text

KIND_MARKS: dict[str, str] = {
    "question": "?",
    "info": "i",
    "branch": "⑂",
    "verdict": "■",
    "end": "◆",
}


def route_order(graph: RuleGraph, route_id: str) -> list[str]:
    """The nodes of a route, breadth first from its entry, then any others of the route."""
    members = [n.id for n in graph.nodes.values() if route_id in n.routes]
    route = graph.routes[route_id]
    order: list[str] = []
    seen: set[str] = set()
    queue: deque[str] = deque([route.entry])
    while queue:
        node_id = queue.popleft()
        node = graph.nodes.get(node_id)
        if node_id in seen or node is None or route_id not in node.routes:
            continue
        seen.add(node_id)
        order.append(node_id)
        queue.extend(successors(node))
    return order + [m for m in members if m not in seen]


class GraphTree(Tree[str]):
    """Node data is the rule node's id. ▶ marks where the walk is, ✓ what it passed."""

    def __init__(self, graph: RuleGraph, walk: Walk | None, *, id: str | None = None) -> None:
        super().__init__(text(graph.pack.title), id=id)
        self.graph = graph
        self.visited = set(walk.visited) if walk is not None else set()
        self.current = walk.position if walk is not None else None
        self.show_root = False
        self.guide_depth = 3
        self._populate()

    def _label(self, node: AnyNode) -> Text:
        label = Text()
        if node.id == self.current:
            label.append("▶ ", style="bold")
        elif node.id in self.visited:
            label.append("✓ ", style="bold")
        else:
            label.append("  ")
        label.append(f"{KIND_MARKS.get(node.kind, '·')} ")
        style = Style(bold=True, underline=True) if node.id == self.current else None
        if node.id in self.visited and node.id != self.current:
            style = Style(bold=True)
        questions = depends_on(self.graph, node)
        title = (
            text(node.title)
            if questions is None
            else f"Depends on {counted(len(questions), 'answer')}"  # named in full beside it
        )
        label.append(title, style=style or "")
        if isinstance(node, Verdict):
            label.append(
                f"  {status_mark(node.status)} {status_word(node.status)}", style="italic"
            )
        return label

    def _populate(self) -> None:
        placed: set[str] = set()
        groups: list[tuple[str, list[str]]] = []
        for route in self.graph.routes.values():
            ids = route_order(self.graph, route.id)
            groups.append((text(route.title), ids))
            placed.update(ids)
        shared = [n for n in self.graph.nodes if n not in placed]
        if shared:
            groups.insert(0, ("Shared steps (all routes)", shared))
        for title, ids in groups:
            marks = sum(1 for i in ids if i in self.visited)
            heading = Text(title, style="bold")
            heading.append(f"  ({len(ids)} steps" + (f", {marks} visited)" if marks else ")"))
            branch: TreeNode[str] = self.root.add(heading, expand=True)
            for node_id in ids:
                branch.add_leaf(self._label(self.graph.nodes[node_id]), data=node_id)

    def select_node_id(self, node_id: str) -> None:
        """Move the cursor to the first place the node appears."""
        for line in range(self.last_line + 1):
            found = self.get_node_at_line(line)
            if found is not None and found.data == node_id:
                self.cursor_line = line
                self.scroll_to_line(line)
                return
