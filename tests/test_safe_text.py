"""The one policy for untrusted text (pathways/core/safe_text.py), through every output.

A rule pack is refused when its text holds a control or invisible character; these
tests also push such text past the validator (an unchecked graph, a file name) into
every renderer and front, and check that none of the characters comes out as itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.core.problems import Problem
from pathways.core.safe_text import (
    FORBIDDEN,
    dot_string,
    forbidden_in_rule_text,
    html_text,
    json_text,
    markdown_code,
    markdown_inline,
    mermaid_label,
    one_line,
    plain,
)
from pathways.core.walk import walk_through
from pathways.render.brief import brief_json_text, brief_markdown, build_brief
from pathways.render.graph_formats import graph_to_dot, graph_to_json_text, graph_to_mermaid
from pathways.render.handout import tour_markdown
from pathways.render.route_docs import documents
from pathways.render.walk_json import walk_json
from pathways.render.walk_text import walk_text
from tests.hostile_packs import BASE_PACK

# One of each class the policy forbids.
HOSTILE_CHARS = {
    "escape": "\x1b[31m",
    "carriage return": "\r",
    "bell": "\x07",
    "C1 CSI": "\x9b",
    "bidi override": "\u202e",
    "bidi embedding": "\u202a",
    "bidi isolate": "\u2066",
    "pop isolate": "\u2069",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "right-to-left mark": "\u200f",
    "byte order mark": "\ufeff",
    "tag character": "\U000e0041",
}
EVIL = "Fine" + "".join(HOSTILE_CHARS.values()) + "BLOCKED: go home"
PROBLEM_LINE = re.compile(r"^\S.*:\d+: [a-z0-9-]+: \S")

TOUR = """\
tours:
  - id: t
    title: A tour
    summary: One step.
    steps:
      - node: ask
        heading: A heading
        door: A door closes.
        loop: a loop label
        citations: [{source: s, quote: "a quote"}]
