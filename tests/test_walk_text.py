"""Plain text of a walk: Markdown shown as the words a reader sees, wrapped to a width."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pathways.core.check import checked_graph
from pathways.core.model import RuleGraph
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.render.walk_text import inline_plain, markdown_plain, node_text, text_width


@pytest.fixture(scope="module")
def shipped() -> RuleGraph:
    graph, problems = checked_graph(shipped_rules_dir())
    assert graph is not None, problems
    return graph


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**bold** and *italic* and __also__ and _this_", "bold and italic and also and this"),
        ("***both*** and **bold *inside***", "both and bold inside"),
        ("run `pathways walk` now", "run pathways walk now"),
        ("see [the article](https://example.org/a)", "see the article (https://example.org/a)"),
        ("[https://example.org](https://example.org)", "https://example.org"),
        ("<https://example.org/x>", "https://example.org/x"),
        ("![a map](map.png)", "a map"),
        ("snake_case_name and 2*3*4 stay", "snake_case_name and 2*3*4 stay"),
        (r"a literal \*star\* and \`tick\`", "a literal *star* and `tick`"),
        ("`**not bold**` in code", "**not bold** in code"),
        ("[link=https://evil.example]y[/link]", "[link=https://evil.example]y[/link]"),
    ],
)
def test_inline_markdown_becomes_the_words_a_reader_sees(markdown: str, plain: str) -> None:
    assert inline_plain(markdown) == plain


def test_lists_headings_and_quotes_stay_readable() -> None:
    text = (
        "## What changed\n\nIntro **text**\nover two lines.\n\n"
        "- first *item*\n  continued\n- second\n  1. nested one\n\n> a quote\n"
    )
    assert markdown_plain(text, 40).splitlines() == [
        "What changed",
        "",
        "Intro text over two lines.",
        "",
        "  - first item continued",
        "  - second",
        "    1. nested one",
        "",
        "    a quote",
    ]


def test_a_list_item_wraps_with_a_hanging_indent_and_never_splits_a_word() -> None:
    text = "- " + " ".join(["extraordinarily"] * 6)
    lines = markdown_plain(text, 40).splitlines()
    assert lines[0].startswith("  - extraordinarily")
    assert all(line.startswith("    extraordinarily") for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)


@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()#->\n-1.")), max_size=200),
       st.integers(min_value=20, max_value=100))
@example(text="```a", width=20)  # a fence's info string was dropped
def test_every_word_survives_and_no_line_with_a_space_is_too_wide(text: str, width: int) -> None:
    out = markdown_plain(text, width)
    assert all(len(line) <= width for line in out.splitlines() if " " in line.strip())
    letters = [c for c in text if c in "ab"]
    assert [c for c in out if c in "ab"] == letters  # words are never dropped or split


@pytest.mark.parametrize("width", [39, 79])
def test_every_node_of_the_shipped_pack_fits_the_width_with_no_markdown_left(
    shipped: RuleGraph, width: int
) -> None:
    for node in shipped.nodes.values():
        text = node_text(shipped, node, width)
        for line in text.splitlines():
            # A line longer than the width is one word alone (an address): never split.
            assert len(line) <= width or " " not in line.strip(), (node.id, line)
        assert "**" not in text and "`" not in text, node.id
        assert "](" not in text, node.id


def test_the_width_follows_the_terminal_within_readable_limits() -> None:
    assert text_width(80) == 79
    assert text_width(40) == 39
    assert text_width(300) == 100
    assert text_width(5) == 20
