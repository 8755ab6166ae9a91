"""`pathways docs --out DIR` writes all of its documents or none of them."""

from __future__ import annotations

import contextlib
import io
import os
import stat
from pathlib import Path

import pytest

from pathways import private_file
from pathways.cli import main

NAMES = ["routes.md", "sources.md", "verdicts.md"]


def _docs(out: Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(["docs", "--out", str(out)])
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def old_docs(tmp_path: Path) -> Path:
    out = tmp_path / "docs"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    return out


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_disk_that_fills_after_the_first_file_leaves_the_old_documents_as_they_were(
    old_docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = private_file._write_temp
    calls: list[Path] = []

    def fills_up(path: Path, text: str, mode: int = 0o600) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path.with_name(f".{path.name}.x.tmp")))
        return real(path, text, mode)

    monkeypatch.setattr(private_file, "_write_temp", fills_up)
    before = _contents(old_docs)
    code, out, err = _docs(old_docs)
    assert code == 2
    assert "No space left on device" in err and "none was changed" in err
    assert f"cannot write {calls[1]}: " in err  # the document, not its temporary file
    assert ".tmp" not in err and out == ""
    assert _contents(old_docs) == before  # and no temporary file left


def test_a_rename_that_fails_after_the_first_puts_the_first_back(
    old_docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.replace
    renamed: list[Path] = []

    def fails_second(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target).name in NAMES:
            renamed.append(Path(target))
            if len(renamed) == 2:
                raise OSError(5, "Input/output error")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", fails_second)
    before = _contents(old_docs)
    code, _, err = _docs(old_docs)
    assert code == 2 and "Input/output error" in err
    assert _contents(old_docs) == before


def test_documents_are_written_whole_with_the_usual_modes(tmp_path: Path) -> None:
    out = tmp_path / "new" / "docs"
    old = os.umask(0o022)
    try:
        code, stdout, _ = _docs(out)
    finally:
        os.umask(old)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == NAMES
    assert {stat.S_IMODE((out / n).stat().st_mode) for n in NAMES} == {0o644}
    assert stdout.count("wrote ") == 3
    assert _docs(out)[1] == ""  # up to date: nothing written again


def test_a_failure_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, text: str, mode: int = 0o600) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(private_file, "_write_temp", full)
    code, _, _ = _docs(tmp_path / "fresh")
    assert code == 2
    assert list(tmp_path.iterdir()) == []
