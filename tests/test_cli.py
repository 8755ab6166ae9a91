"""The real command line, in a subprocess: exit codes, output formats, hostile input."""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pathways import __version__
from pathways.cli import build_parser
from tests.fixture_packs import FIXTURES, SOURCES, VALID, marked

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PROBLEM_LINE = re.compile(r"^(?P<file>[^\n:]+):(?P<line>\d+): (?P<code>[a-z0-9-]+): \S")
ROUTE_IDS = 5  # the shipped pack's five routes


def run(
    *args: str, timeout: float = 20, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m pathways ARGS`` with stdin not a terminal (empty unless ``input``)."""
    return subprocess.run(
        [sys.executable, "-m", "pathways", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
    )


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def _subcommands() -> list[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("the parser has no sub-commands")


# ---- validate -----------------------------------------------------------------------------


def test_validate_clean_pack_exits_0_and_says_ok() -> None:
    result = run("validate", str(VALID))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 3 files, 10 nodes")


def test_validate_with_problems_exits_1_printing_file_line_code_message() -> None:
    pack = FIXTURES / "three-problems"
    result = run("validate", str(pack))
    assert result.returncode == 1
    _no_traceback(result)
    lines = [ln for ln in result.stdout.splitlines() if PROBLEM_LINE.match(ln)]
    found = set()
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match is not None
        found.add((Path(match["file"]).name, int(match["line"]), match["code"]))
    assert found == marked(pack)
    assert "3 problem(s)" in result.stderr


def test_validate_json_reports_ok_for_a_clean_pack() -> None:
    report = _json(run("validate", str(VALID), "--json"))
    assert report["ok"] is True
    assert report["problems"] == []
    assert report["nodes"] == 10


def test_validate_json_lists_every_problem_with_file_and_line() -> None:
    pack = FIXTURES / "three-problems"
    result = run("validate", str(pack), "--json")
    assert result.returncode == 1
    report = _json(result)
    assert report["ok"] is False
    got = {(Path(p["file"]).name, p["line"], p["code"]) for p in report["problems"]}
    assert got == marked(pack)
    assert all(p["message"] and p["hint"] for p in report["problems"])


def test_validate_with_sources_checks_every_quote() -> None:
    assert run("validate", str(VALID), "--sources", str(SOURCES)).returncode == 0
    result = run("validate", str(FIXTURES / "quote-not-found"), "--sources", str(SOURCES))
    assert result.returncode == 1
    assert ": quote-not-found: " in result.stdout
    assert "closest passage" in result.stdout


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no ../shared/seeds next to this checkout")
def test_shipped_pack_quotes_are_all_in_the_real_seed_texts() -> None:
    result = run("validate", "--sources", str(SEEDS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every quote against its source" in result.stdout


@pytest.mark.parametrize(
    "text",
    ["a: 1\n\tb: 2\n", "a:\n\tb: 2\n", "a:\n  - x\n\t- y\n", "a:\n  b:\n  \tc: 1\n"],
)
def test_a_line_indented_with_a_tab_is_named_as_a_tab_with_the_fix(
    tmp_path: Path, text: str
) -> None:
    shutil.copytree(VALID, tmp_path / "pack")
    (tmp_path / "pack" / "tabbed.yaml").write_text(text, encoding="utf-8")
    result = run("validate", str(tmp_path / "pack"))
    assert result.returncode == 1
    tab_line = next(n for n, line in enumerate(text.splitlines(), 1) if "\t" in line)
    assert (f"tabbed.yaml:{tab_line}: yaml-syntax: YAML syntax: this line is indented with a "
            "tab; YAML indents with spaces only") in result.stdout, result.stdout
    assert "fix: replace the tab at the start of this line with spaces" in result.stdout
    assert "cannot start any token" not in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "no/such/folder"], "rules folder not found"),
        (["validate", str(VALID), "--sources", "no/such/folder"], "sources folder not found"),
        (["--rules", "no/such/folder", "graph"], "rules folder not found"),
        (["no-such-command"], "invalid choice"),
        (["graph", "--format", "png"], "invalid choice"),
        (["walk", "--rules", str(VALID), "--answer", "where"], "FACT=CHOICE"),
        (["walk", "--rules", str(VALID), "--route", "nowhere"], "no route 'nowhere'"),
        (["walk", "--interactive", "--no-interactive"], "not allowed with"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], says: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert says in result.stderr
    _no_traceback(result)


# ---- walk ---------------------------------------------------------------------------------


def _first_choice_answers(graph: dict[str, Any]) -> list[str]:
    """--answer QUESTION=FIRST_CHOICE for every question of an exported graph."""
    args = []
    for node in graph["nodes"]:
        if node["kind"] == "question":
            args += ["--answer", f"{node['id']}={node['choices'][0]['id']}"]
    return args


@pytest.fixture(scope="module")
def shipped_graph() -> dict[str, Any]:
    result = run("graph", "--format", "json")
    assert result.returncode == 0, result.stderr
    graph: dict[str, Any] = json.loads(result.stdout)
    return graph


def test_walk_of_the_shipped_pack_reaches_a_verdict_for_each_of_five_routes(
    shipped_graph: dict[str, Any],
) -> None:
    result = run("walk", "--json", *_first_choice_answers(shipped_graph))
    assert result.returncode == 0, result.stderr
    walk = _json(result)
    routes = [r["id"] for r in shipped_graph["routes"]]
    assert len(routes) == ROUTE_IDS
    assert {v["route"] for v in walk["verdicts"]} == set(routes)
    assert all(v["status"] in ("open", "blocked", "long-shot") for v in walk["verdicts"])
    assert walk["end"] == walk["path"][-1]["node"]
    assert set(walk) >= {"path", "facts", "verdicts", "end"}


def test_walk_text_of_the_shipped_pack_cites_each_verdict_in_the_summary(
    shipped_graph: dict[str, Any],
) -> None:
    result = run("walk", *_first_choice_answers(shipped_graph))
    assert result.returncode == 0, result.stderr
    routes = {r["id"]: r["title"] for r in shipped_graph["routes"]}
    summary = result.stdout.split("== Verdicts ==")[-1]
    for title in routes.values():
        assert f"{title}: " in summary
    assert "not reached" not in result.stdout
    assert summary.count("    Sources:") == ROUTE_IDS
    assert "Verdict for " not in result.stdout  # a case walk: the questions, then the summary
    assert "Background passed on the way" in result.stdout


def test_walk_text_with_full_shows_each_verdict_step_with_its_citations(
    shipped_graph: dict[str, Any],
) -> None:
    result = run("walk", "--full", *_first_choice_answers(shipped_graph))
    assert result.returncode == 0, result.stderr
    assert "not reached" not in result.stdout
    assert result.stdout.count("Sources:") >= ROUTE_IDS
    assert result.stdout.count("Verdict for ") >= ROUTE_IDS
    assert "Background passed on the way" not in result.stdout


def test_walk_json_is_the_same_for_a_case_walk_and_a_full_one(
    shipped_graph: dict[str, Any],
) -> None:
    answers = _first_choice_answers(shipped_graph)
    case = run("walk", "--json", *answers)
    full = run("walk", "--json", "--full", *answers)
    assert case.returncode == full.returncode == 0, case.stderr + full.stderr
    assert json.loads(case.stdout) == json.loads(full.stdout)
    stopped = run("walk", "--json", "--answer", "location=chechnya")
    stopped_full = run("walk", "--json", "--full", "--answer", "location=chechnya")
    assert stopped.returncode == stopped_full.returncode == 3
    assert json.loads(stopped.stdout) == json.loads(stopped_full.stdout)


def test_walk_json_of_the_fixture_pack_matches_the_answers() -> None:
    result = run(
        "--rules",
        str(VALID),
        "walk",
        "--json",
        "--answer",
        "location=home",
        "--answer",
        "can-fund=yes",
    )
    assert result.returncode == 0, result.stderr
    walk = _json(result)
    assert walk["facts"] == {"location": "home", "can-fund": "yes"}
    assert [(v["route"], v["status"]) for v in walk["verdicts"]] == [
        ("visa", "blocked"),
        ("asylum", "long-shot"),
    ]
    assert walk["end"] == "summary"


def test_walk_from_a_route_entry_walks_that_route() -> None:
    result = run(
        "walk", "--rules", str(VALID), "--route", "asylum", "--json", "--answer", "can-fund=no"
    )
    assert result.returncode == 0, result.stderr
    walk = _json(result)
    assert walk["path"][0] == {"node": "can-fund", "choice": "no"}  # asked by the route's branch
    assert [v["node"] for v in walk["verdicts"]] == ["asylum-blocked"]


@pytest.mark.parametrize("stdin", [None, ""], ids=["devnull", "empty-pipe"])
def test_unanswered_question_without_a_terminal_exits_3_naming_it_and_its_choices(
    stdin: str | None,
) -> None:
    started = time.monotonic()
    result = run(
        "walk", "--rules", str(VALID), "--answer", "location=home", timeout=10, input=stdin
    )
    assert time.monotonic() - started < 5
    assert result.returncode == 3
    assert "'can-fund'" in result.stderr
    assert "yes, no" in result.stderr
    assert "--answer can-fund=" in result.stderr
    assert "> answer: " in result.stdout  # the walk as far as the answers went
    _no_traceback(result)


def test_answer_naming_no_fact_exits_1_listing_the_facts() -> None:
    result = run("walk", "--rules", str(VALID), "--answer", "wehre=home")
    assert result.returncode == 1
    assert "'wehre'" in result.stderr
    assert "can-fund, location" in result.stderr


def test_answer_naming_a_node_rather_than_a_fact_exits_1() -> None:
    result = run("walk", "--rules", str(VALID), "--answer", "visa-branch=home")
    assert result.returncode == 1
    assert "no fact named 'visa-branch'" in result.stderr


def test_answer_that_is_not_a_choice_exits_1_naming_the_choices() -> None:
    result = run(
        "walk", "--rules", str(VALID), "--answer", "location=mars", "--answer", "can-fund=no"
    )
    assert result.returncode == 1
    assert "'mars'" in result.stderr and "home, abroad" in result.stderr


def test_walk_of_a_broken_pack_exits_1_with_its_problems() -> None:
    result = run("walk", "--rules", str(FIXTURES / "missing-node"), "--answer", "ask=yes")
    assert result.returncode == 1
    assert ": missing-node: " in result.stderr
    _no_traceback(result)


# ---- graph and schema ---------------------------------------------------------------------


def _edges(graph: dict[str, Any]) -> set[tuple[str, str]]:
    edges: set[tuple[str, str]] = set()
    for node in graph["nodes"]:
        targets = [c["next"] for c in node.get("cases", [])]
        targets += [node[k] for k in ("default", "next") if node.get(k)]
        edges |= {(node["id"], t) for t in targets}
    return edges


@pytest.fixture(scope="module")
def valid_graph() -> dict[str, Any]:
    result = run("graph", "--rules", str(VALID), "--format", "json")
    assert result.returncode == 0, result.stderr
    graph: dict[str, Any] = json.loads(result.stdout)
    return graph


def _asks(graph: dict[str, Any]) -> set[tuple[str, str]]:
    """Branch -> each question whose fact it reads."""
    questions = {n["id"] for n in graph["nodes"] if n["kind"] == "question"}
    return {
        (n["id"], fact)
        for n in graph["nodes"] if n["kind"] == "branch"
        for case in n["cases"] for fact in case["when"] if fact in questions
    }  # fmt: skip


def test_graph_json_is_the_documented_contract(valid_graph: dict[str, Any]) -> None:
    assert valid_graph["schema_version"] == 2
    assert valid_graph["start"] == "welcome"
    assert [set(r) >= {"id", "title", "summary"} for r in valid_graph["routes"]] == [True] * 2
    keys = {"id", "outlet", "title", "byline", "date", "url", "kind", "file"}
    assert all(set(s) >= keys for s in valid_graph["sources"])
    nodes = {n["id"]: n for n in valid_graph["nodes"]}
    assert len(nodes) == 10
    assert all(
        set(n) >= {"id", "kind", "title", "text", "routes", "citations"} for n in nodes.values()
    )
    assert nodes["can-fund"]["fact"] == "can-fund"
    assert nodes["can-fund"]["choices"][0] == {"id": "yes", "label": "Yes"}
    assert nodes["visa-open"]["status"] == "open" and nodes["visa-open"]["next"] == "asylum-branch"
    assert nodes["visa-branch"]["cases"][0]["when"] == {"location": "abroad", "can-fund": "yes"}
    assert nodes["welcome"]["citations"] == [
        {"source": "report", "quote": "Visa rules are strict."}
    ]


def test_graph_json_is_complete_enough_to_re_walk_the_graph(valid_graph: dict[str, Any]) -> None:
    """Walk the exported JSON alone and get the same path as 'pathways walk'."""
    nodes = {n["id"]: n for n in valid_graph["nodes"]}
    answers = {"location": "abroad", "can-fund": "no"}
    facts: dict[str, str] = {}
    path, at = [], valid_graph["start"]
    while nodes[at]["kind"] != "end":
        node = nodes[at]
        if node["kind"] == "branch":
            chosen = None
            for case in node["cases"]:
                matched = True
                for fact, wanted in case["when"].items():
                    if fact not in facts:  # the branch asks the fact's question first
                        facts[fact] = answers[fact]
                        path.append(fact)
                    if facts[fact] not in ([wanted] if isinstance(wanted, str) else wanted):
                        matched = False
                        break
                if matched:
                    chosen = case["next"]
                    break
            path.append(at)
            at = chosen or node["default"]
        else:
            path.append(at)
            at = node["next"]
    path.append(at)
    walked = _json(
        run(
            "walk",
            "--rules",
            str(VALID),
            "--json",
            *[f"--answer={k}={v}" for k, v in answers.items()],
        )
    )
    assert [step["node"] for step in walked["path"]] == path


def test_graph_mermaid_draws_every_node_and_edge(valid_graph: dict[str, Any]) -> None:
    result = run("graph", "--rules", str(VALID), "--format", "mermaid")
    assert result.returncode == 0
    assert result.stdout.startswith("flowchart TD\n")

    def mid(node_id: str) -> str:
        return "n_" + node_id.replace("-", "_")

    for node in valid_graph["nodes"]:
        assert re.search(rf"^  {mid(node['id'])}[\[({{]", result.stdout, re.M)
    drawn = set(re.findall(r"^  (n_\w+) -->(?:\|[^|]*\|)? (n_\w+)$", result.stdout, re.M))
    assert drawn == {(mid(a), mid(b)) for a, b in _edges(valid_graph)}
    asks = set(re.findall(r"^  (n_\w+) -\.->\|\"asks\"\| (n_\w+)$", result.stdout, re.M))
    assert asks == {(mid(a), mid(b)) for a, b in _asks(valid_graph)}


def test_graph_dot_draws_every_node_and_edge(valid_graph: dict[str, Any]) -> None:
    result = run("graph", "--rules", str(VALID), "--format", "dot")
    assert result.returncode == 0
    assert result.stdout.startswith("digraph ") and result.stdout.rstrip().endswith("}")
    for node in valid_graph["nodes"]:
        assert f'  "{node["id"]}" [' in result.stdout
    drawn = set(re.findall(r'^  "([a-z0-9-]+)" -> "([a-z0-9-]+)"', result.stdout, re.M))
    assert drawn == _edges(valid_graph) | _asks(valid_graph)


def test_schema_is_json_schema_with_a_definition_per_node_kind() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = _json(result)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"Question", "Info", "Branch", "Verdict", "End", "Source", "Route"} <= set(
        schema["$defs"]
    )
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "pack", "routes", "sources", "glossary", "nodes", "sequences", "tours"
    }


# ---- --version, --help, --rules -----------------------------------------------------------


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"pathways {__version__}")


@pytest.mark.parametrize("command", [None, *_subcommands()])
def test_help_of_every_command_ends_with_an_example(command: str | None) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    lines = result.stdout.rstrip().splitlines()
    assert lines[-2] == "example:"
    assert lines[-1].startswith("  pathways ")
    assert "--rules DIR" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["walk", "--answer", "ask=yes"],
        ["graph"],
        ["test", str(FIXTURES / "valid")],
        ["docs", "--check", "--out", "no-such-docs"],
        ["tour", "--list"],
    ],
    ids=lambda a: a[0],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_rules_option_loads_the_given_pack_on_every_command(args: list[str], where: str) -> None:
    pack = FIXTURES / "missing-node"
    rules = ["--rules", str(pack)]
    argv = [*rules, *args] if where == "before" else [args[0], *rules, *args[1:]]
    result = run(*argv)
    _no_traceback(result)
    assert result.returncode == 1
    assert str(pack / "pack.yaml") in result.stdout + result.stderr


def test_schema_accepts_rules_option() -> None:
    assert run("schema", "--rules", str(VALID)).returncode == 0


# ---- hostile input: a clear error, no traceback, quickly ----------------------------------

HOSTILE: dict[str, tuple[bytes, str]] = {
    "malformed": (b"nodes:\n  - id: x\n    title: [unclosed\n  kind: info\n", "yaml-syntax"),
    "binary": (bytes(range(256)) * 4, "binary-file"),
    "non-utf8": ("glossary:\n  - id: x\n    term: Caf\u00e9\n".encode("cp1252"), "not-utf8"),
    "alias-bomb": (
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
        ).encode(),
        "yaml-alias",
    ),
    "deep": (b"nodes: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "too-deep"),
    "empty": (b"", "empty-file"),
    "wrong-types": (b"nodes: 5\nroutes: {id: 3}\n", "schema"),
}
BIG_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    packs = {}
    for name, (data, _) in HOSTILE.items():
        pack = tmp_path_factory.mktemp(name) / "pack"
        shutil.copytree(VALID, pack)
        (pack / "hostile.yaml").write_bytes(data)
        packs[name] = pack
    big = tmp_path_factory.mktemp("huge") / "pack"
    shutil.copytree(VALID, big)
    with (big / "hostile.yaml").open("w", encoding="utf-8") as file:
        line = "# " + "x" * 1021 + "\n"
        for _ in range(BIG_BYTES // len(line) + 1):
            file.write(line)
    packs["50-MB"] = big
    return packs


@pytest.mark.parametrize("name", [*HOSTILE, "50-MB"])
@pytest.mark.parametrize(
    "command",
    [["validate"], ["walk", "--answer", "where=home"], ["graph", "--format", "json"]],
    ids=lambda c: c[0],
)
def test_hostile_file_gives_a_clear_problem_quickly_without_traceback(
    hostile_packs: dict[str, Path], name: str, command: list[str]
) -> None:
    code = HOSTILE[name][1] if name in HOSTILE else "file-too-large"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run("--rules", str(hostile_packs[name]), *command, timeout=30)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the command, not wall time: a busy machine (or pytest -n) must not fail it.
    elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    _no_traceback(result)
    assert result.returncode == 1
    assert "hostile.yaml:" in result.stdout + result.stderr
    assert f": {code}: " in result.stdout + result.stderr
    assert elapsed < 2.0, f"{elapsed:.2f}s"


def test_test_pointed_at_a_rules_folder_says_these_are_not_scenario_files() -> None:
    result = run("test", str(VALID))
    assert result.returncode == 1
    _no_traceback(result)
    assert "not-a-scenario-file: this is not a scenario file" in result.stderr
    assert "docs/rule-format.md" in result.stderr
    assert "schema.json" not in result.stderr and "valid list" not in result.stderr
    assert "verdicts no scenario reaches" not in result.stdout
    assert "no scenario could be read" in result.stderr


MANY = 120  # extra steps leading nowhere: two problems each


@pytest.fixture(scope="module")
def pack_with_hundreds_of_problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.hostile_packs import BASE_PACK

    folder = tmp_path_factory.mktemp("many-problems")
    (folder / "pack.yaml").write_text(BASE_PACK + "".join(
        f"  - {{id: extra-{i}, kind: info, title: T, text: X, next: gone-{i}}}\n"
        for i in range(MANY)
    ), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "args", [["walk"], ["graph"], ["tour", "--list"], ["docs", "--out", "out"], ["test", "."]],
    ids=lambda a: a[0],
)
def test_a_pack_with_hundreds_of_problems_lists_fifty_and_counts_the_rest(
    args: list[str], pack_with_hundreds_of_problems: Path
) -> None:
    result = run("--rules", str(pack_with_hundreds_of_problems), *args)
    assert result.returncode == 1
    _no_traceback(result)
    lines = result.stderr.splitlines()
    listed = [line for line in lines if PROBLEM_LINE.match(line)]
    assert len(listed) == 50
    total = int(lines[-1].split()[0])
    assert total >= 2 * MANY
    assert lines[-2] == (f"… and {total - 50:,} more problems; "
                         "run 'pathways validate --json' for all")


def test_validate_is_the_full_report_and_lists_every_problem(
    pack_with_hundreds_of_problems: Path,
) -> None:
    result = run("validate", str(pack_with_hundreds_of_problems))
    listed = [line for line in result.stdout.splitlines() if PROBLEM_LINE.match(line)]
    assert result.returncode == 1
    assert len(listed) >= 2 * MANY
    assert result.stderr == f"{len(listed)} problem(s) found\n"
    as_json = _json(run("validate", "--json", str(pack_with_hundreds_of_problems)))
    assert len(as_json["problems"]) == len(listed)
