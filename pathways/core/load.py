"""YAML rule files -> :class:`RuleGraph`, keeping the file and line of every object.

Loading never raises for bad input: every problem found is returned as a
:class:`Problem`, and whatever could be read is still returned so that the
checks can report the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic_core import ValidationError

from pathways.core.collector import pausing
from pathways.core.model import (
    AnyNode,
    Citation,
    CompareFact,
    Node,
    Pack,
    Passage,
    Route,
    RuleFile,
    RuleGraph,
    Sequence,
    Source,
    Term,
    Tour,
)
from pathways.core.problems import Problem
from pathways.core.records import Record, validator_for
from pathways.core.yaml_source import YamlMap, line_of, read_yaml

SECTIONS: tuple[str, ...] = tuple(RuleFile.model_fields)
MAX_FILES = 500


def _validate_node(raw: Any) -> AnyNode:
    """One node on its own (a file with problems): its validator is built the first time
    one is needed."""
    node: AnyNode = validator_for(Node).validate_python(raw)
    return node


def _whole_file(data: YamlMap) -> RuleFile | None:
    """A rule file validated in one call, when all of it is valid (the usual case): one
    validator for every section, built once (not one a section, each building the
    citation's again), and one call for the file instead of one an item. None when
    anything in it is not: then each item is validated on its own, so every problem is
    reported where it is, and the valid items are still kept."""
    try:
        return RuleFile.model_validate(data)
    except ValidationError:
        return None


T = TypeVar("T", bound=Record)


class Origin(NamedTuple):
    """Where something was written: a rule file and a line (1-based)."""

    file: str
    line: int


@dataclass
class Origins:
    """Where each object of a pack was written: ``(section, id)`` -> raw YAML + file."""

    raw: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)

    def of(self, section: str, ident: str, *path: str | int) -> Origin:
        """The file and line of an object, or of a field inside it (``path``)."""
        found = self.raw.get((section, ident))
        if found is None:
            return Origin("?", 1)
        file, data = found
        return Origin(file, line_of(data, path))

    def written(self, section: str, ident: str, *path: str | int) -> Any:
        """The raw YAML value at ``path`` inside an object, or None if it was not written."""
        found = self.raw.get((section, ident))
        current = found[1] if found is not None else None
        for step in path:
            if isinstance(current, dict) and isinstance(step, str):
                current = current.get(step)
            elif isinstance(current, list) and isinstance(step, int) and step < len(current):
                current = current[step]
            else:
                return None
        return current


@dataclass
class LoadResult:
    graph: RuleGraph | None
    origins: Origins
    problems: list[Problem]
    files: list[str] = field(default_factory=list)
    # Some file could not be read, or part of one failed the schema: the ids it would have
    # defined are unknown, so checks between objects would only echo its problems.
    incomplete: bool = False


def rule_files(rules_dir: Path) -> list[Path]:
    return scan_folder(rules_dir)[0]


def scan_folder(rules_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The ``*.yaml``/``*.yml`` files under ``rules_dir`` (sorted; hidden names skipped),
    and a problem for each folder that cannot be read. Symbolic links to folders are
    not followed; a link to a file is listed and :func:`read_yaml` decides about it."""
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        where = error.filename or str(rules_dir)
        problems.append(
            Problem(
                str(where), 1, "unreadable-folder",
                f"cannot read this folder: {error.strerror or error}",
                "check that the folder exists and that you may read it",
            )
        )

    for folder, dirs, files in os.walk(rules_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder) / name
            for name in files
            if not name.startswith(".") and name.endswith((".yaml", ".yml"))
        )
    return sorted(found), problems


