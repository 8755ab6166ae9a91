"""One broken rule file is one message, in that file, on the right line.

Breaking any ONE file of the shipped pack (a syntax error, a control character, an anchor,
at any line) must not make files that are fine report problems that only echo it, such as
``missing-node`` for the ids the broken file defines, or ``route-without-verdict``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.yaml_source import YamlMap, YamlSeq, read_yaml

RULES = Path(__file__).parent.parent / "rules"
FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(RULES.glob("*.yaml"))}


def _key_lines(data: Any) -> set[int]:
    """The lines of every mapping key: lines that are outside any scalar's text."""
    lines: set[int] = set()
    if isinstance(data, YamlMap):
        lines.update(data.key_lines.values())
        for value in data.values():
            lines |= _key_lines(value)
    elif isinstance(data, YamlSeq):
        for value in data:
            lines |= _key_lines(value)
    return lines


def _lines_with_a_key() -> dict[str, list[int]]:
    found = {}
    for name in FILES:
        data, problems = read_yaml(RULES / name, name)
        assert problems == [], problems
        found[name] = sorted(_key_lines(data))
    return found


KEY_LINES = _lines_with_a_key()
_KEY = re.compile(r"^(\s*(?:- )?[\w-]+:)(?= |$)")
# Lines that start with a block key (not inside a flow mapping): an anchor goes after it.
ANCHOR_LINES = {
    name: [n for n in lines if _KEY.match(FILES[name].split("\n")[n - 1])]
    for name, lines in KEY_LINES.items()
}


def _inject(text: str, line: int, how: str) -> str:
    """``text`` broken at ``line`` (1-based, a line holding a mapping key)."""
    lines = text.split("\n")
    if how == "syntax":  # a new line the scanner cannot read, pushing the key line down
        lines.insert(line - 1, "@oops")
    elif how in ("bell", "escape"):
        lines[line - 1] += "\x07" if how == "bell" else "\x1b[2J"
    else:  # an anchor on the key's value
        match = _KEY.match(lines[line - 1])
        assert match is not None, lines[line - 1]
        lines[line - 1] = match.group(1) + " &here" + lines[line - 1][match.end():]
    return "\n".join(lines)


CODE = {
    "syntax": "yaml-syntax",
    "bell": "control-character",
    "escape": "control-character",
    "anchor": "yaml-alias",
}


@st.composite
def _breakage(draw: st.DrawFn) -> tuple[str, int, str]:
    name = draw(st.sampled_from(sorted(FILES)))
    how = draw(st.sampled_from(sorted(CODE)))
    line = draw(st.sampled_from((ANCHOR_LINES if how == "anchor" else KEY_LINES)[name]))
    return name, line, how


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_breakage())
def test_breaking_any_one_shipped_file_reports_only_that_file_at_the_right_line(
    breakage: tuple[str, int, str],
) -> None:
    name, line, how = breakage
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "rules"
        shutil.copytree(RULES, pack)
        (pack / name).write_text(_inject(FILES[name], line, how), encoding="utf-8")
        problems = check(load_pack(pack))
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [
        (name, line, CODE[how])
    ], [str(p) for p in problems]


def test_a_node_that_fails_the_schema_does_not_report_its_ids_missing_elsewhere(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(RULES, pack)
    text = FILES["90-end.yaml"]
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.strip() == "- id: summary")
    (pack / "90-end.yaml").write_text(
        text.replace("- id: summary", "- ident: summary", 1), encoding="utf-8"
    )
    problems = check(load_pack(pack))
    assert {(Path(p.file).name, p.code) for p in problems} == {("90-end.yaml", "schema")}
    assert line in {p.line for p in problems}
