"""Loading rule packs: every unreadable or malformed file is a Problem with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pathways.core.answers import read_answers_bytes
from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import Question
from pathways.core.problems import CODES, Problem
from pathways.core.scenarios import load_scenarios
from pathways.core.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, read_yaml
from tests.fixture_packs import (
    FIXTURES,
    SOURCES,
    VALID,
    assert_reports_exactly_what_is_marked,
    copy_valid_pack,
    load,
    marked,
    where,
)


def _codes(pack: Path) -> set[tuple[str, int, str]]:
    return where(check(load_pack(pack)), pack)


# ---- the valid pack -----------------------------------------------------------------------


def test_valid_pack_loads_every_node_of_every_file_without_problems() -> None:
    result = load("valid")
    assert result.problems == []
    assert check(result, SOURCES) == []
    assert result.graph is not None
    written = {
        node["id"]
        for path in VALID.glob("*.yaml")
        for node in (yaml.safe_load(path.read_text(encoding="utf-8")).get("nodes") or [])
    }
    assert set(result.graph.nodes) == written
    assert len(result.files) == 3


def test_unquoted_yes_no_on_off_stay_strings() -> None:
    result = load("yes-no-strings")
    assert check(result) == []
    assert result.graph is not None
    ask = result.graph.nodes["can-fund"]
    assert isinstance(ask, Question)
    assert [c.id for c in ask.choices] == ["yes", "no", "on", "off"]
    assert all(isinstance(c.id, str) for c in ask.choices)


def test_true_and_false_are_still_booleans(tmp_path: Path) -> None:
    path = tmp_path / "flags.yaml"
    path.write_text("a: true\nb: false\nc: yes\nd: off\n", encoding="utf-8")
    data, problems = read_yaml(path, "flags.yaml")
    assert problems == []
    assert data == {"a": True, "b": False, "c": "yes", "d": "off"}


def test_files_in_hidden_folders_are_not_rule_files(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / ".git").mkdir()
    (pack / ".git" / "junk.yaml").write_bytes(b"\x00\x01 not yaml")
    assert _codes(pack) == set()


def test_rule_files_in_subfolders_are_loaded(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "routes").mkdir()
    (pack / "asylum.yaml").rename(pack / "routes" / "asylum.yaml")
    result = load_pack(pack)
    assert check(result) == []
    assert result.graph is not None
    assert "asylum-branch" in result.graph.nodes


# ---- files that cannot be read as YAML ----------------------------------------------------


def test_yaml_syntax_error_is_reported_at_its_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("yaml-syntax")
    assert problem.message.startswith("YAML syntax:")


def test_anchor_is_refused_at_its_line() -> None:
    assert_reports_exactly_what_is_marked("yaml-alias")


def test_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (pack / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _codes(pack) == {("bomb.yaml", 1, "yaml-alias")}


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("too-deep")
    assert str(MAX_DEPTH) in problem.message


def test_ten_thousand_levels_of_nesting_are_refused_at_the_line_where_the_limit_is_passed(
    tmp_path: Path,
) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "deep.yaml").write_text(
        "nodes:\n" + "  - " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8"
    )
    assert _codes(pack) == {("deep.yaml", 2, "too-deep")}


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    with (pack / "huge.yaml").open("wb") as file:
        file.write(b"nodes:\n")
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk, only its size is looked at
    (problem,) = check(load_pack(pack))
    assert (problem.file, problem.line, problem.code) == (
        str(pack / "huge.yaml"),
        1,
        "file-too-large",
    )
    assert f"{MAX_FILE_BYTES:,}" in problem.message


def test_binary_file_is_refused(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "logo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _codes(pack) == {("logo.yaml", 1, "binary-file")}


def test_non_utf8_file_is_refused_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "latin1.yaml").write_bytes(
        "glossary:\n  - id: cafe\n    term: Café\n".encode("latin-1")
    )
    (problem,) = check(load_pack(pack))
    assert (problem.line, problem.code) == (3, "not-utf8")
    assert "0xe9" in problem.message


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x07", "U+0007 BELL"), ("\x1b", "U+001B ESCAPE"), ("\x7f", "U+007F DELETE"),
     ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER")],
)
@pytest.mark.parametrize("where", ["text", "comment"])
def test_raw_control_character_is_reported_at_its_line_and_column_by_name(
    tmp_path: Path, char: str, name: str, where: str
) -> None:
    pack = copy_valid_pack(tmp_path)
    line = f"    term: Caf\u00e9 {char}x" if where == "text" else f"# R\u00e9sum\u00e9 {char}x"
    (pack / "terms.yaml").write_text(
        f"glossary:\n  - id: cafe\n{line}\n    definition: A place.\n", encoding="utf-8"
    )
    (problem,) = check(load_pack(pack))
    assert (Path(problem.file).name, problem.line, problem.code) == (
        "terms.yaml", 3, "control-character"
    )
    assert problem.message.startswith(f"column {line.index(char) + 1} holds {name}:")
    assert problem.hint.startswith("remove it")


# Every line break YAML knows besides a newline (and a carriage return before one): PyYAML
# and libyaml count each as a new line and fold it into a space inside a title.
YAML_ONLY_BREAKS = [
    ("\x85", "control-character", "U+0085 NEXT LINE"),
    ("\r", "control-character", "U+000D CARRIAGE RETURN"),
    ("\u2028", "invisible-character", "U+2028 LINE SEPARATOR"),
    ("\u2029", "invisible-character", "U+2029 PARAGRAPH SEPARATOR"),
]
# Where on line 3 (4 in a block) the character is: in plain text, in quotes (where it was
# folded into a space without a word), in a block of text, in a comment, at a line's end.
BREAK_PLACES = {
    "plain": "    term: Caf\u00e9 {c} bar",
    "double-quoted": '    term: "Caf\u00e9 {c} bar"',
    "single-quoted": "    term: 'Caf\u00e9 {c} bar'",
    "block": "    term: |\n      Caf\u00e9 {c} bar",
    "comment": "    # Caf\u00e9 {c} term: bar",
    "line end": "    term: Caf\u00e9 bar{c}",
}


def _read_as(kind: str, text: str, tmp_path: Path) -> list[Problem]:
    """The problems of ``text`` read as a rule file (in a pack), answers or scenarios."""
    if kind == "rule file":
        pack = copy_valid_pack(tmp_path)
        (pack / "terms.yaml").write_text(text, encoding="utf-8", newline="")
        return check(load_pack(pack))
    if kind == "answers file":
        return read_answers_bytes(text.encode("utf-8"), "case.yaml")[1]
    path = tmp_path / "walks.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    return load_scenarios(path)[1]


@pytest.mark.parametrize(
    ("char", "code", "name", "place"),
    # (a carriage return at the end of a line is a Windows line ending: read as one)
    [(*b, place) for b in YAML_ONLY_BREAKS for place in BREAK_PLACES
     if (b[0], place) != ("\r", "line end")],
)
@pytest.mark.parametrize("kind", ["rule file", "answers file", "scenario file"])
def test_a_line_break_only_yaml_sees_is_refused_at_the_line_and_column_an_editor_shows(
    tmp_path: Path, char: str, code: str, name: str, place: str, kind: str
) -> None:
    line = BREAK_PLACES[place].format(c=char)
    text = f"glossary:\n  - id: cafe\n{line}\n    definition: A place.\n"
    problems = _read_as(kind, text, tmp_path)
    at = text.index(char)
    line_number, column = text.count("\n", 0, at) + 1, at - text.rindex("\n", 0, at)
    assert line_number == (4 if place == "block" else 3)
    assert [(p.line, p.code) for p in problems] == [(line_number, code)], problems
    assert problems[0].message == (
        f"column {column} holds {name}: YAML reads it as a line break where an editor "
        "shows none, so the text and the line numbers after it would not be what the "
        "file shows"
    )
    assert problems[0].hint.startswith("remove it:")


def test_every_line_break_only_yaml_sees_is_named_once_a_line_below_other_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "breaks.yaml"
    path.write_bytes("a: 1\u2028\u2028\nb: \x07\nc: x\x85y\r\nd: 4\re: 5\n".encode())
    data, problems = read_yaml(path, "breaks.yaml")
    assert data is None
    assert [(p.line, p.code, p.message.split(":")[0]) for p in problems] == [
        (1, "invisible-character", "column 5 holds U+2028 LINE SEPARATOR"),
        (2, "control-character", "column 4 holds U+0007 BELL"),
        (3, "control-character", "column 5 holds U+0085 NEXT LINE"),
        (4, "control-character", "column 5 holds U+000D CARRIAGE RETURN"),
    ]


def test_a_file_with_windows_line_endings_reads_as_with_newlines(tmp_path: Path) -> None:
    """A carriage return before a newline is a line ending an editor shows as one."""
    pack = copy_valid_pack(tmp_path)
    for path in pack.glob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    crlf = load_pack(pack)
    assert check(crlf) == []
    assert crlf.graph == load("valid").graph


def test_each_line_with_a_raw_control_character_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "bells.yaml"
    path.write_text("a: \x07\x07\nb: ok\nc: \x1b[2J\n", encoding="utf-8")
    data, problems = read_yaml(path, "bells.yaml")
    assert data is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (1, "column 4 holds U+0007 BELL"), (3, "column 4 holds U+001B ESCAPE")
    ]


def test_file_with_only_comments_is_reported_empty() -> None:
    assert_reports_exactly_what_is_marked("empty-file")


def test_zero_byte_file_is_reported_empty(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "new.yaml").write_bytes(b"")
    assert _codes(pack) == {("new.yaml", 1, "empty-file")}


@pytest.mark.parametrize("text", ["---\n", "~\n", "null\n", "--- \n...\n"])
def test_file_holding_only_an_empty_document_is_reported_empty(tmp_path: Path, text: str) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "blank.yaml").write_text(text, encoding="utf-8")
    assert _codes(pack) == {("blank.yaml", 1, "empty-file")}


def test_second_document_in_a_file_is_a_syntax_error_at_its_line(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "two.yaml").write_text("glossary: []\n---\nnodes: []\n", encoding="utf-8")
    assert _codes(pack) == {("two.yaml", 2, "yaml-syntax")}


@pytest.mark.parametrize(
    "value", ["!!python/object:os.system ls", "!!binary aGVsbG8=", "!custom x", "!!set {a}"]
)
def test_yaml_tags_beyond_plain_values_are_refused_at_their_line(
    tmp_path: Path, value: str
) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "tagged.yaml").write_text(f"glossary:\n  - id: {value}\n", encoding="utf-8")
    (problem,) = check(load_pack(pack))
    assert (problem.line, problem.code) == (2, "yaml-syntax")
    assert "tag" in problem.message


def test_explicit_core_tags_are_read_as_their_type(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text('a: !!str 123\nb: !!int "7"\nc: 0x1F\nd: 1_000\ne: ~\n', encoding="utf-8")
    data, problems = read_yaml(path, "tags.yaml")
    assert problems == []
    assert data == {"a": "123", "b": 7, "c": 31, "d": 1000, "e": None}


def test_every_mapping_key_and_list_item_keeps_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.yaml"
    path.write_text("a:\n  - x\n  -\n    b: 1\n    c: [2, 3]\nd: 4\n", encoding="utf-8")
    data, problems = read_yaml(path, "lines.yaml")
    assert problems == []
    assert data.key_lines == {"a": 1, "d": 6}
    assert data["a"].item_lines == [2, 4]
    assert data["a"][1].key_lines == {"b": 4, "c": 5}
    assert data["a"][1]["c"].line == 5


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    text = (pack / "asylum.yaml").read_bytes()
    (pack / "asylum.yaml").write_bytes(b"\xef\xbb\xbf" + text)
    assert _codes(pack) == set()


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("duplicate-key")
    assert "'title'" in problem.message


# ---- schema: pydantic errors mapped back to YAML lines ------------------------------------


def test_unknown_field_is_reported_at_its_line_by_name() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-unknown-field")
    assert "unknown field 'hlep'" in problem.message
    assert problem.message.startswith("nodes[0]")


def test_value_outside_the_allowed_words_is_reported_at_its_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-wrong-type")
    assert problem.message.startswith("nodes[2].status:")


def test_missing_field_is_reported_at_the_node_that_lacks_it() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-missing-field")
    assert "missing field 'reason'" in problem.message


def test_wrong_type_deep_inside_a_node_is_reported_at_its_own_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-deep-field")
    assert problem.message.startswith("nodes[0].choices[1].label:")


def test_unknown_node_kind_is_reported_at_the_kind_line_with_the_allowed_kinds() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-unknown-kind")
    assert "'finish'" in problem.message
    assert "question" in problem.hint


def test_id_that_is_not_kebab_case_is_reported_at_its_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-bad-id")
    assert "kebab-case" in problem.hint


def test_unknown_section_is_reported_at_its_line() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("schema-unknown-section")
    assert "'sauces'" in problem.message


def test_section_that_is_not_a_list_is_reported() -> None:
    assert_reports_exactly_what_is_marked("schema-section-not-a-list")


def test_file_that_is_not_a_mapping_of_sections_is_reported() -> None:
    assert_reports_exactly_what_is_marked("schema-file-not-a-mapping")


# ---- the pack as a whole ------------------------------------------------------------------


def test_second_pack_section_is_reported_and_names_the_first() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("duplicate-pack")
    assert "pack.yaml:3" in problem.message


def test_duplicate_node_id_is_reported_at_the_second_and_names_the_first() -> None:
    (problem,) = assert_reports_exactly_what_is_marked("duplicate-id")
    lines = (FIXTURES / "duplicate-id" / "pack.yaml").read_text(encoding="utf-8").splitlines()
    first = lines.index("  - id: verdict") + 1
    assert f"pack.yaml:{first}" in problem.message


def test_pack_without_pack_section_is_reported_on_its_first_file() -> None:
    assert_reports_exactly_what_is_marked("missing-pack")
    assert load("missing-pack").graph is None


def test_folder_without_rule_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a rule file", encoding="utf-8")
    result = load_pack(tmp_path)
    assert result.graph is None
    assert [(p.file, p.line, p.code) for p in check(result)] == [
        (str(tmp_path), 1, "no-rule-files")
    ]


def test_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    pack = copy_valid_pack(tmp_path)
    (pack / "a-binary.yaml").write_bytes(b"\x00")
    (pack / "b-empty.yaml").write_bytes(b"\n\n")
    (pack / "c-syntax.yaml").write_text("nodes: [\n", encoding="utf-8")
    codes = {(file, code) for file, _, code in _codes(pack)}
    assert codes == {
        ("a-binary.yaml", "binary-file"),
        ("b-empty.yaml", "empty-file"),
        ("c-syntax.yaml", "yaml-syntax"),
    }


def test_every_fixture_marks_only_codes_the_registry_knows() -> None:
    used = {code for pack in FIXTURES.iterdir() for _, _, code in marked(pack)}
    assert used <= set(CODES)


# ---- a whole file in one validation, an item at a time when it has problems -----------------


def test_valid_files_validated_whole_give_the_graph_item_by_item_validation_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shipped pack and the fixture pack load to the same graph either way."""
    import pathways.core.load as load_module
    from pathways.core.shipped_pack import shipped_rules_dir

    for pack in (shipped_rules_dir(), VALID):
        whole = load_pack(pack)
        with monkeypatch.context() as patched:
            patched.setattr(load_module, "_whole_file", lambda data: None)
            by_item = load_pack(pack)
        assert whole.problems == by_item.problems == []
        assert whole.graph is not None and whole.graph == by_item.graph
        assert whole.origins == by_item.origins


def test_an_empty_pack_section_is_refused_though_the_rest_of_its_file_is_valid(
    tmp_path: Path,
) -> None:
    pack = copy_valid_pack(tmp_path)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    start = text.index("\npack:\n") + 1
    end = text.index("\n\n", start)  # the section ends at the first blank line
    (pack / "pack.yaml").write_text(text[:start] + "pack:" + text[end:], encoding="utf-8")
    problems = load_pack(pack).problems
    line = text[:start].count("\n") + 1
    assert [(p.code, p.line) for p in problems if "pack.yaml" in p.file] == [("schema", line)]
