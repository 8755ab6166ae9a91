"""An answers file: a case's answers as a YAML mapping ``fact: choice``, kept out of shell history.

::

    # case-17.yaml
    location: elsewhere-in-russia
    can-fund-travel: "no"

A key is a fact (since rule language v2, the id of the one question that asks it); a value
is one of that question's choice ids. The file is read with the same safe YAML reader as rule files,
and every problem comes back as data with its line, so the command line can report
``file:line: code: message`` and exit 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pathways.core.model import Question, RuleGraph
from pathways.core.problems import Problem
from pathways.core.yaml_source import YamlMap, read_yaml, read_yaml_bytes

EXAMPLE = "location: elsewhere-in-russia"


def read_answers_file(path: Path, name: str | None = None) -> tuple[Any, list[Problem]]:
    """The raw YAML of an answers file (``None`` when it cannot be read) and its problems."""
    return _reworded(*read_yaml(path, name or str(path), kind="answers file"))


def read_answers_bytes(raw: bytes, name: str) -> tuple[Any, list[Problem]]:
    """As :func:`read_answers_file`, for answers already in memory (standard input)."""
    return _reworded(*read_yaml_bytes(raw, name, "answers file"))


def _reworded(data: Any, problems: list[Problem]) -> tuple[Any, list[Problem]]:
    """The YAML reader speaks of rule files; say what an answers file needs instead."""
    out = []
    for problem in problems:
        problem = problem._replace(
            message=_about_answers(problem.message), hint=_about_answers(problem.hint)
        )
        if problem.code == "not-a-regular-file" and problem.message.startswith(
            "this is a folder"
        ):
            problem = problem._replace(message="this is a folder; give a file of answers")
        if problem.code == "empty-file":
            problem = problem._replace(
                message="no answers in it",
                hint=f"write one answer a line, as 'fact: choice' (for example '{EXAMPLE}')",
            )
        elif problem.code == "not-a-regular-file":
            problem = problem._replace(
                hint="give an ordinary file, or '-' to read the answers from standard input",
            )
        out.append(problem)
    return data, out


def _about_answers(text: str) -> str:
    """The YAML reader's words about rule files, said of an answers file."""
    return (
        text.replace("a rule file", "an answers file")
        .replace("rule files", "answers files")
        .replace("rule file", "answers file")
    )


def _choices_for(graph: RuleGraph, key: str) -> list[Question]:
    """The questions an answer keyed ``key`` (a question id or a fact) would answer."""
    node = graph.nodes.get(key)
    if isinstance(node, Question):
        return [node]
    return [n for n in graph.nodes.values() if isinstance(n, Question) and n.fact == key]


def check_answers(graph: RuleGraph, data: Any, name: str) -> tuple[dict[str, str], list[Problem]]:
    """The answers in ``data`` (as read from file ``name``) and a problem for each bad one."""
    if not isinstance(data, Mapping):
        line = getattr(data, "line", 1)
        return {}, [
            Problem(
                name,
                line,
                "answers-not-a-mapping",
                f"an answers file is a mapping of 'fact: choice', not a {_kind(data)}",
                f"write one answer a line, as 'fact: choice' (for example '{EXAMPLE}')",
            )
        ]
    key_lines = data.key_lines if isinstance(data, YamlMap) else {}
    answers: dict[str, str] = {}
    problems: list[Problem] = []
    facts = sorted(graph.fact_names())
    for key, value in data.items():
        line = key_lines.get(key, getattr(data, "line", 1))
        key_text = str(key)
        questions = _choices_for(graph, key_text)
        if not questions:
            problems.append(
                Problem(
                    name,
                    line,
                    "answer-unknown-fact",
                    f"'{key_text}' is not a fact or question of this rule pack",
                    f"facts: {', '.join(facts)}",
                )
            )
            continue
        choices = list(dict.fromkeys(c.id for q in questions for c in q.choices))
        if isinstance(value, bool) or not isinstance(value, str):
            hint = f"one of: {', '.join(choices)}"
            if isinstance(value, bool):
                hint += " (write yes/no, not true/false)"
            problems.append(
                Problem(
                    name,
                    line,
                    "answer-not-a-choice",
                    f"the answer to '{key_text}' must be a choice id, not a {_kind(value)}",
                    hint,
                )
            )
            continue
        if value not in choices:
            problems.append(
                Problem(
                    name,
                    line,
                    "answer-not-a-choice",
                    f"'{value}' is not a choice for '{key_text}'",
                    f"one of: {', '.join(choices)}",
                )
            )
            continue
        answers[key_text] = value
    return answers, problems


def _kind(value: Any) -> str:
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return "text"
