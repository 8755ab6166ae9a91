"""The shipped pack's scenario files run through the real engine, and `pathways test`.

Each persona in scenarios/ (the shipped pack's own, installed with it as
pathways/scenarios/) is one test; another test fails when a verdict of the shipped pack is
reached by no scenario.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.core.model import Question, RuleGraph, Verdict
from pathways.core.scenarios import (
    Scenario,
    load_scenarios,
    run_folder,
    run_scenario,
    scenario_files,
)
from pathways.core.shipped_pack import shipped_scenarios_dir
from pathways.core.walk import walk_through
from tests.conftest import shipped_graph

HERE = Path(__file__).resolve().parent
SCENARIOS = shipped_scenarios_dir()
FIXTURES = HERE / "fixtures"


def _graph() -> RuleGraph:
    return shipped_graph()


def _all() -> list[tuple[str, Scenario]]:
    found: list[tuple[str, Scenario]] = []
    for path in scenario_files(SCENARIOS):
        scenarios, problems = load_scenarios(path)
        assert problems == [], problems
        found += [(path.name, s) for s in scenarios]
    return found


ALL = _all()


def test_personas_are_distinct_and_take_every_choice_of_every_question() -> None:
    graph = _graph()
    assert len({s.name for _, s in ALL}) == len(ALL), "two personas share a name"
    cases = {(s.start, tuple(sorted(s.answers.items()))) for _, s in ALL}
    assert len(cases) == len(ALL), "two personas give the same answers"
    taken: set[tuple[str, str]] = set()
    for _, scenario in ALL:
        walk = walk_through(graph, scenario.answers, route=scenario.start)
        taken |= {(step.node, step.choice) for step in walk.path if step.choice is not None}
    untaken = [
        f"{node.id}={choice.id}"
        for node in graph.nodes.values() if isinstance(node, Question)
        for choice in node.choices if (node.id, choice.id) not in taken
    ]
    assert untaken == [], f"no persona answers: {untaken}"


@pytest.mark.parametrize(("file", "scenario"), ALL, ids=[s.name for _, s in ALL])
def test_persona_reaches_the_expected_verdicts(file: str, scenario: Scenario) -> None:
    outcome = run_scenario(_graph(), scenario, file)
    assert outcome.failures == []
    assert scenario.expect.verdicts, "a scenario must expect at least one verdict"


def test_every_verdict_of_the_shipped_pack_is_reached_by_some_scenario() -> None:
    graph = _graph()
    report = run_folder(graph, SCENARIOS)
    verdicts = {n.id for n in graph.nodes.values() if isinstance(n, Verdict)}
    assert report.uncovered == []
    assert verdicts <= {node for o in report.outcomes for node in o.verdict_nodes}


def test_a_wrong_expectation_fails_and_names_the_route() -> None:
    graph = _graph()
    _, scenario = ALL[0]
    route, status = next(iter(scenario.expect.verdicts.items()))
    other = next(s for s in ("open", "blocked", "long-shot") if s != status)
    wrong = scenario.model_copy(
        update={"expect": scenario.expect.model_copy(update={"verdicts": {route: other}})}
    )
    outcome = run_scenario(graph, wrong, "x.yaml")
    assert not outcome.passed
    assert f"route '{route}': expected {other}" in outcome.failures[0]


def _pathways_test(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathways", "test", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd,
    )


def test_the_shipped_scenarios_are_package_data_beside_the_pack_not_in_it() -> None:
    """In a checkout scenarios/ sits beside rules/; installed, both are in the package.
    Not inside rules/: every .yaml file under a pack's folder is read as a rule file."""
    from pathways.core.shipped_pack import shipped_rules_dir

    assert SCENARIOS.parent == shipped_rules_dir().parent
    assert SCENARIOS.name == "scenarios" and sorted(SCENARIOS.glob("*.yaml"))
    assert not (HERE / "scenarios").exists(), "one copy of the scenarios, not two"


