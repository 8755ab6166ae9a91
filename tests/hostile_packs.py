"""A corpus of hostile rule packs, built on demand (some are 50 MB: never committed).

Each builder writes one pack into a folder. ``BROKEN`` packs must be refused with a
clear problem (exit 1); ``LITERAL`` packs are valid and their text must come out
literally, never as terminal escapes or Rich markup.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

BASE_PACK = """\
pack:
  title: Hostile test pack
  start: decide
  sources_dated: May 2017
  notice: Explains 2017 reporting. Not legal advice.
routes:
  - {id: r, title: Route, summary: One route., entry: decide}
sources:
  - id: s
    kind: news report
    outlet: Outlet
    title: Title
    date: "2017-05-17"
    passages: [{id: p, quote: "a quote cited twice"}]
nodes:
  - id: ask
    kind: question
    routes: [r]
    title: A question
    text: Pick one.
    citations: [{source: s, quote: "a quote"}]
    choices:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No"}
  - id: decide
    kind: branch
    cases: [{when: {ask: ["yes", "no"]}, next: verdict}]
    default: verdict
  - id: verdict
    kind: verdict
    routes: [r]
    status: blocked
    title: Verdict
    reason: Because.
    text: Closed.
    citations: [{source: s, passage: p}]
    next: done
  - id: done
    kind: end
    title: Summary
    text: The end.
    citations: [{source: s, passage: p}]
"""

MARKUP_TITLE = "[bold red]Not bold[/] [link=https://example.invalid]not a link[/link]"


def _write(folder: Path, text: str | bytes, name: str = "pack.yaml") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    lines.append("nodes: *j")
    return "\n".join(lines) + "\n"


BROKEN: dict[str, Callable[[Path], None]] = {
    "malformed-yaml": lambda d: _write(d, "pack: {title: [unclosed\n  start: x\n"),
    "truncated-yaml": lambda d: _write(d, BASE_PACK[: len(BASE_PACK) // 2 - 7]),
    "wrong-types": lambda d: _write(
        d, BASE_PACK.replace("status: blocked", "status: [1, 2]").replace(
            "title: Verdict", "title: {a: b}"
        )
    ),
    "empty-file": lambda d: _write(d, ""),
    "binary-file": lambda d: _write(d, bytes(range(256)) * 8),
    "non-utf8": lambda d: _write(d, BASE_PACK.encode("utf-8").replace(b"Pick", b"P\xffck")),
    "alias-bomb": lambda d: _write(d, _alias_bomb()),
    "huge-file": lambda d: _write(d, "# " + "x" * (50 * 1024 * 1024) + "\n" + BASE_PACK),
    "deep-nesting": lambda d: _write(d, "nodes: " + "[" * 10_000 + "]" * 10_000 + "\n"),
    "deep-block-nesting": lambda d: _write(
        d, "".join(" " * i + "a:\n" for i in range(0, 2000)) + " " * 2000 + "b: 1\n"
    ),
    "duplicate-keys": lambda d: _write(
        d, BASE_PACK.replace("title: Summary", "title: A\n    title: B")
    ),
    "control-char-id": lambda d: _write(d, BASE_PACK.replace("id: done", 'id: "do\\x1bne"')),
    "ansi-quote": lambda d: _write(
        d,
        BASE_PACK.replace(
            'quote: "a quote"}]\n    choices',
            'quote: "\\e[31mred\\e[0m \\e]8;;x\\a"}]\n    choices',
        ),
    ),
    "cycle": lambda d: _write(d, BASE_PACK.replace("next: done", "next: decide")),
    "dangling-reference": lambda d: _write(d, BASE_PACK.replace("next: done", "next: nowhere")),
    "unreachable-node": lambda d: _write(
        d,
        BASE_PACK
        + """\
  - id: island
    kind: info
    title: Nobody comes here
    text: Alone.
    citations: [{source: s, passage: p}]
    next: done
""",
    ),
}

def _fifo_in_pack(folder: Path) -> None:
    _write(folder, BASE_PACK)
    os.mkfifo(folder / "zz.yaml")  # reading it would wait for a writer forever


def _link_to_fifo(folder: Path) -> None:
    _write(folder, BASE_PACK)
    (folder / ".store").mkdir()
    os.mkfifo(folder / ".store" / "pipe")
    (folder / "zz.yaml").symlink_to(folder / ".store" / "pipe")


def _link_to_dev_zero(folder: Path) -> None:
    _write(folder, BASE_PACK)
    (folder / "zz.yaml").symlink_to("/dev/zero")  # endless: would grow until memory runs out


SECRET = "secret-line-outside-the-pack"


def _link_out_of_pack(folder: Path) -> None:
    _write(folder, BASE_PACK)
    outside = folder.parent / f"{folder.name}-outside.yaml"
    outside.write_text(f"{SECRET}: 1\n", encoding="utf-8")
    (folder / "zz.yaml").symlink_to(outside)


def _with_title(title: str) -> Callable[[Path], None]:
    """A pack whose question title is ``title`` (written as a YAML escape sequence)."""
    return lambda d: _write(d, BASE_PACK.replace("title: A question", f"title: {title}"))


# Packs refused for what their files are, or for characters the policy forbids
# (pathways/core/safe_text.py), with the problem code each must get.
SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo-in-pack": (_fifo_in_pack, "not-a-regular-file"),
    "link-to-fifo": (_link_to_fifo, "not-a-regular-file"),
    "link-to-dev-zero": (_link_to_dev_zero, "outside-pack"),
    "link-out-of-pack": (_link_out_of_pack, "outside-pack"),
    "carriage-return-title": (
        _with_title('"Everything is fine\\rBLOCKED: go home"'), "control-character"
    ),
    "bidi-override-title": (_with_title('"abc \\u202egnp.exe"'), "invisible-character"),
    "bidi-isolate-title": (_with_title('"a \\u2066b\\u2069 c"'), "invisible-character"),
    "line-separator-title": (_with_title('"one\\u2028two"'), "invisible-character"),
    "zero-width-title": (_with_title('"pay\\u200bpal"'), "invisible-character"),
    "tag-character-title": (_with_title('"hi\\U000e0041"'), "invisible-character"),
}
# The special files also go through every command and the TUI; the characters do so in
# tests/test_safe_text.py, all in one pack.
BROKEN.update({name: build for name, (build, code) in SPECIAL.items()
               if code not in ("control-character", "invisible-character")})

LITERAL: dict[str, Callable[[Path], None]] = {
    "rich-markup-text": lambda d: _write(
        d,
        BASE_PACK.replace("title: A question", f'title: "{MARKUP_TITLE}"').replace(
            "text: Pick one.", 'text: "Pick [bold]one[/bold] or [link=file:///etc/passwd]x[/link]."'
        ),
    ),
}
