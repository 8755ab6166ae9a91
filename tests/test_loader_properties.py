"""Property tests: the loader turns ANY input into a graph or clean Problems, never an exception.

Each example writes one file into a fresh copy-free pack folder next to the valid fixture's
files, loads and checks it, and asserts the outcome is well formed and quick.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import Question
from pathways.core.problems import Problem
from pathways.core.walk import WalkError, walk_through
from pathways.core.yaml_source import read_yaml_bytes
from pathways.render.graph_formats import graph_to_json
from tests.fixture_packs import SOURCES, VALID

SECONDS = 2.0
PROFILE = settings(
    max_examples=150,
    deadline=None,  # bounded by SECONDS below, which also counts the first, cold example
    suppress_health_check=[HealthCheck.too_slow],
)
VALID_FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(VALID.glob("*.yaml"))}


@contextmanager
def _pack(files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        for name, data in files.items():
            (pack / name).write_bytes(data)
        yield pack


def _assert_loads_cleanly(files: dict[str, bytes]) -> list[Problem]:
    """Load and check; every outcome is a graph or well-formed Problems, within SECONDS."""
    with _pack(files) as pack:
        started = time.monotonic()
        result = load_pack(pack)
        problems = check(result, SOURCES)
        elapsed = time.monotonic() - started
        names = {str(pack / name) for name in files} | {str(pack)}
    assert elapsed < SECONDS, f"took {elapsed:.2f}s"
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file in names
        assert problem.line >= 1
        assert problem.code and problem.code == problem.code.strip().lower()
        assert problem.message and "Traceback" not in problem.message
    if result.graph is None:
        assert problems, "no graph and no problem to say why"
    elif not problems:
        _assert_walks(result.graph)
    return problems


def _assert_walks(graph: Any) -> None:
    """A pack that checks clean exports and walks to the end answering each first choice."""
    graph_to_json(graph)
    firsts = {n.id: n.choices[0].id for n in graph.nodes.values() if isinstance(n, Question)}
    try:
        walk = walk_through(graph, firsts)
    except WalkError as error:  # pragma: no cover - a clean pack must walk
        raise AssertionError(f"a clean pack did not walk: {error}") from error
    assert walk.finished or not walk.can_proceed


def _with_valid(name: str, data: bytes) -> dict[str, bytes]:
    files = {n: t.encode() for n, t in VALID_FILES.items()}
    files[name] = data
    return files


# ---- random bytes and text ----------------------------------------------------------------


@PROFILE
@given(st.binary(max_size=2_000))
def test_random_bytes_give_problems_not_exceptions(data: bytes) -> None:
    _assert_loads_cleanly({"pack.yaml": data})


@PROFILE
@given(st.text(max_size=2_000))
def test_random_text_gives_problems_not_exceptions(text: str) -> None:
    _assert_loads_cleanly({"pack.yaml": text.encode("utf-8", "surrogatepass")})


YAML_TOKENS = [
    "pack:", "nodes:", "routes:", "sources:", "glossary:", "tours:", "- ", "  ", "    ", "\n",
    ": ", "id: x", "kind: question", "kind: branch", "kind: end", "choices:", "next: x",
    "when: {a: b}", "&a ", "*a", "!!python/object:os.system ", "!!binary ", "!!str ", "!!map",
    "{", "}", "[", "]", ",", "?", "|", ">-", "'", '"', "#", "---", "...", "%YAML 1.2\n",
    "%TAG ! tag:x:\n", "yes", "no", "~", "null", "1e999", "0x1F", ".inf", "-", "\t", "\\",
    "\u2028", "\ufeff", "é", "\U0001f600", "<<: ", "=", "!", "@", "`",
]  # fmt: skip


@PROFILE
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=80))
def test_yaml_token_soup_gives_problems_not_exceptions(tokens: list[str]) -> None:
    _assert_loads_cleanly(_with_valid("soup.yaml", "".join(tokens).encode("utf-8")))


# ---- random YAML-ish structures made of the format's own words ----------------------------

KEYS = st.sampled_from(
    [
        "pack", "routes", "sources", "glossary", "nodes", "tours", "id", "kind", "title",
        "text", "start", "notice", "sources_dated", "entry", "summary", "choices", "label",
        "next", "fact", "cases", "when", "default", "status", "reason", "citations",
        "source", "quote", "routes", "terms", "references", "file", "after", "before",
        "term", "definition", "steps", "node", "heading", "door", "compare", "where",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(
        ["welcome", "where", "money", "summary", "report", "visa", "asylum", "question",
         "branch", "verdict", "end", "info", "open", "blocked", "long-shot", "yes", "no",
         "location", "can-fund", "abroad", "news report", "statute", "report.txt", ""]
    ),
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
)  # fmt: skip
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=40,
)


@PROFILE
@given(st.dictionaries(KEYS, STRUCTURES, max_size=5))
def test_random_structures_in_the_format_words_give_problems_not_exceptions(
    data: dict[str, Any],
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    _assert_loads_cleanly(_with_valid("extra.yaml", text.encode("utf-8")))


@PROFILE
@given(STRUCTURES)
def test_any_yaml_document_alone_gives_problems_not_exceptions(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    _assert_loads_cleanly({"pack.yaml": text.encode("utf-8")})


# ---- mutations of the valid pack ----------------------------------------------------------


@st.composite
def mutated_valid_pack(draw: st.DrawFn) -> dict[str, bytes]:
    """The valid pack with one file changed by a few line- or character-level edits."""
    name = draw(st.sampled_from(sorted(VALID_FILES)))
    lines = VALID_FILES[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "dedent", "chars", "truncate", "value"]
            )
        )
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "indent":
            lines[at] = "  " + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].removeprefix("  ")
        elif edit == "chars":
            col = draw(st.integers(0, len(lines[at])))
            junk = draw(st.text(min_size=1, max_size=5))
            lines[at] = lines[at][:col] + junk + lines[at][col:]
        elif edit == "truncate":
            lines = lines[:at]
        else:  # replace the value after a key with another id-like word
            key, sep, _ = lines[at].partition(": ")
            if sep:
                word = draw(SCALARS.filter(lambda v: isinstance(v, str)))
                lines[at] = f"{key}: {word}\n"
    files = {n: t.encode() for n, t in VALID_FILES.items()}
    files[name] = "".join(lines).encode("utf-8", "surrogatepass")
    return files


@settings(PROFILE, max_examples=400)
@given(mutated_valid_pack())
def test_mutated_valid_pack_gives_a_graph_or_problems_not_exceptions(
    files: dict[str, bytes],
) -> None:
    _assert_loads_cleanly(files)


def test_the_unmutated_valid_pack_is_clean() -> None:
    # The properties above start from the valid pack; it must itself be clean.
    assert _assert_loads_cleanly({n: t.encode() for n, t in VALID_FILES.items()}) == []


# ---- line breaks only YAML sees -----------------------------------------------------------

# Every line break PyYAML and libyaml count besides a newline (a carriage return counts
# only when no newline follows it), and characters YAML refuses, around them.
YAML_ONLY_BREAKS = ["\x85", "\u2028", "\u2029", "\r"]


@settings(PROFILE, max_examples=200)
@given(
    st.sampled_from(sorted(VALID_FILES)),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(YAML_ONLY_BREAKS)),
             min_size=1, max_size=4),
)
def test_a_line_break_only_yaml_sees_is_reported_where_an_editor_shows_it(
    name: str, inserts: list[tuple[float, str]]
) -> None:
    """Anywhere in a valid file, in text, quotes, comments or between keys: one problem for
    each line holding such a character, at the first one's column, lines counted at '\\n'."""
    text = VALID_FILES[name]
    for fraction, char in inserts:
        at = int(fraction * len(text))
        text = text[:at] + char + text[at:]
    expected: dict[int, int] = {}
    for at, char in enumerate(text):
        if char in "\x85\u2028\u2029" or (char == "\r" and text[at + 1:at + 2] != "\n"):
            line = text.count("\n", 0, at) + 1
            expected.setdefault(line, at - text.rfind("\n", 0, at))
    data, problems = read_yaml_bytes(text.encode("utf-8"), name)
    if not expected:  # every carriage return landed before a newline: Windows line ends
        assert problems == [] and data is not None
        return
    assert data is None
    assert [(p.line, p.message.split(" holds ")[0]) for p in problems] == [
        (line, f"column {column}") for line, column in sorted(expected.items())
    ]
    assert all(p.code.endswith("-character") for p in problems)
