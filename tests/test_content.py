"""Content v2: verdicts say why their status, in quoted words; text fits every medium;
the shipped pack expresses every situation (location, safety where he is now)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.core.check import check_medium_words, status_why_words
from pathways.core.load import load_pack
from pathways.core.model import Question, RuleGraph, Verdict
from pathways.core.quotes import normalise
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.core.walk import walk_through
from pathways.render.brief import brief_json, brief_markdown, build_brief
from pathways.render.route_docs import documents
from pathways.render.statuses import STATUS_WORDS
from pathways.render.walk_json import walk_json
from pathways.render.walk_text import walk_text
from tests.fixture_packs import assert_reports_exactly_what_is_marked

ROOT = Path(__file__).resolve().parents[1]


def _graph() -> RuleGraph:
    graph = load_pack(shipped_rules_dir()).graph
    assert graph is not None
    return graph


def _verdicts(graph: RuleGraph) -> list[Verdict]:
    return [n for n in graph.nodes.values() if isinstance(n, Verdict)]


# ---- the checks ---------------------------------------------------------------------------


def test_medium_specific_words_in_rule_text_are_reported_where_they_are() -> None:
    problems = assert_reports_exactly_what_is_marked("medium-words")
    found = sorted(p.message.split("'")[1].lower() for p in problems)
    assert found == ["below", "click", "click", "next screen", "press enter"]
    assert any("tours" in p.message and "steps.0.door" in p.message for p in problems)


def test_status_why_must_quote_words_from_the_verdicts_own_citations() -> None:
    problems = assert_reports_exactly_what_is_marked("status-why")
    unquoted = [p for p in problems if p.code == "status-why-unquoted"]
    assert any('"almost never granted"' in p.message for p in unquoted)
    assert any("quotes no words" in p.message for p in unquoted)


def test_status_why_words_are_the_double_quoted_phrases_typographic_or_not() -> None:
    line = "Long shot: \u201cmost probably\u201d denied, and \"eligible to apply\"."
    assert status_why_words(line) == ["most probably", "eligible to apply"]


def test_shipped_pack_has_no_medium_specific_words() -> None:
    graph = _graph()
    result = load_pack(shipped_rules_dir())
    assert check_medium_words(graph, result.origins) == []


# ---- the shipped pack: calibration --------------------------------------------------------


def test_every_shipped_verdict_says_why_its_status_with_words_from_its_quotes() -> None:
    for verdict in _verdicts(_graph()):
        assert verdict.status_why, verdict.id
        assert verdict.status_why.startswith(STATUS_WORDS[verdict.status].split()[0]), verdict.id
        words = status_why_words(verdict.status_why)
        assert words, verdict.id
        quotes = [normalise(c.words) for c in verdict.citations]
        for phrase in words:
            assert any(phrase in q for q in quotes), (verdict.id, phrase)


def test_every_status_is_used_by_some_shipped_verdict() -> None:
    assert {v.status for v in _verdicts(_graph())} == set(STATUS_WORDS)


def test_no_quote_about_not_telling_the_embassy_is_cited_anywhere() -> None:
    """The concealment sentence never stands where it could read as advice."""
    graph = _graph()
    quotes = [c.words for n in graph.nodes.values() for c in n.citations]
    quotes += [c.words for t in graph.glossary.values() for c in t.citations]
    quotes += [
        c.words
        for r in graph.routes.values() if r.compare is not None
        for _, _, cell in r.compare.rows() for c in cell.citations
    ]
    assert quotes
    assert not [q for q in quotes if "can't tell anyone" in normalise(q)]


def test_every_route_has_a_cost_row_and_parole_names_the_i131_fee() -> None:
    graph = _graph()
    for route in graph.routes.values():
        assert route.compare is not None and route.compare.cost is not None, route.id
    parole = graph.routes["parole"].compare
    assert parole is not None and parole.cost is not None
    assert "$575" in parole.cost.text and "Not stated in the 2017 sources" in parole.cost.text
    assert "i-131-fee-2016" in parole.cost.references


def test_location_choices_keep_their_ids_and_gain_us_border() -> None:
    graph = _graph()
    location = graph.nodes["location"]
    assert isinstance(location, Question)
    assert [c.id for c in location.choices] == [
        "chechnya", "elsewhere-in-russia", "outside-russia", "us-border"
    ]


@pytest.mark.parametrize("route", ["b2", "refugee", "parole", "in-country"])
def test_at_the_us_border_the_routes_that_get_him_there_are_not_applicable(route: str) -> None:
    walk = walk_through(_graph(), {"location": "us-border"})
    assert walk.verdict_by_route()[route].status == "not-applicable"


def test_at_the_us_border_only_the_location_is_asked() -> None:
    walk = walk_through(_graph(), {"location": "us-border"})
    assert [entry.question.fact for entry in walk.trail] == ["location"]
    assert walk.verdict_by_route()["third-country"].id == "third-country-at-border"


@pytest.mark.parametrize(
    ("safe", "third_country", "refugee"),
    [
        ("yes", "third-country-asylum-where-now", "refugee-outside-safe"),
        ("no", "third-country-blocked-no-funds", "refugee-outside-unsafe"),
    ],
)
def test_safety_where_he_is_now_changes_the_third_country_and_refugee_verdicts(
    safe: str, third_country: str, refugee: str
) -> None:
    answers = {
        "location": "outside-russia", "safe-where-now": safe, "us-job-or-family": "no",
        "can-fund-travel": "no", "us-helper": "no",
    }
    reached = walk_through(_graph(), answers).verdict_by_route()
    assert reached["third-country"].id == third_country
    assert reached["refugee"].id == refugee
    assert reached["refugee"].status == "long-shot"


@pytest.mark.parametrize("location", ["chechnya", "elsewhere-in-russia", "outside-russia"])
@pytest.mark.parametrize(("money", "ties"), [("no", "no"), ("yes", "no"), ("yes", "yes")])
def test_a_us_job_or_family_changes_the_b2_verdict_by_another_category_not_its_status(
    location: str, money: str, ties: str
) -> None:
    """The State Department's "unrelated category" is another visa, not a better B-2: with a
    job offer or family the B-2's verdict keeps the status money and ties give it, with
    the same words for it, and adds the other category as its first next step (review 4;
    an outside review found the answer changed nothing the summary showed)."""
    answers = {"location": location, "safe-where-now": "no", "can-fund-travel": money,
               "home-ties": ties, "us-helper": "no"}
    without = walk_through(_graph(), {**answers, "us-job-or-family": "no"}).verdict_by_route()
    with_job = walk_through(_graph(), {**answers, "us-job-or-family": "yes"}).verdict_by_route()
    expected = "b2-long-shot" if (money, ties) == ("yes", "yes") else "b2-blocked-means"
    assert without["b2"].id == expected
    assert with_job["b2"].id == f"{expected}-job-or-family"
    assert with_job["b2"].status == without["b2"].status
    assert with_job["b2"].status_why == without["b2"].status_why
    assert "another visa category" in with_job["b2"].next_steps[0]
    assert {c.source for c in with_job["b2"].citations} >= {"buzzfeed-feder"}
    others = {route: v.id for route, v in without.items() if route != "b2"}
    assert others == {route: v.id for route, v in with_job.items() if route != "b2"}


def test_safe_where_now_is_not_asked_inside_russia() -> None:
    answers = {"location": "chechnya", "us-job-or-family": "no", "can-fund-travel": "no",
               "us-helper": "no"}
    walk = walk_through(_graph(), answers)
    assert "safe-where-now" not in walk.facts


# ---- why this status, in every output -----------------------------------------------------


def _money_and_ties() -> dict[str, str]:
    return {"location": "elsewhere-in-russia", "us-job-or-family": "no",
            "can-fund-travel": "yes", "home-ties": "yes", "us-helper": "yes"}


def test_plain_walk_json_and_brief_show_why_this_status() -> None:
    walk = walk_through(_graph(), _money_and_ties())
    b2 = walk.verdict_by_route()["b2"]
    assert b2.status == "long-shot" and b2.status_why
    shown = " ".join(walk_text(walk).split())  # wrapped to the width: compare the words
    assert f"Why this status: {' '.join(b2.status_why.split())}" in shown
    data = walk_json(walk)
    assert {v["node"]: v["status_why"] for v in data["verdicts"]}["b2-long-shot"] == b2.status_why
    brief = build_brief(walk)
    assert "Why this status:" in brief_markdown(brief)
    statuses = {v["route"]: v["status_why"] for v in brief_json(brief)["verdicts"]}
    assert statuses["b2"] == b2.status_why


def test_tui_verdict_content_shows_why_this_status() -> None:
    from pathways.tui.rule_content import verdict_content

    graph = _graph()
    verdict = graph.nodes["b2-long-shot"]
    assert isinstance(verdict, Verdict) and verdict.status_why
    shown = verdict_content(graph, verdict).plain
    assert "Why this status:" in shown and "most probably" in shown


def test_cli_walk_json_gives_not_applicable_with_its_quoted_reason() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "walk", "--answer", "location=us-border", "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    verdicts = {v["route"]: v for v in json.loads(result.stdout)["verdicts"]}
    assert verdicts["b2"]["status"] == "not-applicable"
    assert '"' in verdicts["b2"]["status_why"]


# ---- docs/verdicts.md ---------------------------------------------------------------------


def test_docs_verdicts_lists_every_verdict_with_its_status_and_the_words_that_set_it() -> None:
    graph = _graph()
    text = (ROOT / "docs" / "verdicts.md").read_text(encoding="utf-8")
    assert text == documents(graph)["verdicts.md"], "run: pathways docs --out docs"
    for verdict in _verdicts(graph):
        assert f"| `{verdict.id}` | {STATUS_WORDS[verdict.status]} |" in text
        assert verdict.status_why is not None
        for phrase in status_why_words(verdict.status_why):
            assert f'"{phrase}"' in text


def test_a_case_walk_in_plain_text_and_json_gives_each_verdicts_next_steps() -> None:
    """The plain walk (and screen readers with it) and scripts get the verdicts' next
    steps as the app and the brief do: the B-2's other category, and never hiding the
    purpose of travel (review4 #3: they were only in --full)."""
    import json
    import subprocess
    import sys

    answers = 'location: elsewhere-in-russia\nus-job-or-family: "yes"\n'
    answers += 'can-fund-travel: "yes"\nhome-ties: "yes"\nus-helper: "no"\n'
    base = [sys.executable, "-m", "pathways", "walk", "--answers-file", "-"]
    text = subprocess.run(base, input=answers, capture_output=True, text=True, check=True)
    summary = " ".join(text.stdout[text.stdout.index("== Verdicts =="):].split())  # unwrapped
    assert "Next steps:" in summary
    assert "another visa category" in summary
    assert "Never advise hiding it." in summary
    done = subprocess.run([*base, "--json"], input=answers, capture_output=True, text=True,
                          check=True)
    b2 = next(v for v in json.loads(done.stdout)["verdicts"] if v["route"] == "b2")
    assert b2["node"] == "b2-long-shot-job-or-family"
    assert any("another visa category" in step for step in b2["next_steps"])
