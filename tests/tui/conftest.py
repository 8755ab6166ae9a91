"""Fixtures for the terminal app's tests: a clean home and a cursor that does not blink.

Every test runs with HOME, the XDG folders and the working directory in a fresh
temporary folder, so an export goes there and nothing else is touched; the
cursor does not blink, so snapshots are the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.chdir(home)
    yield home


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots differ from run to run (as Harlequin does)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
