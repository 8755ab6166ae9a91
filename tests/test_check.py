"""The checks: one broken fixture pack per rule, each asserting code, file and line."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pathways.core.check import check
from pathways.core.model import Source
from pathways.core.quotes import MAX_SOURCE_BYTES, SourceTexts, normalise
from tests.fixture_packs import (
    SOURCES,
    assert_reports_exactly_what_is_marked,
    load,
    validate,
)

# ---- references ---------------------------------------------------------------------------


def test_start_that_names_no_node_is_reported_at_pack_start() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-start")
    assert "'begin'" in problem.message


def test_choice_leading_to_missing_node_is_reported_at_its_next_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-node")
    assert "'verdit'" in problem.message


def test_route_entry_that_names_no_node_is_reported_at_the_entry_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-node-entry")
    assert "'visa-start'" in problem.message


def test_node_in_unknown_route_is_reported_at_the_route_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-route")
    assert "'visitor'" in problem.message
    assert "visa" in problem.hint


def test_unknown_glossary_term_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-term")
    assert "'visa-term'" in problem.message


def test_citation_of_unregistered_source_is_reported_at_its_source_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-source")
    assert "'reprot'" in problem.message


def test_reference_to_unregistered_statute_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("missing-source-reference")
    assert "'ina-214-b'" in problem.message


def test_quoting_a_statute_is_reported_as_unquotable() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("unquotable-source")
    assert "references:" in problem.hint


def test_news_report_listed_as_a_reference_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("reference-kind")
    assert "news report" in problem.message


# ---- citations and routes -----------------------------------------------------------------


def test_node_without_citation_is_reported_at_the_node() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("no-citation")
    assert "'done'" in problem.message


def test_route_without_verdict_is_reported_at_the_route() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("route-without-verdict")
    assert "'asylum'" in problem.message


def test_verdict_for_two_routes_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("verdict-route")
    assert "2 routes" in problem.message


def test_pack_without_routes_is_reported_at_the_pack_section() -> None:
    assert_reports_exactly_what_is_marked("no-routes")


def test_verdict_with_a_schema_error_still_counts_for_its_route() -> None:
    codes = {p.code for p in validate("schema-wrong-type")}
    assert codes == {"schema"}  # not also route-without-verdict for 'visa'


def test_start_node_with_a_schema_error_is_not_reported_missing() -> None:
    codes = {p.code for p in validate("schema-unknown-field")}
    assert codes == {"schema"}  # not also missing-start for 'ask'


# ---- questions and facts ------------------------------------------------------------------


def test_same_choice_id_twice_is_reported_at_the_second() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("duplicate-choice")
    assert "'yes'" in problem.message


def test_question_no_branch_reads_is_reported_as_never_asked() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("unasked-question")
    assert "'has-ties'" in problem.message


def test_start_leading_straight_to_a_question_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("next-is-question")
    assert "branch" in problem.hint


def test_branch_reading_a_fact_no_question_records_is_reported_once() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("unknown-fact")
    assert "'can-pay'" in problem.message


def test_branch_testing_a_value_the_fact_never_takes_is_reported_with_the_values() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("unknown-fact-value")
    assert "'maybe'" in problem.message
    assert "no, yes" in problem.message


# ---- saying each thing once ----------------------------------------------------------------


def test_note_that_repeats_the_source_voice_is_reported_at_the_note() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("note-repeats-voice")
    assert "'report'" in problem.message


def test_tour_step_repeating_its_node_citations_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("step-repeats-node")
    assert "step 1" in problem.message


def test_sequence_listed_out_of_walk_order_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("sequence-order")
    assert "'done' does not lead to 'verdict'" in problem.message


# ---- the shape of the walk ----------------------------------------------------------------


def test_loop_is_reported_with_the_nodes_it_goes_through() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("cycle")
    assert "ask -> think -> ask" in problem.message


def test_node_nothing_leads_to_is_reported_unreachable() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("unreachable")
    assert "'think'" in problem.message


def test_node_from_which_no_end_can_be_reached_is_reported() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("no-end")
    assert "'stuck'" in problem.message


# ---- several problems ---------------------------------------------------------------------


def test_three_independent_problems_are_all_reported() -> None:
    problems = assert_reports_exactly_what_is_marked("three-problems")
    assert sorted(p.code for p in problems) == [
        "duplicate-choice",
        "missing-source",
        "missing-term",
    ]


def test_problems_are_sorted_by_file_and_line() -> None:
    problems = validate("three-problems")
    assert [(p.file, p.line) for p in problems] == sorted((p.file, p.line) for p in problems)


# ---- quotes against source texts ----------------------------------------------------------


def test_quotes_are_only_checked_when_a_sources_folder_is_given() -> None:
    assert validate("quote-not-found") == []
    assert validate("source-file-missing") == []


def test_quote_not_in_source_names_closest_passage() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("quote-not-found", sources=True)
    assert "closest passage" in problem.message
    assert '"Visa rules are strict."' in problem.message


def test_typographic_quotes_dashes_and_line_breaks_are_accepted() -> None:
    assert validate("typographic-quote", sources=True) == []


def test_quote_with_one_changed_word_is_not_accepted() -> None:
    texts = SourceTexts(SOURCES)
    source = Source(id="report", kind="news report", outlet="T", title="T", file="report.txt")
    assert texts.contains(source, "A visitor must show that they will go home.")
    assert not texts.contains(source, "A visitor must show that they will go away.")
    assert not texts.contains(source, "a visitor must show that they will go home.")


def test_normalising_maps_typographic_marks_and_collapses_whitespace() -> None:
    assert normalise("\u201cSo\u201d \u2018it\u2019s\u2019\u00a0 \u2014 \n done\u2013ish") == (
        "\"So\" 'it's' - done-ish"
    )


def test_reader_comment_and_article_each_match_only_their_part_of_the_file() -> None:
    problems = assert_reports_exactly_what_is_marked("reader-comment", sources=True)
    assert all("this source's voice" in p.message for p in problems)


def test_source_without_file_is_reported_once_at_the_source() -> None:
    assert_reports_exactly_what_is_marked("source-without-file", sources=True)


def test_source_file_not_in_the_folder_is_reported_once_at_its_file_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("source-file-missing", sources=True)
    assert "no-such-report.txt" in problem.message


def _too_large(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(MAX_SOURCE_BYTES + 1)  # sparse: only its size is looked at


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _latin1(path: Path) -> None:
    path.write_bytes("Visa rules are strict.\nCaf\u00e9\n".encode("latin-1"))


def _folder(path: Path) -> None:
    path.mkdir()


def _link_out(path: Path) -> None:
    outside = path.parent.parent / "outside.txt"
    outside.write_text("Visa rules are strict.", encoding="utf-8")
    path.symlink_to(outside)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_too_large, f"is {MAX_SOURCE_BYTES + 1:,} bytes"),
        (_fifo, "named pipe (FIFO)"),
        (_latin1, "byte 0xe9 on line 2 is not UTF-8"),
        (_folder, "is a folder"),
        (_link_out, "outside the folder"),
    ],
)
def test_source_file_that_is_there_but_not_read_says_why_not_that_it_is_missing(
    tmp_path: Path, make: Callable[[Path], None], says: str
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    make(sources / "no-such-report.txt")
    (problem,) = check(load("source-file-missing"), sources)
    assert problem.code == "source-file-unreadable"
    assert "no-such-report.txt" in problem.message and says in problem.message, problem.message
    assert "check the file name" not in problem.hint


def test_source_file_outside_the_sources_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Visa rules are strict.", encoding="utf-8")
    folder = tmp_path / "sources"
    folder.mkdir()
    texts = SourceTexts(folder)
    source = Source(id="x", kind="news report", outlet="T", title="T", file="../secret.txt")
    assert texts.get(source) is None
