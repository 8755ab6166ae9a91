"""The rule graph as frozen records: sources, routes, glossary terms, nodes, tours.

Every rule file has the same shape (:class:`RuleFile`): a mapping with any of the
sections ``pack``, ``routes``, ``sources``, ``glossary``, ``nodes`` and ``tours``.
The loader merges the files of a pack into one frozen :class:`RuleGraph`, and resolves what
rule files write only once (rule language v2): a citation's note defaults to its source's
``voice``; a tour step without citations shows its node's; a node in a ``sequence`` is titled
"<sequence>, 3 of 7: <title>". The graph holds the resolved values, so every front sees them.

The records are validated by pydantic-core (``records.py``). No ``from __future__ import
annotations`` here: the validators are written from the annotations, as objects.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Protocol

from pathways.core.records import Record, Str, Tagged, field

Id = Annotated[
    str,
    Str(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80,
        description="A stable id in kebab-case: lower-case letters, digits and '-'."),
]
Text = Annotated[str, Str(min_length=1, max_length=20_000)]
Line = Annotated[str, Str(min_length=1, max_length=500)]

SourceKind = Literal[
    "news report",
    "opinion",
    "reader comment",
    "official statement",
    "blog post",
    "statute",
    "later report",
]
# Kinds that are never quoted: the project holds no text of them.
UNQUOTED_KINDS: frozenset[str] = frozenset({"statute", "later report"})

Status = Literal["open", "blocked", "long-shot", "not-applicable"]


class Speaker(Record):
    """Someone quoted inside a source, other than its voice, named once per source."""

    id: Id = field(description="Unique within its source; passages and citations name it.")
    note: Line = field(description="Who speaks, e.g. 'State Department spokesperson, on "
                       "background, as reported by BuzzFeed News.'")


def _note_or_speaker(note: str | None, speaker: str | None) -> None:
    if note is not None and speaker is not None:
        raise ValueError("give 'note' or 'speaker' (a speaker id of the source), not both")


class Passage(Record):
    """A quote a source's registry entry names once, so citations can point at it."""

    id: Id = field(description="Unique within its source; citations name it as 'passage'.")
    quote: Text = field(description="Verbatim words from the source (a sentence or two).")
    note: Line | None = field(
        default=None,
        description="Only when someone other than the source's voice speaks, e.g. 'State "
        "Department spokesperson, on background'. Defaults to the source's voice.",
    )
    speaker: Id | None = field(
        default=None,
        description="Instead of a note written out: the id of one of the source's 'speakers'.",
    )

    def _after(self) -> None:
        _note_or_speaker(self.note, self.speaker)


class Citation(Record):
    """A verbatim quote from a source that supports what a node says: a passage the source
    names (``passage``), or, for a quote used once, the words themselves (``quote``)."""

    model_config: ClassVar[dict[str, Any]] = {
        **Record.model_config,
        "json_schema_extra": {"oneOf": [{"required": ["quote"]}, {"required": ["passage"]}]},
    }

    source: Id = field(description="Id of a source in the registry that has a text file.")
    passage: Id | None = field(
        default=None,
        description="Id of one of the source's 'passages': its quote (and note) are cited. "
        "Give 'passage' or 'quote', not both.",
        exclude=True,
    )
    quote: Text | None = field(
        default=None,
        description="Verbatim words from the source (a sentence or two), for a quote cited "
        "once; a quote cited twice or more is named once as a passage of its source.",
    )
    note: Line | None = field(
        default=None,
        description="Only when someone other than the source's voice speaks, e.g. 'State "
        "Department spokesperson, on background'. Defaults to the passage's note, then to "
        "the source's voice.",
    )
    speaker: Id | None = field(
        default=None,
        description="Instead of a note written out: the id of one of the source's 'speakers'.",
        exclude=True,
    )

    def _after(self) -> None:
        if (self.quote is None) == (self.passage is None):
            raise ValueError(
                "give exactly one of 'quote' (the words) and 'passage' (a passage id of the "
                "source)"
            )
        _note_or_speaker(self.note, self.speaker)

    @property
    def words(self) -> str:
        """The words quoted: the passage's, once the loader has resolved it. Every front
        reads a citation's quote through this."""
        return self.quote or ""


