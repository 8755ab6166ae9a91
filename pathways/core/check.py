"""RuleGraph (+ source texts) -> list of Problems. One function per rule.

The checks never raise for bad rule content; they report. The checks between objects
and files run only when every file could be read and every object in it passed the
schema (``LoadResult.incomplete``), and the graph-wide ones (reachability, cycles, ends)
only when every reference resolves: a broken file or node would otherwise bury its
one real problem under echoes in files that are fine.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Literal

from pathways.core.collector import pausing
from pathways.core.load import LoadResult, Origin, Origins, load_pack
from pathways.core.model import (
    UNQUOTED_KINDS,
    Branch,
    End,
    Passage,
    Question,
    RuleGraph,
    Source,
    Speaker,
    Verdict,
    successor_fields,
    successors,
)
from pathways.core.problems import Problem
from pathways.core.quotes import SourceTexts, normalise


def checked_graph(rules_dir: Path) -> tuple[RuleGraph | None, list[Problem]]:
    """Load and check a pack: the graph only when it has no problem, and the problems."""
    try:
        result = load_pack(rules_dir)
    except OSError as error:  # an unreadable folder is a problem, not a traceback
        reason = error.strerror or str(error)
        return None, [Problem(str(rules_dir), 1, "unreadable", f"cannot read: {reason}")]
    problems = check(result)
    if result.graph is None and not problems:
        problems = [Problem(str(rules_dir), 1, "no-pack", "no rule pack could be read")]
    return (result.graph if not problems else None), problems


def checked_graph_or_problem(rules_dir: Path) -> tuple[RuleGraph | None, list[Problem]]:
    """:func:`checked_graph` for a front that must never stop on a bug: an error while
    reading (a bug, or memory) becomes one ``unreadable`` problem that says what it was."""
    try:
        return checked_graph(rules_dir)
    except Exception as error:
        why = f"the rule pack could not be read: {type(error).__name__}: {error}"
        return None, [Problem(str(rules_dir), 1, "unreadable", why,
                              "run 'pathways validate' on the folder")]


@pausing
def check(result: LoadResult, sources_dir: Path | None = None) -> list[Problem]:
    """Every problem in a loaded pack, sorted by file and line."""
    problems = list(result.problems)
    graph = result.graph
    if graph is not None and not result.incomplete:
        origins = result.origins
        problems += check_start(graph, origins)
        problems += check_references(graph, origins)
        problems += check_citations(graph, origins)
        problems += check_routes(graph, origins)
        problems += check_questions(graph, origins)
        problems += check_branch_facts(graph, origins)
        problems += check_status_why(graph, origins)
        problems += check_medium_words(graph, origins)
        problems += check_said_once(graph, origins)
        problems += check_passages(graph, origins)
        problems += check_speakers(graph, origins)
        problems += check_sequences(graph, origins)
        into_question = any(p.code == "next-is-question" for p in problems)
        if (
            graph.pack.start in graph.nodes
            and not _has_dangling(graph)
            and not into_question
        ):
            problems += check_cycles(graph, origins)
            problems += check_reachable(graph, origins)
            problems += check_ends(graph, origins)
        if sources_dir is not None:
            problems += check_quotes(graph, origins, SourceTexts(sources_dir))
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.code, p.message))


def _has_dangling(graph: RuleGraph) -> bool:
    return any(nxt not in graph.nodes for n in graph.nodes.values() for nxt in successors(n))


def _node_problem(
    origins: Origins, node_id: str, code: str, message: str, hint: str, *path: str | int
) -> Problem:
    origin = origins.of("nodes", node_id, *path)
    return Problem(origin.file, origin.line, code, message, hint)


def check_start(graph: RuleGraph, origins: Origins) -> list[Problem]:
    if graph.pack.start in graph.nodes:
        return []
    origin = origins.of("pack", "pack", "start")
    return [
        Problem(
            origin.file,
            origin.line,
            "missing-start",
            f"start node '{graph.pack.start}' does not exist",
            "set pack.start to the id of the first node",
        )
    ]


def _written(origins: Origins, section: str, ident: str, path: tuple[str | int, ...]) -> bool:
    """Whether a citation was written where it is, not inherited (a tour step's)."""
    return section != "tours" or origins.written(section, ident, *path) is not None


def check_references(graph: RuleGraph, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    known_nodes = set(graph.nodes)

    def missing_node(section: str, ident: str, target: str, *path: str | int) -> None:
        if target not in known_nodes:
            origin = origins.of(section, ident, *path)
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    "missing-node",
                    f"'{ident}' leads to node '{target}', which does not exist",
                    "fix the id, or add a node with that id",
                )
            )

    def leads_to_question(section: str, ident: str, target: str, *path: str | int) -> None:
        if isinstance(graph.nodes.get(target), Question):
            origin = origins.of(section, ident, *path)
            problems.append(
                Problem(
                    origin.file, origin.line, "next-is-question",
                    f"'{ident}' leads to question '{target}'; a question is asked when a branch "
                    "needs its fact, and is not a step of its own",
                    f"lead to a branch that reads '{target}' (kind: branch, cases: "
                    f"[{{when: {{{target}: ...}}, next: ...}}])",
                )
            )

    for node in graph.nodes.values():
        for target, path in successor_fields(node):
            missing_node("nodes", node.id, target, *path)
            leads_to_question("nodes", node.id, target, *path)
        for i, route_id in enumerate(node.routes):
            if route_id not in graph.routes:
                problems.append(
                    _node_problem(
                        origins, node.id, "missing-route", f"unknown route '{route_id}'",
                        f"routes are: {', '.join(graph.routes)}", "routes", i,
                    )
                )
        for i, term in enumerate(node.terms):
            if term not in graph.glossary:
                problems.append(
                    _node_problem(
                        origins, node.id, "missing-term", f"unknown glossary term '{term}'",
                        "add it to the glossary or fix the id", "terms", i,
                    )
                )
    for route in graph.routes.values():
        missing_node("routes", route.id, route.entry, "entry")
        leads_to_question("routes", route.id, route.entry, "entry")
    leads_to_question("pack", "pack", graph.pack.start, "start")
    for tour in graph.tours.values():
        for s, step in enumerate(tour.steps):
            missing_node("tours", tour.id, step.node, "steps", s, "node")
    for cited in graph.citations():
        source = graph.sources.get(cited.source)
        if source is not None and source.kind not in UNQUOTED_KINDS:
            continue  # the usual case: a quotable source (quotes are checked with --sources)
        if not _written(origins, cited.section, cited.owner, cited.path):
            continue  # a tour step showing its node's citations: reported at the node
        origin = origins.of(cited.section, cited.owner, *cited.path, "source")
        if source is None:
            problems.append(
                Problem(
                    origin.file, origin.line, "missing-source",
                    f"citation names source '{cited.source}', which is not in the registry",
                    "add it under 'sources:' or fix the id",
                )
            )
        else:
            problems.append(
                Problem(
                    origin.file, origin.line, "unquotable-source",
                    f"source '{source.id}' is a {source.kind}: the project holds no text of it "
                    "to quote",
                    "list it under 'references:' instead of 'citations:'",
                )
            )
    for referred in graph.references():
        ref = referred.source
        source = graph.sources.get(ref)
        if source is not None and source.kind in UNQUOTED_KINDS:
            continue  # the usual case: a statute or later report
        origin = origins.of(referred.section, referred.owner, *referred.path)
        if source is None:
            problems.append(
                Problem(
                    origin.file, origin.line, "missing-source",
                    f"reference '{ref}' is not in the source registry", "add it under 'sources:'",
                )
            )
        else:
            problems.append(
                Problem(
                    origin.file, origin.line, "reference-kind",
                    f"'{ref}' is a {source.kind}; 'references:' are for statutes and later "
                    "reports",
                    "cite it under 'citations:' with a quote",
                )
            )
    return problems


