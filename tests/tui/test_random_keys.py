"""Random key sequences through the real app on the shipped rules: it never crashes.

Hypothesis draws sequences from every key the app binds, plus the arrows, enter,
escape, tab, space, digits, letters, backspace and ctrl+p (the command palette); not
ctrl+x/ctrl+q (quick exit: tested once, separately) nor ``q`` (quit). After every key:
no exception (``run_test`` re-raises the app's errors), the walk's trail matches its
path, and each walk view shows that trail. A back key on the first step changes
nothing. After each sequence: escape leads home from anywhere, and a confirmed restart
returns the walk to the start with no answers.

Size: ``PATHWAYS_FUZZ_SEQUENCES`` sequences of ``PATHWAYS_FUZZ_KEYS`` keys (default 3
of 60, about 20 s: each key waits for the app to settle, some 50 ms;
``tests/benchmarks/run_all.py`` runs 200 of 60), and a quarter as many sequences of
bursts (at least 2). The default run is derandomized, so CI sees the same sequences
every time; ``PATHWAYS_FUZZ_SEED`` picks other ones; ``PATHWAYS_FUZZ_SHRINK=1`` lets
Hypothesis shrink a failure (minutes: each replay is a whole session). With
``PATHWAYS_FUZZ_REPORT`` set to a file name, the number of sequences and keys run is
written there as JSON (for run_all.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import OptionList

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk
from pathways.tui import PathwaysApp
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.walk import WalkScreen
from pathways.tui.screens.welcome import WelcomeScreen
from tests.conftest import shipped_graph
from tests.tui.driving import open_at, send_at_once

SEQUENCES = int(os.environ.get("PATHWAYS_FUZZ_SEQUENCES", "3"))
KEYS_PER_SEQUENCE = int(os.environ.get("PATHWAYS_FUZZ_KEYS", "60"))
SEED = os.environ.get("PATHWAYS_FUZZ_SEED")
REPORT = os.environ.get("PATHWAYS_FUZZ_REPORT")
# Shrinking a 60-key failure replays it hundreds of times (minutes): off unless asked for.
SHRINK = os.environ.get("PATHWAYS_FUZZ_SHRINK", "") not in ("", "0")

# Every key some screen binds (app, welcome, walk, map, compare, export, confirm, help,
# glossary, node, source, tour), except quick exit and quit ...
BOUND = [
    "m", "c", "e", "question_mark", "f1",  # app
    "b", "backspace", "r", "s", "t", "g", "escape",  # walk (and 1-9 below)
    "y", "n", "left", "right",  # confirm
    "space", "down", "pagedown", "enter", "l", "j", "up", "pageup", "h", "k", "w",  # tour
    "home", "end",
]  # fmt: skip
# ... and what else a person might press.
OTHER = [
    "tab", "shift+tab", "ctrl+p", "ctrl+c",
    *"0123456789",
    *(letter for letter in "abcdefghijklmnoprstuvwxyz"),  # no q
]  # fmt: skip
KEYS = sorted(set(BOUND) | set(OTHER))
BACK_KEYS = ("b", "backspace")
SIZES = [(80, 24), (160, 48)]


def _profile(examples: int) -> Callable[[Any], Any]:
    def apply(test: Any) -> Any:
        configured = settings(
            max_examples=examples,
            deadline=None,
            derandomize=SEED is None,
            database=None,
            phases=list(Phase) if SHRINK else [p for p in Phase if p is not Phase.shrink],
            print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )(test)
        return configured if SEED is None else seed(int(SEED))(configured)

    return apply


@pytest.fixture(scope="module")
def report() -> Iterator[dict[str, int]]:
    """Counts what ran; written to ``PATHWAYS_FUZZ_REPORT`` when it is set."""
    counts = {"sequences": 0, "keys": 0, "burst_sequences": 0, "burst_keys": 0}
    started = time.perf_counter()
    yield counts
    if REPORT:
        counts_out: dict[str, Any] = dict(counts)
        counts_out["seconds"] = round(time.perf_counter() - started, 1)
        counts_out["keys_per_sequence"] = KEYS_PER_SEQUENCE
        Path(REPORT).write_text(json.dumps(counts_out), encoding="utf-8")


# -- the invariants ------------------------------------------------------------------------


def answered_steps(walk: Walk) -> list[tuple[str, str]]:
    """(question, choice) for every question in the path the person answered themself."""
    return [(s.node, s.choice) for s in walk.path if s.choice is not None and not s.known]


def check_walk(walk: Walk) -> None:
    """The trail is exactly the answered questions of the path, in order."""
    trail = walk.trail
    assert [(e.question.id, e.choice.id) for e in trail] == answered_steps(walk)
    for entry in trail:
        assert entry.before.position == entry.question.id
        assert entry.choice in entry.question.choices
    if walk.previous is None:
        assert walk.back() is walk
        assert trail == []


def check_app(app: PathwaysApp) -> None:
    walk = app.walk
    if walk is None:
        return
    check_walk(walk)
    # The trail view lists the case's answered questions, or one placeholder line (no id).
    for screen in app.screen_stack:
        if isinstance(screen, WalkScreen) and screen.is_mounted:
            case = screen.case
            assert case is not None
            check_walk(case)
            expected: list[str | None] = [e.question.id for e in case.trail] or [None]
            listed = screen.query_one("#trail-list", OptionList)
            shown: list[str | None] = [
                listed.get_option_at_index(i).id for i in range(listed.option_count)
            ]
            assert shown == expected, "the trail on screen is not the walk's"


def _app(pilot: Pilot[int]) -> PathwaysApp:
    assert isinstance(pilot.app, PathwaysApp)
    return pilot.app


async def press_checked(pilot: Pilot[int], key: str) -> None:
    """Press one key; check the invariants, and that back on the first step is a no-op."""
    app = _app(pilot)
    screen, walk = app.screen, app.walk
    await pilot.press(key)
    check_app(app)
    if (
        key in BACK_KEYS
        and isinstance(screen, WalkScreen)
        and app.screen is screen
        and walk is not None
        and walk.previous is None
    ):
        assert app.walk is walk, "back on the first step changed the walk"


async def go_home(pilot: Pilot[int]) -> None:
    """Escape, again and again, leads back to the welcome screen from anywhere."""
    app = _app(pilot)
    for _ in range(12):
        if len(app.screen_stack) == 1 and isinstance(app.screen, WelcomeScreen):
            return
        await press_checked(pilot, "escape")
    names = [type(s).__name__ for s in app.screen_stack]
    raise AssertionError(f"escape did not lead home; screens: {names}")


async def restart_returns_to_the_start(pilot: Pilot[int], graph: RuleGraph) -> None:
    app = _app(pilot)
    await go_home(pilot)
    await press_checked(pilot, "1")  # explore (or continue) the case
    assert isinstance(app.screen, WalkScreen)
    walk = app.walk
    assert walk is not None
    if walk.previous is None:
        await press_checked(pilot, "1")  # answer the first question
        assert app.walk is not walk
    await press_checked(pilot, "r")
    assert isinstance(app.screen, ConfirmScreen)
    await press_checked(pilot, "y")
    assert isinstance(app.screen, WalkScreen)
    walk = app.walk
    assert walk is not None
    assert walk.previous is None
    assert walk.position == Walk.begin(graph, questions_first=True).position
    assert walk.path == Walk.begin(graph, questions_first=True).path
    assert walk.trail == []
    await press_checked(pilot, "b")  # back from the first step: nothing happens
    assert app.walk is walk


# -- the tests -----------------------------------------------------------------------------


async def _run_sequence(graph: RuleGraph, keys: Sequence[str], size: tuple[int, int]) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await press_checked(pilot, key)
            assert app.is_running, f"the app stopped after {key!r}"
        await restart_returns_to_the_start(pilot, graph)
    assert not app.quick_exited


@_profile(SEQUENCES)
@given(
    keys=st.lists(st.sampled_from(KEYS), min_size=KEYS_PER_SEQUENCE, max_size=KEYS_PER_SEQUENCE),
    size=st.sampled_from(SIZES),
)
def test_random_keys_never_crash_and_keep_the_walk_whole(
    report: dict[str, int], keys: list[str], size: tuple[int, int]
) -> None:
    asyncio.run(_run_sequence(shipped_graph(), keys, size))
    report["sequences"] += 1
    report["keys"] += len(keys)


# Keys that move the walk, pressed faster than the app answers (a double Enter, a held
# key): the second arrives while the first is still being handled.
BURST_KEYS = ["enter", "1", "2", "3", "b", "backspace", "r", "y", "n", "t", "home", "up", "down"]


async def _run_bursts(graph: RuleGraph, bursts: Sequence[Sequence[str]]) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        for burst in bursts:
            send_at_once(app, burst)
            await pilot.pause(0.05)
            await pilot.pause()
            check_app(app)
        await restart_returns_to_the_start(pilot, graph)


@_profile(max(2, SEQUENCES // 4))
@given(
    bursts=st.lists(
        st.lists(st.sampled_from(BURST_KEYS), min_size=2, max_size=4), min_size=10, max_size=15
    )
)
def test_keys_pressed_faster_than_the_app_answers_never_crash(
    report: dict[str, int], bursts: list[list[str]]
) -> None:
    asyncio.run(_run_bursts(shipped_graph(), bursts))
    report["burst_sequences"] += 1
    report["burst_keys"] += sum(len(b) for b in bursts)


async def test_double_enter_on_an_info_step_before_a_question(graph: RuleGraph) -> None:
    """Regression: the second Enter chose 'continue' on the question that followed."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        send_at_once(app, ["enter"] * 12)
        await pilot.pause(0.3)
        walk = app.walk
        assert walk is not None and walk.previous is not None
        check_app(app)


