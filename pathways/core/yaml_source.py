"""Safe YAML reading for rule files, keeping the line of every mapping key and list item.

Rule packs may come from anyone, so reading is defensive: size is checked before
parsing, binary and non-UTF-8 files are refused, anchors and aliases (the stuff of
"billion laughs" bombs) are refused, nesting is bounded, and ``yes``/``no``/``on``/
``off`` stay strings (only ``true``/``false`` are booleans), so choice ids such as
``no`` mean what they say.

The tree is built in one pass over libyaml's event stream (no node graph, no
PyYAML constructor): several times faster than ``yaml.safe_load``, and the alias,
depth and control-character checks happen on the way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError
from yaml.resolver import BaseResolver

from pathways.core.collector import pausing
from pathways.core.problems import Problem
from pathways.core.safe_text import FORBIDDEN, character_name, forbidden_in_rule_text
from pathways.core.untrusted_file import Refused, read_untrusted

try:  # libyaml is much faster; the pure-Python parser is the fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

# The kinds of file read here: a problem's fix says what the file holds.
FileKind = Literal["rule file", "scenario file", "answers file"]


MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64


class YamlMap(dict[str, Any]):
    """A mapping from a rule file, with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class YamlSeq(list[Any]):
    """A list from a rule file, with the line of the list and of each item (1-based)."""

    line: int
    item_lines: list[int]


class _Resolver(BaseResolver):
    """YAML 1.1 resolution, except that only true/false are booleans."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


# What rule text may not contain: pathways.core.safe_text decides, for every output.
_CONTROL = FORBIDDEN


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SAFE = SafeConstructor()
# The scalar tags a rule file may carry, explicitly or resolved from a plain scalar.
_SCALARS: dict[str, Callable[[ScalarNode], Any]] = {
    "tag:yaml.org,2002:bool": _SAFE.construct_yaml_bool,
    "tag:yaml.org,2002:int": _SAFE.construct_yaml_int,
    "tag:yaml.org,2002:float": _SAFE.construct_yaml_float,
    "tag:yaml.org,2002:null": _SAFE.construct_yaml_null,
}
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _Resolver.yaml_implicit_resolvers


class _Refused(Exception):
    """Reading stops: the file uses something rule files may not."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Frame:
    """A mapping or list being filled and, for a mapping, the key waiting for its value."""

    __slots__ = ("container", "key", "key_line")

    def __init__(self, container: YamlMap | YamlSeq) -> None:
        self.container = container
        self.key: str | None = None
        self.key_line = 0


