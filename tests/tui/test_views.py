"""Map, compare, export, help, quick exit and start-up problems, through the real app."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from rich.console import Console

from pathways.core.model import RuleGraph
from pathways.tui import PathwaysApp
from pathways.tui.screens.compare import CompareScreen
from pathways.tui.screens.confirm import ConfirmScreen
from pathways.tui.screens.export import ExportScreen
from pathways.tui.screens.help import HelpScreen
from pathways.tui.screens.map import MapScreen
from pathways.tui.widgets.compare_table import CompareTable
from pathways.tui.widgets.graph_tree import GraphTree
from tests.tui.driving import at_end, at_question, current, open_at, the_app, wait_for_pack

FIXTURES = Path(__file__).parent.parent / "fixtures"


def rendered_text(table: CompareTable, width: int = 200) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(table.render())
    return console.export_text()


async def test_map_shows_every_node_and_marks_the_path(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(120, 40)) as pilot:
        walk = await open_at(pilot, at_question)
        await pilot.press("m")
        screen = pilot.app.screen
        assert isinstance(screen, MapScreen)
        tree = screen.query_one(GraphTree)
        leaves = [
            node.data for line in range(tree.last_line + 1)
            if (node := tree.get_node_at_line(line)) is not None and node.data is not None
        ]
        assert set(leaves) == set(graph.nodes)
        assert tree.cursor_node is not None and tree.cursor_node.data == walk.position
        assert str(tree.cursor_node.label).startswith("▶")
        passed = {step.node for step in walk.path}
        labels = [
            str(n.label) for line in range(tree.last_line + 1)
            if (n := tree.get_node_at_line(line)) is not None and n.data in passed
        ]
        assert labels and all(label.startswith("✓") for label in labels)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, MapScreen)


async def test_compare_shows_five_routes_with_this_persons_verdicts(graph: RuleGraph) -> None:
    from pathways.render.statuses import status_label

    async with PathwaysApp(graph=graph).run_test(size=(100, 40)) as pilot:  # stacked
        walk = await open_at(pilot, at_end)
        await pilot.press("c")
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        lines = [line.strip() for line in rendered_text(screen.query_one(CompareTable), 100)
                 .splitlines()]
        titles = [route.title for route in graph.routes.values()]
        assert [line for line in lines if line in titles] == titles  # each, whole, in order
        reached = walk.verdict_by_route()
        assert len(reached) == 5
        for route_id, verdict in reached.items():
            # the route's own block shows this person's status, after its title
            block = lines[lines.index(graph.routes[route_id].title):]
            person = next(i for i, line in enumerate(block) if line.startswith("For this person"))
            assert status_label(verdict.status) in block[person], block[person]


async def test_compare_before_any_walk_says_how_to_fill_it_in(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await wait_for_pack(pilot)
        await pilot.press("c")
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        assert "explore a case" in rendered_text(screen.query_one(CompareTable), 80)


async def test_export_writes_markdown_and_json_readable_only_by_the_owner(
    graph: RuleGraph, private_home: Path
) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        walk = await open_at(pilot, at_end)
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
    md, js = private_home / "pathways-brief.md", private_home / "pathways-brief.json"
    for path in (md, js):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    body = md.read_text(encoding="utf-8")
    assert "not legal advice" in body.lower()
    data = json.loads(js.read_text(encoding="utf-8"))
    assert {v["route"] for v in data["verdicts"]} == set(graph.routes)
    assert data["finished"] is True
    for verdict in walk.verdict_by_route().values():
        assert any(v["status"] == verdict.status for v in data["verdicts"])
    assert sorted(p.name for p in private_home.iterdir()) == [js.name, md.name]


async def test_export_cancelled_writes_nothing(graph: RuleGraph, private_home: Path) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("e", "escape")
        await pilot.pause()
    assert list(private_home.iterdir()) == []


async def test_export_never_replaces_a_file_without_a_second_yes(
    graph: RuleGraph, private_home: Path
) -> None:
    existing = private_home / "pathways-brief.md"
    existing.write_text("keep me", encoding="utf-8")
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_end)
        await pilot.press("e", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)  # still open: try another name
        assert existing.read_text(encoding="utf-8") == "keep me"
        assert not (private_home / "pathways-brief.json").exists()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert existing.read_text(encoding="utf-8").startswith("# Brief")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600


async def test_export_to_a_typed_path(graph: RuleGraph, private_home: Path) -> None:
    target = private_home / "case" / "brief"
    target.parent.mkdir()
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("e")
        field = pilot.app.screen.query_one("#export-path")
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
    assert sorted(p.name for p in target.parent.iterdir()) == ["brief.json", "brief.md"]
    assert "not finished" in (target.parent / "brief.md").read_text(encoding="utf-8")


async def test_quick_exit_closes_at_once_and_leaves_no_file(
    graph: RuleGraph, private_home: Path
) -> None:
    app = PathwaysApp(graph=graph)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("e")  # even from inside the export dialog
        await pilot.press("ctrl+x")
        await pilot.pause()
    assert app.quick_exited
    assert app.return_code == 0
    assert list(private_home.iterdir()) == []


def test_quick_exit_clears_the_screen_and_the_scrollback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from pathways.tui import launch

    class FakeApp:
        quick_exited = True
        is_web = False
        problems: tuple[object, ...] = ()
        return_code = 0

        def __init__(self, rules_dir: Path | None, **options: object) -> None:
            pass

        def run(self) -> None:
            pass

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    monkeypatch.setattr(launch, "PathwaysApp", FakeApp)
    monkeypatch.setattr("sys.__stdout__", out)
    assert launch.run_tui(None) == 0
    assert "\x1b[3J" in out.getvalue() and "\x1b[2J" in out.getvalue()


async def test_a_broken_pack_closes_the_app_with_its_problems() -> None:
    app = PathwaysApp(rules_dir=FIXTURES / "missing-source")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(300):
            if app.problems:
                break
            await pilot.pause(0.01)
    assert app.return_code == 1
    assert app.problems and all(p.code for p in app.problems)


async def test_help_lists_every_key_of_the_screen(graph: RuleGraph) -> None:
    async with PathwaysApp(graph=graph).run_test(size=(80, 24)) as pilot:
        await open_at(pilot, at_question)
        await pilot.press("question_mark")
        screen = the_app(pilot).screen
        assert isinstance(screen, HelpScreen)
        described = {description for _, description in screen.keys}
        for want in ("Back", "Restart", "Map", "Compare", "Export", "Help", "Quit", "Quick exit"):
            assert want in described
        await pilot.press("escape")
        assert current(pilot).node.kind == "question"


async def test_palette_finds_sources_and_terms_and_opens_them(graph: RuleGraph) -> None:
    from pathways.tui.screens.source_detail import SourceScreen

    source = next(iter(graph.sources.values()))
    async with PathwaysApp(graph=graph).run_test(size=(120, 40)) as pilot:
        await wait_for_pack(pilot)
        the_app(pilot).open_source(source.id)
        await pilot.pause()
        assert isinstance(pilot.app.screen, SourceScreen)


def test_the_first_screen_does_not_import_pydantic_or_yaml() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pathways.tui.app; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'markdown_it') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_rule_text_markup_is_shown_literally(tmp_path: Path) -> None:
    import shutil

    from pathways.core.check import check
    from pathways.core.load import load_pack

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURES / "valid", pack)
    pack_file = pack / "pack.yaml"
    pack_file.write_text(
        pack_file.read_text(encoding="utf-8").replace(
            "title: Welcome", 'title: "[bold]Welcome[/bold] [link=https://x.example]here[/link]"'
        ),
        encoding="utf-8",
    )
    result = load_pack(pack)
    assert check(result) == [] and result.graph is not None
    async with PathwaysApp(graph=result.graph).run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        svg = pilot.app.export_screenshot()
    assert "[bold]Welcome[/bold]" in svg.replace("&#160;", " ")


async def test_source_screen_lists_glossary_comparison_and_tour_uses(graph: RuleGraph) -> None:
    from textual.widgets import Static

    from pathways.render.references import place_title
    from pathways.tui.screens.source_detail import SourceScreen

    def sections(source_id: str) -> set[str]:
        return {u.section for u in graph.source_uses() if u.source == source_id}

    source_id = max(graph.sources, key=lambda s: len(sections(s)))
    assert sections(source_id) == {"nodes", "glossary", "routes", "tours"}
    async with PathwaysApp(graph=graph).run_test(size=(120, 40)) as pilot:
        await wait_for_pack(pilot)
        the_app(pilot).open_source(source_id)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SourceScreen)
        shown = "\n".join(str(s.visual) for s in screen.query(Static))
        for use in graph.source_uses():
            if use.source == source_id:
                where = place_title(graph, use)
                assert where[:1].upper() + where[1:] in shown