def check_citations(graph: RuleGraph, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    hint = "add 'citations:' with a source id and a verbatim quote that supports the text"
    for node in graph.nodes.values():
        if not node.citations and not isinstance(node, Branch):  # branches are never shown
            problems.append(
                _node_problem(origins, node.id, "no-citation", f"node '{node.id}' cites nothing",
                              hint)
            )
    for term in graph.glossary.values():
        if not term.citations:
            origin = origins.of("glossary", term.id)
            problems.append(
                Problem(origin.file, origin.line, "no-citation",
                        f"glossary term '{term.id}' cites nothing", hint)
            )
    for route in graph.routes.values():
        if route.compare is None:
            continue
        for row, _, fact in route.compare.rows():
            if not fact.citations:
                origin = origins.of("routes", route.id, "compare", row)
                problems.append(
                    Problem(origin.file, origin.line, "no-citation",
                            f"route '{route.id}' comparison '{row}' cites nothing", hint)
                )
    for tour in graph.tours.values():
        for s, step in enumerate(tour.steps):
            if not step.citations:
                origin = origins.of("tours", tour.id, "steps", s)
                problems.append(
                    Problem(origin.file, origin.line, "no-citation",
                            f"tour '{tour.id}' step {s + 1} cites nothing", hint)
                )
    return problems


def check_routes(graph: RuleGraph, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    for node in graph.nodes.values():
        if isinstance(node, Verdict) and len(node.routes) != 1:
            problems.append(
                _node_problem(
                    origins, node.id, "verdict-route",
                    f"verdict '{node.id}' belongs to {len(node.routes)} routes; a verdict is "
                    "the outcome of exactly one",
                    "set 'routes:' to the one route it decides",
                )
            )
    for route in graph.routes.values():
        if not graph.verdicts_for(route.id):
            origin = origins.of("routes", route.id)
            problems.append(
                Problem(
                    origin.file, origin.line, "route-without-verdict",
                    f"route '{route.id}' has no verdict node",
                    "add a node with kind: verdict and routes: [" + route.id + "]",
                )
            )
    if not graph.routes:
        origin = origins.of("pack", "pack")
        problems.append(
            Problem(origin.file, origin.line, "no-routes", "the pack defines no routes",
                    "add a 'routes:' section")
        )
    return problems


def check_questions(graph: RuleGraph, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    read = {fact for n in graph.nodes.values() if isinstance(n, Branch) for fact in n.facts_read()}
    for node in graph.nodes.values():
        if not isinstance(node, Question):
            continue
        seen: set[str] = set()
        for i, choice in enumerate(node.choices):
            if choice.id in seen:
                problems.append(
                    _node_problem(
                        origins, node.id, "duplicate-choice",
                        f"question '{node.id}' has choice '{choice.id}' twice",
                        "give each choice its own id", "choices", i, "id",
                    )
                )
            seen.add(choice.id)
        if node.id not in read:
            problems.append(
                _node_problem(
                    origins, node.id, "unasked-question",
                    f"no branch reads fact '{node.id}', so question '{node.id}' is never asked",
                    f"read it in a branch (when: {{{node.id}: ...}}), or remove the question",
                )
            )
    return problems


def fact_values(graph: RuleGraph) -> dict[str, set[str]]:
    """Each fact a question asks -> the values (choice ids) it can take."""
    return {
        n.id: {c.id for c in n.choices} for n in graph.nodes.values() if isinstance(n, Question)
    }


def check_branch_facts(graph: RuleGraph, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    values = fact_values(graph)
    for node in graph.nodes.values():
        if not isinstance(node, Branch):
            continue
        for i, case in enumerate(node.cases):
            for fact, wanted in case.when.items():
                if fact not in values:
                    problems.append(
                        _node_problem(
                            origins, node.id, "unknown-fact",
                            f"branch '{node.id}' reads fact '{fact}', which no question asks",
                            f"add a question with id: {fact}, or fix the fact's name",
                            "cases", i, "when", fact,
                        )
                    )
                    continue
                for value in [wanted] if isinstance(wanted, str) else wanted:
                    if value not in values[fact]:
                        problems.append(
                            _node_problem(
                                origins, node.id, "unknown-fact-value",
                                f"fact '{fact}' is never '{value}'; its values are "
                                f"{', '.join(sorted(values[fact]))}",
                                "use one of the choice ids of the question that records it",
                                "cases", i, "when", fact,
                            )
                        )
    return problems


def check_cycles(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """No walk may loop: report each back edge with the cycle it closes."""
    problems: list[Problem] = []
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph.nodes, white)
    for root in graph.nodes:
        if colour[root] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, successors(graph.nodes[root]))]
        colour[root] = grey
        while stack:
            node_id, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                colour[node_id] = black
                stack.pop()
            elif colour.get(nxt, black) == grey:
                ids = [n for n, _ in stack]
                loop = [*ids[ids.index(nxt):], nxt]
                problems.append(
                    _node_problem(
                        origins, node_id, "cycle",
                        "the walk can loop: " + " -> ".join(loop),
                        "a walk must always move forward; point one of these at a later node",
                    )
                )
            elif colour.get(nxt) == white:
                colour[nxt] = grey
                stack.append((nxt, successors(graph.nodes[nxt])))
    return problems


def reachable_from(graph: RuleGraph, start: str) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in successors(graph.nodes[todo.pop()]):
            if nxt in graph.nodes and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def check_reachable(graph: RuleGraph, origins: Origins) -> list[Problem]:
    seen = reachable_from(graph, graph.pack.start)
    return [
        _node_problem(
            origins, node_id, "unreachable",
            f"node '{node_id}' cannot be reached from the start '{graph.pack.start}'",
            "link to it from another node, or remove it",
        )
        for node_id, node in graph.nodes.items()
        if node_id not in seen and not isinstance(node, Question)  # questions: unasked-question
    ]


def check_ends(graph: RuleGraph, origins: Origins) -> list[Problem]:
    predecessors: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes.values():
        for nxt in successors(node):
            predecessors[nxt].append(node.id)
    ends = [n.id for n in graph.nodes.values() if isinstance(n, End)]
    can_end = set(ends)
    todo = list(ends)
    while todo:
        for prev in predecessors[todo.pop()]:
            if prev not in can_end:
                can_end.add(prev)
                todo.append(prev)
    problems = [
        _node_problem(
            origins, node.id, "no-end",
            f"no end can be reached from node '{node.id}'",
            "give it a 'next:' that leads on to an end node",
        )
        for node in graph.nodes.values()
        if node.id not in can_end and not isinstance(node, Question)
    ]
    if not ends:
        origin = origins.of("pack", "pack")
        problems.append(
            Problem(origin.file, origin.line, "no-end", "the pack has no node of kind 'end'",
                    "add an end node (the summary) and lead every route to it")
        )
    return problems


def _quote_sites(graph: RuleGraph, origins: Origins) -> Iterator[tuple[Source, str, Origin]]:
    """Every quote written in the pack, once each, with where it is written: the passages of
    the sources, and the citations that give their words directly."""
    for source in graph.sources.values():
        for i, passage in enumerate(source.passages):
            yield source, passage.quote, origins.of("sources", source.id, "passages", i, "quote")
    for cited in graph.citations():
        citation = cited.citation
        cited_source = graph.sources.get(citation.source)
        if cited_source is None or citation.passage is not None:
            continue  # an unknown source is reported by check_references; a passage above
        if not _written(origins, cited.section, cited.owner, cited.path):
            continue  # a tour step showing its node's citations: checked at the node
        origin = origins.of(cited.section, cited.owner, *cited.path, "quote")
        yield cited_source, citation.words, origin


def check_quotes(graph: RuleGraph, origins: Origins, texts: SourceTexts) -> list[Problem]:
    problems: list[Problem] = []
    reported_missing: set[str] = set()
    for source, quote, origin in _quote_sites(graph, origins):
        if source.kind in UNQUOTED_KINDS:
            continue  # reported by check_references
        if source.file is None:
            if source.id not in reported_missing:
                reported_missing.add(source.id)
                src = origins.of("sources", source.id)
                problems.append(
                    Problem(src.file, src.line, "source-without-file",
                            f"source '{source.id}' has no 'file:', so its quotes cannot be checked",
                            "add the file name of its text")
                )
            continue
        text = texts.get(source)
        if text is None:
            if source.id not in reported_missing:
                reported_missing.add(source.id)
                problems.append(_source_file_problem(origins, texts, source.id, source.file))
            continue
        if not texts.contains(source, quote):
            closest = texts.closest(source, quote)
            part = ""
            if source.after or source.before:
                part = " (in the part of the file that is this source's voice)"
            problems.append(
                Problem(
                    origin.file, origin.line, "quote-not-found",
                    f"quote is not in source '{source.id}'{part}; closest passage: "
                    f'"{closest}"',
                    "copy the words exactly; only whitespace and typographic quotes/dashes "
                    "may differ; use a shorter quote rather than '...'",
                )
            )
    return problems


def _source_file_problem(
    origins: Origins, texts: SourceTexts, source_id: str, file: str
) -> Problem:
    """Why a source's text could not be read: not there, or there but refused (and why)."""
    src = origins.of("sources", source_id, "file")
    refused = texts.refusal(file)
    if refused is None:
        return Problem(src.file, src.line, "source-file-missing",
                       f"source text '{file}' is not in {texts.folder}",
                       "check the file name, or the --sources folder")
    hint = {
        "file-too-large": "keep only the text of the source in it",
        "not-a-regular-file": "put the source's text there as an ordinary file",
    }.get(refused.code, refused.hint)
    return Problem(src.file, src.line, "source-file-unreadable",
                   f"source text '{file}' in {texts.folder} is not read: {refused.message}",
                   hint or "replace it with the source's text, as a plain UTF-8 file")


_QUOTED = re.compile(r'"([^"]+)"')


def status_why_words(status_why: str) -> list[str]:
    """The phrases a verdict's ``status_why`` quotes (in double quotes, typographic or not)."""
    return [m.strip() for m in _QUOTED.findall(normalise(status_why)) if m.strip()]


def check_status_why(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """A verdict's "why this status" quotes the words that set it, from its own citations.

    A pack that gives ``status_why`` on any verdict must give it on every verdict.
    """
    problems: list[Problem] = []
    verdicts = [n for n in graph.nodes.values() if isinstance(n, Verdict)]
    uses = any(v.status_why for v in verdicts)
    for verdict in verdicts:
        if verdict.status_why is None:
            if uses:
                problems.append(
                    _node_problem(
                        origins, verdict.id, "status-why-missing",
                        f"verdict '{verdict.id}' has no 'status_why', though other verdicts "
                        "in this pack have one",
                        "add 'status_why:' with one line that quotes, in double quotes, the "
                        "words of its citations that set the status",
                    )
                )
            continue
        words = status_why_words(verdict.status_why)
        quotes = [normalise(c.words) for c in verdict.citations]
        if not words:
            problems.append(
                _node_problem(
                    origins, verdict.id, "status-why-unquoted",
                    f"the status_why of verdict '{verdict.id}' quotes no words",
                    "put the words that set the status in double quotes, copied from one "
                    "of this verdict's citation quotes",
                    "status_why",
                )
            )
        for phrase in words:
            if not any(phrase in quote for quote in quotes):
                problems.append(
                    _node_problem(
                        origins, verdict.id, "status-why-unquoted",
                        f'the status_why of verdict \'{verdict.id}\' quotes "{phrase}", which '
                        "is in none of its citation quotes",
                        "quote words that appear in one of this verdict's citations, or cite "
                        "the passage they come from",
                        "status_why",
                    )
                )
    return problems


# Words that belong to one medium (a screen), not to text that is also a brief, a
# handout and a JSON export.
# The lookahead (each word's first letter) skips most positions at once: twice as fast.
MEDIUM_WORDS = re.compile(
    r"\b(?=[nptoscba])(next screen|previous screen|this screen|on screen|screens?|"
    r"press(?:ing)? (?:a |the )?(?:key|button|enter)|press|click(?:ing)?|tap|scroll(?:ing)?|"
    r"button|below|above)\b",
    re.IGNORECASE,
)


def _rule_texts(graph: RuleGraph) -> Iterator[tuple[str, str, tuple[str | int, ...], str]]:
    """Every piece of prose a pack shows, wherever it is shown: (section, id, path, text)."""
    yield "pack", "pack", ("notice",), graph.pack.notice
    for node in graph.nodes.values():
        yield "nodes", node.id, ("title",), node.title
        yield "nodes", node.id, ("text",), node.text
        if node.help:
            yield "nodes", node.id, ("help",), node.help
        for i, citation in enumerate(node.citations):
            if citation.note:
                yield "nodes", node.id, ("citations", i, "note"), citation.note
        if isinstance(node, Question):
            for i, choice in enumerate(node.choices):
                yield "nodes", node.id, ("choices", i, "label"), choice.label
        if isinstance(node, Verdict):
            yield "nodes", node.id, ("reason",), node.reason
            if node.status_why:
                yield "nodes", node.id, ("status_why",), node.status_why
            for i, step in enumerate(node.next_steps):
                yield "nodes", node.id, ("next_steps", i), step
    for route in graph.routes.values():
        yield "routes", route.id, ("summary",), route.summary
        if route.compare is not None:
            for key, _, cell in route.compare.rows():
                yield "routes", route.id, ("compare", key, "text"), cell.text
    for term in graph.glossary.values():
        yield "glossary", term.id, ("definition",), term.definition
    for tour in graph.tours.values():  # a tour is also a printed handout
        yield "tours", tour.id, ("title",), tour.title
        yield "tours", tour.id, ("summary",), tour.summary
        for s, tour_step in enumerate(tour.steps):
            for name in ("heading", "door", "narration", "ask", "loop"):
                value = getattr(tour_step, name)
                if value:
                    yield "tours", tour.id, ("steps", s, name), value


def check_medium_words(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """Rule text names no screen, key or position: it is also printed and exported."""
    problems: list[Problem] = []
    for section, ident, path, value in _rule_texts(graph):
        found = MEDIUM_WORDS.search(value)
        if found is None:
            continue
        origin = origins.of(section, ident, *path)
        problems.append(
            Problem(
                origin.file, origin.line, "medium-words",
                f"'{found.group(0)}' in {section} '{ident}' ({'.'.join(map(str, path))}) "
                "speaks of a screen; this text is also a brief, a handout and a JSON export",
                "say it without the medium: name the step or the section ('the summary', "
                "'the next question') instead of 'below', 'next screen', 'press' or 'click'",
            )
        )
    return problems


def check_said_once(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """What rule files say once: a note that repeats its source's voice, a tour step that
    repeats its node's citations."""
    problems: list[Problem] = []
    for cited in graph.citations():
        section, ident, path = cited.section, cited.owner, cited.path
        source = graph.sources.get(cited.source)
        written = origins.written(section, ident, *path, "note")
        if source is None or source.voice is None or not isinstance(written, str):
            continue
        if written.strip().rstrip(".") == source.voice.strip().rstrip("."):
            origin = origins.of(section, ident, *path, "note")
            problems.append(
                Problem(
                    origin.file, origin.line, "note-repeats-voice",
                    f"the note repeats source '{source.id}''s voice",
                    "remove the note: a citation speaks in its source's voice unless the note "
                    "says otherwise",
                )
            )
    for tour in graph.tours.values():
        for s, step in enumerate(tour.steps):
            node = graph.nodes.get(step.node)
            written = origins.written("tours", tour.id, "steps", s, "citations")
            if node is None or not written or step.citations != node.citations:
                continue
            origin = origins.of("tours", tour.id, "steps", s, "citations")
            problems.append(
                Problem(
                    origin.file, origin.line, "step-repeats-node",
                    f"tour '{tour.id}' step {s + 1} repeats the citations of node '{node.id}'",
                    "remove them: a step shows its node's citations unless it gives its own",
                )
            )
    return problems


def check_sequences(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """A sequence names nodes that exist, each leading to the next."""
    problems: list[Problem] = []
    member_of: dict[str, str] = {}
    for sequence in graph.sequences.values():
        for i, node_id in enumerate(sequence.nodes):
            origin = origins.of("sequences", sequence.id, "nodes", i)
            node = graph.nodes.get(node_id)
            if node is None:
                problems.append(
                    Problem(origin.file, origin.line, "missing-node",
                            f"sequence '{sequence.id}' names node '{node_id}', which does not "
                            "exist", "fix the id, or add a node with that id")
                )
                continue
            if node_id in member_of:
                problems.append(
                    Problem(origin.file, origin.line, "sequence-order",
                            f"node '{node_id}' is already part of sequence "
                            f"'{member_of[node_id]}'", "a node belongs to one sequence")
                )
            member_of.setdefault(node_id, sequence.id)
            if i + 1 < len(sequence.nodes):
                after = sequence.nodes[i + 1]
                if after in graph.nodes and after not in successors(node):
                    problems.append(
                        Problem(origin.file, origin.line, "sequence-order",
                                f"sequence '{sequence.id}': '{node_id}' does not lead to "
                                f"'{after}', the next part",
                                "list the nodes in the order the walk reads them")
                    )
    return problems


def check_passages(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """Named passages: ids unique per source, every cited one exists, every one is cited, and
    no quote is written out in full twice (a repeated quote is named once as a passage)."""
    named, problems = _named_per_source(graph, origins, "passage", "passage-duplicate-id")
    by_words: dict[tuple[str, str], str] = {}  # (source, normalised quote) -> passage id
    for (source_id, _), i in named.items():
        source = graph.sources[source_id]
        passage = source.passages[i]
        by_words.setdefault((source.id, normalise(passage.quote)), passage.id)
        note = passage.note
        if note is not None and source.voice is not None and (
            note.strip().rstrip(".") == source.voice.strip().rstrip(".")
        ):
            origin = origins.of("sources", source.id, "passages", i, "note")
            problems.append(
                Problem(origin.file, origin.line, "note-repeats-voice",
                        f"the note of passage '{passage.id}' repeats source "
                        f"'{source.id}''s voice",
                        "remove the note: a passage speaks in its source's voice unless "
                        "the note says otherwise")
            )
    used: set[tuple[str, str]] = set()
    first_written: dict[tuple[str, str], Origin] = {}
    for cited in graph.citations():
        citation = cited.citation
        found = graph.sources.get(citation.source)
        if found is None:
            continue  # reported by check_references
        source = found
        if citation.passage is not None:
            used.add((source.id, citation.passage))
            if (source.id, citation.passage) in named:
                continue
            if not _written(origins, cited.section, cited.owner, cited.path):
                continue  # a tour step showing its node's citations: reported at the node
            origin = origins.of(cited.section, cited.owner, *cited.path, "passage")
            ids = [p.id for p in source.passages]
            known = (
                "its passages are: " + ", ".join(ids) if ids else "it names no passages yet"
            )
            problems.append(
                Problem(origin.file, origin.line, "passage-unknown",
                        f"source '{source.id}' has no passage '{citation.passage}' ({known})",
                        f"use one of the passage ids of source '{source.id}', or add the "
                        f"passage under its 'passages:' with an id and the verbatim quote")
            )
            continue
        if not _written(origins, cited.section, cited.owner, cited.path):
            continue
        origin = origins.of(cited.section, cited.owner, *cited.path, "quote")
        key = (source.id, normalise(citation.words))
        if key in by_words:
            problems.append(
                Problem(origin.file, origin.line, "quote-repeated",
                        f"this quote from source '{source.id}' is its passage "
                        f"'{by_words[key]}', written out again",
                        f"cite it as '{{source: {source.id}, passage: {by_words[key]}}}'")
            )
        elif key in first_written:
            first = first_written[key]
            problems.append(
                Problem(origin.file, origin.line, "quote-repeated",
                        f"this quote from source '{source.id}' is written out in full again "
                        f"(first at {first.file}:{first.line})",
                        f"name it once under source '{source.id}''s 'passages:' (an id and "
                        "the quote) and cite it in both places as "
                        f"'{{source: {source.id}, passage: <id>}}'")
            )
        else:
            first_written[key] = origin
    return problems + _unused(
        named, used, origins, "passage", "passage-unused",
        lambda source_id, passage_id: (
            f"no citation names passage '{passage_id}' of source '{source_id}'",
            f"cite it as '{{source: {source_id}, passage: {passage_id}}}', or remove it"),
    )


def check_speakers(graph: RuleGraph, origins: Origins) -> list[Problem]:
    """Named speakers: ids unique per source, every named one exists and is named somewhere,
    and no note is written out in full twice for one source (it is named once as a speaker)."""
    named, problems = _named_per_source(graph, origins, "speaker", "speaker-duplicate-id")
    # (source, section, owner, path to the object holding note/speaker)
    sites: list[tuple[Source, str, str, tuple[str | int, ...]]] = []
    for source in graph.sources.values():
        sites += [(source, "sources", source.id, ("passages", i)) for i in
                  range(len(source.passages))]
    for cited in graph.citations():
        found = graph.sources.get(cited.source)
        if found is not None and _written(origins, cited.section, cited.owner, cited.path):
            sites.append((found, cited.section, cited.owner, cited.path))
    used: set[tuple[str, str]] = set()
    first_note: dict[tuple[str, str], Origin] = {}
    for source, section, owner, path in sites:
        speaker = origins.written(section, owner, *path, "speaker")
        note = origins.written(section, owner, *path, "note")
        if isinstance(speaker, str):
            used.add((source.id, speaker))
            if (source.id, speaker) not in named:
                origin = origins.of(section, owner, *path, "speaker")
                ids = [k.id for k in source.speakers]
                known = "its speakers are: " + ", ".join(ids) if ids else "it names no speakers"
                problems.append(
                    Problem(origin.file, origin.line, "speaker-unknown",
                            f"source '{source.id}' has no speaker '{speaker}' ({known})",
                            f"use one of the speaker ids of source '{source.id}', or add the "
                            "speaker under its 'speakers:' with an id and a note")
                )
        if isinstance(note, str):
            key = (source.id, " ".join(note.split()))
            origin = origins.of(section, owner, *path, "note")
            if key in first_note:
                first = first_note[key]
                problems.append(
                    Problem(origin.file, origin.line, "note-repeated",
                            f"this note for source '{source.id}' is written out in full again "
                            f"(first at {first.file}:{first.line})",
                            f"name it once under source '{source.id}''s 'speakers:' (an id and "
                            "the note) and write 'speaker: <id>' in both places")
                )
            else:
                first_note[key] = origin
    return problems + _unused(
        named, used, origins, "speaker", "speaker-unused",
        lambda source_id, speaker_id: (
            f"nothing names speaker '{speaker_id}' of source '{source_id}'",
            "write 'speaker: ID' where that person speaks, or remove it"),
    )


def _named_per_source(
    graph: RuleGraph, origins: Origins, kind: Literal["passage", "speaker"], code: str
) -> tuple[dict[tuple[str, str], int], list[Problem]]:
    """A source's named passages or speakers: (source id, name) -> index in the source's
    list, and a problem ``code`` for each name given twice in one source."""
    named: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for source in graph.sources.values():
        items: Sequence[Passage | Speaker] = (
            source.passages if kind == "passage" else source.speakers
        )
        for i, item in enumerate(items):
            if (source.id, item.id) in named:
                origin = origins.of("sources", source.id, f"{kind}s", i, "id")
                problems.append(
                    Problem(origin.file, origin.line, code,
                            f"source '{source.id}' has two {kind}s named '{item.id}'",
                            f"rename one: a {kind} id is unique within its source")
                )
                continue
            named[(source.id, item.id)] = i
    return named, problems


def _unused(
    named: dict[tuple[str, str], int],
    used: set[tuple[str, str]],
    origins: Origins,
    kind: Literal["passage", "speaker"],
    code: str,
    words: Callable[[str, str], tuple[str, str]],
) -> list[Problem]:
    """A problem ``code`` for each named passage or speaker nothing refers to;
    ``words(source id, name)`` gives the message and the fix."""
    problems: list[Problem] = []
    for (source_id, name), i in named.items():
        if (source_id, name) not in used:
            origin = origins.of("sources", source_id, f"{kind}s", i, "id")
            message, fix = words(source_id, name)
            problems.append(Problem(origin.file, origin.line, code, message, fix))
    return problems
