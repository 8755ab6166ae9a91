"""Convert a rule pack from the first rule language to v2, in place; safe to run again.

    python scripts/migrate_rules_v2.py rules/ [tests/fixtures/*/ ...]

What it changes (docs/rule-format.md describes v2), keeping comments and layout:

- Every quotable source gets a ``voice`` (who speaks in it), and citation notes that only
  repeat that voice are removed. A citation with no note spoke in the source's own voice, so a
  source whose citations sometimes have no note gets its author's voice (``VOICES``), or none;
  one whose citations all have notes gets the note most of them share (two or more).
- One question per fact: the question's id becomes its fact (the name ``--answer`` takes) and
  its choices lose ``next``. Where the choices led to different nodes, a ``branch`` with the
  old question's id reads the fact and goes on; the walk asks the question there when the fact
  is not known yet. Later questions of the same fact become such branches only.
- Tour steps whose citations (and references) equal their node's drop them: they inherit.
- Titles numbered by hand ("The catch-22, 3 of 7: ...") lose the numbers; a ``sequences``
  entry lists the nodes, and the loader numbers them.
- Quotes longer than a line, or holding a double quote, become ``>-`` block scalars.
- A quote written out in two or more citations is named once, as a passage of its source
  (``passages:``, each with an ``id``, the ``quote`` and, when every citation of it has the same
  note, that ``note``); the citations become ``{source: S, passage: P}``. A quote written out
  again after a rerun (a rebase) is pointed at the passage that already holds it.
- A note written out two or more times for one source (a spokesperson on background) is named
  once, as a speaker of its source (``speakers:``, each with an ``id`` and the ``note``); the
  passages and citations say ``speaker: ID`` instead.
- Every file's first line names the schema: ``# yaml-language-server: $schema=...``.

Files that cannot be read as YAML (the broken test fixtures) are left as they are.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString
from ruamel.yaml.tokens import CommentToken

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "rules" / "schema.json"
MODELINE = "# yaml-language-server: $schema="

# The voices of the shipped pack's sources: the author, for sources quoted without a note.
VOICES: dict[str, str] = {
    "cnn-mackinnon": "Amy Mackinnon, CNN opinion piece.",
    "buzzfeed-feder": "J. Lester Feder, BuzzFeed News.",
    "jezebel-lutkin": "Aimee Lutkin, Jezebel.",
    "jezebel-reader-comment": "A reader's comment on the Jezebel article, not Jezebel's "
    "reporting.",
}
# Notes that say no more than the voice, in other words (the byline names the commenter).
SAME_AS_VOICE: dict[str, set[str]] = {
    "cnn-mackinnon": {"Amy Mackinnon, writing in a CNN opinion piece."},
    "jezebel-reader-comment": {
        "A reader's comment on the Jezebel article.",
        "A reader's comment below the Jezebel article.",
        "A reader's comment below the Jezebel article, not Jezebel's reporting.",
        "The same reader's comment.",
        "A reader's comment (\"The Noble Renard\") on the Jezebel article, not Jezebel's "
        "reporting.",
        "A reader's comment (\"The Noble Renard\") below the Jezebel article, not Jezebel's "
        "reporting.",
    },
}
UNQUOTED = {"statute", "later report"}
NUMBERED = re.compile(r"^(?P<name>.+?), (?P<i>\d+) of (?P<n>\d+): (?P<rest>.+)$", re.S)
FOLD_AT = 88  # block scalar lines are folded before this column (after the indent)
QUOTE_FITS = 80  # a longer quote does not fit on its "quote:" line in 100 columns
ITEM = re.compile(r"^  - ")
# The blank line after a source's fields, written before the passages added to it: after them.
PASSAGES_AFTER_BLANK = re.compile(
    r"\n\n(    (?:speakers|passages):\n(?:(?:      .*|    passages:)\n)++)\n?"
)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class RuleText:
    path: Path
    data: CommentedMap


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.lines.append(text)


def _items(files: list[RuleText], section: str) -> list[tuple[RuleText, CommentedSeq, int]]:
    found = []
    for rule in files:
        items = rule.data.get(section)
        if isinstance(items, list):
            found += [(rule, items, i) for i in range(len(items)) if isinstance(items[i], dict)]
    return found


def _citation_lists(files: list[RuleText]) -> list[CommentedSeq]:
    """Every written list of citations: nodes, glossary, comparison cells, tour steps."""
    lists: list[Any] = []
    for _, items, i in _items(files, "nodes") + _items(files, "glossary"):
        lists.append(items[i].get("citations"))
    for _, items, i in _items(files, "routes"):
        compare = items[i].get("compare")
        if isinstance(compare, dict):
            lists += [cell.get("citations") for cell in compare.values() if isinstance(cell, dict)]
    for _, items, i in _items(files, "tours"):
        for step in items[i].get("steps") or []:
            if isinstance(step, dict):
                lists.append(step.get("citations"))
    return [c for c in lists if isinstance(c, list)]


def _norm(note: Any) -> str:
    return str(note).strip().rstrip(".")


# ---- voices and notes ---------------------------------------------------------------------


def migrate_voices(files: list[RuleText], report: Report) -> None:
    sources = {
        str(items[i]["id"]): items[i]
        for _, items, i in _items(files, "sources")
        if isinstance(items[i].get("id"), str)
    }
    citations = [c for lst in _citation_lists(files) for c in lst if isinstance(c, dict)]
    by_source: dict[str, list[Any]] = {}
    for citation in citations:
        by_source.setdefault(str(citation.get("source")), []).append(citation.get("note"))
    for source_id, source in sources.items():
        if "voice" in source or source.get("kind") in UNQUOTED:
            continue
        notes = by_source.get(source_id, [])
        voice = VOICES.get(source_id)
        if voice is None and notes and None not in notes:
            common, count = Counter(str(n) for n in notes).most_common(1)[0]
            voice = common if count >= 2 else None  # one note is that quote's, not a voice
        if voice is None:
            continue
        keys = list(source)
        source.insert(keys.index("kind") + 1 if "kind" in keys else len(keys), "voice", voice)
        report.say(f"source {source_id}: voice '{voice}'")
    dropped = 0
    for citation in citations:
        source = sources.get(str(citation.get("source")))
        note = citation.get("note")
        if source is None or note is None or "voice" not in source:
            continue
        same = {_norm(source["voice"])} | {
            _norm(n) for n in SAME_AS_VOICE.get(str(citation.get("source")), set())
        }
        if _norm(note) in same:
            del citation["note"]
            dropped += 1
    report.say(f"notes that repeated a voice, removed: {dropped}")


# ---- one question per fact ----------------------------------------------------------------


def _redirect(files: list[RuleText], moved: dict[str, str], asked: dict[str, str]) -> None:
    """Point every reference to a node at where it went (tour steps at the question)."""

    def fix(mapping: Any, key: str, table: dict[str, str]) -> None:
        if isinstance(mapping, dict) and isinstance(mapping.get(key), str):
            target = str(mapping[key])
            if target in table:
                mapping[key] = table[target]

    for rule in files:
        fix(rule.data.get("pack"), "start", moved)
    for _, items, i in _items(files, "routes"):
        fix(items[i], "entry", moved)
    for _, items, i in _items(files, "nodes"):
        node = items[i]
        fix(node, "next", moved)
        fix(node, "default", moved)
        for case in node.get("cases") or []:
            fix(case, "next", moved)
    for _, items, i in _items(files, "tours"):
        for step in items[i].get("steps") or []:
            fix(step, "node", {**moved, **asked})


def _copy_comment(
    source: CommentedMap, key: str, target: CommentedMap, new_key: str, *, line_only: bool = False
) -> None:
    """Carry a key's end-of-line comment (a fixture's '# expect: CODE') to its new place."""
    comment = source.ca.items.get(key)
    if comment is None:
        return
    if line_only:  # only the '# ...' on the line itself, not the blank lines after it
        token = comment[2]
        if token is None or "#" not in token.value:
            return
        text = "  " + token.value.strip().split("\n")[0] + "\n"
        comment = [None, None, CommentToken(text, token.start_mark, None), None]
    target.ca.items[new_key] = comment


def migrate_questions(files: list[RuleText], report: Report) -> None:
    questions = [
        (rule, items, i) for rule, items, i in _items(files, "nodes")
        if items[i].get("kind") == "question"
        and ("fact" in items[i] or any(
            isinstance(c, dict) and "next" in c for c in items[i].get("choices") or []
        ))
    ]
    read = _facts_read(files, questions)
    moved: dict[str, str] = {}  # old node id -> the node that now stands for it
    asked: dict[str, str] = {}  # old question id -> the question (for tours)
    placed: set[str] = set()
    question_of: dict[str, CommentedMap] = {}
    removals: list[tuple[CommentedSeq, Any]] = []
    inserts: list[tuple[CommentedSeq, Any, CommentedMap]] = []
    for _rule, items, i in questions:
        old = items[i]
        old_id = str(old["id"])
        fact = str(old.get("fact", old_id))
        choices = [c for c in old.get("choices") or [] if isinstance(c, dict)]
        targets: dict[str, list[Any]] = {}
        for choice in choices:
            if "next" in choice:
                targets.setdefault(str(choice["next"]), []).append(choice["id"])
        asked[old_id] = fact
        primary = fact not in placed
        placed.add(fact)
        question: CommentedMap | None = None
        if primary:
            question = CommentedMap()
            for key, value in old.items():
                if key in ("fact", "next"):
                    continue
                question[key] = value
                _copy_comment(old, key, question, key)
            question["id"] = fact
            question["choices"] = CommentedSeq()
            for choice in choices:
                kept = CommentedMap((k, v) for k, v in choice.items() if k != "next")
                if choice.fa.flow_style():
                    kept.fa.set_flow_style()
                for key in kept:
                    _copy_comment(choice, key, kept, key)
                question["choices"].append(kept)
            if old.get("choices") is not None:
                question["choices"].fa._flow_style = old["choices"].fa.flow_style()
            question_of[fact] = question
        else:
            _add_routes(question_of[fact], old.get("routes"))
        if not primary and old.get("title") != question_of[fact].get("title"):
            report.say(f"question {old_id}: asked as '{fact}' now; its own title and text "
                       f"('{old.get('title')}') are no longer shown")
        if len(targets) == 1 and fact not in read:
            # Asked here and nowhere read: a branch that asks it, then goes on whatever the
            # answer, keeps it asked.
            read.add(fact)
            (target,) = targets
            targets = {target: [c["id"] for c in choices]}
            targets[target + "\0"] = []  # a second group, so a branch is written
        if len(targets) <= 1:
            nxt = next(iter(targets), None)
            if nxt is not None:
                moved[old_id] = nxt
            if question is not None:
                inserts.append((items, old, question))
            removals.append((items, old))
            continue
        branch_id = old_id if old_id != fact else f"{old_id}-then"
        moved[old_id] = branch_id
        branch = CommentedMap()
        branch["id"] = branch_id
        _copy_comment(old, "id", branch, "id")
        branch["kind"] = "branch"
        if "routes" in old:
            branch["routes"] = copy.deepcopy(old["routes"])
        groups = [(t.rstrip("\0"), v) for t, v in targets.items()]
        # The node most answers lead to is the default; the cases name the exceptions.
        if all(values for _, values in groups):
            widest = max(range(len(groups)), key=lambda g: (len(groups[g][1]), g))
            groups.append(groups.pop(widest))
        branch["cases"] = CommentedSeq()
        for target, values in groups[:-1]:
            when = CommentedMap()
            when[fact] = values[0] if len(values) == 1 else CommentedSeq(values)
            if len(values) > 1:
                when[fact].fa.set_flow_style()
            when.fa.set_flow_style()
            case = CommentedMap()
            case["when"] = when
            case["next"] = target
            for choice in choices:
                if str(choice.get("next")) == target:
                    _copy_comment(choice, "next", case, "next", line_only=True)
            branch["cases"].append(case)
        branch["default"] = groups[-1][0]
        for choice in choices:
            if str(choice.get("next")) == groups[-1][0]:
                _copy_comment(choice, "next", branch, "default", line_only=True)
        if question is not None:
            inserts.append((items, old, question))
        inserts.append((items, old, branch))
        removals.append((items, old))
    for items, old, new in inserts:
        items.insert(_index(items, old), new)
    for items, old in removals:
        index = _index(items, old)
        if index < len(items):
            del items[index]
    # A question's old id may be its fact (no 'fact:' given): it is the question now.
    moved = {old: _follow(moved, old) for old in moved}
    _redirect(files, {old: new for old, new in moved.items() if old != new}, asked)
    report.say(f"questions: {len(questions)} written, {len(placed)} facts asked once")


def _facts_read(files: list[RuleText], questions: list[Any]) -> set[str]:
    """Facts a branch will read: the old branches', and those of questions that route."""
    read: set[str] = set()
    for _, items, i in _items(files, "nodes"):
        for case in items[i].get("cases") or []:
            if isinstance(case, dict) and isinstance(case.get("when"), dict):
                read.update(str(f) for f in case["when"])
    for _, items, i in questions:
        targets = {str(c.get("next")) for c in items[i].get("choices") or [] if isinstance(c, dict)}
        if len(targets) > 1:
            read.add(str(items[i].get("fact", items[i].get("id"))))
    return read


