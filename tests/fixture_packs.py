"""The rule packs in tests/fixtures/ and what each expects to be reported.

Each broken pack marks the line where a problem must be reported with a YAML comment,
``# expect: CODE``, so the fixture itself says what is wrong and where.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pathways.core.check import check
from pathways.core.load import LoadResult, load_pack
from pathways.core.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = FIXTURES / "sources"
VALID = FIXTURES / "valid"

_MARK = re.compile(r"#\s*expect:\s*([a-z0-9-]+)")

Where = tuple[str, int, str]  # (file relative to the pack, line, code)


def marked(pack: Path) -> set[Where]:
    """Every ``# expect: CODE`` comment in the pack's files."""
    found: set[Where] = set()
    for path in sorted(pack.rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            match = _MARK.search(line)
            if match:
                found.add((path.relative_to(pack).as_posix(), number, match.group(1)))
    return found


def where(problems: list[Problem], pack: Path) -> set[Where]:
    """The (file, line, code) of each problem, with files relative to the pack."""
    found: set[Where] = set()
    for problem in problems:
        path = Path(problem.file)
        name = path.relative_to(pack).as_posix() if path.is_relative_to(pack) else problem.file
        found.add((name, problem.line, problem.code))
    return found


def load(name: str) -> LoadResult:
    return load_pack(FIXTURES / name)


def validate(name: str, *, sources: bool = False) -> list[Problem]:
    """Load and check one fixture pack (quotes too when ``sources``)."""
    return check(load(name), SOURCES if sources else None)


def assert_reports_exactly_what_is_marked(name: str, *, sources: bool = False) -> list[Problem]:
    """The pack's problems are exactly its ``# expect:`` marks: code, file and line."""
    pack = FIXTURES / name
    expected = marked(pack)
    assert expected, f"fixture {name} marks no expected problem"
    problems = validate(name, sources=sources)
    assert where(problems, pack) == expected, "\n".join(p.format() for p in problems)
    return problems


def copy_valid_pack(to: Path) -> Path:
    """A writable copy of the valid pack, to add a hostile file to."""
    pack = to / "pack"
    shutil.copytree(VALID, pack)
    return pack