"""


def _yaml_escaped(text: str) -> str:
    """A YAML double-quoted string holding exactly ``text``."""
    def one(char: str) -> str:
        if char in '"\\' or not " " <= char <= "~":
            return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        return char

    return '"' + "".join(one(c) for c in text) + '"'


def _hostile_pack(folder: Path) -> Path:
    text = BASE_PACK + TOUR
    for old in ("title: A question", "text: Pick one.", 'label: "Yes"', "reason: Because.",
                "title: Title", "title: A tour", "heading: A heading", "title: Summary"):
        key = old.split(":")[0]
        text = text.replace(old, f"{key}: {_yaml_escaped(EVIL)}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


def _unchecked_graph(tmp_path: Path) -> RuleGraph:
    result = load_pack(_hostile_pack(tmp_path / "pack"))
    assert result.graph is not None
    codes = {p.code for p in result.problems}
    assert codes == {"control-character", "invisible-character"}, result.problems
    return result.graph


def _assert_clean(output: str, where: str) -> None:
    found = FORBIDDEN.search(output)
    assert found is None, f"{where}: {found.group()!r} came out as itself"


# -- the policy itself ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HOSTILE_CHARS))
def test_the_validator_refuses_each_forbidden_character_and_names_it(name: str) -> None:
    found = forbidden_in_rule_text(f"a{HOSTILE_CHARS[name]}b")
    assert found, name
    code, described = found[0]
    assert code in ("control-character", "invisible-character")
    assert re.match(r"U\+[0-9A-F]{4,6} \S", described), described


def test_ordinary_prose_in_any_script_is_allowed() -> None:
    prose = "Ramzan — «Кадыров» said: \u2018no\u2019.\tÉcole, 北京, عربى, עברית\nnext line"
    assert forbidden_in_rule_text(prose) == []
    assert plain(prose) == prose


def test_every_output_form_shows_the_characters_without_emitting_them() -> None:
    outputs = {
        "plain": plain(EVIL), "one_line": one_line(EVIL + "\nforged"),
        "json": json_text({"t": EVIL}), "markdown": markdown_inline(EVIL),
        "mermaid": mermaid_label(EVIL), "dot": dot_string(EVIL), "html": html_text(EVIL),
    }
    for form, output in outputs.items():
        _assert_clean(output, form)
        assert "BLOCKED: go home" in output
    assert "<U+202E>" in plain(EVIL) and "\\x0d" in plain(EVIL)
    assert "\n" not in outputs["one_line"]
    assert json.loads(outputs["json"]) == {"t": EVIL}  # the JSON still means the same text


def test_a_file_name_with_a_newline_cannot_forge_a_second_problem_line() -> None:
    name = "pack/zz.yaml\npack/real.yaml:1: schema: everything is fine"
    shown = Problem(name, 3, "yaml-syntax", "bad\rline", "fix\nit").format()
    lines = shown.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pack/zz.yaml\\npack/real.yaml:1: schema: everything is fine:3:")
    assert lines[1] == "    fix: fix\\nit"


ODD_TITLES = [
    "`starts with a backtick`", "ends with a backtick`", 'a "quoted" word', "C# and #quot;",
    "<b>bold</b> & <script>", "pipe | and [brackets] {braces} (parens)", "semi; colon: %% comment",
    "line\nbreak\ttab", "\\back\\slash\\", "end]", "émoji 🙂 ✘", "-->|edge|",
]


@pytest.mark.parametrize("title", ODD_TITLES)
def test_mermaid_and_dot_labels_hold_any_title_as_one_label(title: str) -> None:
    label = mermaid_label(title)
    assert not re.search(r'["`<>\n]', label), label
    assert re.fullmatch(r"[^#]*(#(quot|lt|gt|96|35);[^#]*)*", label), label
    dot = dot_string(title)
    assert dot.startswith('"') and dot.endswith('"') and "\n" not in dot
    assert not re.search(r'(?<!\\)(\\\\)*"', dot[1:-1]), dot  # no unescaped quote inside


def test_mermaid_export_of_odd_titles_has_one_line_per_node_and_edge(tmp_path: Path) -> None:
    text = BASE_PACK
    for old, title in zip(("title: A question", "title: Verdict", "title: Summary"),
                          ("`tick` \"q\" #x; <y>", "pipe | [b] {c} --> d", "é\\n%%"),
                          strict=True):
        text = text.replace(old, f"title: {_yaml_escaped(title)}", 1)
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    result = load_pack(tmp_path)
    assert result.graph is not None and result.problems == []
    lines = graph_to_mermaid(result.graph).splitlines()
    node = re.compile(r'^  n_\w+(\{\{|\[|\{|\(\[|\(\()"[^"`<>]*"(\}\}|\]|\}|\]\)|\)\))$')
    edge = re.compile(r'^  n_\w+ (-->|-\.->)(\|"[^"`<>]*"\|)? n_\w+$')  # -.-> : a branch asks
    assert lines[0] == "flowchart TD"
    for line in lines[1:]:
        assert node.match(line) or edge.match(line), line


# -- every renderer, given text the validator would refuse ---------------------------


def test_every_renderer_escapes_what_an_unchecked_pack_holds(tmp_path: Path) -> None:
    graph = _unchecked_graph(tmp_path)
    walk = walk_through(graph, {"ask": "yes"})
    brief = build_brief(walk)
    outputs = {
        "walk": walk_text(walk),
        "walk --json": json_text(walk_json(walk)),
        "graph json": graph_to_json_text(graph),
        "graph mermaid": graph_to_mermaid(graph),
        "graph dot": graph_to_dot(graph),
        "tour --markdown": tour_markdown(graph, graph.tours["t"]),
        "brief markdown": brief_markdown(brief),
        "brief json": brief_json_text(brief),
        **{f"docs {name}": text for name, text in documents(graph).items()},
    }
    for where, output in outputs.items():
        _assert_clean(output, where)
    assert "<U+202E>" in outputs["walk"]
    assert json.loads(outputs["graph json"])["nodes"][0]["title"] == EVIL


def test_the_interactive_plain_walk_escapes_what_an_unchecked_pack_holds(
    tmp_path: Path,
) -> None:
    from pathways.core.walk import Walk
    from pathways.plain_walk import prompt_walk

    graph = _unchecked_graph(tmp_path)
    said: list[str] = []
    replies = iter(["1", "", ""])
    prompt_walk(Walk.begin(graph), {}, ask=lambda _: next(replies, "q"), say=said.append)
    shown = "\n".join(said)
    _assert_clean(shown, "walk --interactive")
    assert "<U+202E>" in shown


def test_the_tui_shows_the_characters_as_visible_escapes(tmp_path: Path) -> None:
    from pathways.tui import PathwaysApp
    from tests.tui.driving import start_walk

    graph = _unchecked_graph(tmp_path)

    async def screen_text() -> str:
        app = PathwaysApp(graph=graph)  # as if it had been checked
        async with app.run_test(size=(200, 50)) as pilot:
            await start_walk(pilot)
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            return "".join(segment.text for strip in strips for segment in strip)

    shown = asyncio.run(screen_text())
    _assert_clean(shown, "tui")
    assert "<U+202E>" in shown


# -- through the command line --------------------------------------------------------

COMMANDS = {
    "validate": ["validate"],
    "walk": ["walk", "--answer", "ask=yes", "--no-interactive"],
    "walk --json": ["walk", "--answer", "ask=yes", "--json"],
    "graph json": ["graph", "--format", "json"],
    "graph mermaid": ["graph", "--format", "mermaid"],
    "graph dot": ["graph", "--format", "dot"],
    "docs": ["docs", "--out", "OUT"],
    "tour --markdown": ["tour", "t", "--markdown"],
}


def test_every_command_refuses_the_pack_and_prints_only_escaped_text(tmp_path: Path) -> None:
    pack = _hostile_pack(tmp_path / "pack")
    out = tmp_path / "docs-out"
    for where, args in COMMANDS.items():
        argv = [a.replace("OUT", str(out)) for a in args]
        result = subprocess.run(
            [sys.executable, "-m", "pathways", "--rules", str(pack), *argv],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 1, (where, output)
        _assert_clean(output, where)
        assert PROBLEM_LINE.search(output), (where, output)
        assert ": invisible-character: text contains U+202E RIGHT-TO-LEFT OVERRIDE" in output
    assert not out.exists()


def test_a_file_name_with_a_newline_is_one_escaped_name_in_the_report(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(BASE_PACK, encoding="utf-8")
    forged = "zz\nforged.yaml:1: schema: all is well\u202e.yaml"
    (pack / forged).write_text("nodes: [unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "validate", str(pack)],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 1
    _assert_clean(result.stdout, "validate")
    for line in result.stdout.splitlines():
        assert line.startswith(f"{pack}/zz\\nforged.yaml:1: schema: all is well<U+202E>.yaml:") \
            or line.startswith("    fix: "), line


def test_undecodable_path_bytes_under_a_strict_utf8_locale_are_escaped(tmp_path: Path) -> None:
    pack = Path(os.fsdecode(bytes(tmp_path) + b"/pack\xff"))
    pack.mkdir()
    (pack / "pack.yaml").write_text("nodes: [unclosed\n", encoding="utf-8")
    # Python writes undecodable bytes back out (surrogateescape) under the C and C.UTF-8
    # locales; under others, such as en_US.UTF-8, it is strict. Ask for strict directly.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update(LC_ALL="C.UTF-8", PYTHONUTF8="0", PYTHONIOENCODING="utf-8:strict")
    for args in (["validate", str(pack), "--json"], ["validate", str(pack)]):
        result = subprocess.run(
            [sys.executable, "-m", "pathways", *args], capture_output=True, timeout=30, env=env
        )
        out = result.stdout.decode("utf-8")  # strict: must be valid UTF-8
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        if "--json" in args:
            report = json.loads(out)
            assert report["problems"][0]["file"].startswith(os.fsdecode(bytes(tmp_path)))
        else:
            assert "/pack\\xff/pack.yaml:" in out


_MD_PIECES = [*"ab 1.-+=*_`[]()<>!&#;$~|\\\"':/@%{}", "&amp;", "&#65;", "&#x41;", "<b>",
              "http://x.y", "1.", "1)", "- ", "---", "===", "```", "~~~", "<!--", "![a](b)"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MD_PIECES), max_size=12).map("".join))
def test_markdown_inline_text_is_shown_exactly_as_written_by_a_markdown_viewer(text: str) -> None:
    """Rendered by a CommonMark parser (with tables and strikethrough, as GitHub has
    them), as a paragraph, a heading or a table cell, the text reads as written."""
    import html

    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    flat = " ".join(text.split())
    escaped = markdown_inline(text)
    cell = re.search(r"<td>(.*?)</td>", md.render(f"| a |\n|---|\n| {escaped} |"), re.S)
    shown = [
        md.render(escaped),
        md.render(f"# {escaped}"),
        cell.group(1) if cell else "(no table cell)",
    ]
    for rendered in shown:
        assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == flat, (
            text, escaped, rendered)


def test_markdown_code_cannot_be_ended_early_by_backticks_inside() -> None:
    import html

    from markdown_it import MarkdownIt

    for name in ["a`b", "``x``", "`start", "end`", "plain.txt"]:
        rendered = MarkdownIt("commonmark").render(f"file: {markdown_code(name)}")
        assert rendered.count("<code>") == 1
        inner = rendered.split("<code>")[1].split("</code>")[0]
        assert html.unescape(inner) == name


def test_an_unused_answer_is_named_escaped_in_every_report_of_a_walk(tmp_path: Path) -> None:
    """The title of a question the walk has not asked is untrusted text like any other."""
    from pathways.core.walk import Walk, unused_answers

    graph = _unchecked_graph(tmp_path)
    walk = Walk.begin(graph).knowing({"ask": "yes"})
    assert [u.question.id for u in unused_answers(walk)] == ["ask"]
    brief = build_brief(walk)
    outputs = {"walk": walk_text(walk), "walk --json": json_text(walk_json(walk)),
               "brief markdown": brief_markdown(brief), "brief json": brief_json_text(brief)}
    for where, output in outputs.items():
        _assert_clean(output, where)
        assert "not asked it" in output, where
    assert json.loads(outputs["walk --json"])["unused_answers"][0]["title"] == EVIL
    assert "<U+202E>" in outputs["walk"].split("Not used on this walk:")[1]
