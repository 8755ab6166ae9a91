"""`pathways walk --answers-file` (answers out of the shell's history), exit 3, and `--brief`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pathways.core.answers import check_answers, read_answers_bytes
from pathways.core.model import RuleGraph
from tests.fixture_packs import VALID, load

CASE = 'location: abroad\ncan-fund: "yes"\n'  # the fixture pack: a whole walk


@pytest.fixture(scope="module")
def valid_graph() -> RuleGraph:
    graph = load("valid").graph
    assert graph is not None
    return graph


def walk(
    *args: str, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``pathways --rules VALID walk ARGS``; stdin is never a terminal here."""
    return subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(VALID), "walk", *args],
        capture_output=True,
        text=True,
        timeout=20,
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        cwd=cwd,
        check=False,
    )


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)


def _clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def test_answers_from_a_file_walk_to_the_end(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    result = walk("--answers-file", str(tmp_path / "case.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    data = _json(result)
    assert data["end"] == "summary" and data["next_question"] is None
    assert data["facts"] == {"location": "abroad", "can-fund": "yes"}


def test_answers_from_standard_input_walk_to_the_end() -> None:
    result = walk("--answers-file", "-", "--json", input=CASE)
    assert result.returncode == 0, result.stderr
    assert _json(result)["end"] == "summary"


def test_answers_short_of_the_end_exit_3_and_the_json_names_the_next_question() -> None:
    result = walk("--answers-file", "-", "--json", input="location: abroad\n")
    assert result.returncode == 3
    data = _json(result)
    assert data["end"] is None
    assert data["next_question"] == {
        "id": "can-fund",
        "fact": "can-fund",
        "title": "Can they pay for the trip?",
        "choices": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
    }
    assert "can-fund: CHOICE" in result.stderr  # how to give it, in the file's own form


def test_a_flag_given_with_the_file_wins_over_the_file() -> None:
    result = walk("--answers-file", "-", "--answer", "can-fund=no", "--json", input=CASE)
    assert result.returncode == 0, result.stderr
    assert _json(result)["facts"]["can-fund"] == "no"


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("location: abroad\nwehre: home\n", 2, "answer-unknown-fact"),
        ("location: mars\n", 1, "answer-not-a-choice"),
        ("location: abroad\ncan-fund: true\n", 2, "answer-not-a-choice"),
        ("location: abroad\ncan-fund: [yes]\n", 2, "answer-not-a-choice"),
        ("- location: abroad\n", 1, "answers-not-a-mapping"),
        ("location: abroad\n  bad: indent\n", 2, "yaml-syntax"),
        ("location: abroad\nlocation: home\n", 2, "duplicate-key"),
        ("a: &x 1\nb: *x\n", 1, "yaml-alias"),
        ("", 1, "empty-file"),
        ("location: !!python/object:os.system abroad\n", 1, "yaml-syntax"),
        ("location: \x1b[2Jabroad\n", 1, "control-character"),  # refused by the parser
    ],
)
def test_each_bad_answer_is_a_problem_with_its_line_and_code(
    valid_graph: RuleGraph, text: str, line: int, code: str
) -> None:
    data, problems = read_answers_bytes(text.encode(), "case.yaml")
    if data is not None and not problems:
        _, problems = check_answers(valid_graph, data, "case.yaml")
    assert [(p.line, p.code) for p in problems][:1] == [(line, code)], problems


def test_a_bad_answers_file_is_reported_as_file_line_code_message_and_exits_1(
    tmp_path: Path,
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("location: mars\nwehre: home\n", encoding="utf-8")
    result = walk("--answers-file", str(case))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{case}:1: answer-not-a-choice: 'mars' is not a choice for 'location'"
    assert lines[1] == "    fix: one of: home, abroad"
    assert lines[2].startswith(f"{case}:2: answer-unknown-fact: 'wehre'")
    assert result.stdout == ""  # nothing was walked
    _clean(result)


def test_an_answers_file_that_is_missing_or_a_folder_exits_1(tmp_path: Path) -> None:
    for given in (tmp_path / "nope.yaml", tmp_path):
        result = walk("--answers-file", str(given))
        assert result.returncode == 1
        code = "unreadable" if given.name == "nope.yaml" else "not-a-regular-file"
        assert result.stderr.startswith(f"{given}:1: {code}: "), result.stderr
        _clean(result)


def test_standard_input_answers_and_interactive_exclude_each_other() -> None:
    result = walk("--answers-file", "-", "--interactive", input=CASE)
    assert result.returncode == 2
    assert "standard input" in result.stderr


# ---- --brief ------------------------------------------------------------------------------


def test_brief_with_yes_writes_markdown_and_json_readable_only_by_the_owner(
    tmp_path: Path,
) -> None:
    result = walk("--answers-file", "-", "--brief", str(tmp_path / "case"), "--yes", input=CASE)
    assert result.returncode == 0, result.stderr
    md, js = tmp_path / "case.md", tmp_path / "case.json"
    for path in (md, js):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "# Brief:" in md.read_text(encoding="utf-8")
    assert json.loads(js.read_text(encoding="utf-8"))["finished"] is True
    assert names(tmp_path) == ["case.json", "case.md"]  # no temporary files


def test_brief_to_a_folder_saves_inside_it(tmp_path: Path) -> None:
    for typed in (str(tmp_path), ".", str(tmp_path) + "/"):
        for old in tmp_path.iterdir():
            old.unlink()
        result = walk("--answers-file", "-", "--brief", typed, "--yes", input=CASE, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert names(tmp_path) == ["pathways-brief.json", "pathways-brief.md"]


def test_brief_never_replaces_a_file_without_asking_and_says_so_before_walking(
    tmp_path: Path,
) -> None:
    """With nobody to ask, a file already there would only be refused after the walk:
    it is refused before it starts (exit 2), as every other --brief check is."""
    (tmp_path / "case.md").write_text("mine", encoding="utf-8")
    result = walk("--answers-file", "-", "--brief", str(tmp_path / "case"), "--yes", input=CASE)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"pathways: error: --brief: {tmp_path / 'case.md'} is already there" in result.stderr
    assert (tmp_path / "case.md").read_text(encoding="utf-8") == "mine"
    assert names(tmp_path) == ["case.md"]  # neither file written
    _clean(result)


def test_brief_without_yes_and_nobody_to_ask_is_refused_before_walking(tmp_path: Path) -> None:
    result = walk("--answers-file", "-", "--brief", str(tmp_path / "case"), input=CASE)
    assert result.returncode == 2
    assert "--yes" in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed", ["missing-folder/case", "missing-folder/"])
def test_brief_to_a_path_that_cannot_be_written_says_why_and_writes_nothing(
    tmp_path: Path, typed: str
) -> None:
    (tmp_path / "case.md").mkdir()  # a folder where a file would go
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = walk("--answers-file", "-", "--brief", typed, "--yes", input=CASE, cwd=tmp_path)
    assert result.returncode == 2
    assert "--brief: there is no folder" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    _clean(result)


def test_brief_where_the_json_name_is_a_folder_writes_neither(tmp_path: Path) -> None:
    (tmp_path / "case.json").mkdir()
    result = walk("--answers-file", "-", "--brief", str(tmp_path / "case"), "--yes", input=CASE)
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    assert not (tmp_path / "case.md").exists()
    _clean(result)


@pytest.mark.parametrize("name", ["b" * 250, "b" * 240 + ".md", "b" * 237])
def test_brief_with_a_name_too_long_for_the_folder_is_refused_before_walking(
    tmp_path: Path, name: str
) -> None:
    """Too long once the temporary file's part (14 bytes) is added, for the .md or only
    for the .json (237 + 5 + 14 = 256): refused at the start, as the export dialog
    refuses it, in its words, never after the walk."""
    result = walk("--answers-file", "-", "--brief", str(tmp_path / name), "--yes", input=CASE)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "pathways: error: --brief: the name is too long for this folder (" in result.stderr
    assert "at most 241); choose a shorter name" in result.stderr
    assert list(tmp_path.iterdir()) == []
    _clean(result)


def test_brief_in_a_folder_that_is_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    result = walk("--answers-file", "-", "--brief", str(tmp_path / "notes" / "case"), "--yes",
                  input=CASE)
    assert result.returncode == 2
    assert f"--brief: {tmp_path / 'notes'} is not a folder" in result.stderr
    _clean(result)


def test_a_named_pipe_is_refused_without_waiting_and_points_to_standard_input(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "case.fifo"
    os.mkfifo(fifo)
    result = walk("--answers-file", str(fifo))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{fifo}:1: not-a-regular-file: ")
    assert "'-' to read the answers from standard input" in result.stderr


def test_the_interactive_walk_asks_questions_first_and_reads_the_background_on_i() -> None:
    # i: the background (the welcome step, cited); 2: abroad; 1: can pay; then the summary.
    result = walk("--interactive", input="i\n2\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Enter to continue" not in out
    assert out.index("Choose 1-2") < out.index("-- Background to this case: 1 step(s) --")
    assert "== Welcome ==" in out.split("-- Background to this case")[1]
    summary = out.split("== Verdicts ==")[1]
    assert "Visitor visa: OPEN" in summary
    assert summary.count("    Sources:") == 2


def test_the_interactive_walk_with_full_reads_every_step_in_order() -> None:
    # Enter: welcome; 2: abroad; 1: can pay; Enter: the visa verdict; Enter: the asylum one.
    result = walk("--interactive", "--full", input="\n2\n1\n\n\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("== Welcome ==") < out.index("Choose 1-2")
    assert "Verdict for Visitor visa: OPEN" in out
    assert "== Verdicts ==" in out
    assert "i background" not in out


def test_the_interactive_walk_at_end_of_input_stops_like_a_partial_walk_with_exit_3() -> None:
    result = walk("--interactive")  # stdin: /dev/null, at its end at once
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines()[-1].startswith("stopped: question 'location' has no answer")
    assert "== Verdicts ==" not in result.stdout
    assert walk("--interactive", input="\n2\n").returncode == 3  # stops at the second


def test_answers_from_a_terminal_say_what_is_awaited_and_how_to_end() -> None:
    import pty
    import select
    import time

    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathways", "--rules", str(VALID), "walk", "--answers-file", "-"],
        stdin=child, stdout=subprocess.PIPE, stderr=child, start_new_session=True,
    )
    os.close(child)
    seen = bytearray()
    try:
        deadline = time.monotonic() + 20
        while b"ctrl+d" not in seen and time.monotonic() < deadline:
            if select.select([main], [], [], 0.2)[0]:
                seen.extend(os.read(main, 4096))
        assert b"reading answers from standard input" in seen, bytes(seen)
        assert proc.stdout is not None
        os.write(main, CASE.encode() + b"\x04")
        out = proc.stdout.read().decode()
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)
    assert "Visitor visa: OPEN" in out


@pytest.mark.parametrize(
    "content",
    [
        "location: &x abroad\ncan-fund: *x\n",  # anchors
        "location: abroad\n---\ncan-fund: 'yes'\n",  # a second document
        "location: !!python/name:os.system abroad\n",  # a tag
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)) + "  " * 80 + "v: 1\n",
        "",  # empty
    ],
    ids=["anchor", "two-documents", "tag", "deep", "empty"],
)
def test_answers_file_problems_speak_of_answers_files_not_rule_files(
    content: str, tmp_path: Path
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(content, encoding="utf-8")
    result = walk("--answers-file", str(case))
    assert result.returncode == 1, result.stderr
    assert "rule file" not in result.stderr, result.stderr
    assert "answers file" in result.stderr


def test_a_folder_given_as_answers_file_is_told_to_give_a_file(tmp_path: Path) -> None:
    result = walk("--answers-file", str(tmp_path))
    assert result.returncode == 1
    assert "this is a folder; give a file of answers" in result.stderr
    assert "block or never end" not in result.stderr


def test_a_fact_answered_twice_on_the_command_line_is_refused_like_a_duplicate_key() -> None:
    result = walk("--answer", "location=abroad", "--answer", "location= home ", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "pathways: error: --answer location is given twice (abroad, then home); give each fact "
        "once\n"
    )


HOSTILE_NAMES = ["x\x1b[31mred\nline", "p\x1b[2J/", "tab\there\x07"]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["esc-newline", "clear-folder", "tab-bell"])
@pytest.mark.parametrize("case", ["saved", "already-there", "no-such-folder"])
def test_a_brief_name_with_control_characters_is_echoed_escaped_never_raw(
    name: str, case: str, tmp_path: Path
) -> None:
    if name.endswith("/") and case != "no-such-folder":
        (tmp_path / name).mkdir()
    # (no-such-folder: the name is the folder's, which does not exist)
    target = str(tmp_path / name / "brief") if case == "no-such-folder" else str(tmp_path / name)
    if case == "already-there":
        md = Path(target) / "pathways-brief.md" if name.endswith("/") else Path(target + ".md")
        md.write_text("mine", encoding="utf-8")
    result = walk("--answers-file", "-", "--brief", target, "--yes", input=CASE)
    shown = result.stdout + result.stderr
    assert "\x1b" not in shown and "\x07" not in shown and "\t" not in shown, repr(shown)
    assert "Traceback" not in shown
    escaped = name.rstrip("/").replace("\x1b", "\\x1b").replace("\n", "\\n")
    escaped = escaped.replace("\t", "\\t").replace("\x07", "\\x07")
    assert escaped in shown, shown[-800:]
    lines_naming = [line for line in shown.splitlines() if escaped in line]
    assert lines_naming and all(escaped in line for line in lines_naming)
    assert result.returncode == {"saved": 0, "already-there": 2, "no-such-folder": 2}[case]


def test_a_control_character_in_answers_is_named_at_its_column_with_an_answers_fix() -> None:
    _, problems = read_answers_bytes(b"location: abroad\nus-helper: \x1b[2Jno\n", "case.yaml")
    assert [(p.line, p.code) for p in problems] == [(2, "control-character")]
    assert problems[0].message.startswith("column 12 holds U+001B ESCAPE")
    assert "rule" not in problems[0].hint and "answer" in problems[0].hint


def test_an_answer_the_walk_never_reaches_is_named_in_the_text_json_and_brief(
    tmp_path: Path,
) -> None:
    """review5 #8: at the US border the B-2's home-ties question is never asked; the
    answer given for it is named as not used, not dropped without a word."""
    case = 'location: us-border\nhome-ties: "yes"\n'

    def shipped(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pathways", "walk", "--answers-file", "-",
                               *args], input=case, capture_output=True, text=True, timeout=30,
                              cwd=tmp_path, check=False)

    line = ("Not used on this walk: Work and family ties at home? (home-ties: yes) \u2014 the "
            "walk did not ask it")
    text = shipped()
    assert text.returncode == 0, text.stderr
    assert line in " ".join(text.stdout.split())
    data = json.loads(shipped("--json").stdout)
    assert data["facts"] == {"location": "us-border"}
    assert [(u["fact"], u["choice"], u["why"]) for u in data["unused_answers"]] == [
        ("home-ties", "yes", "the walk did not ask it")
    ]
    saved = shipped("--brief", str(tmp_path / "hb"), "--yes")
    assert saved.returncode == 0, saved.stderr
    brief = (tmp_path / "hb.md").read_text(encoding="utf-8")
    answers = brief.split("## Answers")[1].split("## Verdicts")[0]
    assert line in answers
    twin = json.loads((tmp_path / "hb.json").read_text(encoding="utf-8"))
    assert twin["unused_answers"] == [
        {"question": "home-ties", "question_text": "Work and family ties at home?",
         "choice": "yes", "choice_text": "Yes, work and family ties they could document",
         "why": "the walk did not ask it"}
    ]