def _follow(moved: dict[str, str], node_id: str) -> str:
    """Where a node went, through questions that only led on to the next one."""
    seen = {node_id}
    while node_id in moved and moved[node_id] not in seen:
        node_id = moved[node_id]
        seen.add(node_id)
    return node_id


def _add_routes(question: CommentedMap, routes: Any) -> None:
    """A fact's question that belongs to routes belongs to every route that asks it."""
    if isinstance(routes, list) and isinstance(question.get("routes"), list):
        for route in routes:
            if route not in question["routes"]:
                question["routes"].append(route)


def _index(items: CommentedSeq, item: Any) -> int:
    return next(i for i, each in enumerate(items) if each is item)


# ---- tours inherit ------------------------------------------------------------------------


def _cited(citations: Any, voices: dict[str, str]) -> list[tuple[str, str, str]]:
    if not isinstance(citations, list):
        return []
    return [
        (str(c.get("source")), " ".join(str(c.get("quote")).split()),
         _norm(c.get("note") or voices.get(str(c.get("source")), "")))
        for c in citations if isinstance(c, dict)
    ]


def migrate_tours(files: list[RuleText], report: Report) -> None:
    nodes = {str(items[i].get("id")): items[i] for _, items, i in _items(files, "nodes")}
    voices = {
        str(items[i].get("id")): str(items[i]["voice"])
        for _, items, i in _items(files, "sources") if "voice" in items[i]
    }
    inherited = 0
    for _, items, i in _items(files, "tours"):
        for step in items[i].get("steps") or []:
            node = nodes.get(str(step.get("node")))
            if not isinstance(step, dict) or node is None:
                continue
            if "citations" in step and (
                _cited(step["citations"], voices) == _cited(node.get("citations"), voices)
            ):
                del step["citations"]
                inherited += 1
            if "references" in step and list(step["references"]) == list(
                node.get("references") or []
            ):
                del step["references"]
    report.say(f"tour steps that now inherit their node's citations: {inherited}")


