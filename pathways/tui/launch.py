"""``pathways`` / ``pathways tui``: run the app; report rule problems as plain text."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pathways.quick_exit import CLEAR_ALL
from pathways.terminals import terminal_refusal, wants_monochrome
from pathways.tui.app import PathwaysApp

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph
    from pathways.pack_process import PackProcess


def run_tui(
    rules_dir: Path | None,
    tour: str | None = None,
    high_contrast: bool = False,
    graph: RuleGraph | None = None,
    presenter_folder: Path | None = None,
    export_dir: Path | None = None,
    pack_process: PackProcess | None = None,
) -> int:
    """Run the app (opening ``tour`` if named); return its exit code (1: rule problems).

    A ``graph`` already loaded and checked is used as it is; otherwise the app reads
    the pack itself, after drawing its first screen, or takes it from ``pack_process`` (a
    child already reading it: :mod:`pathways.pack_process`). With a ``presenter_folder`` (a
    private folder the caller removes), the tour listens there for its presenter's
    console.
    """
    refusal = terminal_refusal(os.environ)
    if refusal is not None:
        if pack_process is not None:
            pack_process.end()
        print(refusal, file=sys.stderr)
        return 1
    if wants_monochrome(os.environ):
        # Textual draws in black, white and greys when NO_COLOR is set; statuses keep
        # their words and marks (✔ ✘ ◐), so nothing is said by colour alone.
        os.environ.setdefault("NO_COLOR", "1")
    link = None
    if presenter_folder is not None:
        from pathways.tui.tour_link import AudienceLink

        link = AudienceLink(presenter_folder)
    app = PathwaysApp(
        rules_dir,
        tour=tour,
        high_contrast=high_contrast,
        graph=graph,
        tour_link=link,
        export_dir=export_dir,
        pack_process=pack_process,
    )
    try:
        app.run()
    finally:
        if pack_process is not None:
            pack_process.end()  # a quick exit can come before the child has finished
    if app.quick_exited:
        if not app.is_web and sys.__stdout__ is not None and sys.__stdout__.isatty():
            sys.__stdout__.write(CLEAR_ALL)
            sys.__stdout__.flush()
        return 0
    if app.problems:
        from pathways.core.problems import listing

        for line in listing(app.problems, "run 'pathways validate --json' for all"):
            print(line, file=sys.stderr)
        print(
            f"{len(app.problems)} problem(s) in the rule pack; "
            "run 'pathways validate' for details",
            file=sys.stderr,
        )
        return 1
    return app.return_code or 0