class _TreeReader:
    """Builds YamlMap / YamlSeq / scalars from the event stream of one document."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.duplicate_keys: list[tuple[int, str]] = []
        self.control_lines: list[tuple[int, str, str]] = []  # line, problem code, character
        # libyaml refuses raw control characters other than these; the rest can only come
        # from escapes in double-quoted text. Without either, no scalar needs looking at.
        self.check_control = "\\" in text or _CONTROL.search(text) is not None

    def read(self) -> Any:
        parser = _Parser(self.text)
        try:
            return self._read(parser)
        finally:
            parser.dispose()

    def _read(self, parser: Any) -> Any:
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        implicit, check_control = _IMPLICIT, self.check_control
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            line: int = event.start_mark.line + 1
            value: Any
            if kind is scalar_event:
                if event.anchor is not None:
                    self._refuse_alias(line)
                value = event.value
                if (
                    check_control
                    or event.tag is not None
                    or (event.implicit[0] and value[:1] in implicit)
                ):
                    value = self._scalar(event, line)
            elif kind is map_start or kind is seq_start:
                stack.append(self._open(event, line, stack))
                continue
            elif kind is map_end or kind is seq_end:
                frame = stack.pop()
                value, line = frame.container, frame.container.line
            elif kind is alias_event:
                self._refuse_alias(line)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._refuse(
                        line, "yaml-syntax",
                        "YAML syntax: expected a single document in the stream, but found "
                        "another document",
                        "a rule file holds one document; remove the second '---'",
                    )
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            else:  # stream start, document end
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            container = frame.container
            if isinstance(container, YamlSeq):
                container.append(value)
                container.item_lines.append(line)
            elif frame.key is None:  # a key; any key becomes text
                frame.key = value if type(value) is str else str(value)
                frame.key_line = line
            else:
                key = frame.key
                if key in container:
                    self.duplicate_keys.append((frame.key_line, key))
                container[key] = value
                container.key_lines[key] = frame.key_line
                frame.key = None

    def _refuse(self, line: int, code: str, message: str, hint: str) -> NoReturn:
        raise _Refused(Problem(self.name, line, code, message, hint))

    def _refuse_alias(self, line: int) -> NoReturn:
        self._refuse(
            line, "yaml-alias", "anchors and aliases (& and *) are not allowed in rule files",
            "write the value out in full where it is needed",
        )

    def _refuse_tag(self, line: int, tag: str) -> NoReturn:
        self._refuse(
            line, "yaml-syntax", f"YAML syntax: the tag '{tag}' is not allowed in rule files",
            "remove the '!' tag and write the value as plain text",
        )

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = _STR
            if event.implicit[0]:  # plain, not quoted: may be a number, true/false or null
                for candidate, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
        if tag == _STR:
            if _CONTROL.search(value):
                self.control_lines += [(line, *found) for found in forbidden_in_rule_text(value)]
            return value
        construct = _SCALARS.get(tag)
        if construct is None:
            self._refuse_tag(line, tag)
        return construct(ScalarNode(tag, value))

    def _open(self, event: yaml.CollectionStartEvent, line: int, stack: list[_Frame]) -> _Frame:
        if event.anchor is not None:
            self._refuse_alias(line)
        mapping = type(event) is yaml.MappingStartEvent
        if event.tag not in (None, "!", _MAP if mapping else _SEQ):
            self._refuse_tag(line, str(event.tag))
        if len(stack) >= MAX_DEPTH:
            self._refuse(
                line, "too-deep", f"nesting is deeper than {MAX_DEPTH} levels",
                "rule files need only a few levels; check indentation and brackets",
            )
        container: YamlMap | YamlSeq
        if mapping:
            container = YamlMap()
            container.key_lines = {}
        else:
            container = YamlSeq()
            container.item_lines = []
        container.line = line
        return _Frame(container)


def _mark_line(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark is not None else 1


_TAB_INDENT = re.compile(r"[ ]*\t")


def _tab_indented(error: yaml.MarkedYAMLError, text: str) -> int | None:
    """The line (1-based) the error points at, or the one its context starts on, when it
    is indented with a tab: PyYAML then speaks of a character "that cannot start any
    token" or "a tab character that violates indentation", not of the tab a person
    typed."""
    lines = text.splitlines()
    for mark in (error.problem_mark, error.context_mark):
        if mark is not None and 0 <= mark.line < len(lines) \
                and _TAB_INDENT.match(lines[mark.line]):
            return mark.line + 1
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str = "") -> Problem:
    tab_line = _tab_indented(error, text)
    if tab_line is not None:
        return Problem(
            name, tab_line, "yaml-syntax",
            "YAML syntax: this line is indented with a tab; YAML indents with spaces only",
            "replace the tab at the start of this line with spaces (as many as the lines "
            "around it use)",
        )
    what = error.problem or "could not be read"
    if error.context:
        what = f"{error.context}, {what}"
    return Problem(
        name,
        _mark_line(error),
        "yaml-syntax",
        f"YAML syntax: {what}",
        "check the indentation and quoting on this line and the one before",
    )


@pausing  # the tree has no cycles; collecting while it grows only costs time
def read_yaml(
    path: Path, name: str, folder: Path | None = None, kind: FileKind = "rule file"
) -> tuple[Any, list[Problem]]:
    """Read one rule file (or the ``kind`` of file given: its problems' fixes say what
    that file holds). Returns (data, problems); data is None when unreadable.

    Only a regular file is read, never more than :data:`MAX_FILE_BYTES` + 1 bytes, and,
    with ``folder``, only if it is inside that folder after symbolic links
    (:mod:`pathways.core.untrusted_file`).
    """
    try:
        raw = read_untrusted(path, MAX_FILE_BYTES, folder=folder)
    except Refused as refused:
        return None, [Problem(name, 1, refused.code, refused.message, refused.hint)]
    return read_yaml_bytes(raw, name, kind)


def read_yaml_bytes(
    raw: bytes, name: str, kind: FileKind = "rule file"
) -> tuple[Any, list[Problem]]:
    """Read YAML already in memory (such as standard input), as :func:`read_yaml` does."""
    holds, _, remove = _KIND_WORDS[kind]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                name,
                1,
                "file-too-large",
                f"input is over {MAX_FILE_BYTES:,} bytes; YAML read here may be at most that",
                "give a smaller file",
            )
        ]
    if b"\x00" in raw:
        return None, [
            Problem(
                name, 1, "binary-file", "file is binary, not YAML text", remove
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                "not-utf8",
                f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8",
                "save the file as UTF-8",
            )
        ]
    text = text.removeprefix("\ufeff")
    if _has_yaml_break(text):  # YAML would count lines and join text unlike an editor
        return None, refused_characters(text, name, kind)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [
            Problem(
                name, 1, "empty-file", f"file has no {holds} in it",
                f"add {holds} or remove the file",
            )
        ]
    reader = _TreeReader(text, name)
    try:
        data = reader.read()
    except _Refused as refused:
        return None, [refused.problem]
    except ReaderError:
        return None, refused_characters(text, name, kind)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, name, text)]
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        first = (str(error).splitlines() or [type(error).__name__])[0]
        return None, [Problem(name, 1, "yaml-syntax", f"YAML: {first}", "")]
    if data is None:
        return None, [
            Problem(
                name, 1, "empty-file", f"file has no {holds} in it (only an empty document)",
                f"add {holds} or remove the file",
            )
        ]
    problems = [
        Problem(
            name,
            line,
            "duplicate-key",
            f"key '{key}' appears twice in the same mapping; the second would silently win",
            "remove or rename one of them",
        )
        for line, key in sorted(reader.duplicate_keys)
    ]
    problems += [
        Problem(name, line, code, f"text contains {char}: {_WHY[code]}", forbidden_fix(kind))
        for line, code, char in sorted(set(reader.control_lines))
    ]
    return data, problems


_WHY = {
    "control-character": "a control character can act on the terminal "
    "(escape sequences, a carriage return that overwrites the line)",
    "invisible-character": "an invisible or direction-changing character makes text read "
    "differently from what is written",
}
# What each kind of file holds, what its text is, and what to do with a file that is not text.
_KIND_WORDS: dict[FileKind, tuple[str, str, str]] = {
    "rule file": ("rules", "rule text is plain text and Markdown", "remove it from the pack"),
    "scenario file": ("scenarios", "a scenario file is plain text", "remove it from the folder"),
    "answers file": ("answers", "an answer is a fact and a choice id, as plain text",
                     "give a text file of answers, one 'fact: choice' a line"),
}


def forbidden_fix(kind: FileKind = "rule file") -> str:
    """The fix for a control or invisible character, naming the kind of file it is in."""
    return f"remove it: {_KIND_WORDS[kind][1]} (see docs/security.md)"

# The line breaks YAML knows that an editor does not show as one (YAML 1.1, 5.4): a carriage
# return not followed by a newline, NEXT LINE, LINE SEPARATOR and PARAGRAPH SEPARATOR. PyYAML
# and libyaml count each as a new line (so every line number after it would be one off) and
# fold it, inside a title or in quotes, into a space or a newline that nobody sees in the file.
_YAML_BREAKS_SET = "\x85\u2028\u2029"
_YAML_BREAKS = re.compile(f"\r(?!\n)|[{_YAML_BREAKS_SET}]")
# What is refused before parsing, each at its line and column: those line breaks, and what
# YAML itself does not allow in a file (YAML 1.1, 5.1): C0 controls other than tab and line
# breaks, DEL, C1 controls other than NEXT LINE, surrogates, U+FFFE and U+FFFF.
_YAML_REFUSES = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                           f"{_YAML_BREAKS_SET}\ud800-\udfff\ufffe\uffff]")
MAX_CHARACTER_PROBLEMS = 20


def _has_yaml_break(text: str) -> bool:
    """Whether ``text`` holds a line break of :data:`_YAML_BREAKS` (``in`` looks for one
    character a hundred times faster than a pattern does, and most files hold none)."""
    return (
        "\x85" in text or "\u2028" in text or "\u2029" in text
        or ("\r" in text and _YAML_BREAKS.search(text) is not None)
    )

_BREAK_WHY = ("YAML reads it as a line break where an editor shows none, so the text and "
              "the line numbers after it would not be what the file shows")


def refused_characters(text: str, name: str, kind: FileKind = "rule file") -> list[Problem]:
    """A problem for each line holding a character YAML refuses or reads as a line break
    (other than a newline, or a carriage return before one), at its line and column.

    Lines are counted as an editor counts them, at each newline only. The parser stops at
    the first refused character and names only its place in the stream, and counts the
    other line breaks as lines; a person needs the line, the column, what the character
    is and what to do.
    """
    problems: list[Problem] = []
    lines_seen: set[int] = set()
    for match in _YAML_REFUSES.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        if line in lines_seen:
            continue
        lines_seen.add(line)
        column = start - text.rfind("\n", 0, start)
        char = match.group()
        found = forbidden_in_rule_text(char)
        where = f"column {column} holds {character_name(char)}"
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            problems.append(
                Problem(name, line, found[0][0] if found else "yaml-syntax",
                        f"{where}, and more lines after it hold such characters",
                        forbidden_fix(kind))
            )
            break
        if found:
            code = found[0][0]
            why = _BREAK_WHY if _YAML_BREAKS.match(text, start) else _WHY[code]
            problems.append(Problem(name, line, code, f"{where}: {why}", forbidden_fix(kind)))
        else:
            problems.append(
                Problem(name, line, "yaml-syntax", f"{where}, which YAML does not allow in text",
                        "remove it")
            )
    return problems or [Problem(name, 1, "yaml-syntax", "YAML: a character YAML does not allow",
                                "save the file as plain UTF-8 text")]


def line_of(data: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest element of ``data`` that ``loc`` (a pydantic error loc) reaches.

    Elements of ``loc`` that do not index into the data (pydantic's union tags) are skipped.
    """
    line: int = getattr(data, "line", 1)
    current = data
    for step in loc:
        if isinstance(current, YamlMap) and isinstance(step, str) and step in current:
            line = current.key_lines.get(step, line)
            current = current[step]
        elif isinstance(current, YamlSeq) and isinstance(step, int) and 0 <= step < len(current):
            line = current.item_lines[step]
            current = current[step]
    return line
