"""Walk semantics on the valid fixture pack (two routes, one fact asked once and reused).

The pack: welcome (info) -> visa-branch (reads location, then can-fund) -> visa-open |
visa-blocked -> asylum-branch (reads can-fund) -> asylum-long-shot | asylum-blocked -> summary
(end). The questions 'location' and 'can-fund' are asked by the branches that need them, once.
"""

from __future__ import annotations

import itertools

import pytest

from pathways.core.model import End, Question, RuleGraph, Verdict
from pathways.core.walk import BadAnswer, MissingAnswer, Walk, WalkError, walk_through
from pathways.render.walk_json import walk_json
from pathways.render.walk_text import walk_text
from tests.fixture_packs import load


@pytest.fixture(scope="module")
def graph() -> RuleGraph:
    result = load("valid")
    assert result.graph is not None and result.problems == []
    return result.graph


def _at_where(graph: RuleGraph) -> Walk:
    """At the 'location' question, which visa-branch asks."""
    return Walk.begin(graph).proceed()


def test_walk_begins_at_the_start_node(graph: RuleGraph) -> None:
    walk = Walk.begin(graph)
    assert walk.position == "welcome"
    assert walk.path == ()
    assert walk.depth == 0
    assert dict(walk.facts) == {}


def test_proceed_moves_on_from_an_info_node(graph: RuleGraph) -> None:
    walk = _at_where(graph)
    assert walk.position == "location"
    assert walk.resume == "visa-branch"
    assert [s.node for s in walk.path] == ["welcome"]