class Source(Record):
    """One entry in the source registry."""

    id: Id
    kind: SourceKind
    voice: Line | None = field(
        default=None,
        description="Who speaks in this source, e.g. 'Amy Mackinnon, CNN opinion piece.'; "
        "every citation's note defaults to it.",
    )
    outlet: Line
    title: Line
    passages: tuple[Passage, ...] = field(
        default=(),
        description="Quotes cited more than once, each named once: citations say "
        "'{source: <this id>, passage: <passage id>}'.",
    )
    speakers: tuple[Speaker, ...] = field(
        default=(),
        description="People quoted in this source in several places (a spokesperson on "
        "background), each named once: passages and citations say 'speaker: <id>'.",
    )
    byline: Line | None = None
    date: Line | None = field(
        default=None, description="ISO date, or words such as 'May 2017 (day not given)'."
    )
    url: Line | None = field(default=None, description="Address, if known.")
    file: Line | None = field(
        default=None,
        description="File name of the source text, looked up in the --sources folder.",
    )
    section: Line | None = field(default=None, description="Statutes: the section number.")
    summary: Line | None = field(
        default=None, description="Statutes and later reports: one line in the project's words."
    )
    after: Line | None = field(
        default=None,
        description="When one file holds several voices: this voice starts after these words.",
    )
    before: Line | None = field(
        default=None,
        description="When one file holds several voices: this voice ends before these words.",
    )


class CompareFact(Record):
    """One cell of the side-by-side comparison of routes."""

    text: Line
    citations: tuple[Citation, ...] = ()
    references: tuple[Id, ...] = field(
        default=(), description="Statute or later-report source ids (no quote)."
    )


class Comparison(Record):
    where: CompareFact = field(description="Where the person must be.")
    who_files: CompareFact = field(description="Who files, and where.")
    needs: CompareFact = field(description="What it needs.")
    how_long: CompareFact = field(description="How long it takes.")
    risks: CompareFact = field(description="What it risks.")
    cost: CompareFact | None = field(
        default=None,
        description="What it costs; say 'Not stated in the 2017 sources' where nothing is known.",
    )

    def rows(self) -> Iterator[tuple[str, str, CompareFact]]:
        """(key, label, cell) for every row this comparison fills, in display order."""
        for key, label in COMPARE_ROWS:
            cell = getattr(self, key)
            if cell is not None:
                yield key, label, cell


COMPARE_ROWS: tuple[tuple[str, str], ...] = (
    ("where", "Where the person must be"),
    ("who_files", "Who files"),
    ("needs", "What it needs"),
    ("how_long", "How long"),
    ("risks", "What it risks"),
    ("cost", "What it costs"),
)


class Route(Record):
    id: Id
    title: Line
    summary: Line
    entry: Id = field(description="The node where a walk of this route alone starts.")
    compare: Comparison | None = None


class Term(Record):
    """A glossary term, itself cited."""

    id: Id
    term: Line
    definition: Text
    citations: tuple[Citation, ...] = ()
    references: tuple[Id, ...] = field(
        default=(), description="Statute or later-report source ids (no quote)."
    )


class Choice(Record):
    id: Id = field(description="The value recorded for the question's fact (--answer FACT=ID).")
    label: Line


class Case(Record):
    """A branch case: taken when every named fact has one of the given values."""

    when: dict[Id, Id | list[Id]] = field(min_length=1)
    next: Id

    def matches(self, facts: Mapping[str, str]) -> bool:
        for fact, wanted in self.when.items():
            allowed = [wanted] if isinstance(wanted, str) else wanted
            if facts.get(fact) not in allowed:
                return False
        return True


class NodeBase(Record):
    id: Id
    title: Line
    text: Text = field(description="Markdown.")
    routes: tuple[Id, ...] = field(default=(), description="Route ids this node belongs to.")
    citations: tuple[Citation, ...] = field(default=())
    references: tuple[Id, ...] = field(
        default=(), description="Statute or later-report source ids shown beside the quotes."
    )
    terms: tuple[Id, ...] = field(default=(), description="Glossary term ids used here.")
    help: Text | None = None


