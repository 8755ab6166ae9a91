"""The JSON Schema of rule files: committed, in sync, and agreeing with pathways validate.

check-jsonschema (a standard validator, as editors use) and ``pathways validate`` must agree on
the shipped pack and on every fixture file: the same places wrong, one precise message each.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.schema import SCHEMA_ID, rule_file_schema, schema_text
from tests.fixture_packs import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SCHEMA = RULES / "schema.json"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

# Problems found while reading YAML, before any schema applies. A standard validator reads
# the same files with its own YAML parser: it must refuse them too (a parse error or a schema
# error), except anchors and aliases, which it expands and this project refuses.
_READING = {"yaml-syntax", "duplicate-key", "too-deep", "empty-file", "binary-file", "not-utf8"}
_NOT_A_RULE_FILE = {"scenarios-valid", "sources"}  # scenario files and source texts

_WHERE = re.compile(r"^([a-z_]+(?:\[\d+\]|\.[a-z_][a-z0-9_-]*)*): ")


def _check_jsonschema(files: list[Path]) -> dict[str, object]:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), "-o", "json", *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )
    report: dict[str, object] = json.loads(result.stdout)
    return report


def _rule_files() -> list[Path]:
    packs = [p for p in sorted(FIXTURES.iterdir()) if p.is_dir() and p.name not in _NOT_A_RULE_FILE]
    return [f for pack in [RULES, *packs] for f in sorted(pack.glob("*.yaml"))]


def test_committed_schema_is_what_pathways_schema_prints() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(rule_file_schema()), (
        "rules/schema.json is stale: pathways schema > rules/schema.json"
    )
    printed = subprocess.run(
        [sys.executable, "-m", "pathways", "schema"], capture_output=True, text=True,
        timeout=60, check=True,
    ).stdout
    assert printed == SCHEMA.read_text(encoding="utf-8")


def test_schema_has_an_id_and_chooses_each_node_kind_with_if_then() -> None:
    schema = rule_file_schema()
    assert schema["$id"] == SCHEMA_ID
    assert "discriminator" not in json.dumps(schema)
    nodes = schema["properties"]["nodes"]["items"]
    assert nodes["required"] == ["kind"]
    kinds = [rule["if"]["properties"]["kind"]["const"] for rule in nodes["allOf"]]
    assert sorted(kinds) == sorted(nodes["properties"]["kind"]["enum"])


def test_check_jsonschema_says_only_that_id_is_missing_for_a_node_without_id(
    tmp_path: Path,
) -> None:
    rule_file = tmp_path / "nodes.yaml"
    rule_file.write_text(
        "nodes:\n  - kind: info\n    title: Hello\n    text: Hi.\n"
        "    citations: [{source: s, quote: q}]\n    next: x\n",
        encoding="utf-8",
    )
    report = _check_jsonschema([rule_file])
    errors = [(e["path"], e["message"]) for e in report["errors"]]  # type: ignore[attr-defined]
    assert errors == [("$.nodes[0]", "'id' is a required property")]


def test_check_jsonschema_and_validate_agree_on_the_shipped_pack_and_every_fixture() -> None:
    files = _rule_files()
    report = _check_jsonschema(files)
    theirs: dict[str, list[str]] = {}
    for error in report["errors"]:  # type: ignore[attr-defined]
        theirs.setdefault(str(Path(error["filename"]).resolve()), []).append(error["path"])
    unparsed = {
        str(Path(e["filename"]).resolve())
        for e in report["parse_errors"]  # type: ignore[attr-defined]
    }
    ours: dict[str, list[str]] = {}
    read_problems: dict[str, set[str]] = {}
    packs = sorted({f.parent for f in files})
    for pack in packs:
        for problem in check(load_pack(pack)):
            name = str(Path(problem.file).resolve())
            if problem.code == "schema":
                match = _WHERE.match(problem.message)
                ours.setdefault(name, []).append("$." + match.group(1) if match else "$")
            elif problem.code in _READING or problem.code == "yaml-alias":
                read_problems.setdefault(name, set()).add(problem.code)
    disagreements = []
    for file in files:
        name = str(file.resolve())
        if name in read_problems:
            refused = name in unparsed or name in theirs
            if refused == (read_problems[name] == {"yaml-alias"}):
                disagreements.append(f"{file}: {read_problems[name]}, check-jsonschema refused: "
                                     f"{refused}")
            continue
        if sorted(ours.get(name, [])) != sorted(theirs.get(name, [])):
            disagreements.append(f"{file}: validate {ours.get(name)}, "
                                 f"check-jsonschema {theirs.get(name)}")
    assert not disagreements, "\n".join(disagreements)
    assert len(files) > 60


# ---- the graph export: pathways schema --graph --------------------------------------------


def _graph_json(rules: Path) -> dict[str, object]:
    from pathways.core.check import checked_graph
    from pathways.render.graph_formats import graph_to_json_text

    graph, problems = checked_graph(rules)
    assert graph is not None, problems
    data: dict[str, object] = json.loads(graph_to_json_text(graph))
    return data


def _property_names(schema: object) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
            names |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


def test_graph_export_of_the_shipped_pack_and_the_valid_fixture_fits_its_schema() -> None:
    import jsonschema

    from pathways.render.graph_schema import graph_json_schema

    schema = graph_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for rules in (RULES, FIXTURES / "valid"):
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_graph_json(rules))]
        assert errors == [], f"{rules}: {errors}"


def test_graph_schema_forbids_what_it_does_not_list() -> None:
    import jsonschema

    from pathways.render.graph_schema import graph_json_schema

    data = _graph_json(FIXTURES / "valid")
    data["nodes"][0]["colour"] = "red"  # type: ignore[index]
    errors = list(jsonschema.Draft202012Validator(graph_json_schema()).iter_errors(data))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('colour' was "
                                           "unexpected)"]


def test_pathways_schema_graph_prints_it() -> None:
    from pathways.render.graph_schema import graph_json_schema

    printed = subprocess.run(
        [sys.executable, "-m", "pathways", "schema", "--graph"], capture_output=True, text=True,
        timeout=60, check=True,
    ).stdout
    assert json.loads(printed) == graph_json_schema()


def test_graph_json_doc_names_every_field_of_the_schema() -> None:
    from pathways.render.graph_schema import graph_json_schema

    doc = (ROOT / "docs" / "graph-json.md").read_text(encoding="utf-8")
    missing = sorted(
        name for name in _property_names(graph_json_schema()) if f"`{name}`" not in doc
    )
    assert missing == [], f"document these in docs/graph-json.md: {missing}"


def test_every_shipped_rule_file_names_the_schema_on_its_first_line() -> None:
    """Editors (VS Code's YAML extension, yaml-language-server) validate while typing."""
    wrong = [
        path.name
        for path in sorted(RULES.glob("*.yaml"))
        if path.read_text(encoding="utf-8").split("\n", 1)[0]
        != "# yaml-language-server: $schema=schema.json"
    ]
    assert wrong == [], "add '# yaml-language-server: $schema=schema.json' as their first line"
