"""The engine and the validate/walk/graph commands never import Textual, so they start fast."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.fixture_packs import SOURCES, VALID

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"  # of the shipped pack

# Runs in a fresh interpreter: import the engine, run each non-TUI command through the real
# entry point, then report which modules got imported.
PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys

    import pathways.cli, pathways.plain_walk
    import pathways.core.check, pathways.core.load, pathways.core.scenarios, pathways.core.walk
    import pathways.render.graph_formats, pathways.render.walk_text

    runs = [
        ["validate", {valid!r}, "--sources", {sources!r}],
        ["validate", {valid!r}, "--json"],
        ["--rules", {valid!r}, "walk", "--answer", "location=home", "--answer", "can-fund=no"],
        ["--rules", {valid!r}, "walk", "--json", "--answer", "location=abroad",
         "--answer", "can-fund=yes"],
        ["--rules", {valid!r}, "graph", "--format", "json"],
        ["--rules", {valid!r}, "graph", "--format", "mermaid"],
        ["--rules", {valid!r}, "graph", "--format", "dot"],
        ["schema"],
    ]
    codes = []
    for argv in runs:
        with contextlib.redirect_stdout(io.StringIO()):
            codes.append(pathways.cli.main(argv))
    print(json.dumps({{"codes": codes, "modules": sorted(sys.modules)}}))
    """
)


def test_engine_and_plain_commands_never_import_textual() -> None:
    code = PROBE.format(valid=str(VALID), sources=str(SOURCES))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0] * 8  # every command really ran its code path
    modules = set(report["modules"])
    assert "pathways.render.walk_text" in modules and "pathways.render.graph_formats" in modules
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_the_commands_that_read_a_pack_never_import_pydantic() -> None:
    """The rule model's validators are pydantic-core's (pathways/core/records.py): pydantic,
    and with it any validation plugin installed beside it, is never imported by a walk,
    ``validate`` or ``test``; rapidfuzz (naming the closest passage of a wrong quote) is
    not imported by a walk either."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        import pathways.cli
        codes = []
        with contextlib.redirect_stdout(io.StringIO()):
            codes.append(pathways.cli.main(["--rules", {str(VALID)!r}, "walk", "--json",
                "--answer", "location=abroad", "--answer", "can-fund=yes"]))
            walked = sorted(sys.modules)
            codes.append(pathways.cli.main(["validate", {str(VALID)!r}]))
            codes.append(pathways.cli.main(["test", {str(SCENARIOS)!r}]))
        print(json.dumps({{"codes": codes, "walked": walked, "modules": sorted(sys.modules)}}))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0, 0, 0]  # each command ran its whole path
    assert "pydantic_core" in report["modules"]  # the rule model was validated
    assert not [m for m in report["modules"] if m.split(".")[0] == "pydantic"]
    assert not [m for m in report["walked"] if m.split(".")[0] == "rapidfuzz"]


def test_a_json_walk_loads_neither_the_text_renderer_nor_package_metadata() -> None:
    """``walk --json`` needs no Markdown-to-text code, and nothing looks through the
    installed packages' metadata (importlib.metadata costs ~15 ms)."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        import pathways.cli
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = pathways.cli.main(["--rules", {str(VALID)!r}, "walk", "--json",
                                      "--answer", "location=abroad", "--answer", "can-fund=yes"])
        print(json.dumps({{"code": code, "verdicts": len(json.loads(out.getvalue())["verdicts"]),
                          "modules": sorted(sys.modules)}}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0 and report["verdicts"] > 0
    modules = set(report["modules"])
    assert "pathways.render.walk_json" in modules
    assert "pathways.render.walk_text" not in modules
    assert "importlib.metadata" not in modules
