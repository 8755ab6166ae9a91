"""Leaving the app however it is left, in a real terminal: quick exit pressed at once
(before the first screen), ``kill PID`` (SIGTERM) mid-case, and the pack's child process
never outliving the app. Each leaves the screen and the scrollback cleared."""

from __future__ import annotations

import os
import pty
import shlex
import signal
import sys
import time
from pathlib import Path

import pytest

from pathways.quick_exit import CLEAR_ALL
from tests.in_a_terminal import Step, run_to_the_end

APP = [sys.executable, "-m", "pathways"]
CLEARED = CLEAR_ALL.encode()
LEAVE_SCREEN = b"\x1b[?1049l"


@pytest.mark.parametrize("after", [0.0, 0.1, 0.3])
def test_quick_exit_pressed_at_once_closes_the_app_and_clears_the_screen(after: float) -> None:
    code, output, _ = run_to_the_end(APP, [("sleep", after), ("type", b"\x18")])
    assert code == 0, output[-500:]
    assert output.rfind(CLEARED) > output.rfind(LEAVE_SCREEN)


def test_sigterm_mid_case_is_a_quick_exit() -> None:
    steps: list[Step] = [
        ("wait", b"Not legal advice"),
        ("type", b"1"),
        ("wait", b"QUESTION"),
        ("type", b"1"),  # an answer: a case is under way
        ("sleep", 0.3),
        ("signal", signal.SIGTERM),
    ]
    code, output, _ = run_to_the_end(APP, steps)
    assert code == 0, output[-500:]
    assert output.rfind(CLEARED) > output.rfind(LEAVE_SCREEN) >= 0


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting for init to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in found.read_text().split()] if found.exists() else []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux: PR_SET_PDEATHSIG")
def test_the_packs_child_dies_with_the_app_killed_while_it_reads(tmp_path: Path) -> None:
    from tests.benchmarks.bench_validate import write_pack

    write_pack(tmp_path, 10_000)  # about a second to read: the child is still at it
    # The app runs under a shell that keeps the terminal open after the app is killed
    # (as in a terminal window): the kernel's hang-up signal does not end the child then.
    command = shlex.join([*APP, "--rules", str(tmp_path)]) + "; sleep 5"
    shell, fd = pty.fork()
    if shell == 0:
        os.execv("/bin/sh", ["/bin/sh", "-c", command])
    try:
        children: list[int] = []
        deadline = time.monotonic() + 10
        while not children and time.monotonic() < deadline:
            time.sleep(0.02)
            apps = _children(shell)
            pid = apps[0] if apps else 0
            children = _children(pid) if pid else []
        assert children, "the app started no child to read the pack"
        os.kill(pid, signal.SIGKILL)
        # Left alone, the child would read on for most of a second: it must end at once.
        deadline = time.monotonic() + 0.4
        while _alive(children[0]) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _alive(children[0]), "the pack's child outlived the app"
    finally:
        os.kill(shell, signal.SIGKILL)
        os.waitpid(shell, 0)
        os.close(fd)


async def test_ctrl_c_says_how_to_leave() -> None:
    from pathways.tui import PathwaysApp
    from tests.conftest import shipped_graph

    app = PathwaysApp(graph=shipped_graph())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert "ctrl+x" in said and "q" in said
        assert app.is_running
