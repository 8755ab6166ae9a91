"""The one policy for untrusted text (rule packs, scenario files, file names).

Rule packs may come from anyone. Two halves:

1. **What rule text may not contain** (:func:`forbidden_in_rule_text`): the validator
   refuses, with a problem code, every character that has no place in prose and can
   make text act on a terminal or read differently from what is stored:

   - ``control-character``: C0 controls other than tab and newline (carriage return
     included: it lets a line overwrite itself), DEL, and C1 controls (CSI, OSC...);
   - ``invisible-character``: bidirectional embeddings, overrides and isolates
     (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C), line and
     paragraph separators (U+2028, U+2029), zero-width and invisible characters
     (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+00AD, U+180E, U+034F, U+115F, U+1160,
     U+3164, U+FFA0), interlinear annotation (U+FFF9-U+FFFB), Unicode tag characters
     (U+E0000-U+E007F), and lone surrogates.

2. **How the rest is written out**, one function per output. Each also turns any
   forbidden character that still reaches it (from a pack that was not checked, or a
   file name) into a visible escape such as ``\\x1b`` or ``<U+202E>``, never the
   character itself:

   - :func:`plain`: terminal text; newlines and tabs kept;
   - :func:`one_line`: a name or value inside a one-line message (file names in
     problems): newlines and tabs escaped too, so a name cannot forge a second line;
   - :func:`json_text`: JSON, with forbidden characters as ``\\uXXXX`` escapes;
   - :func:`markdown_inline`: Markdown on one line, syntax characters escaped;
   - :func:`markdown_code`: a Markdown code span (a file name);
   - :func:`mermaid_label`: a Mermaid ``"..."`` label (quotes, backticks, ``#``,
     ``<``, ``>`` as Mermaid entity codes);
   - :func:`dot_string`: a Graphviz ``"..."`` string;
   - :func:`html_text`: HTML element or attribute text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# C0 except tab and newline, DEL, C1.
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_INVISIBLE_CHARS = (
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u2069\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
)
_SURROGATES = "\ud800-\udfff"

# Few patterns over these ranges: each costs ~0.6 ms to compile, at every start-up.
CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
FORBIDDEN = re.compile(f"[{_CONTROL_CHARS}{_INVISIBLE_CHARS}{_SURROGATES}]")


_CONTROL_NAMES = {
    0x07: "BELL", 0x08: "BACKSPACE", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
    0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER", 0x9D: "OPERATING SYSTEM COMMAND",
}


def character_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named so a person can find it."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "")
    if not name and (code < 0x20 or 0x7F <= code <= 0x9F):
        name = "CONTROL CHARACTER"
    if 0xDC80 <= code <= 0xDCFF:
        name = f"undecodable byte 0x{code - 0xDC00:02x}"
    return f"U+{code:04X} {name}".rstrip()


def forbidden_in_rule_text(text: str) -> list[tuple[str, str]]:
    """Each distinct forbidden character in ``text``, in order: (problem code, its name)."""
    found: dict[str, tuple[str, str]] = {}
    for match in FORBIDDEN.finditer(text):
        char = match.group()
        if char not in found:
            code = "control-character" if CONTROL.fullmatch(char) else "invisible-character"
            found[char] = (code, character_name(char))
    return list(found.values())


def _visible(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def _escape_visible(match: re.Match[str]) -> str:
    return _visible(match.group())


def plain(text: str) -> str:
    """Terminal text: every forbidden character shown as a visible escape, never executed."""
    return FORBIDDEN.sub(_escape_visible, text)


def one_line(text: str) -> str:
    """A value inside a one-line message: also newlines and tabs as ``\\n``, ``\\t``."""
    # No escape has a newline or tab in it, so these come from the text itself.
    return plain(text).replace("\n", "\\n").replace("\t", "\\t")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON (UTF-8 text kept readable) with every forbidden character as a ``\\uXXXX`` escape.

    Outside strings JSON text is ASCII, so an escape can only land inside a string,
    where it means the same character to any JSON reader.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF
                         else json.dumps(m.group())[1:-1], text)


# Every character Markdown (CommonMark, GitHub's) or the HTML inside it gives a meaning
# inline: escapes, code, emphasis, links and images, HTML and autolinks, table cells,
# headings, strikethrough, entity and character references (``&amp;``, ``&#65;``) and
# GitHub's maths (``$x$``). A backslash before any ASCII punctuation shows it as itself.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
# At the start of a line: a list item ("- ", "+ ", "1. ", "1) ") or a heading's underline.
_MD_LINE_MARK = re.compile(r"^[-+=]")
_MD_LINE_NUMBER = re.compile(r"^(\d+)([.)])")


def markdown_inline(text: str) -> str:
    """Markdown on one line, read literally: forbidden characters visible, syntax escaped
    (a character reference such as ``&amp;`` shows as typed, not as ``&``), and a start
    that would make a list item or a heading's underline escaped too, wherever the text
    lands on its line. The one escaping of untrusted text for Markdown: the brief, the
    handout and the generated documents all use it."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(plain(text).split()))
    return _MD_LINE_NUMBER.sub(r"\1\\\2", _MD_LINE_MARK.sub(r"\\\g<0>", flat))


def markdown_code(text: str) -> str:
    """Untrusted text as one Markdown code span: its fence longer than any run of
    backticks inside it, so the text cannot end the span early."""
    flat = " ".join(plain(text).split())
    longest = max((len(run) for run in re.findall("`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


_MERMAID_ENTITIES = {'"': "#quot;", "`": "#96;", "#": "#35;", "<": "#lt;", ">": "#gt;",
                     "\n": " ", "\t": " "}
_MERMAID_SPECIAL = re.compile('["`#<>\n\t]')


def mermaid_label(text: str) -> str:
    """Text for inside a Mermaid ``"..."`` label.

    A backtick would start a Mermaid Markdown string, ``#`` an entity code, ``"`` end
    the label, ``<``/``>`` make HTML: each becomes an entity code. Line breaks become
    spaces.
    """
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], plain(text))


def dot_string(text: str) -> str:
    """A Graphviz double-quoted string, quotes included; newlines become ``\\n`` breaks."""
    escaped = plain(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", " ") + '"'


def html_text(text: str) -> str:
    """Text for an HTML element or a double-quoted attribute."""
    import html

    return html.escape(plain(text), quote=True)
