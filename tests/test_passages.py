"""Named passages: a quote cited in several places is written once, as a passage of its source,
and every front shows it as if it were written in the citation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import Info
from tests.fixture_packs import SOURCES, marked, where

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "migrate_rules_v2.py"

HEAD = """\
pack:
  title: Passages
  start: welcome
  notice: Not legal advice.
  sources_dated: "2017"

routes:
  - id: visa
    title: Visitor visa
    summary: A tourist visa.
    entry: welcome

sources:
  - id: report
    kind: news report
    voice: Test News, a report.
    outlet: Test News
    title: Visa rules are strict
    file: report.txt
"""

TAIL = """\
  - id: verdict
    kind: verdict
    routes: [visa]
    status: blocked
    title: Blocked
    reason: Fleeing shows intent to stay.
    status_why: 'Blocked: a visitor "must show that they will go home".'
    text: The visa is out of reach.
    citations:
{verdict}
    next: done

  - id: done
    kind: end
    title: Summary
    text: Every verdict.
    citations:
{done}
"""


def pack(tmp_path: Path, passages: str, welcome: str, verdict: str, done: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    text = HEAD + passages + "\nnodes:\n  - id: welcome\n    kind: info\n    title: Hello\n"
    text += "    text: Visas.\n    citations:\n" + welcome + "    next: verdict\n\n"
    text += TAIL.format(verdict=verdict.rstrip("\n"), done=done.rstrip("\n"))
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


STRICT = "    passages:\n      - id: strict\n        quote: Visa rules are strict.\n"
GO_HOME = "      - source: report\n        quote: A visitor must show that they will go home.\n"
CITE_STRICT = "      - {source: report, passage: strict}\n"


def assert_marked(folder: Path, sources: bool = False) -> None:
    problems = check(load_pack(folder), SOURCES if sources else None)
    expected = marked(folder)
    assert expected
    assert where(problems, folder) == expected, "\n".join(p.format() for p in problems)


def test_a_passage_is_shown_as_if_its_words_were_written_in_the_citation(
    tmp_path: Path,
) -> None:
    passages = STRICT + "        note: An officer, quoted by Test News.\n"
    own_note = CITE_STRICT.replace("}", ", note: The editor in a box}")
    folder = pack(tmp_path, passages, CITE_STRICT, GO_HOME, own_note)
    result = load_pack(folder)
    assert check(result, SOURCES) == []
    graph = result.graph
    assert graph is not None
    welcome = graph.nodes["welcome"]
    assert isinstance(welcome, Info)
    (cited,) = welcome.citations
    assert cited.words == "Visa rules are strict."
    assert cited.note == "An officer, quoted by Test News."
    (verdict_cite,) = graph.nodes["verdict"].citations
    assert verdict_cite.note == "Test News, a report."  # no passage: the voice speaks
    (done_cite,) = graph.nodes["done"].citations
    assert (done_cite.words, done_cite.note) == ("Visa rules are strict.", "The editor in a box")


def test_the_graph_export_gives_the_passage_words_not_its_id(tmp_path: Path) -> None:
    folder = pack(tmp_path, STRICT, CITE_STRICT, GO_HOME, CITE_STRICT)
    out = subprocess.run(
        [sys.executable, "-m", "pathways", "graph", "--format", "json", "--rules", str(folder)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    nodes = {n["id"]: n for n in json.loads(out)["nodes"]}
    assert nodes["welcome"]["citations"] == [
        {"source": "report", "quote": "Visa rules are strict.", "note": "Test News, a report."}
    ]


def test_a_citation_naming_a_missing_passage_is_reported_with_the_ids_there_are(
    tmp_path: Path,
) -> None:
    welcome = "      - {source: report, passage: strikt}  # expect: passage-unknown\n"
    folder = pack(tmp_path, STRICT, welcome, GO_HOME, CITE_STRICT)
    assert_marked(folder)
    (problem,) = check(load_pack(folder))
    assert "no passage 'strikt'" in problem.message and "strict" in problem.message


def test_two_passages_with_one_id_are_reported_at_the_second(tmp_path: Path) -> None:
    passages = STRICT + "      - id: strict  # expect: passage-duplicate-id\n"
    passages += "        quote: A visitor must show that they will go home.\n"
    folder = pack(tmp_path, passages, CITE_STRICT, GO_HOME, CITE_STRICT)
    assert_marked(folder)


def test_a_passage_no_citation_names_is_reported(tmp_path: Path) -> None:
    passages = STRICT + "      - id: unused  # expect: passage-unused\n"
    passages += "        quote: Nobody who is still inside their own country can be a refugee.\n"
    folder = pack(tmp_path, passages, CITE_STRICT, GO_HOME, CITE_STRICT)
    assert_marked(folder)


def test_a_quote_written_out_twice_is_reported_with_a_hint_to_name_it(tmp_path: Path) -> None:
    twice = GO_HOME.replace("home.\n", "home.  # expect: quote-repeated\n")
    folder = pack(tmp_path, STRICT, CITE_STRICT + GO_HOME, twice, CITE_STRICT)
    assert_marked(folder)
    (problem,) = check(load_pack(folder))
    assert "passages:" in problem.hint and "first at" in problem.message


def test_a_named_quote_written_out_again_is_reported_with_the_passage_to_cite(
    tmp_path: Path,
) -> None:
    again = "      - source: report\n"
    again += "        quote: Visa rules are strict.  # expect: quote-repeated\n"
    folder = pack(tmp_path, STRICT, CITE_STRICT, GO_HOME, again)
    assert_marked(folder)
    (problem,) = check(load_pack(folder))
    assert problem.hint == "cite it as '{source: report, passage: strict}'"


def test_a_passage_quote_is_checked_against_its_source(tmp_path: Path) -> None:
    passages = "    passages:\n      - id: strict\n"
    passages += "        quote: Visa rules are lenient.  # expect: quote-not-found\n"
    folder = pack(tmp_path, passages, CITE_STRICT, GO_HOME, CITE_STRICT)
    assert_marked(folder, sources=True)


def test_a_citation_gives_exactly_one_of_quote_and_passage(tmp_path: Path) -> None:
    both = "      - source: report  # expect: schema\n        passage: strict\n"
    both += "        quote: Visa rules are strict.\n"
    neither = "      - source: report  # expect: schema\n        note: Someone.\n"
    folder = pack(tmp_path, STRICT, both, GO_HOME, neither)
    problems = check(load_pack(folder))
    assert {p.code for p in problems} >= {"schema"}
    assert all("exactly one of 'quote'" in p.message for p in problems if p.code == "schema")
    # an editor's validator, reading rules/schema.json, refuses both too
    schema = json.loads((ROOT / "rules" / "schema.json").read_text(encoding="utf-8"))
    citation = {"$defs": schema["$defs"], **schema["$defs"]["Citation"]}
    validator = jsonschema.Draft202012Validator(citation)
    assert validator.is_valid({"source": "report", "passage": "strict"})
    assert validator.is_valid({"source": "report", "quote": "Visa rules are strict."})
    assert not validator.is_valid({"source": "r", "passage": "p", "quote": "Visa rules."})
    assert not validator.is_valid({"source": "report", "note": "Someone."})


def test_the_migration_names_a_repeated_quote_once_and_points_a_new_repeat_at_it(
    tmp_path: Path,
) -> None:
    folder = pack(tmp_path, "", GO_HOME, GO_HOME, GO_HOME)
    run = [sys.executable, str(SCRIPT), "-q", str(folder)]
    subprocess.run(run, check=True, timeout=60)
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    assert text.count("A visitor must show") == 1
    assert text.count("{source: report, passage: a-visitor-must-show-that-they}") == 3
    assert check(load_pack(folder), SOURCES) == []
    # a rebase brings the quote written out again: running it again points it at the passage
    again = text + "\n"
    node = "  - id: extra\n    kind: info\n    title: Extra\n    text: More.\n    citations:\n"
    (folder / "pack.yaml").write_text(again + node + GO_HOME, encoding="utf-8")
    subprocess.run(run, check=True, timeout=60)
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    assert text.count("A visitor must show") == 1
    assert text.count("passage: a-visitor-must-show-that-they}") == 4
    before = text
    subprocess.run(run, check=True, timeout=60)
    assert (folder / "pack.yaml").read_text(encoding="utf-8") == before


def test_the_shipped_pack_writes_no_quote_twice() -> None:
    problems = check(load_pack(ROOT / "rules"))
    assert not [p for p in problems if p.code.startswith(("quote-repeated", "passage-"))]


OFFICER = "    speakers:\n      - id: officer\n        note: An officer, quoted by Test News.\n"


def test_a_speaker_is_shown_as_the_note_of_the_passages_and_citations_naming_it(
    tmp_path: Path,
) -> None:
    passages = OFFICER + STRICT + "        speaker: officer\n"
    go_home = GO_HOME + "        speaker: officer\n"
    folder = pack(tmp_path, passages, CITE_STRICT, go_home, CITE_STRICT)
    result = load_pack(folder)
    assert check(result, SOURCES) == []
    graph = result.graph
    assert graph is not None
    notes = [graph.nodes[n].citations[0].note for n in ("welcome", "verdict", "done")]
    assert notes == ["An officer, quoted by Test News."] * 3


def test_speaker_mistakes_are_reported_where_they_are_written(tmp_path: Path) -> None:
    speakers = OFFICER + "      - id: officer  # expect: speaker-duplicate-id\n"
    speakers += "        note: Someone else.\n"
    speakers += "      - id: nobody  # expect: speaker-unused\n        note: Nobody.\n"
    go_home = GO_HOME + "        speaker: offizer  # expect: speaker-unknown\n"
    cite_officer = "      - {source: report, passage: strict, speaker: officer}\n"
    folder = pack(tmp_path, speakers + STRICT, cite_officer, go_home, CITE_STRICT)
    assert_marked(folder)


def test_a_note_written_out_twice_for_a_source_is_reported(tmp_path: Path) -> None:
    noted = "      - {source: report, passage: strict, note: An officer.}\n"
    again = GO_HOME + "        note: An officer.  # expect: note-repeated\n"
    folder = pack(tmp_path, STRICT, noted, again, CITE_STRICT)
    assert_marked(folder)
    (problem,) = check(load_pack(folder))
    assert "speakers:" in problem.hint


def test_a_passage_gives_a_note_or_a_speaker_not_both(tmp_path: Path) -> None:
    passages = OFFICER + STRICT + "        note: An officer.\n        speaker: officer\n"
    folder = pack(tmp_path, passages, CITE_STRICT, GO_HOME, CITE_STRICT)
    problems = [p for p in check(load_pack(folder)) if p.code == "schema"]
    assert len(problems) == 1 and "'note' or 'speaker'" in problems[0].message


def test_the_migration_names_a_repeated_note_once_as_a_speaker(tmp_path: Path) -> None:
    strict = "      - source: report\n        quote: Visa rules are strict.\n"
    strict += "        note: An officer, quoted by Test News.\n"
    go_home = GO_HOME + "        note: An officer, quoted by Test News.\n"
    done = "      - {source: report, quote: Visa rules are strict.}\n"  # the voice speaks
    folder = pack(tmp_path, "", strict, go_home, done)
    subprocess.run([sys.executable, str(SCRIPT), "-q", str(folder)], check=True, timeout=60)
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    assert text.count("An officer, quoted by Test News.") == 1
    assert "speakers:\n      - id: an-officer-quoted-by-test-news\n" in text
    result = load_pack(folder)
    assert check(result, SOURCES) == []
    assert result.graph is not None
    assert result.graph.nodes["verdict"].citations[0].note == "An officer, quoted by Test News."
