"""`pip install .` ships every part of the package, the rules and the styles."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tool: dict[str, object] = config["tool"]["setuptools"]
    return tool


def test_every_python_package_is_listed_for_the_wheel() -> None:
    listed = set(_setuptools()["packages"])  # type: ignore[call-overload]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "pathways").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "pathways.rules" in listed


def test_rules_and_styles_are_package_data() -> None:
    data = _setuptools()["package-data"]
    assert isinstance(data, dict)
    assert any(p.endswith("*.yaml") for p in data["pathways.rules"])
    assert "tui/*.tcss" in data["pathways"]
    assert list((ROOT / "pathways" / "tui").glob("*.tcss"))


def test_serve_without_its_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathways.serve import serve

    for name in ("textual_serve", "textual_serve.server", "textual_serve.app_service"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails, as without the extra
    assert serve("127.0.0.1", 0, None) == 1
    err = capsys.readouterr().err
    assert "pip install 'asylum-pathways[serve]'" in err


# Modules imported under another name than their distribution's.
DISTRIBUTIONS = {"yaml": "pyyaml", "pydantic_core": "pydantic-core",
                 "aiohttp_jinja2": "aiohttp-jinja2", "textual_serve": "textual-serve"}


def _imported_packages() -> set[str]:
    """The top-level packages pathways/ imports, other than its own and the standard
    library's."""
    found: set[str] = set()
    for path in (ROOT / "pathways").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    typing_only = {"_typeshed"}  # the type checker's own, under TYPE_CHECKING
    return found - set(sys.stdlib_module_names) - {"pathways", "__future__"} - typing_only


def test_serve_stack_is_an_extra_and_direct_imports_are_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"])
    serve = " ".join(project["optional-dependencies"]["serve"])
    assert "textual-serve" not in base
    assert "textual-serve>=1.1,<2" in serve
    for needed in ("jinja2", "aiohttp-jinja2"):
        assert needed in serve
    declared = {re.split(r"[<>=\[ ]", spec)[0].lower()
                for spec in [*project["dependencies"], *project["optional-dependencies"]["serve"]]}
    undeclared = sorted(
        {DISTRIBUTIONS.get(module, module) for module in _imported_packages()} - declared
    )
    assert undeclared == [], "imported by pathways/ but not declared in pyproject.toml"
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
