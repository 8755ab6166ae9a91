"""Where the shipped rule pack and its scenarios are: package data when installed
(pathways/rules/, pathways/scenarios/), rules/ and scenarios/ in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # pathways/


def shipped_rules_dir() -> Path:
    """The rule pack that ships with the tool."""
    installed = _PACKAGE / "rules"  # wheel: rules/ is installed as pathways/rules/
    if (installed / "pack.yaml").is_file():
        return installed
    return _PACKAGE.parent / "rules"  # source checkout or editable install


def shipped_scenarios_dir() -> Path:
    """The shipped pack's own scenario files (``pathways test`` with no folder runs them).

    Beside the pack, not in it: every ``*.yaml`` under a pack's folder is a rule file.
    """
    installed = _PACKAGE / "scenarios"  # wheel: scenarios/ is installed as pathways/scenarios/
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "scenarios"  # source checkout or editable install


def is_shipped_pack(rules_dir: Path) -> bool:
    """Whether ``rules_dir`` is the shipped pack's folder (by another name, perhaps)."""
    try:
        return rules_dir.resolve() == shipped_rules_dir().resolve()
    except (OSError, RuntimeError):  # a loop of links: not the shipped pack
        return False
