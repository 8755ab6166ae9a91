"""Save SVG screenshots of every screen into docs/screenshots/ (the app draws them itself).

    .venv/bin/python scripts/screenshots.py

Uses the same scenes as the snapshot tests, at 100x32 (NAME.svg) and at 80x24
(NAME-80x24.svg).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.snapshot_app import SCENES, make_shipped_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = {"": (100, 32), "-80x24": (80, 24)}


async def shoot(name: str, suffix: str, size: tuple[int, int]) -> Path:
    app = make_shipped_app()
    async with app.run_test(size=size) as pilot:
        await SCENES[name](pilot)
        await pilot.pause()
        path = app.save_screenshot(filename=f"{name}{suffix}.svg", path=str(OUT))
    return Path(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENES:
        for suffix, size in SIZES.items():
            print(asyncio.run(shoot(name, suffix, size)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
