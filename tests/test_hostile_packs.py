"""Hostile rule packs through the real command line: a clear error or literal text, always.

No traceback, no hang, and no terminal escape sequence from rule text reaching the
terminal.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pathways.core.safe_text import FORBIDDEN
from tests.hostile_packs import BROKEN, LITERAL, MARKUP_TITLE, SECRET, SPECIAL

COMMANDS = {
    "validate": ["validate"],
    "walk": ["walk", "--answer", "ask=yes", "--no-interactive"],
    "graph": ["graph", "--format", "json"],
}
PROBLEM_LINE = re.compile(r"^\S+:\d+: [a-z0-9-]+: ", re.M)


def _run(pack: Path, args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(pack), *args],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    return result, time.monotonic() - started


@pytest.fixture(scope="module", params=sorted(BROKEN))
def broken_pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(request.param)
    BROKEN[request.param](folder)
    return folder


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_hostile_pack_gets_a_clear_error_fast(broken_pack: Path, command: str) -> None:
    result, seconds = _run(broken_pack, COMMANDS[command])
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "\x1b" not in output and "\x9b" not in output
    assert not FORBIDDEN.search(output), repr(FORBIDDEN.search(output))
    assert PROBLEM_LINE.search(output), output
    assert seconds < 5, f"took {seconds:.1f}s"


@pytest.mark.parametrize("name", sorted(SPECIAL))
def test_special_file_or_forbidden_character_gets_its_own_problem_code(
    name: str, tmp_path: Path
) -> None:
    build, code = SPECIAL[name]
    pack = tmp_path / "pack"
    build(pack)
    result, seconds = _run(pack, ["validate"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert seconds < 5, f"took {seconds:.1f}s"
    lines = [line for line in result.stdout.splitlines() if PROBLEM_LINE.match(line)]
    assert any(f": {code}: " in line for line in lines), result.stdout
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(LITERAL))
def test_markup_in_rule_text_comes_out_literally(name: str, tmp_path: Path) -> None:
    LITERAL[name](tmp_path)
    validate, _ = _run(tmp_path, ["validate"])
    assert validate.returncode == 0, validate.stdout + validate.stderr
    walk, _ = _run(tmp_path, COMMANDS["walk"])
    assert walk.returncode == 0, walk.stderr
    assert MARKUP_TITLE in walk.stdout
    assert "[link=file:///etc/passwd]x[/link]" in walk.stdout
    graph, _ = _run(tmp_path, COMMANDS["graph"])
    assert MARKUP_TITLE in graph.stdout
