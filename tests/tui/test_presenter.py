"""The presenter's console and the audience view drive each other over a private socket.

Both apps run here in one event loop, each through Pilot, linked as
``pathways tour NAME --presenter`` and ``pathways tour --follow PATH`` link them.
"""

from __future__ import annotations

import asyncio
import socket
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.presenter import PresenterApp
from pathways.tui.screens.presenter import PresenterScreen
from pathways.tui.screens.tour import TourScreen
from pathways.tui.tour_link import SOCKET_NAME, AudienceLink, check_socket_path, private_folder

SMALL = Path(__file__).parent.parent / "fixtures" / "tour-small"


@pytest.fixture(scope="module")
def small() -> RuleGraph:
    result = load_pack(SMALL)
    assert check(result) == []
    assert result.graph is not None
    return result.graph


async def _until(pilot: Pilot[Any], condition: Any, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def _text(screen: Any, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_either_window_drives_both_and_only_the_presenter_sees_notes(
    small: RuleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    families: list[int] = []
    real_socket = socket.socket

    class Recorded(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            super().__init__(family, *args, **kwargs)
            families.append(self.family)

    monkeypatch.setattr(socket, "socket", Recorded)
    tour = small.tours["small-loop"]
    with private_folder() as folder:
        folder_mode = stat.S_IMODE(folder.stat().st_mode)
        audience = PathwaysApp(graph=small, tour="small-loop", tour_link=AudienceLink(folder))
        async with audience.run_test(size=(80, 24)) as room:
            await _until(room, lambda: (folder / SOCKET_NAME).exists(), "the socket")
            assert check_socket_path(folder / SOCKET_NAME) is None
            assert stat.S_IMODE((folder / SOCKET_NAME).stat().st_mode) == 0o600
            view = audience.screen
            assert isinstance(view, TourScreen)
            presenter = PresenterApp(small, folder / SOCKET_NAME)
            async with presenter.run_test(size=(100, 30)) as desk:
                await _until(desk, lambda: presenter.deck is not None, "the console")
                console = presenter.screen
                assert isinstance(console, PresenterScreen)
                await desk.pause()
                assert "NOTES-ONE" in _text(console, "#presenter-text")
                assert "NARRATION-ONE" in _text(console, "#presenter-text")
                assert tour.steps[1].heading in _text(console, "#presenter-next")
                assert "presenter linked" in (view.sub_title or "")

                await desk.press("space")  # the presenter drives the room
                await _until(room, lambda: view.step == 1, "the room to follow")
                assert tour.steps[1].heading in _text(view, "#tour-heading")
                assert "NOTES-TWO" in _text(console, "#presenter-text")
                assert tour.steps[2].heading in _text(console, "#presenter-next")

                await room.press("end")  # the room's keys drive the console
                await _until(desk, lambda: console.step == 2, "the console to follow")
                assert "end of the tour" in _text(console, "#presenter-next")

                await desk.press("a", "1")  # ask the room, from the console
                await _until(room, lambda: view.step == 0 and view.position.ask, "ask mode")
                assert tour.steps[0].ask is not None
                assert tour.steps[0].ask in _text(view, "#tour-door")
                await room.press("space")  # the answer, from the room's window
                await _until(desk, lambda: console.position.answered, "the answer")
                assert "door and its quote" in _text(console, "#presenter-now")

                shown = "\n".join(str(w.render()) for w in view.query(Static))
                assert "NOTES-" not in shown and "NARRATION-" not in shown

                timer = console.query_one("#presenter-timer", Digits)
                await desk.pause(1.1)
                assert timer.value != "00:00"
                await desk.press("t")
                assert timer.value == "00:00"
    assert folder_mode == 0o700
    assert not folder.exists()
    assert families and set(families) == {socket.AF_UNIX}, families


async def test_the_rooms_presenter_linked_mark_goes_when_the_console_closes(
    small: RuleGraph,
) -> None:
    """At once, on the step shown: not at the next move (it stayed until then)."""
    with private_folder() as folder:
        audience = PathwaysApp(graph=small, tour="small-loop", tour_link=AudienceLink(folder))
        async with audience.run_test(size=(80, 24)) as room:
            await _until(room, lambda: (folder / SOCKET_NAME).exists(), "the socket")
            view = audience.screen
            assert isinstance(view, TourScreen)
            presenter = PresenterApp(small, folder / SOCKET_NAME)
            async with presenter.run_test(size=(100, 30)) as desk:
                await _until(desk, lambda: presenter.deck is not None, "the console")
                await _until(
                    room, lambda: "presenter linked" in (view.sub_title or ""), "the mark"
                )
                await desk.press("q")  # the console closes; the tour goes on
            await _until(
                room, lambda: "presenter linked" not in (view.sub_title or ""), "no mark"
            )
            assert view.step == 0
            assert view.sub_title == f"1/{len(view.tour.steps)}"


async def test_the_console_closes_when_the_tour_does(small: RuleGraph) -> None:
    with private_folder() as folder:
        audience = PathwaysApp(graph=small, tour="small-loop", tour_link=AudienceLink(folder))
        presenter = PresenterApp(small, folder / SOCKET_NAME)
        running = audience.run_test(size=(80, 24))
        room_running: Any = running
        room = await running.__aenter__()
        try:
            await _until(room, lambda: (folder / SOCKET_NAME).exists(), "the socket")
            async with presenter.run_test(size=(100, 30)) as desk:
                await _until(desk, lambda: presenter.deck is not None, "the console")
                await room.press("ctrl+x")  # the room's window closes at once ...
                await room_running.__aexit__(None, None, None)
                room_running = None
                # ... and the console says so and closes too
                await _until(desk, lambda: bool(presenter.farewell), "the console to close")
                assert presenter.return_code == 0
        finally:
            if room_running is not None:
                await room_running.__aexit__(None, None, None)
        assert not (folder / SOCKET_NAME).exists()
    assert "closed in the audience window" in presenter.farewell


async def test_a_console_for_a_pack_without_that_tour_says_so(
    small: RuleGraph, graph: RuleGraph
) -> None:
    with private_folder() as folder:
        audience = PathwaysApp(graph=small, tour="small-loop", tour_link=AudienceLink(folder))
        async with audience.run_test(size=(80, 24)) as room:
            await _until(room, lambda: (folder / SOCKET_NAME).exists(), "the socket")
            presenter = PresenterApp(graph, folder / SOCKET_NAME)  # the shipped pack
            async with presenter.run_test(size=(100, 30)) as desk:
                await _until(desk, lambda: presenter.return_code is not None, "the console")
    assert presenter.return_code == 1
    assert "--rules" in presenter.farewell


async def test_a_late_byte_flood_from_a_peer_is_dropped(small: RuleGraph) -> None:
    """A peer that sends a line too long to be a position is cut off; the tour goes on."""
    with private_folder() as folder:
        audience = PathwaysApp(graph=small, tour="small-loop", tour_link=AudienceLink(folder))
        async with audience.run_test(size=(80, 24)) as room:
            await _until(room, lambda: (folder / SOCKET_NAME).exists(), "the socket")
            reader, writer = await asyncio.open_unix_connection(str(folder / SOCKET_NAME))
            hello = await reader.readline()
            assert b'"tour": "small-loop"' in hello
            writer.write(b"x" * 5000 + b"\n")
            await writer.drain()
            assert await reader.read() == b""  # the audience hung up on it
            writer.close()
            await room.press("space")
            assert audience.screen.step == 1  # type: ignore[attr-defined]


def test_follow_refuses_a_path_that_is_not_a_private_tour_socket(tmp_path: Path) -> None:
    assert "is the tour still open" in (check_socket_path(tmp_path / "gone.sock") or "")
    plain_file = tmp_path / "tour.sock"
    plain_file.write_text("")
    assert "not a tour socket" in (check_socket_path(plain_file) or "")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(shared / SOCKET_NAME))
        assert "others may open" in (check_socket_path(shared / SOCKET_NAME) or "")
    finally:
        listener.close()
