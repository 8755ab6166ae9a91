"""`pathways tour` on the command line: the list and the Markdown handout."""

from __future__ import annotations

import subprocess
import sys

from pathways.core.model import RuleGraph


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathways", "tour", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )


def test_tour_list_names_the_catch_22() -> None:
    result = _run("--list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("catch-22\t")


def test_handout_has_every_step_its_quotes_numbered_and_the_notice(graph: RuleGraph) -> None:
    tour = graph.tours["catch-22"]
    result = _run("catch-22", "--markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "not legal advice" in out.lower()
    for index, step in enumerate(tour.steps, 1):
        assert f"## {index}. {step.heading}" in out
        for citation in step.citations:
            assert " ".join(citation.words.split()) in " ".join(out.split())
    assert "## References" in out and "\n1. " in out
    assert "loop is closed" in out


def test_unknown_tour_is_a_usage_error() -> None:
    result = _run("no-such-tour", "--markdown")
    assert result.returncode == 2
    assert "catch-22" in result.stderr
