"""What screens, widgets and commands may ask of the app: a small typed protocol.

Screens never import :mod:`pathways.tui.app` (an import-linter contract keeps it
so): they read the rule pack and the walk, set the walk, and open views through
:class:`Host`, which :class:`~pathways.tui.app.PathwaysApp` provides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App

    from pathways.core.model import RuleGraph
    from pathways.core.walk import Walk


class Host(Protocol):
    """The app as its screens see it."""

    graph: RuleGraph | None
    walk: Walk | None

    def open_node(self, node_id: str) -> None: ...

    def open_source(self, source_id: str) -> None: ...

    def open_glossary(self, term_id: str) -> None: ...

    def open_tour(self, tour_id: str, node_id: str | None = None) -> None: ...

    def drop_keys_typed_ahead(self) -> int:
        """Forget the keys waiting for the one at work; how many there were."""
        ...


def host(app: App[object] | object) -> Host:
    """The running app, as a :class:`Host`."""
    return cast("Host", app)


@runtime_checkable
class ShowsStepHelp(Protocol):
    """A screen whose current step has help text of its own, shown first by ``?``."""

    def step_help(self) -> str | None: ...
