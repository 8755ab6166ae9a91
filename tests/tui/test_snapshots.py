"""Pictures of each screen at 80x24 and 120x40 (pytest-textual-snapshot), on a fixture pack."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tui.snapshot_app import SCENES, make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen_looks_the_same(
    snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=SCENES[scene])


def test_case_sheet_looks_the_same_at_160x48(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=SCENES["case-sheet"])
