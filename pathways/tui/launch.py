"""``pathways`` / ``pathways tui``: run the app; report rule problems as plain text."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pathways.quick_exit import CLEAR_ALL
from pathways.tui.app import PathwaysApp

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph


# Terminals that cannot draw a full-screen app at all.
NO_SCREEN_TERMS = frozenset({"dumb", "unknown"})
PLAIN_HINT = (
    "For a plain walk that works in any terminal (and with screen readers), run:\n"
    "  pathways walk"
)

PLAIN_FALLBACK = (
    "pathways: this terminal (TERM={term}) cannot show the full-screen app, so here is the "
    "plain walk\n(`pathways walk`: the same questions, verdicts and sources, as text)."
)


def terminal_refusal(environ: Mapping[str, str]) -> str | None:
    """Why this terminal cannot show the app, with what to run instead; None if it can."""
    term = environ.get("TERM", "")
    if term in NO_SCREEN_TERMS:
        return (
            f"pathways: this terminal (TERM={term}) cannot show the full-screen app.\n"
            + PLAIN_HINT
        )
    return None


def wants_monochrome(environ: Mapping[str, str]) -> bool:
    """NO_COLOR, or a terminal that says it has no colours (terminfo's '-mono', '-m')."""
    term = environ.get("TERM", "")
    return "NO_COLOR" in environ or term.endswith(("-mono", "-m"))


def run_tui(
    rules_dir: Path | None,
    tour: str | None = None,
    high_contrast: bool = False,
    graph: RuleGraph | None = None,
    presenter_folder: Path | None = None,
    export_dir: Path | None = None,
) -> int:
    """Run the app (opening ``tour`` if named); return its exit code (1: rule problems).

    A ``graph`` already loaded and checked is used as it is; otherwise the app reads
    the pack itself, after drawing its first screen. With a ``presenter_folder`` (a
    private folder the caller removes), the tour listens there for its presenter's
    console.
    """
    refusal = terminal_refusal(os.environ)
    if refusal is not None:
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
    )
    app.run()
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
