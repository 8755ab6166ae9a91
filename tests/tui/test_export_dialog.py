"""The export dialog: any path typed is saved or refused with a message, never a crash."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.brief_export import DEFAULT_NAME
from pathways.tui.screens.export import ExportScreen
from pathways.tui.screens.walk import WalkScreen
from tests.tui.driving import at_end, open_at, the_app
from tests.tui.test_what_if_screen import shown_text


async def _type(pilot: Pilot[int], typed: str) -> str:
    """Open the dialog, type a path; return what it says it will do."""
    app = the_app(pilot)
    await pilot.press("e")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#export-path", Input).value = typed
    await pilot.pause()
    return shown_text(screen.query_one("#export-targets"))


async def test_the_default_is_the_home_folder_shown_in_full(
    graph: RuleGraph, private_home: Path
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        await pilot.press("e")
        field = pilot.app.screen.query_one("#export-path", Input)
        assert field.value == str(private_home / DEFAULT_NAME)
        said = "".join(shown_text(pilot.app.screen.query_one("#export-targets")).split())
        assert str(private_home / "pathways-brief.md") in said
        assert str(private_home / "pathways-brief.json") in said


async def test_root_and_dot_and_a_folder_each_save_inside_a_folder(
    graph: RuleGraph, private_home: Path
) -> None:
    (private_home / "cases").mkdir()
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        app = the_app(pilot)
        said = await _type(pilot, "/")
        assert "/pathways-brief.md" in said  # shown, not written: "/" may not be ours
        await pilot.press("escape")
        for typed, folder in ((".", private_home), ("cases", private_home / "cases")):
            await _type(pilot, typed)
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert isinstance(app.screen, WalkScreen), typed
            assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
                "pathways-brief.json",
                "pathways-brief.md",
            ]


async def test_refusals_keep_the_dialog_open_and_the_walk(
    graph: RuleGraph, private_home: Path
) -> None:
    (private_home / "brief.json").mkdir()
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await open_at(pilot, at_end)
        app = the_app(pilot)
        for typed, says in (
            ("x" * 300, "too long"),
            ("brief", "is a folder"),
            ("no/such/folder/brief", "no folder"),
            ("", "Type a file name"),
        ):
            said = await _type(pilot, typed)
            assert says in " ".join(said.split()), (typed, said)
            await pilot.press("enter")
            await pilot.pause(0.1)
            assert isinstance(app.screen, ExportScreen)
            assert app.walk is walk
            await pilot.press("escape")
    assert [p.name for p in private_home.iterdir()] == ["brief.json"]


async def test_export_dir_is_offered_first(graph: RuleGraph, tmp_path: Path) -> None:
    chosen = tmp_path / "exports"
    chosen.mkdir()
    app = PathwaysApp(graph=graph, export_dir=chosen)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        await pilot.press("e", "enter")
        await pilot.pause(0.2)
    assert sorted(p.name for p in chosen.iterdir()) == ["pathways-brief.json", "pathways-brief.md"]


async def test_an_answer_the_case_sheet_keeps_but_the_walk_never_asks_is_named_in_the_brief(
    graph: RuleGraph, private_home: Path
) -> None:
    """The sheet keeps a hidden row's answer (home-ties, after the location moves to the
    US border): the sheet and the brief exported name it as not used, as `pathways walk`
    does."""
    from pathways.tui.screens.case_sheet import CaseSheetScreen
    from pathways.tui.widgets.fact_row import FactRow
    from tests.tui.driving import wait_for_pack

    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("f")
        sheet = pilot.app.screen
        assert isinstance(sheet, CaseSheetScreen)
        await pilot.press("2")  # elsewhere in Russia: the B-2's questions apply
        for _ in range(10):
            focused = pilot.app.focused
            if isinstance(focused, FactRow) and focused.key == "home-ties":
                break
            await pilot.press("down")
        await pilot.press("1")  # home ties: yes
        for _ in range(10):
            focused = pilot.app.focused
            if isinstance(focused, FactRow) and focused.key == "location":
                break
            await pilot.press("up")
        await pilot.press("4")  # at the US border: home-ties is no longer asked
        assert sheet.facts["home-ties"] == "yes" and sheet.facts["location"] == "us-border"
        assert "home-ties" not in sheet.walk.facts
        await pilot.pause()
        shown = " ".join(shown_text(sheet.query_one("#sheet-hint")).split())
        assert shown.startswith(
            "Not used on this walk: Work and family ties at home? (home-ties: yes) \u2014 the "
            "walk did not ask it"
        ), shown
        await _type(pilot, "case")
        await pilot.press("enter")
        await pilot.pause(0.2)
    brief = (private_home / "case.md").read_text(encoding="utf-8")
    assert ("Not used on this walk: Work and family ties at home? (home-ties: yes) \u2014 "
            "the walk did not ask it") in brief