# ---- sequences ----------------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug.removeprefix("the-") or "sequence"


def migrate_sequences(files: list[RuleText], report: Report) -> None:
    found: dict[str, list[tuple[int, int, Any, RuleText]]] = {}
    for rule, items, i in _items(files, "nodes"):
        match = NUMBERED.match(str(items[i].get("title", "")))
        if match:
            found.setdefault(match["name"], []).append(
                (int(match["i"]), int(match["n"]), items[i], rule)
            )
    for name, members in found.items():
        members.sort(key=lambda m: m[0])
        total = members[0][1]
        if [m[0] for m in members] != list(range(1, total + 1)) or any(
            m[1] != total for m in members
        ):
            report.say(f"titles numbered '{name}, N of M' do not form a whole sequence; kept")
            continue
        for _, _, node, _ in members:
            match = NUMBERED.match(str(node["title"]))
            assert match is not None
            node["title"] = match["rest"]
        rule = members[0][3]
        sequences = rule.data.setdefault("sequences", CommentedSeq())
        entry = CommentedMap()
        entry["id"] = _slug(name)
        entry["title"] = name
        entry["nodes"] = CommentedSeq(str(m[2]["id"]) for m in members)
        sequences.append(entry)
        report.say(f"sequence {entry['id']}: {total} nodes, numbered by the loader")


