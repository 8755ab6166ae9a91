"""Safe YAML reading for rule files, keeping the line of every mapping key and list item.

Rule packs may come from anyone, so reading is defensive: size is checked before
parsing, binary and non-UTF-8 files are refused, anchors and aliases (the stuff of
"billion laughs" bombs) are refused, nesting is bounded, and ``yes``/``no``/``on``/
``off`` stay strings (only ``true``/``false`` are booleans), so choice ids such as
``no`` mean what they say.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from pathways.problem import Problem

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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Constructor(SafeConstructor):
    duplicate_keys: list[tuple[int, str]]
    control_lines: list[int]

    def construct_checked_str(self, node: ScalarNode) -> str:
        value = self.construct_scalar(node)
        if _CONTROL.search(value):
            self.control_lines.append(node.start_mark.line + 1)
        return value

    def construct_line_map(self, node: MappingNode) -> YamlMap:
        data = YamlMap()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in data:
                self.duplicate_keys.append((line, key))
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = line
        return data

    def construct_line_seq(self, node: SequenceNode) -> YamlSeq:
        data = YamlSeq(
            self.construct_object(child, deep=True)
            for child in node.value
        )
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        return data


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:map", _Constructor.construct_line_map
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:seq", _Constructor.construct_line_seq
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:str", _Constructor.construct_checked_str
)


class _Loader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.duplicate_keys = []
        self.control_lines = []


def _mark_line(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark is not None else 1


def _event_line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def _prescan(text: str, name: str) -> Problem | None:
    """Walk the event stream (no tree is built) to refuse aliases and deep nesting."""
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return None
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor is not None:
                return Problem(
                    name,
                    _event_line(event),
                    "yaml-alias",
                    "anchors and aliases (& and *) are not allowed in rule files",
                    "write the value out in full where it is needed",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(
                        name,
                        _event_line(event),
                        "too-deep",
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "rule files need only a few levels; check indentation and brackets",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return None
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(error, name)
    except yaml.YAMLError as error:
        return Problem(name, 1, "yaml-syntax", str(error).splitlines()[0], "")
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Problem:
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


def read_yaml(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """Read one rule file. Returns (data, problems); data is None when unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    name,
                    1,
                    "file-too-large",
                    f"file is {size:,} bytes; rule files may be at most {MAX_FILE_BYTES:,}",
                    "split the rules into several smaller files",
                )
            ]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 1, "unreadable", f"cannot read file: {error.strerror}", "")]
    if b"\x00" in raw:
        return None, [
            Problem(
                name, 1, "binary-file", "file is binary, not YAML text", "remove it from the pack"
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
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [
            Problem(
                name, 1, "empty-file", "file has no rules in it", "add rules or remove the file"
            )
        ]
    problem = _prescan(text, name)
    if problem is not None:
        return None, [problem]
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, name)]
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        return None, [Problem(name, 1, "yaml-syntax", f"YAML: {error}", "")]
    finally:
        loader.dispose()
    problems = [
        Problem(
            name,
            line,
            "duplicate-key",
            f"key '{key}' appears twice in the same mapping; the second would silently win",
            "remove or rename one of them",
        )
        for line, key in loader.duplicate_keys
    ]
    problems += [
        Problem(
            name,
            line,
            "control-character",
            "text contains a control character (such as a terminal escape sequence)",
            "remove it: rule text is plain text and Markdown",
        )
        for line in sorted(set(loader.control_lines))
    ]
    return data, problems


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
