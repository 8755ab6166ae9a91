"""private_file.write_private_files: a brief's two files are written both or neither."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pathways.private_file import write_private_files


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_both_files_are_written_readable_only_by_the_owner(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        written = write_private_files({tmp_path / "b.md": "# md", tmp_path / "b.json": "{}"})
    finally:
        os.umask(old)
    assert written == [tmp_path / "b.md", tmp_path / "b.json"]
    assert (tmp_path / "b.md").read_text() == "# md"
    assert (tmp_path / "b.json").read_text() == "{}"
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _names(tmp_path) == ["b.json", "b.md"]  # no temporary file left


def test_when_the_second_cannot_be_written_neither_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real_fsync = os.fsync

    def fail_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_second)
    with pytest.raises(OSError, match="No space left"):
        write_private_files({tmp_path / "b.md": "# md", tmp_path / "b.json": "{}"})
    assert _names(tmp_path) == []


def test_when_the_second_cannot_be_put_in_place_the_first_is_removed(tmp_path: Path) -> None:
    (tmp_path / "b.json").mkdir()  # a folder where the JSON should go
    with pytest.raises(OSError):
        write_private_files({tmp_path / "b.md": "# md", tmp_path / "b.json": "{}"},
                            replace=True)
    assert _names(tmp_path) == ["b.json"]
    assert (tmp_path / "b.json").is_dir()


def test_a_failed_replacement_puts_the_old_file_back(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("the old brief")
    (tmp_path / "b.json").mkdir()
    with pytest.raises(OSError):
        write_private_files({tmp_path / "b.md": "# new", tmp_path / "b.json": "{}"},
                            replace=True)
    assert (tmp_path / "b.md").read_text() == "the old brief"
    assert _names(tmp_path) == ["b.json", "b.md"]


def test_an_existing_file_stops_both_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("keep")
    with pytest.raises(FileExistsError):
        write_private_files({tmp_path / "b.md": "# md", tmp_path / "b.json": "{}"})
    assert _names(tmp_path) == ["b.json"]
    assert (tmp_path / "b.json").read_text() == "keep"


def test_replacing_both_replaces_both(tmp_path: Path) -> None:
    for name in ("b.md", "b.json"):
        (tmp_path / name).write_text("old")
    write_private_files({tmp_path / "b.md": "new md", tmp_path / "b.json": "new json"},
                        replace=True)
    assert (tmp_path / "b.md").read_text() == "new md"
    assert (tmp_path / "b.json").read_text() == "new json"
    assert _names(tmp_path) == ["b.json", "b.md"]