class Question(NodeBase):
    """The one question that asks a fact; its id is the fact's name.

    A question is not a step of the flow: a branch that needs its fact asks it (once), then
    goes on. So any route's entry can reach it, and a route walked alone asks what it needs.
    """

    kind: Literal["question"]
    choices: tuple[Choice, ...] = field(min_length=2)

    @property
    def fact(self) -> str:
        """The fact this question records: its id."""
        return self.id

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with this id, if the question offers it."""
        return next((c for c in self.choices if c.id == choice_id), None)

    def answer_in(self, answers: Mapping[str, str]) -> str | None:
        """The answer given for this question: keyed by its fact (its id)."""
        return answers.get(self.id)


class Info(NodeBase):
    kind: Literal["info"]
    next: Id


class Branch(NodeBase):
    """Goes on by the facts: the first case whose facts all match, else ``default``.

    A fact not known yet is asked first (its question). Never shown, so a branch needs no
    title, text or citation; the title defaults to the facts it reads.
    """

    kind: Literal["branch"]
    title: Line = field(default="", description="Optional; defaults to the facts it reads.")
    text: Text = field(default="", description="Optional: a note for maps and docs.")
    cases: tuple[Case, ...] = field(min_length=1)
    default: Id

    @classmethod
    def _before(cls, data: object) -> object:
        """The title and text a branch needs no writer to give."""
        if isinstance(data, dict) and "title" not in data:
            facts: list[str] = []
            for case in data.get("cases") or ():
                when = case.get("when") if isinstance(case, dict) else None
                if isinstance(when, dict):
                    facts += [str(f) for f in when if str(f) not in facts]
            data = {**data, "title": "Depends on: " + (", ".join(facts) or "nothing")}
        if isinstance(data, dict) and "text" not in data:
            data = {**data, "text": "Passed automatically: the walk goes on by the answers."}
        return data

    def facts_read(self) -> list[str]:
        """The facts this branch reads, in the order it reads them."""
        return list(dict.fromkeys(fact for case in self.cases for fact in case.when))


class Verdict(NodeBase):
    kind: Literal["verdict"]
    status: Status
    reason: Line = field(description="One line: why, for the end summary.")
    status_why: Line | None = field(
        default=None,
        description="One line: why this status, quoting in double quotes the words that set "
        "it; each quoted phrase must appear in one of this verdict's citation quotes.",
    )
    next_steps: tuple[Line, ...] = ()
    next: Id | None = None


class End(NodeBase):
    kind: Literal["end"]


Node = Annotated[Question | Info | Branch | Verdict | End, Tagged("kind")]


class TourStep(Record):
    """A step of a tour: a node of the walk, presented. Without ``citations`` (and
    ``references``), the step shows its node's."""

    node: Id
    heading: Line
    door: Line = field(description="The door that closes, in one sentence.")
    narration: Text | None = None
    notes: Text | None = field(default=None, description="Presenter notes.")
    loop: Line | None = field(default=None, description="Label this step adds to the loop.")
    ask: Line | None = field(
        default=None,
        description="Ask the room: the door as a question, put before the door and its quote"
        " answer it.",
    )
    citations: tuple[Citation, ...] = ()
    references: tuple[Id, ...] = field(
        default=(), description="Statute or later-report source ids (no quote)."
    )


class Tour(Record):
    id: Id
    title: Line
    summary: Line
    steps: tuple[TourStep, ...] = field(min_length=1)
    loop_returns_to: Id | None = field(
        default=None,
        description="The node of the step whose loop label the last link returns to"
        " (default: the first step with a loop label).",
    )

    def _after(self) -> None:
        if self.loop_returns_to is not None:
            labelled = [step.node for step in self.steps if step.loop]
            if self.loop_returns_to not in labelled:
                raise ValueError(
                    f"loop_returns_to '{self.loop_returns_to}' is not the node of a step with"
                    f" a 'loop' label; use one of: {', '.join(labelled) or 'none'}"
                )

    def loop_labels(self) -> list[str]:
        """The loop's labels, in the order the steps add them."""
        return [step.loop for step in self.steps if step.loop]

    def loop_return_index(self) -> int:
        """Which label (0-based) the loop's last link returns to."""
        labelled = [step.node for step in self.steps if step.loop]
        if self.loop_returns_to in labelled:
            return labelled.index(self.loop_returns_to)
        return 0

    def revealed_at(self, step: int) -> int:
        """How many loop labels the steps up to and including ``step`` have added."""
        return sum(1 for each in self.steps[: step + 1] if each.loop)


class Sequence(Record):
    """Nodes read one after another as numbered parts: "<title>, 3 of 7: <node title>"."""

    id: Id
    title: Line = field(description="e.g. 'The catch-22'; each member is numbered after it.")
    nodes: tuple[Id, ...] = field(min_length=2, description="The member nodes, in order.")


