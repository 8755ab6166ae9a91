"""Where a typed path saves the brief, and that a save writes both files or neither."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pathways.brief_file import BriefNotSaved, brief_targets, problem_with, save_brief
from pathways.core.model import RuleGraph
from pathways.core.walk import walk_through
from tests.fixture_packs import load


@pytest.fixture(scope="module")
def graph() -> RuleGraph:
    result = load("valid")
    assert result.graph is not None
    return result.graph


def test_a_folder_saves_inside_it_and_a_name_gets_md(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases").mkdir()
    inside = (tmp_path / "pathways-brief.md", tmp_path / "pathways-brief.json")
    assert brief_targets(".") == inside
    assert brief_targets(str(tmp_path)) == inside
    assert brief_targets("cases")[0] == tmp_path / "cases" / "pathways-brief.md"
    assert brief_targets("cases/")[0] == tmp_path / "cases" / "pathways-brief.md"
    assert brief_targets("new-folder/")[0] == tmp_path / "new-folder" / "pathways-brief.md"
    assert brief_targets("case-17") == (tmp_path / "case-17.md", tmp_path / "case-17.json")
    assert brief_targets("case-17.MD")[1] == tmp_path / "case-17.json"
    with pytest.raises(BriefNotSaved):
        brief_targets("  ")


@pytest.mark.parametrize(
    "typed",
    ["missing/x", "a" * 300, "a" * 250, "file.txt/x", "cases.md/", "/proc/x", "x\x00y"],
)
def test_any_path_is_saved_or_refused_with_a_sentence_and_leaves_nothing_behind(
    graph: RuleGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "cases.md").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    walk = walk_through(graph, {"location": "abroad", "can-fund": "yes"})
    try:
        md, js = brief_targets(typed)
        why = problem_with((md, js))
        if why:
            raise BriefNotSaved(why)
        written = save_brief(walk, md, js)
    except BriefNotSaved as refused:
        assert str(refused) and ".tmp" not in str(refused)  # never a temporary name
        assert sorted(p.name for p in tmp_path.rglob("*")) == before
        return
    for path in written:  # saved: both, private
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(written) == 2
