"""Nothing a user types or chooses is written anywhere, and nothing touches the network."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pathways.cli import main
from pathways.core.model import Question
from tests.conftest import shipped_graph

ROOT = Path(__file__).resolve().parents[1]


def _snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime)
        for p in folder.rglob("*")
    }


def _first_answers() -> list[str]:
    graph = shipped_graph()
    args: list[str] = []
    for node in graph.nodes.values():
        if isinstance(node, Question):
            args += ["--answer", f"{node.id}={node.choices[-1].id}"]
    return args


@pytest.fixture
def sealed_home(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path, Path]]:
    """An empty HOME and XDG dirs, and a read-only working directory."""
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "TMPDIR": str(home / "tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
    }
    work.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield env, home, work
    finally:
        work.chmod(stat.S_IRWXU)


def test_walk_writes_nothing_anywhere(sealed_home: tuple[dict[str, str], Path, Path]) -> None:
    env, home, work = sealed_home
    before = _snapshot(home), _snapshot(work), _snapshot(ROOT / "rules")
    for extra in ([], ["--json"]):
        result = subprocess.run(
            [sys.executable, "-m", "pathways", "walk", "--no-interactive", *_first_answers(),
             *extra],
            cwd=work, env=env, capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
    assert (_snapshot(home), _snapshot(work), _snapshot(ROOT / "rules")) == before
    assert list(home.iterdir()) == []


def test_walk_and_graph_open_no_socket(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        opened.append(args)
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["walk", "--no-interactive", "--json", *_first_answers()]) == 0
    assert main(["graph", "--format", "json"]) == 0
    assert main(["validate"]) == 0
    capsys.readouterr()
    assert opened == []
