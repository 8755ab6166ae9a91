"""Which terminals can draw the full-screen app, and what to say to those that cannot.

Kept apart from :mod:`pathways.tui` (which imports Textual) so the command line can
decide before it pays for Textual's import.
"""

from __future__ import annotations

from collections.abc import Mapping

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
