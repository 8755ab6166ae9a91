"""The brief of a walk (Markdown and JSON), and writing it to a private file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pathways.core.model import Question, RuleGraph
from pathways.core.walk import Walk
from pathways.private_file import write_private
from pathways.render.brief import brief_json_text, brief_markdown, build_brief
from pathways.render.references import md_inline


def first_choice_walk(graph: RuleGraph) -> Walk:
    walk = Walk.begin(graph)
    while not walk.finished:
        node = walk.node
        walk = walk.answer(node.choices[0].id) if isinstance(node, Question) else walk.proceed()
    return walk


def test_a_finished_brief_has_every_route_answers_and_numbered_references(
    graph: RuleGraph,
) -> None:
    walk = first_choice_walk(graph)
    brief = build_brief(walk)
    assert brief.finished
    assert [v.route_id for v in brief.verdicts] == list(graph.routes)
    assert all(v.status is not None for v in brief.verdicts)
    asked = [s.node for s in walk.path if s.choice is not None and not s.known]
    assert [a.question_id for a in brief.answers] == asked
    numbers = [r.number for r in brief.references]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {n for v in brief.verdicts for n in v.references}
    assert cited <= set(numbers) and cited


def test_markdown_brief_carries_the_notice_dates_verdicts_and_quotes(graph: RuleGraph) -> None:
    brief = build_brief(first_choice_walk(graph))
    text = brief_markdown(brief)
    assert graph.pack.sources_dated.split()[0] in text
    assert "not legal advice" in text.lower()
    for verdict in brief.verdicts:
        assert verdict.status_word in text
    quote = next(r.quote for r in brief.references if r.quote)
    assert quote is not None and md_inline(quote) in text
    assert "## References" in text


def test_json_brief_matches_the_markdown(graph: RuleGraph) -> None:
    brief = build_brief(first_choice_walk(graph))
    data = json.loads(brief_json_text(brief))
    assert data["notice"] == brief.notice
    assert [v["status"] for v in data["verdicts"]] == [v.status for v in brief.verdicts]
    assert len(data["references"]) == len(brief.references)


def test_an_unfinished_walk_says_which_routes_were_not_reached(graph: RuleGraph) -> None:
    brief = build_brief(Walk.begin(graph))
    assert not brief.finished
    assert all(v.status is None and v.status_word == "Not reached" for v in brief.verdicts)
    assert "not finished" in brief_markdown(brief)


def test_rule_text_is_kept_but_cannot_act_as_markup_or_escape_codes() -> None:
    hostile = "[bold]x[/bold] [link=https://evil.example]y[/link] <script> \x1b[2J \x9b31m"
    shown = md_inline(hostile)
    assert "\x1b" not in shown and "\x9b" not in shown
    assert "\\x1b" in shown and "\\x9b" in shown
    assert "\\[bold\\]" in shown and "\\<script\\>" in shown
    assert "evil.example" in shown


def test_json_escapes_every_control_character() -> None:
    from pathways.render.brief import Brief

    brief = Brief("t\x1b[31m", "n\x9bx", "2017", False, (), (), ())
    text = brief_json_text(brief)
    assert "\x1b" not in text and "\x9b" not in text
    assert json.loads(text)["title"] == "t\x1b[31m"


def test_private_file_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = write_private(tmp_path / "brief.md", "hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == "hello"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]  # no temporary left


def test_private_file_refuses_to_overwrite_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("keep", encoding="utf-8")
    path.chmod(0o644)
    with pytest.raises(FileExistsError):
        write_private(path, "new")
    assert path.read_text(encoding="utf-8") == "keep"
    write_private(path, "new", replace=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_private_file_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("other", encoding="utf-8")
    link = tmp_path / "brief.md"
    link.symlink_to(target)
    with pytest.raises(FileExistsError):
        write_private(link, "new")
    assert target.read_text(encoding="utf-8") == "other"


def _scenario_walks(graph: RuleGraph) -> list[Walk]:
    from pathways.core.scenarios import load_scenarios, scenario_files
    from pathways.core.shipped_pack import shipped_scenarios_dir

    root = shipped_scenarios_dir()
    walks = []
    for path in scenario_files(root):
        scenarios, problems = load_scenarios(path)
        assert not problems
        walks += [Walk.from_facts(graph, s.answers, route=s.start) for s in scenarios]
    assert walks
    return walks


def test_the_brief_gives_each_question_once_with_its_answer(graph: RuleGraph) -> None:
    for walk in [first_choice_walk(graph), *_scenario_walks(graph)]:
        brief = build_brief(walk)
        facts = [graph.nodes[a.question_id] for a in brief.answers]
        keys = [getattr(q, "fact", None) or q.id for q in facts]
        assert len(keys) == len(set(keys)), keys
        no_fact = {q.id for q in facts if not getattr(q, "fact", None)}
        assert set(keys) == set(walk.facts) | no_fact  # every fact recorded, and only those
        text = brief_markdown(brief)
        assert "earlier answer" not in text
        for answer in brief.answers:
            assert text.count(f"- {md_inline(answer.question)}") == 1


def test_the_brief_has_no_words_about_screens_or_keys(graph: RuleGraph) -> None:
    import re

    # "below" is a screen word, except for a reader's comment below an article on the web.
    screen_words = re.compile(
        r"\b(press(es|ed)?|screens?|below(?! the [\w ]{1,40}article)|click(ed)?|tap)\b", re.I
    )
    for walk in [Walk.begin(graph), first_choice_walk(graph), *_scenario_walks(graph)]:
        text = brief_markdown(build_brief(walk))
        found = sorted({m.group() for m in screen_words.finditer(text)})
        assert not found, found
