"""`pip install .` ships every part of the package, the rules and the styles."""

from __future__ import annotations

import tomllib
from pathlib import Path

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
