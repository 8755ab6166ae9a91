"""The terminal app on hostile rule packs: a clear error, or the text shown literally.

A broken pack (tests/hostile_packs.py BROKEN) run as ``pathways tui --rules DIR``
exits 1 quickly and, once the app has left the screen, prints ``file:line: code:
message`` lines with no traceback and no escape sequence. A pack whose text looks like
Rich markup (LITERAL) is walked in the app: the markup is on screen as typed, and
produced no link and no style.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from rich.segment import Segment

from pathways.tui import PathwaysApp
from tests.hostile_packs import BROKEN, LITERAL, MARKUP_TITLE
from tests.in_a_terminal import run_to_the_end
from tests.tui.driving import current, start_walk

PROBLEM_LINE = re.compile(r"^\S+:\d+: [a-z0-9-]+: \S", re.M)
LEAVE_SCREEN = "\x1b[?1049l"  # the app gives the terminal back: what follows is ours
# Its last few resets: CSI codes, and OSC ones (its pointer shape, when the app closes
# before its first screen settles: the pack's problems came from the child that soon).
RESET_CODES = re.compile(r"(?:\x1b\[[0-9;?<>=]*[A-Za-z~]|\x1b\][0-9]+;[^\x07\x1b]*\x07)*")
SECONDS = 10


@pytest.fixture(scope="module", params=sorted(BROKEN))
def broken_pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(request.param)
    BROKEN[request.param](folder)
    return folder


def _run_in_a_terminal(argv: list[str], cwd: Path) -> tuple[int | None, str]:
    """``argv`` in a pseudo-terminal (80x24) until it exits: exit code, output."""
    code, seen, _ = run_to_the_end(argv, [], timeout=60, cwd=cwd)
    return code, seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_tui_refuses_a_hostile_pack_with_plain_problem_lines(
    broken_pack: Path, tmp_path: Path
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    started = time.monotonic()
    code, output = _run_in_a_terminal(
        [sys.executable, "-m", "pathways", "tui", "--rules", str(broken_pack)], cwd
    )
    seconds = time.monotonic() - started
    assert code == 1, output[-2000:]
    assert "Traceback" not in output
    assert seconds < SECONDS, f"took {seconds:.1f}s"
    # The app drew its screen, then left it; the problems are printed after that.
    assert LEAVE_SCREEN in output, output[-2000:]
    after = output[output.rindex(LEAVE_SCREEN) + len(LEAVE_SCREEN) :]
    match = RESET_CODES.match(after)
    report = after[match.end() if match else 0 :]
    assert PROBLEM_LINE.match(report), repr(after[:500])
    assert "\x1b" not in report and "\x9b" not in report and "\x07" not in report
    assert re.search(r"^\d+ problem\(s\) in the rule pack", report, re.M)
    assert list(cwd.iterdir()) == []


def test_run_tui_in_process_returns_1_and_prints_the_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """launch.run_tui itself, with the app run headless (as it is in a terminal)."""
    from pathways.tui import launch

    BROKEN["dangling-reference"](tmp_path)
    real_run = PathwaysApp.run

    def headless(self: PathwaysApp, **kwargs: object) -> int | None:
        return real_run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(PathwaysApp, "run", headless)
    assert launch.run_tui(tmp_path) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert PROBLEM_LINE.match(lines[0]), err
    assert "nowhere" in err
    assert lines[-1].endswith("run 'pathways validate' for details")


def _screen_segments(app: PathwaysApp) -> list[Segment]:
    strips = app.screen._compositor.render_strips()
    return [segment for strip in strips for segment in strip]


@pytest.mark.parametrize("name", sorted(LITERAL))
async def test_markup_in_rule_text_is_shown_as_typed(name: str, tmp_path: Path) -> None:
    LITERAL[name](tmp_path / "pack")
    app = PathwaysApp(rules_dir=tmp_path / "pack")
    async with app.run_test(size=(200, 50)) as pilot:  # wide: the title is on one line
        walk = await start_walk(pilot)  # the pack is read by the app itself
        assert app.problems == []
        assert walk.node.title == MARKUP_TITLE
        segments = _screen_segments(app)
        shown = "".join(segment.text for segment in segments)
        svg = app.export_screenshot().replace("&#160;", " ")
        while not current(pilot).finished:
            await pilot.press("1")
        end_segments = _screen_segments(app)
    for screen_text in (shown, svg):
        assert "[bold red]Not bold[/]" in screen_text
        assert "[link=https://example.invalid]not a link[/link]" in screen_text
    assert "[bold]one[/bold]" in shown
    assert "[link=file:///etc/passwd]x[/link]" in shown
    links = [s for s in segments + end_segments if s.style is not None and s.style.link]
    assert links == [], links
    # The words and the markup around them are one run of text in one style: the
    # markup styled nothing.
    for words, markup in (("Not bold", "[bold red]"), ("not a link", "[link="), ("x", "passwd]")):
        holding = [s.text for s in segments if words in s.text and markup in s.text]
        assert holding, f"{words!r} was styled apart from {markup!r}"


def test_a_pack_that_breaks_the_loader_closes_the_app_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The loading worker never dies silently: whatever it raises ends the app with a line."""
    from pathways.core import check
    from pathways.tui import launch

    def out_of_memory(folder: Path) -> object:
        raise MemoryError("grew to 3.8 GB")

    monkeypatch.setattr(check, "checked_graph", out_of_memory)
    real_run = PathwaysApp.run

    def headless(self: PathwaysApp, **kwargs: object) -> int | None:
        return real_run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(PathwaysApp, "run", headless)
    started = time.monotonic()
    assert launch.run_tui(tmp_path) == 1
    assert time.monotonic() - started < SECONDS
    err = capsys.readouterr().err
    assert PROBLEM_LINE.match(err), err
    assert ": unreadable: the rule pack could not be read: MemoryError: grew to 3.8 GB" in err


def test_the_apps_exit_report_lists_fifty_problems_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathways.tui import launch
    from tests.hostile_packs import BASE_PACK

    (tmp_path / "pack.yaml").write_text(BASE_PACK + "".join(
        f"  - {{id: extra-{i}, kind: info, title: T, text: X, next: gone-{i}}}\n"
        for i in range(60)
    ), encoding="utf-8")
    real_run = PathwaysApp.run

    def headless(self: PathwaysApp, **kwargs: object) -> int | None:
        return real_run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(PathwaysApp, "run", headless)
    assert launch.run_tui(tmp_path) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len([line for line in lines if PROBLEM_LINE.match(line)]) == 50
    total = int(lines[-1].split()[0])
    assert total >= 120
    assert lines[-2] == f"… and {total - 50} more problems; run 'pathways validate --json' for all"