def _describe_loc(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif step in ("question", "info", "branch", "verdict", "end") or "[" in str(step):
            continue  # pydantic's union tag / type names
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


_HINTS: dict[str, str] = {
    "extra_forbidden": "remove it, or check its spelling against docs/rule-format.md",
    "missing": "add it",
    "string_pattern_mismatch": "ids are kebab-case: lower-case letters, digits and '-'",
    "union_tag_invalid": "kind is one of: question, info, branch, verdict, end",
    "union_tag_not_found": "add 'kind:' (question, info, branch, verdict or end)",
    "literal_error": "use one of the allowed values",
    "string_type": "write it as text; quote it if it looks like a number or true/false",
    "too_short": "add more items",
}
# Fields of the first rule language, with what replaced them (scripts/migrate_rules_v2.py).
_V1_FIELDS: dict[str, str] = {
    "fact": "rule language v2: a question's id is its fact; run scripts/migrate_rules_v2.py",
    "next": "rule language v2: choices have no 'next'; a branch reads the fact and goes on "
    "(run scripts/migrate_rules_v2.py)",
}


def schema_problems(
    error: ValidationError, file: str, data: Any, prefix: tuple[Any, ...]
) -> list[Problem]:
    problems = []
    items = error.errors(include_url=False)
    locs = [tuple(item["loc"]) for item in items]
    for item in items:
        loc = prefix + tuple(item["loc"])
        kind = item["type"]
        if kind == "too_short" and any(
            len(other) > len(item["loc"]) and other[: len(item["loc"])] == item["loc"]
            for other in locs
        ):
            continue  # an item of the list is invalid; that is the problem to report
        if kind == "union_tag_invalid":
            loc = (*loc, "kind")  # point at the 'kind:' line
        where = _describe_loc(loc)
        message = item["msg"]
        hint = _HINTS.get(kind, "")
        if kind == "extra_forbidden":
            message = f"unknown field '{item['loc'][-1]}'"
            where = _describe_loc(loc[:-1])
            if "question" in item["loc"]:
                hint = _V1_FIELDS.get(str(item["loc"][-1]), hint)
        elif kind == "missing":
            message = f"missing field '{item['loc'][-1]}'"
            where = _describe_loc(loc[:-1])
        text = f"{where}: {message}" if where else message
        problems.append(Problem(file, line_of(data, loc), "schema", text, hint))
    return problems


def _validate_item(
    build: Callable[[Any], T], raw: Any, file: str, data: Any, loc: tuple[Any, ...]
) -> tuple[T | None, list[Problem]]:
    try:
        return build(raw), []
    except ValidationError as error:
        return None, schema_problems(error, file, data, loc)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.origins = Origins()
        self.pack: Pack | None = None
        self.pack_origin: Origin | None = None
        self.pack_seen = False  # a 'pack' section was written, even if it is invalid
        self.incomplete = False  # something written could not be read (see LoadResult)
        self.first_lines: dict[str, int] = {}  # file -> the line of its first section
        self.sections: dict[str, dict[str, Any]] = {
            "routes": {},
            "sources": {},
            "glossary": {},
            "nodes": {},
            "sequences": {},
            "tours": {},
        }

    def add_file(self, file: str, data: Any) -> None:
        if not isinstance(data, YamlMap):
            self.incomplete = True
            self.problems.append(
                Problem(
                    file,
                    getattr(data, "line", 1),
                    "schema",
                    f"a rule file is a mapping of sections, not {type(data).__name__}",
                    f"start the file with one of: {', '.join(SECTIONS)}",
                )
            )
            return
        if data.key_lines:
            self.first_lines[file] = min(data.key_lines.values())
        for key in data:
            if key not in SECTIONS:
                self.incomplete = True
                self.problems.append(
                    Problem(
                        file,
                        data.key_lines[key],
                        "schema",
                        f"unknown section '{key}'",
                        f"sections are: {', '.join(SECTIONS)}",
                    )
                )
        whole = _whole_file(data)
        if "pack" in data:
            self.pack_seen = True
            self._add_pack(file, data, whole.pack if whole is not None else None)
        builders: dict[str, Callable[[Any], Any]] = {
            "routes": Route.model_validate,
            "sources": Source.model_validate,
            "glossary": Term.model_validate,
            "nodes": _validate_node,
            "sequences": Sequence.model_validate,
            "tours": Tour.model_validate,
        }
        for section, build in builders.items():
            if section in data:
                valid = getattr(whole, section) if whole is not None else None
                self._add_items(file, data, section, build, valid)

    def _add_pack(self, file: str, data: YamlMap, valid: Pack | None) -> None:
        """The file's 'pack' section: ``valid`` when the whole file was (a 'pack:' left
        empty is valid in a whole file, so it is validated alone, and refused)."""
        if valid is not None:
            pack: Pack | None = valid
        else:
            pack, problems = _validate_item(
                Pack.model_validate, data["pack"], file, data, ("pack",)
            )
            self.problems.extend(problems)
        if pack is None:
            self.incomplete = True
            return
        origin = Origin(file, data.key_lines["pack"])
        if self.pack is not None and self.pack_origin is not None:
            self.problems.append(
                Problem(
                    file,
                    origin.line,
                    "duplicate-pack",
                    f"a second 'pack' section; the first is at {self.pack_origin.file}:"
                    f"{self.pack_origin.line}",
                    "a pack has exactly one 'pack' section",
                )
            )
            return
        self.pack, self.pack_origin = pack, origin
        data["pack"].line = origin.line  # problems with the pack as a whole point at 'pack:'
        self.origins.raw[("pack", "pack")] = (file, data["pack"])

    def _add_items(
        self,
        file: str,
        data: YamlMap,
        section: str,
        build: Callable[[Any], Any],
        valid: tuple[Any, ...] | None,
    ) -> None:
        """A section's items: ``valid`` holds them validated when the whole file was."""
        items = data[section]
        if items is None:
            return
        if not isinstance(items, list):
            self.incomplete = True
            self.problems.append(
                Problem(
                    file,
                    data.key_lines[section],
                    "schema",
                    f"{section}: must be a list (items starting with '- ')",
                    "",
                )
            )
            return
        seen = self.sections[section]
        for index, raw in enumerate(items):
            ident = raw.get("id") if isinstance(raw, dict) else None
            if valid is not None:
                item = valid[index]
            else:
                item, problems = _validate_item(build, raw, file, data, (section, index))
                self.problems.extend(problems)
            if item is None:
                self.incomplete = True
            if not isinstance(ident, str):
                continue
            if (section, ident) in self.origins.raw:
                first = self.origins.of(section, ident)
                self.problems.append(
                    Problem(
                        file,
                        line_of(data, (section, index)),
                        "duplicate-id",
                        f"{section} id '{ident}' is already used at {first.file}:{first.line}",
                        "ids must be unique within a pack; rename one",
                    )
                )
                continue
            self.origins.raw[(section, ident)] = (file, raw)
            if item is not None:
                seen[ident] = item


@pausing
def load_pack(rules_dir: Path) -> LoadResult:
    """Read every ``*.yaml`` file under ``rules_dir`` (sorted) into one graph."""
    collector = _Collector()
    paths, scan_problems = scan_folder(rules_dir)
    collector.problems = list(scan_problems)
    names: list[str] = []
    if not paths and not collector.problems:
        collector.problems.append(
            Problem(
                str(rules_dir),
                1,
                "no-rule-files",
                "no .yaml files in this folder",
                "point --rules at a folder that holds a rule pack",
            )
        )
    if len(paths) > MAX_FILES:
        collector.problems.append(
            Problem(str(rules_dir), 1, "too-many-files", f"more than {MAX_FILES} rule files", "")
        )
        paths = paths[:MAX_FILES]
    for path in paths:
        name = str(rules_dir / path.relative_to(rules_dir))
        names.append(name)
        data, problems = read_yaml(path, name, rules_dir)
        collector.problems.extend(problems)
        if data is None:
            collector.incomplete = True
        else:
            collector.add_file(name, data)
    graph = None
    if collector.pack is None:
        if paths and not collector.pack_seen and not collector.incomplete:
            collector.problems.append(
                Problem(
                    names[0],
                    collector.first_lines.get(names[0], 1),
                    "missing-pack",
                    "no file has a 'pack' section (title, start, notice, sources_dated)",
                    "add a 'pack:' section to one file, e.g. pack.yaml",
                )
            )
    else:
        graph = resolve(collector.pack, collector.sections)
    return LoadResult(
        graph, collector.origins, collector.problems, names,
        collector.incomplete or bool(scan_problems),
    )


# ---- what rule files say once, resolved for every front ------------------------------------


Passages = dict[tuple[str, str], Passage]


class Said(NamedTuple):
    """What sources say once, for citations to name: voices, passages and speakers."""

    voices: dict[str, str]
    passages: Passages
    speakers: dict[tuple[str, str], str]

    def note(self, source: str, note: str | None, speaker: str | None) -> str | None:
        if note is not None:
            return note
        if speaker is not None:
            return self.speakers.get((source, speaker))
        return None


def _cite(citations: tuple[Citation, ...], said: Said) -> tuple[Citation, ...]:
    """Each citation with its words and note: a passage's quote and note are filled in, a
    speaker's note too, and one without a note speaks in its source's voice."""
    if all(
        c.passage is None and c.speaker is None
        and (c.note is not None or c.source not in said.voices)
        for c in citations
    ):
        return citations
    cited = []
    for c in citations:
        update: dict[str, Any] = {}
        note = said.note(c.source, c.note, c.speaker)
        passage = said.passages.get((c.source, c.passage)) if c.passage is not None else None
        if passage is not None:
            update["quote"] = passage.quote
            if note is None:
                note = said.note(c.source, passage.note, passage.speaker)
        if note is None:
            note = said.voices.get(c.source)
        if note != c.note:
            update["note"] = note
        cited.append(c.model_copy(update=update) if update else c)
    return tuple(cited)


C = TypeVar("C", CompareFact, Term)


def _with_citations(part: C, cited: tuple[Citation, ...]) -> C:
    """``part`` with these citations: itself when they are its own (no copy to make)."""
    return part if cited is part.citations else part.model_copy(update={"citations": cited})


def _cite_fact(fact: CompareFact, said: Said) -> CompareFact:
    return _with_citations(fact, _cite(fact.citations, said))


def _sequence_titles(sequences: dict[str, Sequence]) -> dict[str, str]:
    """Node id -> the prefix "<sequence>, 3 of 7: " its title is shown with."""
    prefixes: dict[str, str] = {}
    for sequence in sequences.values():
        total = len(sequence.nodes)
        for i, node_id in enumerate(sequence.nodes, 1):
            prefixes.setdefault(node_id, f"{sequence.title}, {i} of {total}: ")
    return prefixes


def resolve(pack: Pack, sections: dict[str, dict[str, Any]]) -> RuleGraph:
    """The graph as every front sees it: notes from voices, numbered sequence titles, and tour
    steps that show their node's citations unless they give their own."""
    sources: dict[str, Source] = sections["sources"]
    voices = {s.id: s.voice for s in sources.values() if s.voice is not None}
    said = Said(
        voices,
        {(s.id, p.id): p for s in sources.values() for p in s.passages},
        {(s.id, k.id): k.note for s in sources.values() for k in s.speakers},
    )
    prefixes = _sequence_titles(sections["sequences"])
    nodes: dict[str, AnyNode] = {}
    for node_id, node in sections["nodes"].items():
        update: dict[str, Any] = {}
        cited = _cite(node.citations, said)
        if cited is not node.citations:
            update["citations"] = cited
        if node_id in prefixes:
            update["title"] = prefixes[node_id] + node.title
        nodes[node_id] = node.model_copy(update=update) if update else node
    glossary = {
        term_id: _with_citations(term, _cite(term.citations, said))
        for term_id, term in sections["glossary"].items()
    }
    routes: dict[str, Route] = {}
    for route_id, route in sections["routes"].items():
        if route.compare is not None:
            cells = {
                key: _cite_fact(cell, said) for key, _, cell in route.compare.rows()
            }
            if any(cell is not getattr(route.compare, key) for key, cell in cells.items()):
                compare = route.compare.model_copy(update=cells)
                route = route.model_copy(update={"compare": compare})
        routes[route_id] = route
    tours: dict[str, Tour] = {}
    for tour_id, tour in sections["tours"].items():
        steps = []
        for step in tour.steps:
            node = nodes.get(step.node)
            update = {}
            if not step.citations and node is not None:
                update["citations"] = node.citations
            elif step.citations:
                update["citations"] = _cite(step.citations, said)
            if not step.references and node is not None:
                update["references"] = node.references
            changed = {k: v for k, v in update.items() if v is not getattr(step, k)}
            steps.append(step.model_copy(update=changed) if changed else step)
        same = all(new is old for new, old in zip(steps, tour.steps, strict=True))
        tours[tour_id] = tour if same else tour.model_copy(update={"steps": tuple(steps)})
    return RuleGraph(
        pack=pack,
        routes=routes,
        sources=sources,
        glossary=glossary,
        nodes=nodes,
        tours=tours,
        sequences=sections["sequences"],
    )
