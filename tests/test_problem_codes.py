"""Problem codes come from one registry: what the code emits, the docs and --codes agree."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from pathways.core.problems import CODES, codes_markdown
from tests.fixture_packs import FIXTURES, validate
from tests.hostile_packs import BROKEN

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pathways"

# Calls that create a Problem (or a refusal that becomes one), and where their code is.
_MAKERS = {
    "Problem": 2, "_node_problem": 2, "_refuse": 1, "Refused": 0,
    "_named_per_source": 3, "_unused": 4,
}
# Functions that pass on a code they were given (their callers are scanned instead).
_PASS_THROUGH = {
    ("yaml_source.py", "_refuse"),
    ("check.py", "_node_problem"),
    ("check.py", "_named_per_source"),
    ("check.py", "_unused"),
    ("yaml_source.py", "read_yaml"),  # a Refused's code
    ("yaml_source.py", "read_yaml_bytes"),  # the forbidden-character codes
    ("yaml_source.py", "refused_characters"),  # the forbidden-character codes
}
# Codes chosen in safe_text.forbidden_in_rule_text, which read_yaml passes on.
_FORBIDDEN = {"control-character", "invisible-character"}


def _emitted_codes() -> dict[str, list[str]]:
    """Every code literal passed to a Problem maker in the package -> where."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(func):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                if name not in _MAKERS:
                    continue
                index = _MAKERS[name]
                arg = next((k.value for k in call.keywords if k.arg == "code"), None)
                if arg is None and len(call.args) > index:
                    arg = call.args[index]
                where = f"{path.relative_to(ROOT)}:{call.lineno}"
                literals = [
                    node.value for node in ast.walk(arg) if isinstance(node, ast.Constant)
                ] if arg is not None else []
                if literals and all(isinstance(v, str) for v in literals):
                    for value in literals:
                        found.setdefault(str(value), []).append(where)
                else:
                    assert (path.name, func.name) in _PASS_THROUGH, (
                        f"{where}: the problem code must be a literal the registry can be "
                        "checked against"
                    )
    safe_text = (PACKAGE / "core" / "safe_text.py").read_text(encoding="utf-8")
    for code in _FORBIDDEN:
        assert f'"{code}"' in safe_text
        found.setdefault(code, []).append("pathways/core/safe_text.py")
    return found


def test_every_code_the_package_can_emit_is_in_the_registry() -> None:
    emitted = _emitted_codes()
    missing = {code: places for code, places in emitted.items() if code not in CODES}
    assert not missing, f"add these to CODES in pathways/core/problems.py: {missing}"


def test_every_registered_code_is_emitted_somewhere() -> None:
    unused = set(CODES) - set(_emitted_codes())
    assert not unused, f"registered but never emitted (remove them): {sorted(unused)}"


def test_every_code_reported_on_the_fixtures_and_hostile_packs_is_registered(
    tmp_path: Path,
) -> None:
    reported = set()
    for pack in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name != "sources"):
        reported |= {p.code for p in validate(pack.name, sources=True)}
    for name, build in BROKEN.items():
        folder = tmp_path / name
        folder.mkdir()
        build(folder)
        from pathways.core.check import checked_graph

        reported |= {p.code for p in checked_graph(folder)[1]}
    assert reported - set(CODES) == set()


def test_rule_format_doc_holds_the_generated_code_table() -> None:
    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    block = text.split("<!-- codes:start -->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    assert block == codes_markdown(), "regenerate it: pathways validate --codes"


def test_validate_codes_prints_the_registry_as_text_and_json() -> None:
    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "pathways", "validate", "--codes", *args],
            capture_output=True, text=True, timeout=60, check=True,
        )
        return result.stdout

    assert run() == codes_markdown()
    table = json.loads(run("--json"))
    assert [row["code"] for row in table] == list(CODES)
    assert table[0] == {
        "code": "no-rule-files",
        "summary": CODES["no-rule-files"].summary,
        "fix": CODES["no-rule-files"].fix,
    }
