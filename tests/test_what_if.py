"""The walk as a pure function of the answers: from_facts, with_answer, questions first.

The valid fixture pack: welcome (info) -> visa-branch (asks location, then can-fund when
location is abroad) -> visa verdict -> asylum-branch (asks can-fund if not known yet) ->
asylum verdict -> summary.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.core.load import load_pack
from pathways.core.model import End, Info, Question, RuleGraph, Verdict
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.core.walk import (
    BadAnswer,
    Walk,
    WalkError,
    answer_key,
    open_questions,
    walk_through,
)
from tests.fixture_packs import load


@pytest.fixture(scope="module")
def graph() -> RuleGraph:
    result = load("valid")
    assert result.graph is not None and result.problems == []
    return result.graph


def test_from_facts_stops_at_the_first_question_without_an_answer(graph: RuleGraph) -> None:
    walk = Walk.from_facts(graph, {"location": "home"})
    assert walk.position == "can-fund"  # at home the visa is decided; the asylum branch asks
    assert [e.question.id for e in walk.trail] == ["location"]


def test_from_facts_with_every_answer_reaches_the_same_end_as_walk_through(
    graph: RuleGraph,
) -> None:
    answers = {"location": "abroad", "can-fund": "no"}
    walk = Walk.from_facts(graph, answers)
    assert isinstance(walk.node, End)
    assert walk.path == walk_through(graph, answers).path
    assert [e.choice.id for e in walk.trail] == ["abroad", "no"]


def test_from_facts_can_be_walked_back_step_by_step(graph: RuleGraph) -> None:
    walk = Walk.from_facts(graph, {"location": "abroad", "can-fund": "no"})
    assert walk.back().position != walk.position
    assert list(walk.history())[-1].position == "welcome"


def test_with_answer_keeps_the_other_answers_and_lands_on_the_summary(
    graph: RuleGraph,
) -> None:
    before = Walk.from_facts(graph, {"location": "abroad", "can-fund": "yes"})
    after = before.with_answer("can-fund", "no")
    assert isinstance(after.node, End)
    assert dict(after.facts) == {"location": "abroad", "can-fund": "no"}
    assert before.facts["can-fund"] == "yes"  # the walk before is unchanged
    assert after.changed_routes(before) == {"visa", "asylum"}


def test_with_answer_on_an_unchanged_answer_changes_no_verdict(graph: RuleGraph) -> None:
    before = Walk.from_facts(graph, {"location": "home", "can-fund": "yes"})
    after = before.with_answer("location", "home")
    assert after.changed_routes(before) == set()
    assert after.path == before.path


def test_with_answer_refuses_a_choice_the_question_does_not_have(graph: RuleGraph) -> None:
    walk = Walk.from_facts(graph, {"location": "home"})
    with pytest.raises(BadAnswer):
        walk.with_answer("location", "mars")
    with pytest.raises(WalkError):
        walk.with_answer("welcome", "home")


def test_an_answer_off_the_path_is_kept_for_when_the_path_returns(graph: RuleGraph) -> None:
    walk = Walk.from_facts(graph, {"location": "home", "can-fund": "no", "unused": "x"})
    assert walk.given["unused"] == "x"
    assert walk.with_answer("location", "abroad").given["unused"] == "x"


def test_a_questions_first_walk_stops_only_at_questions_and_the_end(graph: RuleGraph) -> None:
    walk = Walk.begin(graph, questions_first=True)
    assert walk.position == "location"
    assert [n.id for n in walk.passed] == ["welcome"]
    walk = walk.answer("home").answer("yes")
    assert isinstance(walk.node, End)
    assert {v.routes[0] for v in walk.verdicts} == {"visa", "asylum"}
    assert all(isinstance(n, Info | Verdict) for n in walk.passed)
    assert walk.restart().questions_first


def test_a_questions_first_walk_ends_with_the_same_verdicts_as_a_guided_one(
    graph: RuleGraph,
) -> None:
    answers = {"location": "abroad", "can-fund": "yes"}
    quick = Walk.from_facts(graph, answers, questions_first=True)
    guided = Walk.from_facts(graph, answers)
    assert [v.id for v in quick.verdicts] == [v.id for v in guided.verdicts]
    assert quick.depth < guided.depth


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_walk_is_a_pure_function_of_the_answers(data: st.DataObject) -> None:
    graph = load("valid").graph
    assert graph is not None
    walk = Walk.begin(graph, questions_first=True)
    while isinstance(walk.node, Question):
        walk = walk.answer(data.draw(st.sampled_from([c.id for c in walk.node.choices])))
    replayed = Walk.from_facts(graph, dict(walk.given), questions_first=True)
    assert replayed.path == walk.path
    entry = data.draw(st.sampled_from(walk.trail))
    choice = data.draw(st.sampled_from([c.id for c in entry.question.choices]))
    changed = walk.with_answer(entry.question.id, choice)
    fresh = Walk.from_facts(
        graph, {**walk.given, entry.question.fact or entry.question.id: choice},
        questions_first=True,
    )
    assert changed.path == fresh.path


def test_open_questions_are_every_fact_once_in_walk_order(graph: RuleGraph) -> None:
    assert [q.id for q in open_questions(graph, {})] == ["location", "can-fund"]


def test_open_questions_leave_out_what_a_known_answer_rules_out() -> None:
    shipped = load_pack(shipped_rules_dir()).graph
    assert shipped is not None
    everything = {answer_key(q) for q in open_questions(shipped, {})}
    narrowed = False
    for question in open_questions(shipped, {}):
        for choice in question.choices:
            facts = {answer_key(question): choice.id}
            walk = Walk.from_facts(shipped, facts, questions_first=True)
            asked = {answer_key(q) for q in open_questions(shipped, facts)}
            assert asked <= everything
            narrowed = narrowed or asked < everything
            # the question the walk stops at is always among them
            if isinstance(walk.node, Question):
                assert answer_key(walk.node) in asked
    assert narrowed, "no answer in the shipped pack rules any question out"


def test_an_answered_question_stays_open_to_change(graph: RuleGraph) -> None:
    answered = open_questions(graph, {"location": "abroad", "can-fund": "no"})
    assert [q.id for q in answered] == ["location", "can-fund"]
