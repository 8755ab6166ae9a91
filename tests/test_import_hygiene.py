"""The engine and the validate/walk/graph commands never import Textual, so they start fast."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.fixture_packs import SOURCES, VALID

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


def test_a_walk_imports_neither_rapidfuzz_nor_pydantic_plugins() -> None:
    """rapidfuzz is for naming the closest passage of a wrong quote; plugins never load."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, os, sys
        import pathways.cli
        with contextlib.redirect_stdout(io.StringIO()):
            code = pathways.cli.main(["--rules", {str(VALID)!r}, "walk", "--json",
                                      "--answer", "location=abroad", "--answer", "can-fund=yes"])
        from pydantic.plugin._loader import get_plugins
        print(json.dumps({{"code": code, "modules": sorted(sys.modules),
                          "plugins": len(list(get_plugins())),
                          "setting": os.environ.get("PYDANTIC_DISABLE_PLUGINS")}}))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0
    assert not [m for m in report["modules"] if m.split(".")[0] == "rapidfuzz"]
    assert report["setting"] == "__all__" and report["plugins"] == 0


def test_a_json_walk_loads_neither_the_text_renderer_nor_package_metadata() -> None:
    """``walk --json`` needs no Markdown-to-text code, and with pydantic plugins off nothing
    looks through the installed packages' metadata (importlib.metadata costs ~15 ms)."""
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
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0 and report["verdicts"] > 0
    modules = set(report["modules"])
    assert "pathways.render.walk_json" in modules
    assert "pathways.render.walk_text" not in modules
    assert "importlib.metadata" not in modules


def test_plugins_named_by_the_user_go_through_pydantics_own_loader() -> None:
    """Only "no plugins at all" is answered up front; any other setting is pydantic's."""
    code = textwrap.dedent(
        """
        import json, os, sys
        import pathways
        from pydantic.plugin._loader import get_plugins
        print(json.dumps({"ours": get_plugins.__module__ == "pathways",
                          "setting": os.environ["PYDANTIC_DISABLE_PLUGINS"],
                          "plugins": len(list(get_plugins()))}))
        """
    )
    for setting, ours in (("__all__", True), ("true", True), ("no-such-plugin", False)):
        env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": setting}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
        )
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout.splitlines()[-1])
        assert report == {"ours": ours, "setting": setting, "plugins": 0}


def test_pydantic_asks_its_plugin_loader_only_for_get_plugins() -> None:
    """pathways/__init__.py answers for pydantic.plugin._loader with get_plugins alone: this
    fails if a pydantic release imports anything else from that module."""
    import pydantic

    package = Path(pydantic.__file__).parent
    imported: list[tuple[str, list[str]]] = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                imported.append((path.name, [alias.name for alias in node.names]))
            elif isinstance(node, ast.Import) and any(
                alias.name.endswith("plugin._loader") for alias in node.names
            ):
                imported.append((path.name, ["*"]))
    assert imported == [("_schema_validator.py", ["get_plugins"])]
