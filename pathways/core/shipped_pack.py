"""Where the shipped rule pack is: package data when installed, rules/ in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # pathways/


def shipped_rules_dir() -> Path:
    """The rule pack that ships with the tool."""
    installed = _PACKAGE / "rules"  # wheel: rules/ is installed as pathways/rules/
    if (installed / "pack.yaml").is_file():
        return installed
    return _PACKAGE.parent / "rules"  # source checkout or editable install
