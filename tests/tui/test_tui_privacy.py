"""A whole session in the terminal app writes nothing and opens no socket.

The session reads the shipped pack from disk, explores a case to the end, opens the
map, the comparison, help, the glossary and the command palette (searching and
opening a hit), goes back, restarts, and cancels an export. It runs with HOME, the
XDG folders and the temporary folder in an empty folder and the working directory
read-only; every file under those and under the rule pack is the same afterwards.
Exports being mode 0600 and never replacing a file without a second yes is tested in
test_views.py (through the app) and test_brief.py (the writer).
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from pathways.core.shipped_pack import shipped_rules_dir
from pathways.tui import PathwaysApp
from pathways.tui.screens.compare import CompareScreen
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.export import ExportScreen
from pathways.tui.screens.glossary import GlossaryScreen
from pathways.tui.screens.help import HelpScreen
from pathways.tui.screens.map import MapScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.screens.welcome import WelcomeScreen
from tests.tui.driving import at_end, current, press_until, start_walk, the_app
from tests.tui.test_what_if_screen import shown_text

ROOT = Path(__file__).resolve().parents[2]
XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")

Tree = dict[str, tuple[str, int, float, int]]


def tree(folder: Path) -> Tree:
    """Every path under ``folder`` with its type, size, modification time and mode."""
    found: Tree = {".": ("dir", 0, folder.stat().st_mtime, folder.stat().st_mode)}
    for path in folder.rglob("*"):
        info = path.lstat()
        kind = "dir" if path.is_dir() else "link" if path.is_symlink() else "file"
        found[str(path.relative_to(folder))] = (kind, info.st_size, info.st_mtime, info.st_mode)
    return found


@dataclass
class Sealed:
    home: Path
    work: Path

    def watched(self) -> dict[str, Tree]:
        folders = {"home": self.home, "work": self.work, "rules": shipped_rules_dir()}
        if (ROOT / "rules").is_dir():
            folders["repo rules"] = ROOT / "rules"
        return {name: tree(folder) for name, folder in folders.items()}


@pytest.fixture
def sealed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sealed]:
    """Empty HOME, XDG folders and TMPDIR; the working directory read-only."""
    home = tmp_path / "sealed-home"
    work = tmp_path / "read-only-work"
    home.mkdir()
    work.mkdir()
    tmp = home / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in XDG:
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.chdir(work)
    work.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield Sealed(home, work)
    finally:
        work.chmod(stat.S_IRWXU)


async def full_session(pilot: Pilot[int]) -> None:
    """Everything a person might do in one sitting, short of saving a brief."""
    app = the_app(pilot)
    await start_walk(pilot)  # waits for the pack, read from disk in a thread
    assert isinstance(app.screen, WalkScreen)
    walk = await press_until(pilot, "1", at_end)
    assert walk.finished

    for key, view in (("m", MapScreen), ("c", CompareScreen), ("question_mark", HelpScreen)):
        await pilot.press(key)
        assert isinstance(app.screen, view)
        await pilot.press("escape")
        assert isinstance(app.screen, WalkScreen)
    await pilot.press("g")
    assert isinstance(app.screen, GlossaryScreen)
    await pilot.press("escape")

    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*"visa")
    await pilot.pause(0.3)  # the search runs in the background
    await pilot.press("down", "enter")
    await pilot.pause()
    assert not isinstance(app.screen, CommandPalette | WalkScreen), "no search hit was opened"
    await pilot.press("escape")
    assert isinstance(app.screen, WalkScreen)

    await pilot.press("b")
    assert current(pilot) is walk.previous
    await pilot.press("r")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("y")
    assert current(pilot).previous is None

    await pilot.press("1", "1", "e")
    assert isinstance(app.screen, ExportScreen)
    await pilot.press(*"my-case")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, WalkScreen)
    await pilot.press("escape")
    assert isinstance(app.screen, WelcomeScreen)


async def test_a_full_session_writes_nothing_anywhere(sealed: Sealed) -> None:
    before = sealed.watched()
    app = PathwaysApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await full_session(pilot)
    assert app.problems == []
    assert sealed.watched() == before
    assert sorted(p.name for p in sealed.home.iterdir()) == ["tmp"]
    assert list((sealed.home / "tmp").iterdir()) == []
    assert list(sealed.work.iterdir()) == []
    # (Run as root, the folder is not really read-only: the comparison above is the proof.)


async def _export_is_refused(pilot: Pilot[int], target: str, says: str) -> None:
    """The dialog stays open, saying why; the walk is kept."""
    app = the_app(pilot)
    await start_walk(pilot)
    await pilot.press("1")
    walk = app.walk
    await pilot.press("e")
    assert isinstance(app.screen, ExportScreen)
    app.screen.query_one("#export-path", Input).value = target
    await pilot.press("enter")
    await pilot.pause(0.2)
    assert isinstance(app.screen, ExportScreen)
    assert says in shown_text(app.screen.query_one("#export-targets"))
    assert app.walk is walk
    await pilot.press("escape")
    assert isinstance(app.screen, WalkScreen)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
async def test_an_export_to_the_read_only_folder_is_refused(sealed: Sealed) -> None:
    before = sealed.watched()
    async with PathwaysApp().run_test(size=(100, 30)) as pilot:
        await _export_is_refused(pilot, str(sealed.work), "cannot be written to")
    assert sealed.watched() == before


async def test_an_export_that_cannot_be_written_is_refused_and_leaves_nothing(
    sealed: Sealed,
) -> None:
    blocker = sealed.home / "tmp" / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    before = sealed.watched()
    async with PathwaysApp().run_test(size=(100, 30)) as pilot:
        await _export_is_refused(pilot, str(blocker / "brief"), "is not a folder")
    assert sealed.watched() == before


async def test_a_full_session_opens_no_socket(
    sealed: Sealed, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, tuple[Any, ...]]] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            opened.append((name, args))
            raise OSError(f"{name} is not allowed in this test")

        return refused

    # Patched here, not in a fixture: the event loop is running (it made its own
    # socket pair on start-up, which is not a network socket).
    for name in ("socket", "create_connection", "getaddrinfo", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    try:
        app = PathwaysApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await full_session(pilot)
    finally:
        monkeypatch.undo()
    assert opened == []
    assert app.problems == []
