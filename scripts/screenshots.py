"""Save SVG screenshots of every screen into docs/screenshots/ (the app draws them itself).

    .venv/bin/python scripts/screenshots.py

Uses the same scenes as the snapshot tests, at 100x32.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.snapshot_app import SCENES, make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (100, 32)


async def shoot(name: str) -> Path:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await SCENES[name](pilot)
        await pilot.pause()
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    return Path(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENES:
        print(asyncio.run(shoot(name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
