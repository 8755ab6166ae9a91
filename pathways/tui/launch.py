"""``pathways`` / ``pathways tui``: run the app; report rule problems as plain text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pathways.quick_exit import CLEAR_ALL
from pathways.tui.app import PathwaysApp

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph


def run_tui(
    rules_dir: Path | None,
    tour: str | None = None,
    high_contrast: bool = False,
    graph: RuleGraph | None = None,
    presenter_folder: Path | None = None,
) -> int:
    """Run the app (opening ``tour`` if named); return its exit code (1: rule problems).

    A ``graph`` already loaded and checked is used as it is; otherwise the app reads
    the pack itself, after drawing its first screen. With a ``presenter_folder`` (a
    private folder the caller removes), the tour listens there for its presenter's
    console.
    """
    link = None
    if presenter_folder is not None:
        from pathways.tui.tour_link import AudienceLink

        link = AudienceLink(presenter_folder)
    app = PathwaysApp(
        rules_dir, tour=tour, high_contrast=high_contrast, graph=graph, tour_link=link
    )
    app.run()
    if app.quick_exited:
        if not app.is_web and sys.__stdout__ is not None and sys.__stdout__.isatty():
            sys.__stdout__.write(CLEAR_ALL)
            sys.__stdout__.flush()
        return 0
    if app.problems:
        for problem in app.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"{len(app.problems)} problem(s) in the rule pack; "
            "run 'pathways validate' for details",
            file=sys.stderr,
        )
        return 1
    return app.return_code or 0
