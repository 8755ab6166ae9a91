"""The command palette's search over the rule pack: steps, sources and glossary terms."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from pathways.tui.host import Host, host
from pathways.tui.rule_content import NODE_KIND_WORDS, node_title, route_names, text

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph

# (shown text, help in our own words, open it, also found by: an id, never shown)
Entry = tuple[str, str, Callable[[], None], str]


def safe_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but the candidate is literal text, never markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize("reverse", offset, offset + 1)
    return content


class PackSearch(Provider):
    """Finds any step (by title or id), source (outlet or title) or glossary term."""

    @property
    def pathways_app(self) -> Host:
        return host(self.app)

    def _entries(self) -> Iterator[Entry]:
        graph: RuleGraph | None = self.pathways_app.graph
        if graph is None:
            return
        app = self.pathways_app
        for node in graph.nodes.values():
            routes = route_names(graph, node.routes) if node.routes else "all routes"
            yield (
                node_title(graph, node),
                f"Step: {NODE_KIND_WORDS.get(node.kind, node.kind).lower()} · {routes}",
                partial(app.open_node, node.id),
                node.id,
            )
        for source in graph.sources.values():
            yield (
                text(f"{source.outlet}: {source.title}"),
                f"Source: {source.kind}",
                partial(app.open_source, source.id),
                source.id,
            )
        for term in graph.glossary.values():
            yield (text(term.term), "Glossary term", partial(app.open_glossary, term.id), term.id)

    async def discover(self) -> Hits:
        for shown, help_text, command, _ in self._entries():
            if help_text == "Glossary term":
                yield DiscoveryHit(Content(shown), command, text=shown, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for shown, help_text, command, also in self._entries():
            score = max(matcher.match(shown), matcher.match(also) * 0.9)
            if score > 0:
                yield Hit(
                    score, safe_highlight(matcher, shown), command, text=shown, help=help_text
                )