# ---- block scalars ------------------------------------------------------------------------


def _folded(text: str) -> FoldedScalarString:
    text = " ".join(text.split())
    folded = FoldedScalarString(text)
    folds: list[int] = []
    start = 0
    while len(text) - start > FOLD_AT:
        cut = text.rfind(" ", start, start + FOLD_AT)
        if cut <= start:
            cut = text.find(" ", start + FOLD_AT)
            if cut == -1:
                break
        folds.append(cut)
        start = cut + 1
    folded.fold_pos = folds  # type: ignore[attr-defined]
    return folded


def migrate_quotes(files: list[RuleText], report: Report) -> None:
    changed = 0
    for citations in _citation_lists(files):
        for citation in citations:
            if not isinstance(citation, dict) or not isinstance(citation.get("quote"), str):
                continue
            quote = citation["quote"]
            if isinstance(quote, FoldedScalarString):
                continue
            if len(quote) > QUOTE_FITS or '"' in quote:
                citation["quote"] = _folded(str(quote))
                changed += 1
    report.say(f"quotes written as >- block scalars: {changed}")


# ---- passages: each quote written once -----------------------------------------------------


def _words(text: Any) -> str:
    return " ".join(str(text).split())


def _passage_id(quote: str, taken: set[str]) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", re.sub("['\u2019]", "", quote.lower())).split()
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > 32 and base:
            break
        base = f"{base}-{word}" if base else word
    base = base or "passage"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _cite_passage(citation: CommentedMap, ident: str, drop_note: bool) -> None:
    """The citation names the passage; a comment written after a removed key stays."""
    at = list(citation).index("quote")
    comments = [citation.ca.items.pop("quote", None)]
    del citation["quote"]
    citation.insert(at, "passage", ident)
    if drop_note and "note" in citation:
        comments.append(citation.ca.items.pop("note", None))
        del citation["note"]
    kept = [c for c in comments if c is not None]
    if kept:
        citation.ca.items["passage"] = kept[-1]
    elif set(citation) == {"source", "passage"}:
        citation.fa.set_flow_style()


def migrate_passages(files: list[RuleText], report: Report) -> None:
    sources: dict[str, CommentedMap] = {}
    for _, items, i in _items(files, "sources"):
        if isinstance(items[i].get("id"), str):
            sources.setdefault(items[i]["id"], items[i])
    groups: dict[tuple[str, str], list[CommentedMap]] = {}
    for citations in _citation_lists(files):
        for citation in citations:
            if (
                isinstance(citation, CommentedMap)
                and isinstance(citation.get("quote"), str)
                and "passage" not in citation
                and citation.get("source") in sources
            ):
                key = (citation["source"], _words(citation["quote"]))
                groups.setdefault(key, []).append(citation)
    named = pointed = 0
    for (source_id, words), cites in groups.items():
        source = sources[source_id]
        passages = source.get("passages")
        existing = {
            _words(p["quote"]): p["id"]
            for p in (passages or []) if isinstance(p, dict) and "quote" in p and "id" in p
        }
        if words in existing:
            for citation in cites:
                _cite_passage(citation, existing[words], drop_note=False)
                pointed += 1
            continue
        if len(cites) < 2:
            continue
        if not isinstance(passages, list):
            passages = source["passages"] = CommentedSeq()
        taken = {str(p.get("id")) for p in passages if isinstance(p, dict)}
        ident = _passage_id(words, taken)
        notes = {_words(c["note"]) if isinstance(c.get("note"), str) else None for c in cites}
        passage = CommentedMap()
        passage["id"] = ident
        passage["quote"] = _folded(words) if len(words) > QUOTE_FITS or '"' in words else words
        shared = notes.pop() if len(notes) == 1 else None
        if shared is not None:
            passage["note"] = shared
        passages.append(passage)
        for citation in cites:
            _cite_passage(citation, ident, drop_note=shared is not None)
        named += 1
        pointed += len(cites)
    report.say(f"quotes named once as passages: {named}; citations pointed at passages: {pointed}")


def _speaker_id(note: str, taken: set[str]) -> str:
    ident = _passage_id(note, taken)
    return ident if ident != "passage" else "speaker"


def _name_speaker(holder: CommentedMap, ident: str) -> None:
    at = list(holder).index("note")
    comment = holder.ca.items.pop("note", None)
    del holder["note"]
    holder.insert(at, "speaker", ident)
    if comment is not None:
        holder.ca.items["speaker"] = comment
    elif "id" not in holder and set(holder) <= {"source", "passage", "speaker"}:
        holder.fa.set_flow_style()


def migrate_speakers(files: list[RuleText], report: Report) -> None:
    sources: dict[str, CommentedMap] = {}
    for _, items, i in _items(files, "sources"):
        if isinstance(items[i].get("id"), str):
            sources.setdefault(items[i]["id"], items[i])
    holders: dict[tuple[str, str], list[CommentedMap]] = {}
    for source_id, source in sources.items():
        for passage in source.get("passages") or []:
            if isinstance(passage, CommentedMap) and isinstance(passage.get("note"), str):
                holders.setdefault((source_id, _words(passage["note"])), []).append(passage)
    for citations in _citation_lists(files):
        for citation in citations:
            if (
                isinstance(citation, CommentedMap)
                and isinstance(citation.get("note"), str)
                and citation.get("source") in sources
            ):
                key = (citation["source"], _words(citation["note"]))
                holders.setdefault(key, []).append(citation)
    named = pointed = 0
    for (source_id, note), found in holders.items():
        source = sources[source_id]
        speakers = source.get("speakers")
        existing = {
            _words(k["note"]): k["id"]
            for k in (speakers or []) if isinstance(k, dict) and "note" in k and "id" in k
        }
        if note not in existing:
            if len(found) < 2:
                continue
            if not isinstance(speakers, list):
                speakers = CommentedSeq()
                at = list(source).index("passages") if "passages" in source else len(source)
                source.insert(at, "speakers", speakers)
            taken = {str(k.get("id")) for k in speakers if isinstance(k, dict)}
            speaker = CommentedMap()
            speaker["id"] = existing[note] = _speaker_id(note, taken)
            speaker["note"] = note
            speakers.append(speaker)
            named += 1
        for holder in found:
            _name_speaker(holder, existing[note])
            pointed += 1
    report.say(f"notes named once as speakers: {named}; notes pointed at speakers: {pointed}")


# ---- files --------------------------------------------------------------------------------


def _read(pack: Path, report: Report) -> list[RuleText]:
    files = []
    for path in sorted([*pack.rglob("*.yaml"), *pack.rglob("*.yml")]):
        if any(part.startswith(".") for part in path.relative_to(pack).parts):
            continue
        try:
            data = _yaml().load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError, ValueError, RecursionError) as error:
            report.say(f"{path}: left as it is (not readable YAML: {type(error).__name__})")
            continue
        if isinstance(data, CommentedMap):
            files.append(RuleText(path, data))
        else:
            report.say(f"{path}: left as it is (not a mapping of sections)")
    return files