class Pack(Record):
    title: Line
    start: Id
    notice: Text = field(description="Shown on the first screen and in every export.")
    sources_dated: Line = field(description="When the sources are from, e.g. 'May-June 2017'.")


class RuleFile(Record):
    """The shape of every YAML file in a rule pack."""

    pack: Pack | None = None
    routes: tuple[Route, ...] = ()
    sources: tuple[Source, ...] = ()
    glossary: tuple[Term, ...] = ()
    nodes: tuple[Node, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    tours: tuple[Tour, ...] = ()


AnyNode = Question | Info | Branch | Verdict | End


def successor_fields(node: AnyNode) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Every node this one can lead to, in order, with the field that names it."""
    if isinstance(node, Branch):
        for i, case in enumerate(node.cases):
            yield case.next, ("cases", i, "next")
        yield node.default, ("default",)
    elif isinstance(node, Info | Verdict) and node.next is not None:
        yield node.next, ("next",)


def successors(node: AnyNode) -> Iterator[str]:
    """Ids of every node this one can lead to, in order."""
    for target, _ in successor_fields(node):
        yield target


Section = Literal["nodes", "glossary", "routes", "tours"]


class CitationAt(NamedTuple):
    """A quote from a source, and where in the pack it stands."""

    section: Section
    owner: str  # id of the node, glossary term, route (its comparison) or tour
    path: tuple[str | int, ...]  # from the owner to the citation, as in the rule file
    citation: Citation

    @property
    def source(self) -> str:
        return self.citation.source


class ReferenceAt(NamedTuple):
    """A statute or later report named (never quoted), and where in the pack it stands."""

    section: Section
    owner: str
    path: tuple[str | int, ...]
    source: str


class _Cites(Protocol):
    """What every citing part of a pack has (nodes, terms, comparison rows, tour steps)."""

    @property
    def citations(self) -> tuple[Citation, ...]: ...

    @property
    def references(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class RuleGraph:
    """A loaded rule pack. Read-only; lookups by id."""

    pack: Pack
    routes: Mapping[str, Route]
    sources: Mapping[str, Source]
    glossary: Mapping[str, Term]
    nodes: Mapping[str, AnyNode]
    tours: Mapping[str, Tour] = dataclass_field(default_factory=dict)
    sequences: Mapping[str, Sequence] = dataclass_field(default_factory=dict)

    @property
    def start(self) -> AnyNode:
        return self.nodes[self.pack.start]

    def verdicts_for(self, route: str) -> list[Verdict]:
        return [n for n in self.nodes.values() if isinstance(n, Verdict) and route in n.routes]

    def fact_names(self) -> set[str]:
        """Every fact a question asks (the question's id): the names --answer takes."""
        return {n.id for n in self.nodes.values() if isinstance(n, Question)}

    def unknown_answer_keys(self, answers: Mapping[str, str]) -> list[str]:
        """Keys of ``answers`` that name no fact (question) of this pack."""
        facts = self.fact_names()
        return [key for key in answers if key not in facts]

    def _citing_parts(self) -> Iterator[tuple[Section, str, tuple[str | int, ...], _Cites]]:
        """Every part of the pack that cites, in file order: (section, owner, path, part)."""
        for node in self.nodes.values():
            yield "nodes", node.id, (), node
        for term in self.glossary.values():
            yield "glossary", term.id, (), term
        for route in self.routes.values():
            if route.compare is not None:
                for row, _, fact in route.compare.rows():
                    yield "routes", route.id, ("compare", row), fact
        for tour in self.tours.values():
            for s, step in enumerate(tour.steps):
                yield "tours", tour.id, ("steps", s), step

    def source_uses(self) -> Iterator[CitationAt | ReferenceAt]:
        """Every citation and every reference in the pack, part by part, quotes first."""
        for section, owner, path, part in self._citing_parts():
            for i, citation in enumerate(part.citations):
                yield CitationAt(section, owner, (*path, "citations", i), citation)
            for i, ref in enumerate(part.references):
                yield ReferenceAt(section, owner, (*path, "references", i), ref)

    def citations(self) -> Iterator[CitationAt]:
        """Every citation (quote) in the pack: nodes, glossary, comparisons and tours."""
        return (use for use in self.source_uses() if isinstance(use, CitationAt))

    def references(self) -> Iterator[ReferenceAt]:
        """Every reference (a source named, never quoted) in the pack."""
        return (use for use in self.source_uses() if isinstance(use, ReferenceAt))
