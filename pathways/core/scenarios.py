"""Scenario files: a persona, their answers, and the verdicts a walk must reach.

A scenario file is a YAML list::

    - name: Still in Grozny, no savings, nobody in the US
      persona: Hiding in Chechnya; cannot fund travel.
      answers: {location: chechnya, can-fund-travel: "no"}
      expect:
        verdicts: {b2: blocked, refugee: blocked}
        end: summary
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from pydantic_core import ValidationError

from pathways.core.load import schema_problems
from pathways.core.model import Id, Line, RuleGraph, Status, Verdict
from pathways.core.problems import Problem
from pathways.core.records import Record, field, validator_for
from pathways.core.walk import WalkError, walk_through
from pathways.core.yaml_source import read_yaml


class Expectation(Record):
    verdicts: dict[Id, Status] = field(default_factory=dict)
    verdict_nodes: list[Id] = field(
        default_factory=list, description="Verdict node ids the walk must pass through."
    )
    end: Id | None = None


class Scenario(Record):
    name: Line
    persona: str | None = None
    start: Id | None = field(
        default=None, description="A route id: walk that route alone, from its entry."
    )
    answers: dict[Id, Id] = field(
        default_factory=dict, description="Fact (question id) -> choice id."
    )
    expect: Expectation


_SCENARIO_HINT = "compare it with 'Scenarios' in docs/rule-format.md (what 'pathways test' reads)"


@dataclass
class Outcome:
    file: str
    scenario: Scenario
    failures: list[str]
    verdict_nodes: list[str] = dataclass_field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Report:
    outcomes: list[Outcome]
    problems: list[Problem]
    uncovered: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems and all(o.passed for o in self.outcomes)


def scenario_files(folder: Path) -> list[Path]:
    """The ``*.yaml``/``*.yml`` names in ``folder`` (sorted; hidden names skipped), or
    ``[folder]`` when it is one file. Listed only: each is read by :func:`load_scenarios`,
    which refuses what is not a regular file inside the folder. Raises :class:`OSError`
    when the folder cannot be listed."""
    if folder.is_file():
        return [folder]
    return sorted(
        path for path in folder.iterdir()
        if not path.name.startswith(".") and path.name.endswith((".yaml", ".yml"))
    )


def load_scenarios(path: Path, folder: Path | None = None) -> tuple[list[Scenario], list[Problem]]:
    """The scenarios in ``path`` and its problems. Read as a rule pack's files are
    (:func:`pathways.core.yaml_source.read_yaml`): only a regular file, and only if it
    is inside ``folder`` (by default the folder it is in) after symbolic links, so a
    link out of the folder is refused (``outside-pack``) without being read."""
    name = str(path)
    data, problems = read_yaml(path, name, path.parent if folder is None else folder,
                               kind="scenario file")
    if data is None or problems:
        return [], problems
    if not isinstance(data, list):
        kind = "a mapping (a rule file, perhaps)" if isinstance(data, Mapping) else "not a list"
        return [], [Problem(name, getattr(data, "line", 1), "not-a-scenario-file",
                            f"this is not a scenario file: it is {kind}, and a scenario "
                            "file is a list of scenarios ('- name: ...')", _SCENARIO_HINT)]
    try:
        scenarios: list[Scenario] = validator_for(list[Scenario]).validate_python(data)
        return scenarios, []
    except ValidationError as error:
        return [], [p._replace(hint=_SCENARIO_HINT) for p in schema_problems(error, name, data, ())]


def run_scenario(graph: RuleGraph, scenario: Scenario, file: str) -> Outcome:
    if scenario.start is not None and scenario.start not in graph.routes:
        return Outcome(file, scenario, [f"unknown route '{scenario.start}' in start"])
    try:
        walk = walk_through(graph, scenario.answers, route=scenario.start)
    except WalkError as error:
        return Outcome(file, scenario, [str(error)])
    failures: list[str] = []
    reached = walk.verdict_by_route()
    for route, status in scenario.expect.verdicts.items():
        got = reached.get(route)
        if got is None:
            failures.append(f"route '{route}': expected {status}, but no verdict was reached")
        elif got.status != status:
            failures.append(
                f"route '{route}': expected {status}, got {got.status} (node '{got.id}')"
            )
    nodes = [v.id for v in walk.verdicts]
    for node_id in scenario.expect.verdict_nodes:
        if node_id not in nodes:
            failures.append(f"verdict node '{node_id}' was not reached (reached: {nodes})")
    if scenario.expect.end is not None and walk.position != scenario.expect.end:
        failures.append(f"expected to end at '{scenario.expect.end}', ended at '{walk.position}'")
    unused = graph.unknown_answer_keys(scenario.answers)
    failures += [f"answer '{k}' names no fact (question) in this pack" for k in unused]
    return Outcome(file, scenario, failures, nodes)


def run_folder(graph: RuleGraph, folder: Path) -> Report:
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    try:
        files = scenario_files(folder)
    except OSError as error:
        files = []
        problems.append(Problem(str(folder), 1, "unreadable-folder",
                                f"cannot read this folder: {error.strerror or error}",
                                "check that the folder exists and that you may read it"))
    if not files and not problems:
        problems.append(
            Problem(str(folder), 1, "no-scenarios", "no scenario files (*.yaml) here", "")
        )
    for path in files:
        scenarios, found = load_scenarios(path, folder if folder.is_dir() else None)
        problems += found
        outcomes += [run_scenario(graph, s, str(path)) for s in scenarios]
    covered = {node for o in outcomes for node in o.verdict_nodes}
    uncovered = [  # (none when no scenario could be read: there was nothing to measure)
        n.id for n in graph.nodes.values() if isinstance(n, Verdict) and n.id not in covered
    ] if outcomes else []
    return Report(outcomes, problems, uncovered)


def as_json(report: Report) -> dict[str, Any]:
    return {
        "passed": sum(o.passed for o in report.outcomes),
        "failed": sum(not o.passed for o in report.outcomes),
        "scenarios": [
            {"file": o.file, "name": o.scenario.name, "passed": o.passed, "failures": o.failures}
            for o in report.outcomes
        ],
        "uncovered_verdicts": report.uncovered,
        "problems": [p.as_dict() for p in report.problems],
    }
