"""Every command, with standard output full or closed and standard input closed: one
``pathways: error:`` line (or the command's own refusal) and exit 1, never a traceback,
never part of a document passed off as a success."""

from __future__ import annotations

import argparse
import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
FULL = "standard output cannot be written: No space left on device"
CLOSED_OUT = "standard output cannot be written: it is closed"
NO_TERMINAL = "the full-screen app needs a terminal"
HAS_SERVE = importlib.util.find_spec("textual_serve") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _commands(out: Path) -> dict[str, list[str]]:
    """For each sub-command (and none: the app), arguments with which it writes output."""
    return {
        "": [],
        "validate": ["validate"],
        "walk": ["walk", "--json", "--answer", "location=us-border"],
        "graph": ["graph", "--format", "mermaid"],
        "schema": ["schema"],
        "test": ["test"],  # the shipped pack's own scenarios
        "docs": ["docs", "--out", str(out)],
        "tour": ["tour", "catch-22", "--html"],
        "serve": ["serve", "--port", str(_free_port())],
        "tui": ["tui"],
    }


def _subcommands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    raise AssertionError("no sub-commands")


def _run(argv: list[str], redirect: str) -> subprocess.CompletedProcess[str]:
    """``pathways ARGV`` with ``redirect`` applied by the shell (``>/dev/full``, ``<&-``)."""
    return subprocess.run(
        ["bash", "-c", f'exec "$@" {redirect}', "pathways",
         sys.executable, "-m", "pathways", *argv],
        capture_output=True, text=True, timeout=60, check=False,
        stdin=subprocess.DEVNULL if "<" not in redirect else None,
    )


def test_the_table_covers_every_sub_command(tmp_path: Path) -> None:
    assert set(_commands(tmp_path)) - {""} == _subcommands()


def _expected_error(command: str, output_error: str) -> str:
    if command in ("", "tui"):
        return NO_TERMINAL  # refused before anything is written
    if command == "serve" and not HAS_SERVE:
        return "needs the 'serve' extra"
    return f"pathways: error: {output_error}"


# Every command into a full disk; a closed output goes through the same stand-in, so a
# sample of commands is enough for it.
_UNWRITABLE = [
    *((command, ">/dev/full", FULL) for command in sorted(_commands(Path()))),
    *((command, ">&-", CLOSED_OUT) for command in ("", "walk", "validate", "serve")),
]


@pytest.mark.parametrize(("command", "redirect", "says"), _UNWRITABLE)
def test_output_that_cannot_be_written_is_one_error_line_and_exit_1(
    command: str, redirect: str, says: str, tmp_path: Path
) -> None:
    result = _run(_commands(tmp_path / "docs")[command], redirect)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert _expected_error(command, says) in result.stderr, result.stderr
    if "pathways: error:" in result.stderr:
        assert result.stderr.count("\n") == 1, result.stderr  # one line


@pytest.mark.parametrize("argv", [["--help"], ["walk", "--help"], ["--version"]])
def test_help_and_version_into_a_full_disk_exit_1(argv: list[str]) -> None:
    result = _run(argv, ">/dev/full")
    assert result.returncode == 1
    assert result.stderr == f"pathways: error: {FULL}\n"


@pytest.mark.parametrize("command", sorted(set(_commands(Path())) - {"serve"}))
def test_closed_input_never_gives_a_traceback(command: str, tmp_path: Path) -> None:
    """(``serve`` reads no input: it would serve until stopped.)"""
    result = _run(_commands(tmp_path / "docs")[command], "<&-")
    assert "Traceback" not in result.stderr
    if command in ("", "tui"):
        assert result.returncode == 1
        assert NO_TERMINAL in result.stderr and "pathways walk" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["walk", "--answers-file", "-"],
        ["walk", "--interactive"],
        ["walk", "--brief", "x", "--answer", "location=us-border"],
    ],
)
def test_walk_that_must_read_a_closed_input_says_so_and_exits_1(
    argv: list[str], tmp_path: Path
) -> None:
    result = subprocess.run(
        ["bash", "-c", 'exec "$@" <&-', "pathways", sys.executable, "-m", "pathways", *argv],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2), result.stderr
    assert result.stderr.splitlines()[-1].startswith("pathways: error:"), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_closed_error_stream_and_full_output_exit_1_quietly() -> None:
    result = _run(["validate"], ">/dev/full 2>&-")
    assert result.returncode == 1
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("argv", "stdin", "advice"),
    [
        ([], subprocess.DEVNULL, "pathways walk"),
        ([], "\n", "pathways walk"),
        (["tui"], subprocess.DEVNULL, "pathways walk"),
        (["tour", "catch-22"], subprocess.DEVNULL, "pathways tour catch-22 --markdown"),
        (["tour", "catch-22", "--presenter"], subprocess.DEVNULL, "pathways tour catch-22"),
    ],
)
def test_the_app_without_a_terminal_says_what_to_run_and_exits_1_writing_nothing(
    argv: list[str], stdin: int | str, advice: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with out.open("w") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "pathways", *argv],
            stdin=stdin if isinstance(stdin, int) else None,
            input=stdin if isinstance(stdin, str) else None,
            stdout=handle, stderr=subprocess.PIPE, text=True, timeout=30, check=False,
            env={**os.environ, "TERM": "xterm-256color"},
        )
    assert result.returncode == 1, result.stderr
    assert out.read_text() == ""
    assert NO_TERMINAL in result.stderr and advice in result.stderr
    assert "\x1b" not in result.stderr
