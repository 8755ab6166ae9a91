"""Walking a rule graph: an immutable state and its transitions.

A :class:`Walk` is a value. Answering a question or moving on returns a new
``Walk`` that remembers the one before it, so *back*, *restart*, the *trail* of
answers and *changing an earlier answer* need no other bookkeeping.

A walk stops only where a person has something to read or decide: questions
whose fact is not yet known, info, verdict and end nodes. Branches, and
questions whose fact an earlier answer already recorded, are passed through
automatically (and recorded in the path).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pathways.core.model import (
    AnyNode,
    Branch,
    Choice,
    End,
    Info,
    Question,
    RuleGraph,
    Verdict,
    successors,
)


class WalkError(Exception):
    """The walk cannot go on (a broken graph, or an answer that does not fit)."""


class MissingAnswer(WalkError):
    def __init__(self, question: Question) -> None:
        self.question = question
        ids = ", ".join(c.id for c in question.choices)
        super().__init__(f"question '{question.id}' was reached but not answered; choices: {ids}")


class BadAnswer(WalkError):
    def __init__(self, question: Question, given: str) -> None:
        self.question = question
        ids = ", ".join(c.id for c in question.choices)
        super().__init__(
            f"'{given}' is not a choice of question '{question.id}'; choices: {ids}"
        )


@dataclass(frozen=True)
class Step:
    """A node the walk went through, and the choice taken there (questions only)."""

    node: str
    choice: str | None = None
    known: bool = False  # answered from a fact recorded earlier, not asked again


@dataclass(frozen=True)
class TrailEntry:
    """One answer the person gave, and the walk as it stood when they gave it."""

    question: Question
    choice: Choice
    before: Walk


@dataclass(frozen=True, eq=False)
class Walk:
    graph: RuleGraph
    position: str
    path: tuple[Step, ...]
    facts: Mapping[str, str]
    previous: Walk | None
    origin: str
    scope: str | None = None  # a route id: the walk covers that route alone

    @classmethod
    def begin(cls, graph: RuleGraph, at: str | None = None, route: str | None = None) -> Walk:
        """A new walk from the pack's start, from node ``at``, or of one ``route`` alone.

        A walk of one route starts at its entry and, once that route's verdict is read,
        goes straight to the end summary.
        """
        if route is not None:
            if route not in graph.routes:
                raise WalkError(f"no route '{route}'; routes: {', '.join(graph.routes)}")
            at = graph.routes[route].entry
        origin = graph.pack.start if at is None else at
        position, path, facts = _settle(graph, origin, (), {})
        return cls(graph, position, path, MappingProxyType(facts), None, origin, route)

    @property
    def node(self) -> AnyNode:
        return self.graph.nodes[self.position]

    @property
    def finished(self) -> bool:
        return isinstance(self.node, End)

    @property
    def depth(self) -> int:
        """How many user actions led here (0 at the start)."""
        n, walk = 0, self.previous
        while walk is not None:
            n, walk = n + 1, walk.previous
        return n

    def answer(self, choice_id: str) -> Walk:
        node = self.node
        if not isinstance(node, Question):
            raise WalkError(f"'{node.id}' is not a question")
        choice = next((c for c in node.choices if c.id == choice_id), None)
        if choice is None:
            raise BadAnswer(node, choice_id)
        facts = dict(self.facts)
        if node.fact is not None:
            facts[node.fact] = choice.id
        path = (*self.path, Step(node.id, choice.id))
        position, path, facts = _settle(self.graph, choice.next, path, facts)
        return self._then(position, path, facts)

    def proceed(self) -> Walk:
        """Move on from an info or verdict node."""
        node = self.node
        nxt = node.next if isinstance(node, Info | Verdict) else None
        if nxt is None:
            raise WalkError(f"cannot move on from '{node.id}'")
        if self.scope is not None and isinstance(node, Verdict) and self.scope in node.routes:
            nxt = _end_after(self.graph, nxt) or nxt
        position, path, facts = _settle(
            self.graph, nxt, (*self.path, Step(node.id)), dict(self.facts)
        )
        return self._then(position, path, facts)

    def _then(self, position: str, path: tuple[Step, ...], facts: dict[str, str]) -> Walk:
        return Walk(
            self.graph, position, path, MappingProxyType(facts), self, self.origin, self.scope
        )

    @property
    def can_proceed(self) -> bool:
        node = self.node
        return isinstance(node, Info) or (isinstance(node, Verdict) and node.next is not None)

    def back(self) -> Walk:
        """The state before the last action; at the start, the walk itself."""
        return self.previous if self.previous is not None else self

    def restart(self) -> Walk:
        if self.scope is not None:
            return Walk.begin(self.graph, route=self.scope)
        return Walk.begin(self.graph, self.origin)

    def history(self) -> Iterator[Walk]:
        """This state and every earlier one, newest first."""
        walk: Walk | None = self
        while walk is not None:
            yield walk
            walk = walk.previous

    @property
    def trail(self) -> list[TrailEntry]:
        """The answers given so far, oldest first (facts re-used are not repeated)."""
        entries: list[TrailEntry] = []
        for walk in self.history():
            prev = walk.previous
            if prev is None or not isinstance(prev.node, Question):
                continue
            step = walk.path[len(prev.path)]
            question = prev.node
            choice = next(c for c in question.choices if c.id == step.choice)
            entries.append(TrailEntry(question, choice, prev))
        entries.reverse()
        return entries

    def revise(self, question_id: str) -> Walk:
        """The walk as it stood when ``question_id`` was asked, to answer it again."""
        for entry in self.trail:
            if entry.question.id == question_id:
                return entry.before
        raise WalkError(f"question '{question_id}' has not been answered in this walk")

    @property
    def visited(self) -> list[str]:
        """Ids of every node passed through, then the current one."""
        return [s.node for s in self.path] + [self.position]

    @property
    def verdicts(self) -> list[Verdict]:
        """Verdicts reached so far, in order; the current node counts when it is one."""
        found = []
        for node_id in self.visited:
            node = self.graph.nodes[node_id]
            if isinstance(node, Verdict):
                found.append(node)
        return found

    def verdict_by_route(self) -> dict[str, Verdict]:
        """The latest verdict for each route reached."""
        return {v.routes[0]: v for v in self.verdicts if v.routes}


def _end_after(graph: RuleGraph, node_id: str) -> str | None:
    """The nearest end node reachable from ``node_id`` (breadth first), if any."""
    seen = {node_id}
    queue = [node_id]
    for current in queue:
        node = graph.nodes.get(current)
        if node is None:
            continue
        if isinstance(node, End):
            return current
        for nxt in successors(node):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return None


def _settle(
    graph: RuleGraph, node_id: str, path: tuple[Step, ...], facts: dict[str, str]
) -> tuple[str, tuple[Step, ...], dict[str, str]]:
    """Follow branches and already-answered questions until a node that needs a person."""
    for _ in range(len(graph.nodes) + 1):
        node = graph.nodes.get(node_id)
        if node is None:
            raise WalkError(f"node '{node_id}' does not exist")
        if isinstance(node, Branch):
            nxt = next((c.next for c in node.cases if c.matches(facts)), node.default)
            path = (*path, Step(node.id))
            node_id = nxt
        elif isinstance(node, Question) and node.fact is not None and node.fact in facts:
            known = facts[node.fact]
            choice = next((c for c in node.choices if c.id == known), None)
            if choice is None:
                raise BadAnswer(node, known)
            path = (*path, Step(node.id, choice.id, known=True))
            node_id = choice.next
        else:
            return node_id, path, facts
    raise WalkError("the walk loops; run 'pathways validate' on this rule pack")


def walk_through(
    graph: RuleGraph, answers: Mapping[str, str], at: str | None = None, route: str | None = None
) -> Walk:
    """Walk to the end with the given answers (keyed by question id or by fact).

    Raises :class:`MissingAnswer` at the first question with no answer, and
    :class:`BadAnswer` for an answer that is not one of the question's choices.
    """
    walk = Walk.begin(graph, at, route)
    for _ in range(len(graph.nodes) + 1):
        node = walk.node
        if isinstance(node, End):
            return walk
        if isinstance(node, Question):
            given = answers.get(node.id)
            if given is None and node.fact is not None:
                given = answers.get(node.fact)
            if given is None:
                raise MissingAnswer(node)
            walk = walk.answer(given)
        elif walk.can_proceed:
            walk = walk.proceed()
        else:
            return walk  # a verdict with nowhere to go: the walk ends here
    raise WalkError("the walk loops; run 'pathways validate' on this rule pack")
