"""Walking a rule graph: an immutable state and its transitions.

A :class:`Walk` is a value. Answering a question or moving on returns a new
``Walk`` that remembers the one before it, so *back*, *restart*, the *trail* of
answers and *changing an earlier answer* need no other bookkeeping.

A walk stops only where a person has something to read or decide: info, verdict
and end nodes, and the question of a fact a branch needs and nobody has answered
yet (rule language v2: a question is not a step of the flow; the branch that
needs its fact asks it, once, and every later branch reads the answer). Branches
are passed through automatically (and recorded in the path). A walk begun with ``questions_first``
(a case walk) also passes info and verdict nodes, so it stops only at questions
and at the end; what it passed stays in the path, to be read on demand.

A walk is also a pure function of the answers: :meth:`Walk.from_facts` walks as
far as the answers go, and :meth:`Walk.with_answer` changes one answer and walks
again with the others kept (a "what if").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import NamedTuple

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


class Step(NamedTuple):
    """A node the walk went through, and the choice taken there (questions only)."""

    node: str
    choice: str | None = None
    known: bool = False  # kept for the fronts; a fact is asked once, so never True now


class TrailEntry(NamedTuple):
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
    questions_first: bool = False  # pass info and verdict nodes; stop at questions and the end
    # Every answer known for the case, keyed by fact (the question's id), reached or not:
    # a changed answer that takes the walk elsewhere does not lose the others.
    given: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    resume: str | None = None  # at a question: the branch that needs its answer

    @classmethod
    def begin(
        cls,
        graph: RuleGraph,
        at: str | None = None,
        route: str | None = None,
        *,
        questions_first: bool = False,
    ) -> Walk:
        """A new walk from the pack's start, from node ``at``, or of one ``route`` alone.

        A walk of one route starts at its entry and, once that route's verdict is read,
        goes straight to the end summary.
        """
        if route is not None:
            if route not in graph.routes:
                raise WalkError(f"no route '{route}'; routes: {', '.join(graph.routes)}")
            at = graph.routes[route].entry
        origin = graph.pack.start if at is None else at
        position, path, facts, resume = _settle(
            graph, origin, (), {}, _passing(questions_first, route)
        )
        return cls(
            graph,
            position,
            path,
            MappingProxyType(facts),
            None,
            origin,
            route,
            questions_first,
            resume=resume,
        )

    @classmethod
    def from_facts(
        cls,
        graph: RuleGraph,
        answers: Mapping[str, str],
        at: str | None = None,
        route: str | None = None,
        *,
        questions_first: bool = False,
    ) -> Walk:
        """The walk as far as ``answers`` (keyed by fact: the question's id) take it.

        It stops at the first question with no answer, or at the end. Each step is a
        state of its own, so *back* and the trail work as if the answers were typed.
        Raises :class:`BadAnswer` for an answer that is not one of its question's choices.
        """
        walk = cls.begin(graph, at, route, questions_first=questions_first)
        walk = walk._given(answers)
        for _ in range(len(graph.nodes) + 1):
            node = walk.node
            if isinstance(node, End):
                return walk
            if isinstance(node, Question):
                choice = node.answer_in(walk.given)
                if choice is None:
                    return walk
                walk = walk.answer(choice)
            elif walk.can_proceed:
                walk = walk.proceed()
            else:
                return walk
        raise WalkError("the walk loops; run 'pathways validate' on this rule pack")

    def with_answer(self, question_id: str, choice_id: str) -> Walk:
        """What if question ``question_id`` were answered ``choice_id``: the whole walk
        again from its start, every other answer kept, as far as the answers go."""
        question = self.graph.nodes.get(question_id)
        if not isinstance(question, Question):
            raise WalkError(f"'{question_id}' is not a question")
        if all(c.id != choice_id for c in question.choices):
            raise BadAnswer(question, choice_id)
        answers = {**self.given, answer_key(question): choice_id}
        return Walk.from_facts(
            self.graph,
            answers,
            None if self.scope is not None else self.origin,
            self.scope,
            questions_first=self.questions_first,
        )

    def _given(self, answers: Mapping[str, str]) -> Walk:
        return replace(self, given=MappingProxyType(dict(answers)))

    def knowing(self, answers: Mapping[str, str]) -> Walk:
        """This walk with ``answers`` known for the case besides its own (:attr:`given`),
        as a walk that asks has them before its questions come: an answer its walk never
        asks is then named by :func:`unused_answers`."""
        return self._given({**answers, **self.given})

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
        choice = node.choice(choice_id)
        if choice is None:
            raise BadAnswer(node, choice_id)
        if self.resume is None:
            raise WalkError(f"question '{node.id}' was reached without a branch that needs it")
        facts = {**self.facts, node.fact: choice.id}
        path = (*self.path, Step(node.id, choice.id))
        position, path, facts, resume = _settle(
            self.graph, self.resume, path, facts, self._passing
        )
        given = {**self.given, answer_key(node): choice.id}
        return self._then(position, path, facts, resume, given)

    def proceed(self) -> Walk:
        """Move on from an info or verdict node."""
        node = self.node
        nxt = node.next if isinstance(node, Info | Verdict) else None
        if nxt is None:
            raise WalkError(f"cannot move on from '{node.id}'")
        if self.scope is not None and isinstance(node, Verdict) and self.scope in node.routes:
            nxt = _end_after(self.graph, nxt) or nxt
        position, path, facts, resume = _settle(
            self.graph, nxt, (*self.path, Step(node.id)), dict(self.facts), self._passing
        )
        return self._then(position, path, facts, resume)

    @property
    def _passing(self) -> _Passing:
        return _passing(self.questions_first, self.scope)

    def _then(
        self,
        position: str,
        path: tuple[Step, ...],
        facts: dict[str, str],
        resume: str | None,
        given: Mapping[str, str] | None = None,
    ) -> Walk:
        return Walk(
            self.graph,
            position,
            path,
            MappingProxyType(facts),
            self,
            self.origin,
            self.scope,
            self.questions_first,
            self.given if given is None else MappingProxyType(dict(given)),
            resume,
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
            return Walk.begin(self.graph, route=self.scope, questions_first=self.questions_first)
        return Walk.begin(self.graph, self.origin, questions_first=self.questions_first)

    @property
    def passed(self) -> list[AnyNode]:
        """The info and verdict nodes passed on the way here from the previous state
        (in a ``questions_first`` walk: the context of this step, to read on demand)."""
        start = len(self.previous.path) if self.previous is not None else 0
        nodes = (self.graph.nodes[s.node] for s in self.path[start:])
        return [n for n in nodes if isinstance(n, Info | Verdict)]

    def changed_routes(self, before: Walk) -> set[str]:
        """Routes whose verdict differs from the one ``before`` reached (or did not reach)."""
        now, then = self.verdict_by_route(), before.verdict_by_route()
        return {r for r in now.keys() | then.keys() if _id(now.get(r)) != _id(then.get(r))}

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
            choice = question.choice(step.choice or "")
            assert choice is not None  # the walk recorded a choice of this question
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


class UnusedAnswer(NamedTuple):
    """An answer known for the case whose question the walk did not ask, and why it
    counted for nothing."""

    question: Question
    choice: Choice
    why: str


NOT_ASKED = "the walk did not ask it"
NOT_ASKED_YET = "the walk has not asked it (it stopped before its end)"


def not_used_sentence(title: str, fact: str, choice: str, why: str) -> str:
    """The one wording every front gives an unused answer, its parts already made safe for
    the output they go to: "Not used on this walk: <title> (<fact>: <choice>) — <why>"."""
    return f"Not used on this walk: {title} ({fact}: {choice}) \u2014 {why}"


def unused_answers(walk: Walk) -> list[UnusedAnswer]:
    """The answers known for the case (:attr:`Walk.given`) that this walk did not use,
    because it never asked their questions (a location that leads elsewhere, a walk of
    one route), in the order they were given. Every report of a walk's answers names
    them, so an answer someone gave is never dropped without a word. (A fact no question
    asks, or a choice its question does not have, is refused before a walk.)"""
    why = NOT_ASKED if walk.finished else NOT_ASKED_YET
    found: list[UnusedAnswer] = []
    for fact, choice_id in walk.given.items():
        if fact in walk.facts:
            continue
        question = walk.graph.nodes.get(fact)
        choice = question.choice(choice_id) if isinstance(question, Question) else None
        if isinstance(question, Question) and choice is not None:
            found.append(UnusedAnswer(question, choice, why))
    return found


def answer_key(question: Question) -> str:
    """What an answer to ``question`` is recorded under: its fact, which is its id."""
    return question.fact


def _id(verdict: Verdict | None) -> str | None:
    return verdict.id if verdict is not None else None


class _Passing(NamedTuple):
    """What :func:`_settle` passes through besides branches."""

    info: bool = False
    scope: str | None = None  # a one-route walk: after its verdict, straight to the end


_BRANCHES_ONLY = _Passing()


def _passing(questions_first: bool, scope: str | None) -> _Passing:
    return _Passing(info=questions_first, scope=scope)


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


def decide(branch: Branch, facts: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Where a branch goes with these facts: ``(next, None)``, or ``(None, fact)`` when it
    needs a fact nobody has answered yet to decide (cases are read in order, lazily)."""
    for case in branch.cases:
        for fact, wanted in case.when.items():
            if fact not in facts:
                return None, fact
            if facts[fact] not in ([wanted] if isinstance(wanted, str) else wanted):
                break
        else:
            return case.next, None
    return branch.default, None


def _settle(
    graph: RuleGraph,
    node_id: str,
    path: tuple[Step, ...],
    facts: dict[str, str],
    passing: _Passing = _BRANCHES_ONLY,
) -> tuple[str, tuple[Step, ...], dict[str, str], str | None]:
    """Follow branches until a node that needs a person: ``(position, path, facts, resume)``.

    A branch that needs an unanswered fact stops at the fact's question, to resume at the
    branch once it is answered.
    """
    for _ in range(len(graph.nodes) + 1):
        node = graph.nodes.get(node_id)
        if node is None:
            raise WalkError(f"node '{node_id}' does not exist")
        if isinstance(node, Branch):
            nxt, needed = decide(node, facts)
            if needed is not None:
                if not isinstance(graph.nodes.get(needed), Question):
                    raise WalkError(
                        f"branch '{node.id}' reads fact '{needed}', which no question asks"
                    )
                return needed, path, facts, node.id
            path = (*path, Step(node.id))
            node_id = nxt or node.default
        elif passing.info and isinstance(node, Info | Verdict) and node.next is not None:
            path = (*path, Step(node.id))
            node_id = node.next
            if isinstance(node, Verdict) and passing.scope in node.routes:
                node_id = _end_after(graph, node_id) or node_id
        else:
            return node_id, path, facts, None
    raise WalkError("the walk loops; run 'pathways validate' on this rule pack")


def walk_through(
    graph: RuleGraph, answers: Mapping[str, str], at: str | None = None, route: str | None = None
) -> Walk:
    """Walk to the end with the given answers (keyed by fact: the question's id).

    Raises :class:`MissingAnswer` at the first question with no answer, and
    :class:`BadAnswer` for an answer that is not one of the question's choices.
    """
    walk = Walk.begin(graph, at, route)
    for _ in range(len(graph.nodes) + 1):
        node = walk.node
        if isinstance(node, End):
            return walk
        if isinstance(node, Question):
            given = node.answer_in(answers)
            if given is None:
                raise MissingAnswer(node)
            walk = walk.answer(given)
        elif walk.can_proceed:
            walk = walk.proceed()
        else:
            return walk  # a verdict with nowhere to go: the walk ends here
    raise WalkError("the walk loops; run 'pathways validate' on this rule pack")


def open_questions(
    graph: RuleGraph, facts: Mapping[str, str], at: str | None = None
) -> list[Question]:
    """The questions that can still be asked in a case with these ``facts``, in walk order.

    Known answers take their one way (a branch its matching case, a question its
    chosen choice); unknown ones every way. So with the person's location known,
    questions that only another location leads to are left out. One question per
    fact (the first reached), since a fact is asked once.
    """
    found: list[Question] = []
    keys: set[str] = set()
    seen: set[str] = set()
    queue = [graph.pack.start if at is None else at]
    while queue:
        node_id = queue.pop(0)
        node = graph.nodes.get(node_id)
        if node is None or node_id in seen:
            continue
        seen.add(node_id)
        if isinstance(node, Branch):
            nexts, read = _possible_cases(node, facts)
            for fact in read:
                question = graph.nodes.get(fact)
                if isinstance(question, Question) and fact not in keys:
                    keys.add(fact)
                    found.append(question)
            queue.extend(nexts)
        else:
            queue.extend(successors(node))
    return found


def _possible_cases(branch: Branch, facts: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Where a branch may lead when only some facts are known, in case order, and the
    facts it would ask on the way (a branch asks a fact it reads and does not know)."""
    found: list[str] = []
    read: list[str] = []
    for case in branch.cases:
        known = {f: [w] if isinstance(w, str) else w for f, w in case.when.items() if f in facts}
        ruled_out = False
        for fact in case.when:  # asked in order, until one rules it out
            if fact not in read:
                read.append(fact)
            if fact in known and facts[fact] not in known[fact]:
                ruled_out = True
                break
        if ruled_out:
            continue
        found.append(case.next)
        if len(known) == len(case.when):
            return found, read  # taken for certain: neither later cases nor the default
    return [*found, branch.default], read