def test_pathways_test_with_no_folder_runs_the_shipped_scenarios_from_any_folder(
    tmp_path: Path,
) -> None:
    """Outside a checkout (no tests/ or scenarios/ here), as after 'pip install'."""
    result = _pathways_test(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith(f"\n{len(ALL)} passed, 0 failed\n"), result.stdout
    assert f"({SCENARIOS / 'full-walks.yaml'})" in result.stdout


def test_pathways_test_on_another_pack_with_no_folder_says_what_to_give(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "my pack"
    import shutil

    shutil.copytree(FIXTURES / "valid", pack)
    result = _pathways_test("--rules", str(pack), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"pathways: error: no scenario folder given for the pack in '{pack}'; give the "
        f"folder of its scenario files: pathways test DIR --rules '{pack}' (with no "
        "folder, 'pathways test' runs the shipped pack's own scenarios, on the shipped "
        "pack)\n"
    )


@pytest.mark.parametrize("pack", ["shipped", "another"])
def test_a_scenario_folder_that_is_not_there_is_named_with_what_to_give(
    tmp_path: Path, pack: str
) -> None:
    rules = [] if pack == "shipped" else ["--rules", str(FIXTURES / "valid")]
    result = _pathways_test("tests/scenarios", *rules, cwd=tmp_path)
    assert result.returncode == 2
    shipped_own = " (with no folder, 'pathways test' runs the shipped pack's own)"
    assert result.stderr == (
        "pathways: error: scenario folder not found: tests/scenarios; give the folder (or "
        "the file) of scenario files" + (shipped_own if pack == "shipped" else "") + "\n"
    )


def test_pathways_test_given_the_shipped_pack_by_its_folder_runs_its_own_scenarios(
    tmp_path: Path,
) -> None:
    from pathways.core.shipped_pack import shipped_rules_dir

    link = tmp_path / "pack"
    link.symlink_to(shipped_rules_dir())
    result = _pathways_test("--rules", str(link), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["passed"] == len(ALL)


def test_pathways_test_runs_another_pack_and_its_scenarios() -> None:
    result = _pathways_test(
        str(FIXTURES / "scenarios-valid"), "--rules", str(FIXTURES / "valid"), "--json"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] == 2 and report["failed"] == 0
    assert report["uncovered_verdicts"] == []


def test_pathways_test_fails_on_uncovered_verdicts_unless_allowed(tmp_path: Path) -> None:
    text = (FIXTURES / "scenarios-valid" / "walks.yaml").read_text(encoding="utf-8")
    (tmp_path / "one.yaml").write_text(text.split("- name: At home")[0], encoding="utf-8")
    rules = ["--rules", str(FIXTURES / "valid")]
    failed = _pathways_test(str(tmp_path), *rules)
    assert failed.returncode == 1
    assert "verdicts no scenario reaches: asylum-blocked, visa-blocked" in failed.stdout
    assert _pathways_test(str(tmp_path), *rules, "--allow-uncovered").returncode == 0


def test_pathways_test_reports_a_broken_scenario_file_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- name: x\n  answers: {a: b}\n  expect: 3\n")
    result = _pathways_test(str(tmp_path), "--rules", str(FIXTURES / "valid"))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.yaml'}:3: schema:" in result.stderr


def test_pathways_test_reads_nothing_a_link_leads_to_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "cfg.yaml").write_text(
        "hunter2-secret-token: 1\nhunter2-secret-token: 2\n", encoding="utf-8"
    )
    (outside / "walks.yaml").write_text(
        (FIXTURES / "scenarios-valid" / "walks.yaml").read_text(encoding="utf-8").replace(
            "- name: ", "- name: Secret person Ivan Ivanov ", 1
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "sc"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(outside / "cfg.yaml")
    (folder / "walks.yaml").symlink_to("../outside/walks.yaml")
    (folder / "sh.yaml").symlink_to("/etc/passwd")
    for args in ([str(folder)], [str(folder / "walks.yaml")], [str(folder), "--json"]):
        result = _pathways_test(*args, "--rules", str(FIXTURES / "valid"))
        said = result.stdout + result.stderr
        assert result.returncode == 1, said
        assert "outside-pack" in said
        for secret in ("hunter2", "Ivan", "root:", "mapping", "PASS"):
            assert secret not in said, said
    listed = _pathways_test(str(folder), "--rules", str(FIXTURES / "valid")).stderr
    assert f"{folder / 'link.yaml'}:1: outside-pack:" in listed
    assert f"{folder / 'sh.yaml'}:1: outside-pack:" in listed


def test_pathways_test_refuses_fifos_and_devices_in_the_folder_without_waiting(
    tmp_path: Path,
) -> None:
    import os

    (tmp_path / "pipe.yaml").parent.mkdir(exist_ok=True)
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "test", str(tmp_path), "--rules",
         str(FIXTURES / "valid")], capture_output=True, text=True, timeout=20,
    )
    assert result.returncode == 1
    assert f"{tmp_path / 'pipe.yaml'}:1: not-a-regular-file:" in result.stderr
    assert f"{tmp_path / 'zero.yaml'}:1: outside-pack:" in result.stderr
    assert f"{tmp_path / 'self.yaml'}:1: " in result.stderr
    fifo = subprocess.run(
        [sys.executable, "-m", "pathways", "test", str(tmp_path / "pipe.yaml")],
        capture_output=True, text=True, timeout=20,
    )
    assert fifo.returncode == 2
    assert "is not a folder: it is a named pipe (FIFO)" in fifo.stderr


@pytest.mark.parametrize(
    ("kind", "fix"),
    [
        ("rules", "fix: remove it: rule text is plain text and Markdown"),
        ("scenarios", "fix: remove it: a scenario file is plain text"),
        ("answers", "fix: remove it: an answer is a fact and a choice id, as plain text"),
    ],
)
@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\x85"])
def test_a_control_character_is_fixed_in_the_words_of_the_file_it_is_in(
    tmp_path: Path, kind: str, fix: str, char: str
) -> None:
    """The same problem, built in one place, names the kind of file it was found in."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "valid", rules)
    walks = (FIXTURES / "scenarios-valid" / "walks.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    if kind == "rules":
        bad = rules / "bad.yaml"
        bad.write_text(f"glossary:\n  - term: x{char}y\n    means: z\n", encoding="utf-8")
        argv = ["validate", str(rules)]
    elif kind == "scenarios":
        bad.write_text(walks.replace("- name: ", f"- name: x{char}", 1), encoding="utf-8")
        argv = ["test", str(tmp_path), "--rules", str(rules)]
    else:
        bad.write_text(f"location: abroad\ncan-fund: \"x{char}\"\n", encoding="utf-8")
        argv = ["--rules", str(rules), "walk", "--answers-file", str(bad), "--no-interactive"]
    result = subprocess.run([sys.executable, "-m", "pathways", *argv],
                            capture_output=True, text=True, timeout=30)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert f"{bad}:" in said and "-character:" in said, said
    assert fix in said, said
    if kind != "rules":
        assert "rule" not in said.split(f"{bad}:", 1)[1].split("\n")[1], said
