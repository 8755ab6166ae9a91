"""The pack arriving from its child process: the cover first (the welcome screen's notice),
the graph after; a key pressed in between waits for it; a child that fails is replaced by
reading the pack here. The child is stood in for, so each step comes when the test says."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, cast

from textual.widgets import Static

from pathways.core.cover import PackCover
from pathways.core.model import RuleGraph
from pathways.core.problems import Problem
from pathways.pack_process import PackNotRead
from pathways.tui import PathwaysApp
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.screens.welcome import WelcomeScreen
from tests.tui.driving import wait_for_pack

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from pathways.pack_process import PackProcess

WAIT = 10.0  # seconds: never reached unless the app stops asking


class HeldPack:
    """Stands in for :class:`pathways.pack_process.PackProcess`: each answer comes when
    the test releases it, or fails with :class:`PackNotRead` where ``fail`` says."""

    def __init__(
        self, graph: RuleGraph | None, problems: list[Problem] | None = None, fail: str = ""
    ) -> None:
        self._graph = graph
        self._problems = problems or []
        self.fail = fail
        self.cover_sent = threading.Event()
        self.graph_sent = threading.Event()
        self.ended = False

    def cover(self) -> tuple[PackCover | None, list[Problem]]:
        assert self.cover_sent.wait(WAIT)
        if self.fail == "cover":
            raise PackNotRead("the child died")
        cover = PackCover.of(self._graph) if self._graph is not None else None
        return cover, self._problems

    def graph(self) -> RuleGraph:
        assert self.graph_sent.wait(WAIT)
        if self.fail == "graph" or self._graph is None:
            raise PackNotRead("the child died")
        return self._graph

    def end(self) -> None:
        self.ended = True

    def as_process(self) -> PackProcess:
        return cast("PackProcess", self)


async def _until(pilot: Pilot[int], done: object, what: str) -> None:
    for _ in range(300):
        if callable(done) and done():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never: {what}")


def _notice(app: PathwaysApp) -> Static:
    return app.screen.query_one("#welcome-notice", Static)


async def test_the_notice_goes_up_with_the_cover_before_the_graph_is_in(
    graph: RuleGraph,
) -> None:
    held = HeldPack(graph)
    app = PathwaysApp(pack_process=held.as_process())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not _notice(app).has_class("-loaded")  # nothing from the pack yet
        held.cover_sent.set()
        await _until(pilot, lambda: _notice(app).has_class("-loaded"), "the notice shown")
        assert app.graph is None
        assert app.title == graph.pack.title
        assert "Not legal advice" in str(_notice(app).border_title)
        held.graph_sent.set()
        assert await wait_for_pack(pilot) is graph
    assert held.ended


async def test_a_key_pressed_before_the_graph_is_in_opens_the_walk_when_it_comes(
    graph: RuleGraph,
) -> None:
    held = HeldPack(graph)
    app = PathwaysApp(pack_process=held.as_process())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        held.cover_sent.set()
        await _until(pilot, lambda: _notice(app).has_class("-loaded"), "the notice shown")
        await pilot.press("1")  # Explore a case
        said = "Still reading the rule pack…"  # once the wait has lasted a moment
        await _until(pilot, lambda: said in [n.message for n in app._notifications], said)
        assert isinstance(app.screen, WelcomeScreen) and app.walk is None
        held.graph_sent.set()
        # Pushed, then mounted: wait for the step to be drawn before the test ends the app
        # (ending it mid-mount raced the walk's first show: review's flaky run under load).
        await _until(
            pilot,
            lambda: isinstance(app.screen, WalkScreen) and bool(app.screen.query("#node-kicker")),
            "the walk opened",
        )
        await pilot.pause()
        assert app.walk is not None and app.walk.graph is graph


async def test_problems_sent_by_the_child_close_the_app_with_them() -> None:
    problem = Problem("pack.yaml", 3, "schema", "nodes[0].id: bad id", "use kebab-case")
    held = HeldPack(None, [problem])
    held.cover_sent.set()
    app = PathwaysApp(pack_process=held.as_process())
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: not app.is_running, "the app closed")
    assert app.return_code == 1
    assert app.problems == [problem]


async def test_a_child_that_dies_leaves_the_app_to_read_the_pack_itself() -> None:
    for fail in ("cover", "graph"):
        from tests.conftest import shipped_graph

        held = HeldPack(shipped_graph(), fail=fail)
        held.cover_sent.set()
        held.graph_sent.set()
        app = PathwaysApp(pack_process=held.as_process())
        async with app.run_test(size=(80, 24)) as pilot:
            graph = await wait_for_pack(pilot)
            assert graph is not shipped_graph()  # read here, not the child's
            assert graph.pack == shipped_graph().pack
            assert held.ended, fail


def test_pathways_in_a_terminal_shows_the_notice_and_a_key_at_once_opens_the_walk(
    graph: RuleGraph,
) -> None:
    """The command as a person runs it: the pack read by its child, the notice drawn, and
    "1" typed the moment the notice appears opens the walk at its first question."""
    import sys

    from pathways.core.model import Question
    from pathways.core.walk import Walk
    from tests.in_a_terminal import in_a_terminal

    first = Walk.begin(graph, questions_first=True).node
    assert isinstance(first, Question)
    marks = [b"Not legal advice", first.choices[0].label.encode()]
    found = in_a_terminal([sys.executable, "-m", "pathways"], marks, key=b"1")
    assert len(found) == 2
