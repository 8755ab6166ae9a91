"""Problems found in a rule pack: data, not exceptions, and the registry of their codes.

Every code a check may emit is listed once in :data:`CODES` with what it means and how to fix
it. ``pathways validate --codes`` prints the registry, docs/rule-format.md's table is generated
from it, and a test fails when the code emits a code the registry lacks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from pathways.core.safe_text import one_line


class Code(NamedTuple):
    """One kind of problem: what it means, and the usual fix."""

    code: str
    summary: str
    fix: str


_REGISTRY: tuple[Code, ...] = (
    # reading files
    Code("no-rule-files", "the folder holds no .yaml files",
         "point --rules at a folder that holds a rule pack"),
    Code("too-many-files", "more than 500 rule files in the pack", "merge small files"),
    Code("unreadable", "a file cannot be read", "check it exists and its permissions"),
    Code("unreadable-folder", "the rules folder (or one inside it) cannot be read",
         "check the folder's permissions"),
    Code("not-a-regular-file", "a .yaml name that is a FIFO, device or folder, not a file",
         "remove it from the pack"),
    Code("outside-pack", "a link that leads out of the pack's folder",
         "copy the file into the pack instead of linking to it"),
    Code("file-too-large", "a file over 8 MiB", "split the rules into several smaller files"),
    Code("binary-file", "the file is binary, not text", "remove it from the pack"),
    Code("not-utf8", "the file is not UTF-8 text", "save the file as UTF-8"),
    Code("empty-file", "the file has no rules in it", "add rules or remove the file"),
    Code("yaml-syntax", "the file is not valid YAML",
         "check the indentation and quoting on the line and the one before"),
    Code("yaml-alias", "anchors and aliases (& and *) are not allowed",
         "write the value out in full where it is needed"),
    Code("too-deep", "nesting deeper than 64 levels", "check indentation and brackets"),
    Code("duplicate-key", "the same key twice in one mapping", "remove or rename one of them"),
    Code("control-character", "text holds a control character (a terminal escape)",
         "remove it: rule text is plain text and Markdown (see docs/security.md)"),
    Code("invisible-character", "text holds an invisible or direction-changing character",
         "remove it: rule text is plain text and Markdown (see docs/security.md)"),
    # the shape of each object
    Code("schema", "a field is unknown, missing or of the wrong type (with the field's path)",
         "compare the field with docs/rule-format.md, or let the editor check it against "
         "rules/schema.json"),
    Code("missing-pack", "no file has a 'pack' section", "add a 'pack:' section to one file"),
    Code("duplicate-pack", "a second 'pack' section", "keep exactly one 'pack' section"),
    Code("no-pack", "no rule pack could be read", "fix the problems above it"),
    Code("duplicate-id", "an id used twice in the pack", "ids are unique in a pack; rename one"),
    # references between objects
    Code("missing-start", "pack.start names no node", "set pack.start to the first node's id"),
    Code("missing-node", "a 'next', 'default', 'entry' or tour step names no node",
         "fix the id, or add a node with that id"),
    Code("missing-route", "a node names a route that does not exist",
         "use one of the pack's route ids"),
    Code("missing-term", "a node names a glossary term that does not exist",
         "add it to the glossary or fix the id"),
    Code("missing-source", "a citation or reference names a source not in the registry",
         "add it under 'sources:' or fix the id"),
    Code("unquotable-source", "a quote from a statute or later report",
         "list it under 'references:' instead of 'citations:'"),
    Code("reference-kind", "'references' names a source that should be quoted",
         "cite it under 'citations:' with a quote"),
    # what the pack says
    Code("no-citation", "a node, term, comparison fact or tour step cites nothing",
         "add 'citations:' with a source and a verbatim quote"),
    Code("verdict-route", "a verdict that does not belong to exactly one route",
         "set 'routes:' to the one route it decides"),
    Code("route-without-verdict", "a route with no verdict node",
         "add a node with kind: verdict for the route"),
    Code("no-routes", "the pack defines no routes", "add a 'routes:' section"),
    Code("duplicate-choice", "a question offers the same choice id twice",
         "give each choice its own id"),
    Code("unknown-fact", "a branch reads a fact no question asks",
         "add a question whose id is the fact, or fix the fact's name"),
    Code("unknown-fact-value", "a branch expects a value the fact never takes",
         "use one of the question's choice ids"),
    Code("status-why-unquoted", "a verdict's status_why quotes no words, or words that are in "
         "none of its own citation quotes",
         "put in double quotes the words of its citations that set the status"),
    Code("status-why-missing", "a verdict has no status_why though other verdicts have one",
         "add 'status_why:' quoting the words that set its status"),
    Code("medium-words", "rule text names a screen, key or position ('next screen', 'press', "
         "'click', 'below')",
         "say it without the medium: the text is also a brief, a handout and a JSON export"),
    Code("unasked-question", "no branch reads the question's fact, so it is never asked",
         "read it in a branch, or remove the question"),
    Code("next-is-question", "a 'next', 'default', 'entry' or 'start' leads to a question",
         "lead to a branch that reads the fact: a question is asked when a branch needs it"),
    # saying each thing once
    Code("note-repeats-voice", "a citation's note repeats its source's voice",
         "remove the note; write one only when someone else speaks"),
    Code("step-repeats-node", "a tour step repeats its node's citations",
         "remove them: the step shows its node's citations"),
    Code("passage-duplicate-id", "two passages of one source have the same id",
         "rename one: a passage id is unique within its source"),
    Code("passage-unknown", "a citation names a passage its source does not have",
         "use one of the source's passage ids, or add the passage under the source's "
         "'passages:'"),
    Code("passage-unused", "a source's passage that no citation names",
         "cite it as '{source: S, passage: P}', or remove it"),
    Code("quote-repeated", "the same quote written out in full in two citations",
         "name it once under its source's 'passages:' and cite '{source: S, passage: P}'"),
    Code("speaker-duplicate-id", "two speakers of one source have the same id",
         "rename one: a speaker id is unique within its source"),
    Code("speaker-unknown", "a passage or citation names a speaker its source does not have",
         "use one of the source's speaker ids, or add the speaker under its 'speakers:'"),
    Code("speaker-unused", "a source's speaker that no passage or citation names",
         "name it as 'speaker: ID' where that person speaks, or remove it"),
    Code("note-repeated", "the same note written out in full twice for one source",
         "name it once under its source's 'speakers:' (id, note) and write 'speaker: ID'"),
    Code("sequence-order", "a sequence's nodes do not lead one to the next, or a node is in two",
         "list the nodes in the order the walk reads them"),
    # the walk as a whole
    Code("cycle", "the walk can loop", "point one of the nodes in the loop at a later node"),
    Code("unreachable", "a node no walk from the start reaches",
         "link to it from another node, or remove it"),
    Code("no-end", "no end node can be reached from a node (or the pack has none)",
         "lead every path on to an end node"),
    # quotes against their sources (--sources)
    Code("source-without-file", "a quoted source has no 'file:', so its quotes cannot be checked",
         "add the file name of its text"),
    Code("source-file-missing", "a source's text file is not in the --sources folder",
         "check the file name, or the --sources folder"),
    Code("source-file-unreadable", "a source's text file is there but is not read: too large "
         "(over 4 MiB), not a regular file (a FIFO, a folder), a link out of the folder, not "
         "readable, or not UTF-8 (the message says which)",
         "replace it with the source's text, as a plain UTF-8 file"),
    Code("quote-not-found", "a quote is not in its source (the closest passage is named)",
         "copy the words exactly; use a shorter quote rather than '...'"),
    # answers files (pathways walk --answers-file)
    Code("answers-not-a-mapping", "an answers file that is not a mapping of 'fact: choice'",
         "write one answer a line, as 'fact: choice'"),
    Code("answer-unknown-fact", "an answer to a fact or question the pack does not have",
         "use one of the facts the error lists"),
    Code("answer-not-a-choice", "an answer that is not one of the question's choice ids",
         "use one of the choice ids the error lists"),
    # scenario files (pathways test)
    Code("no-scenarios", "the scenario folder holds no .yaml files",
         "point 'pathways test' at a folder of scenario files"),
    Code("not-a-scenario-file", "a file 'pathways test' read is not a list of scenarios "
         "(a rule file, say)",
         "point 'pathways test' at scenario files: see 'Scenarios' in docs/rule-format.md"),
)

CODES: Mapping[str, Code] = {c.code: c for c in _REGISTRY}


def codes_markdown() -> str:
    """The registry as a Markdown table (docs/rule-format.md holds this exact text)."""
    lines = ["| code | problem | usual fix |", "|---|---|---|"]
    lines += [f"| `{c.code}` | {c.summary} | {c.fix} |" for c in _REGISTRY]
    return "\n".join(lines) + "\n"


class Problem(NamedTuple):
    """One thing wrong with a rule pack, where it is, and how to fix it."""

    file: str
    line: int
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """``file:line: code: message`` and the fix (the code's usual one when the problem
        names none), each on its own line whatever the file name or message holds (a newline
        in either is shown as ``\\n``)."""
        text = f"{one_line(self.file)}:{self.line}: {self.code}: {one_line(self.message)}"
        hint = self.hint or (CODES[self.code].fix if self.code in CODES else "")
        if hint:
            text += f"\n    fix: {one_line(hint)}"
        return text

    def as_dict(self) -> dict[str, str | int]:
        return dict(self._asdict())


LISTED = 50  # problems listed on a terminal before the rest are counted (not validate)


def listing(problems: Sequence[Problem], for_all: str, limit: int | None = LISTED) -> list[str]:
    """The problems as :meth:`Problem.format` text for a terminal: the first ``limit``
    (all, when ``limit`` is None), then one line counting the rest and saying where to
    see them all (``for_all``: "run 'pathways validate --json' for all")."""
    shown = problems if limit is None else problems[:limit]
    lines = [problem.format() for problem in shown]
    rest = len(problems) - len(shown)
    if rest:
        lines.append(f"… and {rest:,} more problem{'s' if rest != 1 else ''}; {for_all}")
    return lines
