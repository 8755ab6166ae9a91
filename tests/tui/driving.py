"""Driving the app through Pilot: wait for the pack, press keys until a condition holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events
from textual.pilot import Pilot

from pathways.core.model import End, Question, RuleGraph, Verdict
from pathways.core.walk import Walk
from pathways.tui import PathwaysApp

MAX_PRESSES = 300


def the_app(pilot: Pilot[int]) -> PathwaysApp:
    app = pilot.app
    assert isinstance(app, PathwaysApp)
    return app


async def wait_for_pack(pilot: Pilot[int]) -> RuleGraph:
    app = the_app(pilot)
    for _ in range(500):
        if app.graph is not None:
            await pilot.pause()
            return app.graph
        await pilot.pause(0.01)
    raise AssertionError("the rule pack did not load")


def current(pilot: Pilot[int]) -> Walk:
    walk = the_app(pilot).walk
    assert walk is not None, "no walk under way"
    return walk


def send_at_once(app: PathwaysApp, keys: Sequence[str]) -> None:
    """Keys as a terminal hands over a burst: all at once, none waiting for the app
    (``pilot.press`` waits for the app after each key)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        driver.send_message(event)


async def press_until(
    pilot: Pilot[int], key: str, done: Callable[[Walk], bool], limit: int = MAX_PRESSES
) -> Walk:
    """Press ``key`` until the walk satisfies ``done``."""
    for _ in range(limit):
        walk = current(pilot)
        if done(walk):
            return walk
        await pilot.press(key)
    raise AssertionError(f"pressed {key!r} {limit} times and never got there")


async def start_walk(pilot: Pilot[int]) -> Walk:
    await wait_for_pack(pilot)
    await pilot.press("1")  # "Explore a case"
    return current(pilot)


def at_question(walk: Walk) -> bool:
    return isinstance(walk.node, Question)


def at_verdict(walk: Walk) -> bool:
    return isinstance(walk.node, Verdict)


def at_end(walk: Walk) -> bool:
    return isinstance(walk.node, End)


async def reach(pilot: Pilot[int], done: Callable[[Walk], bool]) -> Walk:
    """From the welcome screen, always choosing the first choice, until ``done``."""
    await start_walk(pilot)
    return await press_until(pilot, "1", done)


def first_choices(
    graph: RuleGraph, done: Callable[[Walk], bool], *, questions_first: bool = True
) -> Walk:
    """The walk the engine takes choosing the first choice everywhere, up to ``done``.

    A case walk (``questions_first``, as the app begins one) stops only at questions and
    the end; a guided walk also stops at every info and verdict step.
    """
    walk = Walk.begin(graph, questions_first=questions_first)
    for _ in range(MAX_PRESSES):
        if done(walk):
            return walk
        if isinstance(walk.node, Question):
            walk = walk.answer(walk.node.choices[0].id)
        else:
            walk = walk.proceed()
    raise AssertionError("the walk never got there")


async def open_at(
    pilot: Pilot[int], done: Callable[[Walk], bool], *, questions_first: bool = True
) -> Walk:
    """Skip the key presses: put the app's walk where ``done`` holds and open the walk view."""
    graph = await wait_for_pack(pilot)
    walk = first_choices(graph, done, questions_first=questions_first)
    the_app(pilot).walk = walk
    await pilot.press("1")
    return walk
