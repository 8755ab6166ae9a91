"""Every key a footer offers acts on that screen, and its name says what it does.

A key the footer offers and that does nothing (the welcome screen's "e Export" before a
case) is a dead end for a user who reads the footer; a key that cannot act yet is left
out of the footer and, pressed, says why.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

import pathways.tui
from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.export import ExportScreen
from pathways.tui.widgets.footer import KeysFooter
from tests.tui.driving import wait_for_pack
from tests.tui.screen_text import screen_text
from tests.tui.test_keyboard_80x24 import SCENES, Scene, _then, _welcome

# Every screen the keys reach at 80x24, and the views opened before a case is begun.
REACHED: dict[str, Scene] = {
    **SCENES,
    "map-before-a-case": _then("m", _welcome),
    "compare-before-a-case": _then("c", _welcome),
    "case-sheet-before-a-case": _then("f", _welcome),
    "help-before-a-case": _then("question_mark", _welcome),
}


def _footer_keys(pilot: Pilot[int]) -> list[FooterKey]:
    """The keys of the footer drawn now (under a dialog, the footer of the screen beneath)."""
    for screen in reversed(pilot.app.screen_stack):
        for footer in screen.query(KeysFooter):
            return list(footer.query(FooterKey))
    return []


@pytest.mark.parametrize("scene", list(REACHED))
async def test_every_key_a_footer_offers_at_80x24_can_act(graph: RuleGraph, scene: str) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await REACHED[scene](pilot)
        await pilot.pause()
        keys = _footer_keys(pilot)
        assert keys, f"{scene}: no footer"
        dimmed = [f"{key.key} {key.description}" for key in keys if key.has_class("-disabled")]
        assert dimmed == [], f"{scene}: the footer offers keys that cannot act: {dimmed}"
        for key in keys:
            node, action, parameters = app._parse_action(key.action, app.screen)
            assert node.check_action(action, parameters), f"{scene}: {key.key} {action}"


def _welcome_keys() -> list[tuple[str, str]]:
    """(key, name) of each key the welcome screen's footer offers before a case."""
    return [
        (key, description)
        for key, description in (
            ("1", "Choose"),
            ("m", "Map"),
            ("c", "Compare"),
            ("f", "Case sheet"),
            ("question_mark", "Help"),
            ("q", "Quit"),
        )
    ]


async def test_the_welcome_footer_offers_exactly_the_keys_checked_below(graph: RuleGraph) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.pause()
        shown = [str(key.description) for key in _footer_keys(pilot)]
        assert shown == [name for _key, name in _welcome_keys()]
        assert "Export" not in shown  # nothing to export before a case


@pytest.mark.parametrize(("key", "name"), _welcome_keys())
async def test_each_key_the_welcome_footer_offers_does_something(
    graph: RuleGraph, key: str, name: str
) -> None:
    """A screen, a dialog, a notice, the walk or the app's running changes."""
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.pause()

        def state() -> tuple[object, ...]:
            return (
                tuple(app.screen_stack), app.walk, len(app._notifications),
                app.return_code, screen_text(app),
            )

        before = state()
        await pilot.press(key)
        await pilot.pause()
        assert state() != before, f"{key} ({name}) did nothing on the welcome screen"


async def test_e_before_a_case_says_why_it_cannot_export_and_after_one_it_can(
    graph: RuleGraph,
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("e")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Explore a case first" in message for message in said), said
        assert app.walk is None and not isinstance(app.screen, ExportScreen)
        await pilot.press("1")  # a case begun: e is offered and opens the export dialog
        await pilot.pause()
        assert "Export" in [str(key.description) for key in _footer_keys(pilot)]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)


def _bindings() -> Iterator[tuple[str, Binding]]:
    """Every key binding declared in the app's own classes, with the class that declares it."""
    for module_info in pkgutil.walk_packages(pathways.tui.__path__, "pathways.tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for binding in value.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding):
                        yield f"{value.__qualname__} {binding.key}", binding


def test_every_key_name_says_what_the_key_does() -> None:
    """A name is words for an action ("Restart timer"), never a value ("Timer 0")."""
    named = [(where, binding.description) for where, binding in _bindings() if binding.description]
    assert len(named) > 30
    for where, description in named:
        value = any(c.isdigit() for c in description)
        assert not value, f"{where}: {description!r} reads as a value, not an action"
        assert description[0].isupper() and description == description.strip(), where
    presenter = dict(named)
    assert presenter["PresenterScreen t"] == "Restart timer"



async def _press_on(graph: RuleGraph, scene: str, key: str | None) -> tuple[list[str], bool]:
    """On a fresh app at the scene's screen: the keys its footer offers that the screen
    (not the app) acts on (the app's keys, m, c, e, f, ? and q, are pressed on the
    question's screen), and whether ``key`` (by default the first of them), pressed there,
    changes what is on the screen, the screens, the walk, the focus, the notices or the
    app's running, or rings the bell."""
    app = PathwaysApp(graph=graph)
    bells: list[None] = []
    app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await REACHED[scene](pilot)
        await pilot.pause()
        bindings = app.screen.active_bindings
        offered = [
            each.key
            for each in _footer_keys(pilot)
            if scene == "question" or bindings[each.key].node is not app
        ]
        key = key or next(iter(offered), None)
        if key is None:
            return offered, True

        def state() -> tuple[object, ...]:
            return (
                tuple(app.screen_stack), app.walk, len(app._notifications), len(bells),
                app.return_code, screen_text(app), app.focused,
            )

        before = state()
        await pilot.press(key)
        await pilot.pause()
        return offered, state() != before


# One scene per kind of screen (the welcome screen's keys are pressed above): each key
# pressed costs an app of its own (the first key's is the one that reads the footer).
ONE_OF_EACH = [
    s for s in SCENES if s not in {"welcome", "question+sources", "question+trail", "quit-confirm"}
]


@pytest.mark.parametrize("scene", ONE_OF_EACH)
async def test_each_key_every_footer_offers_at_80x24_does_something(
    graph: RuleGraph, scene: str
) -> None:
    offered, first_acts = await _press_on(graph, scene, None)  # and the first key pressed
    dead = [] if first_acts else offered[:1]
    dead += [key for key in offered[1:] if not (await _press_on(graph, scene, key))[1]]
    assert dead == [], f"{scene}: the footer offers keys that do nothing: {dead}"