def test_answer_records_the_fact_and_moves_to_the_chosen_node(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad")
    assert walk.position == "can-fund"  # the branch needs it too, now that location matches
    assert dict(walk.facts) == {"location": "abroad"}
    assert walk.path[-1].node == "location" and walk.path[-1].choice == "abroad"


def test_answering_returns_a_new_walk_and_leaves_the_old_one_unchanged(graph: RuleGraph) -> None:
    before = _at_where(graph)
    after = before.answer("home")
    assert before.position == "location" and dict(before.facts) == {}
    assert after.previous is before


def test_branch_is_passed_automatically_taking_the_matching_case(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad").answer("yes")
    assert walk.position == "visa-open"
    assert "visa-branch" in [s.node for s in walk.path]


def test_branch_takes_its_default_when_no_case_matches(graph: RuleGraph) -> None:
    # At home the case fails on location: can-fund is not asked for this branch at all.
    assert _at_where(graph).answer("home").position == "visa-blocked"
    assert _at_where(graph).answer("abroad").answer("no").position == "visa-blocked"


def test_fact_already_recorded_is_not_asked_again(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad").answer("no").proceed()
    # asylum-branch reads can-fund too: it goes on with the earlier answer.
    assert walk.position == "asylum-blocked"
    assert [s.node for s in walk.path].count("can-fund") == 1
    assert "asylum-branch" in [s.node for s in walk.path]


def test_back_undoes_the_last_action(graph: RuleGraph) -> None:
    at_money = _at_where(graph).answer("abroad")
    assert at_money.answer("yes").back() is at_money


def test_back_from_the_first_node_is_a_no_op(graph: RuleGraph) -> None:
    walk = Walk.begin(graph)
    assert walk.back() is walk
    assert walk.back().back().position == "welcome"


def test_back_over_an_automatically_passed_question_returns_to_the_last_stop(
    graph: RuleGraph,
) -> None:
    verdict = _at_where(graph).answer("abroad").answer("yes")
    assert verdict.proceed().back() is verdict


def test_restart_returns_to_the_start_with_no_facts(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad").answer("yes").restart()
    assert walk.position == "welcome"
    assert dict(walk.facts) == {} and walk.previous is None


def test_trail_lists_the_answers_given_oldest_first(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad").answer("yes").proceed()
    trail = walk.trail
    assert [(e.question.id, e.choice.id) for e in trail] == [
        ("location", "abroad"), ("can-fund", "yes")
    ]
    assert trail[0].before.position == "location"


def test_revise_goes_back_to_an_earlier_question_and_the_walk_continues(graph: RuleGraph) -> None:
    walk = _at_where(graph).answer("abroad").answer("yes").proceed()
    assert walk.position == "asylum-long-shot"
    revised = walk.revise("location")
    assert revised.position == "location"
    again = revised.answer("home")
    assert again.position == "visa-blocked"
    assert dict(again.facts) == {"location": "home"}
    assert again.proceed().position == "can-fund"  # asked now, by the asylum branch


def test_revise_a_question_not_answered_raises(graph: RuleGraph) -> None:
    with pytest.raises(WalkError, match="can-fund"):
        _at_where(graph).revise("can-fund")


def test_answer_that_is_not_a_choice_raises_bad_answer_naming_the_choices(
    graph: RuleGraph,
) -> None:
    with pytest.raises(BadAnswer, match="'maybe' is not a choice of question 'location'") as error:
        _at_where(graph).answer("maybe")
    assert "home, abroad" in str(error.value)


def test_answering_a_node_that_is_not_a_question_raises(graph: RuleGraph) -> None:
    with pytest.raises(WalkError, match="not a question"):
        Walk.begin(graph).answer("yes")


def test_proceeding_from_a_question_raises(graph: RuleGraph) -> None:
    walk = _at_where(graph)
    assert not walk.can_proceed
    with pytest.raises(WalkError):
        walk.proceed()


def test_walk_from_a_route_entry_asks_that_route_only(graph: RuleGraph) -> None:
    entry = graph.routes["asylum"].entry
    walk = Walk.begin(graph, at=entry)
    assert walk.position == "can-fund"  # not known yet: the route's branch asks it
    done = walk.answer("yes").proceed()
    assert done.finished
    assert [v.id for v in done.verdicts] == ["asylum-long-shot"]
    assert done.restart().position == "can-fund"


def test_a_route_walked_alone_asks_only_what_it_needs(graph: RuleGraph) -> None:
    walk = walk_through(graph, {"can-fund": "no"}, route="asylum")
    assert walk.finished
    assert [(e.question.id, e.choice.id) for e in walk.trail] == [("can-fund", "no")]


def test_walk_through_takes_answers_by_fact_only(graph: RuleGraph) -> None:
    by_fact = walk_through(graph, {"location": "abroad", "can-fund": "yes"})
    assert by_fact.finished
    with pytest.raises(MissingAnswer):  # a branch's id is not a question's name
        walk_through(graph, {"visa-branch": "abroad", "can-fund": "yes"})


def test_walk_through_reaches_one_verdict_per_route_on_every_path(graph: RuleGraph) -> None:
    questions = [n for n in graph.nodes.values() if isinstance(n, Question)]
    facts = {q.fact: [c.id for c in q.choices] for q in questions}
    for values in itertools.product(*facts.values()):
        answers = dict(zip(facts, values, strict=True))
        walk = walk_through(graph, answers)
        assert isinstance(walk.node, End)
        assert set(walk.verdict_by_route()) == set(graph.routes)


def test_walk_through_stops_at_a_question_with_no_answer(graph: RuleGraph) -> None:
    with pytest.raises(MissingAnswer) as error:
        walk_through(graph, {"location": "home"})
    assert error.value.question.id == "can-fund"
    assert str(error.value) == (
        "question 'can-fund' was reached but not answered; choices: yes, no"
    )


def test_walk_through_with_an_answer_that_is_not_a_choice_raises_bad_answer(
    graph: RuleGraph,
) -> None:
    with pytest.raises(BadAnswer, match="'somewhere'"):
        walk_through(graph, {"location": "somewhere", "can-fund": "no"})


def test_verdicts_are_listed_in_the_order_reached(graph: RuleGraph) -> None:
    walk = walk_through(graph, {"location": "home", "can-fund": "yes"})
    assert [(v.routes[0], v.status) for v in walk.verdicts] == [
        ("visa", "blocked"),
        ("asylum", "long-shot"),
    ]
    assert all(isinstance(v, Verdict) for v in walk.verdicts)


def test_walk_json_has_path_facts_verdicts_and_end(graph: RuleGraph) -> None:
    walk = walk_through(graph, {"location": "abroad", "can-fund": "no"})
    data = walk_json(walk)
    assert data["end"] == "summary"
    assert data["facts"] == {"location": "abroad", "can-fund": "no"}
    assert [(v["route"], v["status"]) for v in data["verdicts"]] == [
        ("visa", "blocked"),
        ("asylum", "blocked"),
    ]
    assert data["path"][0] == {"node": "welcome", "choice": None}
    assert {"node": "location", "choice": "abroad"} in data["path"]
    assert data["path"][-1] == {"node": "summary", "choice": None}


def test_walk_text_shows_answers_citations_and_verdicts(graph: RuleGraph) -> None:
    text = walk_text(walk_through(graph, {"location": "abroad", "can-fund": "yes"}))
    assert "> answer: Already abroad (abroad)" in text
    assert "> answer: Yes (yes)" in text
    assert "already answered" not in text  # a fact is asked once
    assert "Verdict for Visitor visa: OPEN" in text
    assert '"Visa rules are strict."' in text
    assert "Asylum abroad: LONG SHOT" in text
    assert "== Visa outcome ==" not in text  # branches are not stops


# -- answers the walk never asks ----------------------------------------------------------


def test_an_answer_whose_question_the_walk_never_asks_is_named_unused(graph: RuleGraph) -> None:
    from pathways.core.walk import NOT_ASKED, unused_answers

    walk = Walk.from_facts(graph, {"location": "home", "can-fund": "yes"}, route="asylum")
    assert walk.finished and "location" not in walk.facts
    (unused,) = unused_answers(walk)
    assert (unused.question.id, unused.choice.id, unused.why) == ("location", "home", NOT_ASKED)
    assert unused_answers(Walk.from_facts(graph, {"location": "home", "can-fund": "yes"})) == []


def test_an_answer_not_asked_yet_by_an_unfinished_walk_says_so(graph: RuleGraph) -> None:
    from pathways.core.walk import NOT_ASKED_YET, unused_answers

    walk = Walk.from_facts(graph, {"can-fund": "no"}, route="visa")
    assert not walk.finished
    assert [(u.question.id, u.why) for u in unused_answers(walk)] == [
        ("can-fund", NOT_ASKED_YET)
    ]


def test_a_what_if_that_takes_the_walk_past_an_answer_makes_it_unused() -> None:
    """The app keeps every answer of a case when another answer changes the way."""
    from pathways.core.walk import unused_answers
    from tests.conftest import shipped_graph

    shipped = shipped_graph()
    walk = Walk.from_facts(shipped, {"location": "elsewhere-in-russia", "us-job-or-family": "no",
                                     "can-fund-travel": "yes", "home-ties": "yes",
                                     "us-helper": "no"}, questions_first=True)
    assert walk.finished and unused_answers(walk) == []
    moved = walk.with_answer("location", "us-border")
    assert [(u.question.id, u.choice.id) for u in unused_answers(moved)] == [
        ("us-job-or-family", "no"), ("can-fund-travel", "yes"), ("home-ties", "yes"),
        ("us-helper", "no"),
    ]


def test_the_text_and_json_of_a_walk_name_each_unused_answer(graph: RuleGraph) -> None:
    walk = Walk.from_facts(graph, {"location": "home", "can-fund": "yes"}, route="asylum")
    question = graph.nodes["location"]
    assert isinstance(question, Question)
    line = (f"Not used on this walk: {question.title} (location: home) \u2014 the walk did "
            "not ask it")
    assert line in walk_text(walk, width=200)
    assert walk_json(walk)["unused_answers"] == [
        {"fact": "location", "title": question.title, "choice": "home",
         "label": question.choices[0].label, "why": "the walk did not ask it"}
    ]
    used = Walk.from_facts(graph, {"location": "home", "can-fund": "yes"})
    assert "Not used" not in walk_text(used) and walk_json(used)["unused_answers"] == []
