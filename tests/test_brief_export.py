"""Where a typed export path points, and writing the brief's two files: both or neither."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.brief_file import TEMP_OVERHEAD
from pathways.tui.brief_export import DEFAULT_NAME, Refusal, Target, resolve, save


def test_a_file_name_gets_md_and_json_beside_it(tmp_path: Path) -> None:
    assert resolve("brief", tmp_path) == Target(tmp_path / "brief.md", tmp_path / "brief.json")
    assert resolve("brief.md", tmp_path) == Target(tmp_path / "brief.md", tmp_path / "brief.json")


@pytest.mark.parametrize("typed", ["/", "//", "/."])
def test_the_root_folder_saves_inside_it(typed: str, tmp_path: Path) -> None:
    found = resolve(typed, tmp_path)
    assert isinstance(found, Target)
    assert found.markdown == Path("/") / DEFAULT_NAME


@pytest.mark.parametrize("typed", [".", "./", "", " . "])
def test_dot_saves_in_the_default_folder(typed: str, tmp_path: Path) -> None:
    found = resolve(typed, tmp_path)
    if not typed.strip():
        assert isinstance(found, Refusal)
        return
    assert isinstance(found, Target)
    assert found.markdown.resolve() == tmp_path / DEFAULT_NAME


def test_a_folder_with_or_without_a_slash_saves_inside_it(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    for typed in ("cases", "cases/", str(tmp_path / "cases")):
        found = resolve(typed, tmp_path)
        assert isinstance(found, Target)
        assert found.markdown == tmp_path / "cases" / DEFAULT_NAME


def test_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    found = resolve("nowhere/brief", tmp_path)
    assert isinstance(found, Refusal)
    assert "no folder" in found.reason


def test_a_name_too_long_for_the_folder_is_refused_before_writing(tmp_path: Path) -> None:
    found = resolve("x" * 250, tmp_path)
    assert isinstance(found, Refusal)
    assert "too long" in found.reason
    longest_ok = 255 - TEMP_OVERHEAD - len(".json")
    assert isinstance(resolve("y" * longest_ok, tmp_path), Target)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_named_like_one_of_the_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "brief.json").mkdir()
    found = resolve("brief", tmp_path)
    assert isinstance(found, Refusal)
    assert "is a folder" in found.reason


@settings(max_examples=200, deadline=None)
@given(typed=st.text(max_size=300))
def test_nothing_typed_makes_resolve_raise(typed: str) -> None:
    folder = Path.cwd()
    assert isinstance(resolve(typed, folder), Target | Refusal)


def test_both_files_are_written_private(tmp_path: Path) -> None:
    target = resolve("brief", tmp_path)
    assert isinstance(target, Target)
    save(target, ("# md", "{}"))
    assert target.markdown.read_text(encoding="utf-8") == "# md"
    assert target.json.read_text(encoding="utf-8") == "{}"
    for path in target.paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json", "brief.md"]


def test_when_the_second_file_fails_the_first_is_removed(tmp_path: Path) -> None:
    target = resolve("brief", tmp_path)
    assert isinstance(target, Target)
    target.json.mkdir()  # taken after the dialog checked the name
    with pytest.raises(OSError):
        save(target, ("# md", "{}"))
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_a_failed_replace_keeps_the_old_file(tmp_path: Path) -> None:
    target = resolve("brief", tmp_path)
    assert isinstance(target, Target)
    target.markdown.write_text("keep me", encoding="utf-8")
    target.json.mkdir()
    with pytest.raises(OSError):
        save(target, ("# new", "{}"), replace=True)
    assert target.markdown.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json", "brief.md"]


def test_a_replace_that_succeeds_replaces_both(tmp_path: Path) -> None:
    target = resolve("brief", tmp_path)
    assert isinstance(target, Target)
    for path in target.paths:
        path.write_text("old", encoding="utf-8")
    save(target, ("# new", "{}"), replace=True)
    assert target.markdown.read_text(encoding="utf-8") == "# new"
    assert target.json.read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json", "brief.md"]


def test_a_name_longer_than_the_system_allows_is_refused_in_words(tmp_path: Path) -> None:
    found = resolve("x" * 300, tmp_path)  # the system itself refuses to look at it
    assert isinstance(found, Refusal)
    assert "too long" in found.reason and "Errno" not in found.reason
