"""A walk as plain text: for the terminal, screen readers and scripts (JSON: walk_json.py)."""

from __future__ import annotations

import re
import textwrap

from pathways.core.explain import background
from pathways.core.model import (
    AnyNode,
    Citation,
    End,
    Question,
    RuleGraph,
    Source,
    Verdict,
)
from pathways.core.safe_text import plain
from pathways.core.walk import Walk, not_used_sentence, unused_answers
from pathways.render.references import reference_line, source_words
from pathways.render.statuses import status_word

WIDTH = 78  # for scripts and pipes; the interactive walk passes the terminal's width
MAX_WIDTH = 100  # wider lines are hard to read, however wide the terminal
MIN_WIDTH = 20

_BULLET = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE = re.compile(r"^\s*\|")

# Inline Markdown, in the order it is undone. Emphasis needs a non-space just inside the
# markers, and underscores only count at word edges (so snake_case stays as written).
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_PROTECT = "\x00{}\x00"  # a placeholder for code spans and escapes while emphasis is undone


def text_width(columns: int) -> int:
    """The width to wrap at on a terminal ``columns`` wide (one column spare, 20-100)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def inline_plain(text: str) -> str:
    """Inline Markdown as the words a reader sees: no ``**``, ``*``, backticks or link syntax.

    A link keeps its address after its words (``words (https://...)``), since plain text
    cannot hide it; a link whose words are its address is shown once.
    """
    kept: list[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return _PROTECT.format(len(kept) - 1)

    text = text.replace("\x00", "\\x00")  # shown, as safe_text.plain would
    text = _ESCAPED.sub(lambda m: keep(m.group(1)), text)
    text = _CODE.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)

    def link(match: re.Match[str]) -> str:
        words, address = match.group(1), match.group(2)
        if not address or words.strip() == address:
            return words if not address else keep(address)
        return f"{words} ({keep(address)})"

    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    for _ in range(3):  # nested emphasis: ***both*** or **bold *and* italic**
        text = _STRONG.sub(lambda m: m.group(2), text)
        text = _EM_STAR.sub(lambda m: m.group(1), text)
        text = _EM_UNDER.sub(lambda m: m.group(1), text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> str:
    """``text`` filled to ``width``, never splitting a word (a longer word gets a line alone).

    Forbidden characters are made visible first (:func:`plain`), so none is taken for
    whitespace and dropped.
    """
    return textwrap.fill(
        " ".join(plain(text).split()),
        width,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def markdown_plain(text: str, width: int = WIDTH) -> str:
    """Markdown as plain text wrapped to ``width``: paragraphs filled, list items with a
    hanging indent, headings on their own line, quotes indented, code and tables as written.
    """
    blocks: list[str] = []
    paragraph: list[str] = []  # the lines of the paragraph or list item being gathered
    item: tuple[str, str] | None = None  # (first-line prefix, continuation indent)
    lines = plain(text).strip("\n").split("\n")  # visible first: no separator splits a line

    def flush() -> None:
        nonlocal item
        if paragraph:
            words = inline_plain(" ".join(paragraph))
            if item is None:
                blocks.append(wrap(words, width))
            else:
                blocks.append(wrap(words, width, item[0], item[1]))
        paragraph.clear()
        item = None

    in_fence = False
    previous_blank = True
    for line in lines:
        fence = _FENCE.match(line)
        if fence:
            flush()
            in_fence = not in_fence
            previous_blank = False
            info = line[fence.end():].strip().strip(fence.group(1)[0]).strip()
            if info:  # a fence's words (its "language") are kept: no word is ever dropped
                blocks.append("    " + info)
            continue
        if in_fence:
            blocks.append("    " + line.rstrip())
            continue
        if not line.strip():
            flush()
            if blocks and blocks[-1] != "":
                blocks.append("")
            previous_blank = True
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        quote = _QUOTE.match(line)
        if heading:
            flush()
            blocks.append(wrap(inline_plain(heading.group(2)), width))
        elif _RULE.match(line):
            flush()
            blocks.append("-" * min(width, 20))
        elif _TABLE.match(line):
            flush()
            blocks.append(inline_plain(line.strip()))
        elif bullet:
            flush()
            depth = "  " * (len(bullet.group(1).expandtabs(4)) // 2)
            mark = bullet.group(2)
            mark = "-" if mark in "-*+" else mark
            item = (f"{depth}  {mark} ", f"{depth}{' ' * (len(mark) + 3)}")
            paragraph.append(bullet.group(3))
        elif quote:
            flush()
            item = ("    ", "    ")
            paragraph.append(quote.group(1))
        elif item is not None and not previous_blank:
            paragraph.append(line.strip())  # a list item's continuation line
        else:
            if item is not None:
                flush()
            paragraph.append(line.strip())
        previous_blank = False
    flush()
    while blocks and blocks[-1] == "":
        blocks.pop()
    return "\n".join(blocks)


def reflow(text: str, width: int = WIDTH) -> str:
    """Markdown text as plain text wrapped to ``width`` (kept for existing callers)."""
    return markdown_plain(text, width)


def source_line(source: Source) -> str:
    """'Outlet, "Title", Byline, Date [kind]' for one source; a statute: 'Section, Title'."""
    words = source_words(source)
    parts = [words.head]
    if words.title:
        parts.append(f'"{words.title}"' if words.quoted else words.title)
    parts += words.who_when
    return ", ".join(parts) + f" [{words.kind}]"


def citation_text(
    graph: RuleGraph,
    citation: Citation,
    number: int | None = None,
    width: int = WIDTH,
    *,
    url: bool = True,
) -> str:
    source = graph.sources.get(citation.source)
    mark = f"[{number}] " if number is not None else "- "
    quote = wrap(f'"{citation.words}"', width, "    ")
    if source is None:
        return f"{mark}{citation.source}\n{quote}"
    lines = [wrap(f"{mark}{source_line(source)}", width, "", "    "), quote]
    if citation.note:
        lines.append(wrap(f"({citation.note})", width, "    "))
    if url and source.url:  # one word: a line to itself, indented only when it fits
        lines.append(f"    {source.url}" if len(source.url) + 4 <= width else source.url)
    return "\n".join(lines)


def reference_text(graph: RuleGraph, ref: str, width: int = WIDTH) -> str:
    """A statute or later report, which is shown, never quoted."""
    return wrap(f"- {reference_line(graph.sources[ref])}", width, "", "    ")


def status_line(graph: RuleGraph, verdict: Verdict) -> str:
    """'Visitor visa (B-2): BLOCKED' for a verdict."""
    route = graph.routes.get(verdict.routes[0]) if verdict.routes else None
    name = route.title if route else "?"
    return f"{name}: {status_word(verdict.status).upper()}"


def node_text(graph: RuleGraph, node: AnyNode, width: int = WIDTH) -> str:
    """One node as the plain-text walk shows it: title, text, verdict details, sources."""
    lines = [wrap(f"== {inline_plain(node.title)} ==", width, "", "   ")]
    if isinstance(node, Verdict):
        lines.append(wrap("Verdict for " + status_line(graph, node), width, "", "    "))
        lines.append(wrap(f"Why: {inline_plain(node.reason)}", width, "", "    "))
        if node.status_why:
            why = inline_plain(node.status_why)
            lines.append(wrap(f"Why this status: {why}", width, "", "    "))
    lines.append("")
    lines.append(markdown_plain(node.text, width))
    if isinstance(node, Verdict) and node.next_steps:
        lines.append("")
        lines.append("Next steps:")
        lines += [wrap(inline_plain(step), width, "  - ", "    ") for step in node.next_steps]
    if node.help:
        lines += ["", markdown_plain("Help: " + node.help.strip(), width)]
    if node.terms:
        lines += ["", "Terms:"]
        for term_id in node.terms:
            term = graph.glossary.get(term_id)
            if term is not None:
                definition = inline_plain(" ".join(term.definition.split()))
                lines.append(wrap(f"{term.term}: {definition}", width, "  ", "    "))
    lines += ["", "Sources:"]
    lines += [citation_text(graph, c, width=width, url=False) for c in node.citations]
    lines += [reference_text(graph, ref, width) for ref in node.references if ref in graph.sources]
    addresses = [graph.sources[c.source].url for c in node.citations if c.source in graph.sources]
    unique = [u for u in dict.fromkeys(addresses) if u]
    if unique:  # once each, unindented: an address is one word and is never split
        lines += ["", "Addresses:", *unique]
    return plain("\n".join(lines))


def summary_text(walk: Walk, width: int = WIDTH, *, cited: bool = False) -> str:
    """The verdict of every route; ``cited``: each with its sources under it (a case walk
    passes the verdict steps, so the summary is where their sources are read)."""
    graph = walk.graph
    reached = walk.verdict_by_route()
    lines = ["== Verdicts ==", ""]
    addresses: list[str | None] = []
    for route in graph.routes.values():
        verdict = reached.get(route.id)
        if verdict is None:
            lines.append(wrap(f"{route.title}: not reached", width, "", "    "))
        else:
            lines.append(wrap(status_line(graph, verdict), width, "", "    "))
            lines.append(wrap(inline_plain(verdict.reason), width, "    "))
            if verdict.status_why:
                lines.append(
                    wrap(f"Why this status: {inline_plain(verdict.status_why)}", width, "    ")
                )
            if cited and verdict.next_steps:  # a full walk showed them at the verdict
                lines.append("    Next steps:")
                lines += [
                    wrap(inline_plain(step), width, "      - ", "        ")
                    for step in verdict.next_steps
                ]
            if cited and verdict.citations:
                lines.append("    Sources:")
                lines += [
                    _indented(citation_text(graph, c, width=width - 4, url=False), "    ")
                    for c in verdict.citations
                ]
                addresses += [
                    graph.sources[c.source].url
                    for c in verdict.citations
                    if c.source in graph.sources
                ]
    unique = [u for u in dict.fromkeys(addresses) if u]
    if unique:  # once each, unindented: an address is one word and is never split
        lines += ["", "Addresses:", *unique]
    return plain("\n".join(lines))


def unused_text(walk: Walk, width: int = WIDTH) -> str | None:
    """A line for each answer given that the walk did not use (its question never asked),
    so no answer is dropped without a word; ``None`` when every answer was used."""
    lines = [
        wrap(not_used_sentence(inline_plain(u.question.title), u.question.fact, u.choice.id,
                               u.why), width, "", "    ")
        for u in unused_answers(walk)
    ]
    return plain("\n".join(lines)) if lines else None


def _indented(text: str, margin: str) -> str:
    return "\n".join(margin + line if line else line for line in text.splitlines())


def walk_text(walk: Walk, width: int = WIDTH) -> str:
    """Every node the walk stopped at (not the branches), with the answers given.

    A case walk (``questions_first``) stopped only at questions: it shows the questions
    and their answers, then the end with every verdict cited; the background steps it
    passed are named at the end (``pathways walk --full`` shows them in place).
    """
    graph = walk.graph
    blocks = [plain(markdown_plain(graph.pack.notice, width))]
    for step in walk.path:
        node = graph.nodes[step.node]
        if node.kind == "branch" or (walk.questions_first and not isinstance(node, Question)):
            continue
        block = node_text(graph, node, width)
        choice = node.choice(step.choice) if isinstance(node, Question) and step.choice else None
        if choice is not None:
            how = "already answered" if step.known else "answer"
            block += "\n\n" + plain(wrap(f"> {how}: {choice.label} ({choice.id})", width, "", "  "))
        blocks.append(block)
    if isinstance(walk.node, End):
        blocks.append(node_text(graph, walk.node, width))
        blocks.append(summary_text(walk, width, cited=walk.questions_first))
    unused = unused_text(walk, width)
    if unused:
        blocks.append(unused)
    if walk.questions_first:
        passed = background(graph, walk)
        if passed:
            titles = "; ".join(inline_plain(n.title) for n in passed)
            blocks.append(plain(wrap(
                f"Background passed on the way (read it, cited, with --full): {titles}", width
            )))
    return "\n\n".join(blocks) + "\n"
