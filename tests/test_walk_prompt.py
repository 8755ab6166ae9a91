"""The interactive plain-text walk, driven by scripted replies instead of a keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk
from pathways.plain_walk import HELP, prompt_walk
from tests.fixture_packs import load


@pytest.fixture(scope="module")
def graph() -> RuleGraph:
    result = load("valid")
    assert result.graph is not None
    return result.graph


class Session:
    """Scripted replies for ``ask`` and a record of everything said and asked."""

    def __init__(self, replies: Iterable[str]) -> None:
        self.replies = list(replies)
        self.prompts: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.said)

    def run(self, graph: RuleGraph, answers: dict[str, str] | None = None) -> int:
        return prompt_walk(Walk.begin(graph), answers or {}, ask=self.ask, say=self.say)

    def titles(self) -> list[str]:
        return [line for line in self.said if line.startswith("== ")]


def _first_lines(session: Session) -> Callable[[str], list[str]]:
    return lambda prefix: [s.splitlines()[0] for s in session.said if s.startswith(prefix)]


def test_numbers_answer_questions_and_enter_moves_on_to_the_summary(graph: RuleGraph) -> None:
    # welcome: Enter; where: 2 (abroad); money: 1 (yes); visa-open: Enter; asylum: Enter.
    session = Session(["", "2", "1", "", ""])
    assert session.run(graph) == 0
    assert session.replies == []
    assert "== Verdicts ==" in session.text
    assert "Visitor visa: OPEN" in session.text
    assert "Asylum abroad: LONG SHOT" in session.text
    # can-fund was asked once: the asylum question is never shown.
    assert not any("(asked once)" in line for line in session.said)


def test_choices_are_numbered_and_the_prompt_gives_the_range(graph: RuleGraph) -> None:
    session = Session([""])
    session.run(graph)
    assert "  1) Still at home" in session.said
    assert "  2) Already abroad" in session.said
    assert session.prompts[-1].startswith("Choose 1-2 (b back, r restart, q quit)")


def test_b_goes_back_to_the_previous_stop(graph: RuleGraph) -> None:
    session = Session(["", "1", "b", "q"])
    session.run(graph)
    where_shown = _first_lines(session)("== Where are they now?")
    assert len(where_shown) == 2  # shown, answered, then shown again after 'b'
    assert _first_lines(session)("== ")[-1] == "== Where are they now? =="


def test_b_at_the_first_node_stays_there(graph: RuleGraph) -> None:
    session = Session(["b", "b", "q"])
    session.run(graph)
    assert _first_lines(session)("== ") == ["== Welcome =="]
    assert session.said.count("This is the first step.") == 2


def test_r_restarts_from_the_start(graph: RuleGraph) -> None:
    session = Session(["", "2", "r", "q"])
    session.run(graph)
    titles = _first_lines(session)("== ")
    assert titles == [
        "== Welcome ==",
        "== Where are they now? ==",
        "== Can they pay for the trip? ==",
        "== Welcome ==",
    ]


def test_q_quits_at_once_with_exit_0(graph: RuleGraph) -> None:
    session = Session(["q", "1", "1"])
    assert session.run(graph) == 0
    assert session.replies == ["1", "1"]
    assert "== Verdicts ==" not in session.text


def test_end_of_input_quits_cleanly(graph: RuleGraph) -> None:
    session = Session(["", "1"])  # then EOF at the money question
    assert session.run(graph) == 0
    assert session.prompts[-1].startswith("Choose 1-2")


def test_a_number_out_of_range_asks_again_with_help(graph: RuleGraph) -> None:
    session = Session(["", "7", "x", "q"])
    session.run(graph)
    assert session.said.count(f"Please type a number from 1 to 2. {HELP}") == 2
    # the walk does not move on, and the question is not read out again (screen readers)
    assert _first_lines(session)("== ")[1:] == ["== Where are they now? =="]
    assert session.prompts[-1].startswith("Choose 1-2")


def test_answers_from_the_command_line_are_used_once_then_asked(graph: RuleGraph) -> None:
    # welcome: Enter; where and money answered from the command line; visa-blocked: back.
    session = Session(["", "b", "q"])
    session.run(graph, {"location": "abroad", "can-fund": "no"})
    assert "> answered on the command line: abroad" in session.said
    assert "> answered on the command line: no" in session.said
    # after going back, the person is asked rather than the given answer re-applied
    assert _first_lines(session)("== Can they pay") == ["== Can they pay for the trip? =="] * 2
    assert session.prompts[-1].startswith("Choose 1-2")
    assert session.said.count("> answered on the command line: no") == 1


def test_notice_and_help_are_said_first(graph: RuleGraph) -> None:
    session = Session([])
    session.run(graph)
    assert session.said[:2] == [graph.pack.notice.strip(), HELP]