async def test_double_enter_on_the_trail(graph: RuleGraph) -> None:
    """Regression: the second Enter asked to change an answer the first had cleared."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda w: len(w.trail) == 2)
        first = app.walk
        assert first is not None
        await pilot.press("t", "home")
        send_at_once(app, ["enter", "enter"])
        await pilot.pause(0.3)
        walk = app.walk
        assert walk is not None
        assert walk.position == first.trail[0].question.id
        assert walk.trail == []
        check_app(app)


async def test_sources_and_trail_together_on_a_narrow_screen(graph: RuleGraph) -> None:
    """Regression: both side panels left the step no width, and the app crashed."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("1", "s", "t", "s", "t", "t", "1"):
            await press_checked(pilot, key)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        assert screen.query_one("#choices").size.width > 0
        await press_checked(pilot, "s")
        assert screen.show_sources and not screen.show_trail
        await press_checked(pilot, "t")
        assert screen.show_trail and not screen.show_sources


async def test_quick_exit_ends_the_app_from_the_middle_of_a_walk(graph: RuleGraph) -> None:
    for key in ("ctrl+x", "ctrl+q"):
        app = PathwaysApp(graph=graph)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for step in ("1", "1", "1", "t", "ctrl+p", "a"):
                await press_checked(pilot, step)
            await pilot.press(key)
            await pilot.pause()
        assert app.quick_exited and app.return_code == 0


async def test_a_fast_second_enter_does_not_answer_an_unseen_question(graph: RuleGraph) -> None:
    """'No' to us-job-or-family leads to the can-fund-travel question, which also has a 'no'.

    The second Enter selected the old list's highlighted 'no' after the walk had moved
    on, and the walk view took it as the answer to can-fund-travel, which was never shown
    (fixed: a choice made from a list that is no longer up is ignored).
    """
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, lambda w: w.position == "us-job-or-family")
        await pilot.press("down")  # highlight 'No'
        send_at_once(app, ["enter", "enter"])
        await pilot.pause(0.3)
        walk = app.walk
        assert walk is not None
        assert [e.question.id for e in walk.trail][-1] == "us-job-or-family"
        assert walk.position == "can-fund-travel"
