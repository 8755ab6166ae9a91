"""Terminals without colour or without a screen: NO_COLOR, TERM=dumb, TERM=xterm-mono."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.filter import Monochrome, NoColor

from pathways.core.model import RuleGraph
from pathways.terminals import terminal_refusal, wants_monochrome
from pathways.tui import PathwaysApp


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_a_terminal_without_a_screen_or_keyboard_is_told_about_the_plain_walk(
    term: str,
) -> None:
    env = {**os.environ, "TERM": term}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "pathways"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "pathways walk" in done.stderr
    assert f"TERM={term}" in done.stderr
    assert done.stdout == ""  # no escape codes drawn


def test_a_terminal_without_a_screen_gets_the_plain_walk_when_it_can_answer(
    tmp_path: Path,
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    main, child = pty.openpty()
    env = {**os.environ, "TERM": "dumb", "HOME": str(here)}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathways"],
        stdin=child, stdout=child, stderr=child, env=env, cwd=here,
        start_new_session=True,
    )
    os.close(child)
    seen = bytearray()
    try:
        deadline = time.monotonic() + 30
        while b"x quick exit" not in seen and time.monotonic() < deadline:
            if select.select([main], [], [], 0.5)[0]:
                seen.extend(os.read(main, 65536))
        assert b"x quick exit" in seen, seen.decode(errors="replace")
        os.write(main, b"x\n")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)
    text = seen.decode(errors="replace")
    assert "TERM=dumb" in text and "pathways walk" in text
    assert "Where is the person now?" in text
    assert "\x1b[?1049h" not in text  # never switched to the full-screen app
    assert list(here.iterdir()) == []  # nothing written


def test_only_dumb_terminals_are_refused() -> None:
    assert terminal_refusal({"TERM": "xterm-256color"}) is None
    assert terminal_refusal({}) is None  # no TERM (a browser via serve): draw
    assert terminal_refusal({"TERM": "dumb"}) is not None


def test_no_colour_terminals_get_the_monochrome_app() -> None:
    assert wants_monochrome({"TERM": "xterm-mono"})
    assert wants_monochrome({"TERM": "xterm-256color", "NO_COLOR": ""})
    assert not wants_monochrome({"TERM": "xterm-256color"})


async def test_no_color_draws_without_colour(
    graph: RuleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PathwaysApp(graph=graph)
    assert app.no_color
    assert any(isinstance(f, Monochrome | NoColor) for f in app._filters)


def test_an_export_dir_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-folder")
    done = subprocess.run(
        [sys.executable, "-m", "pathways", "tui", "--export-dir", missing],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "--export-dir not found" in done.stderr and missing in done.stderr