def _spaced(text: str) -> str:
    """A blank line before each item of a section that has more than one line."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if ITEM.match(line) and out and out[-1].strip() and out[-1].startswith("    "):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _write(rule: RuleText, schema: Path) -> bool:
    out = io.StringIO()
    _yaml().dump(rule.data, out)
    text = out.getvalue()
    line = MODELINE + Path(os.path.relpath(schema, rule.path.parent)).as_posix()
    if text.startswith(MODELINE):
        text = text.split("\n", 1)[1]
    text = f"{line}\n{_spaced(text)}"
    text = PASSAGES_AFTER_BLANK.sub(r"\n\1\n", text)  # a source's passages follow its fields
    if text == rule.path.read_text(encoding="utf-8"):
        return False
    rule.path.write_text(text, encoding="utf-8")
    return True


def migrate(pack: Path, schema: Path = SCHEMA, *, passages_only: bool = False) -> Report:
    report = Report()
    files = _read(pack, report)
    if not passages_only:
        migrate_voices(files, report)
        migrate_questions(files, report)
        migrate_tours(files, report)
        migrate_sequences(files, report)
        migrate_quotes(files, report)
    migrate_passages(files, report)
    migrate_speakers(files, report)
    written = sum(_write(rule, schema) for rule in files)
    report.say(f"{pack}: {written} of {len(files)} files changed")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("packs", nargs="+", type=Path, help="rule pack folders")
    parser.add_argument("--schema", type=Path, default=SCHEMA,
                        help="the schema file the modeline names (default: rules/schema.json)")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("--passages-only", action="store_true",
                        help="only name repeated quotes and notes (passages, speakers), for v2 "
                        "packs that keep "
                        "other problems on purpose, such as the validator's test fixtures)")
    args = parser.parse_args(argv)
    for pack in args.packs:
        if not pack.is_dir():
            print(f"not a folder: {pack}", file=sys.stderr)
            return 2
        report = migrate(pack, args.schema, passages_only=args.passages_only)
        if not args.quiet:
            print("\n".join(report.lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
