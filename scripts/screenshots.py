"""Save SVG screenshots of every screen into docs/screenshots/ (the app draws them itself).

    .venv/bin/python scripts/screenshots.py

Uses the same scenes as the snapshot tests, at 100x32 (NAME.svg) and at 80x24
(NAME-80x24.svg); then the catch-22 tour's two windows, linked as a trainer runs
them (tour-audience-80x24.svg and tour-presenter.svg).
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


async def shoot_tour_windows() -> list[Path]:
    """The audience view at 80x24 and the presenter's console beside it, at step 5."""
    from pathways.core.load import load_pack
    from pathways.core.shipped_pack import shipped_rules_dir
    from pathways.tui import PathwaysApp
    from pathways.tui.presenter import PresenterApp
    from pathways.tui.screens.presenter import PresenterScreen
    from pathways.tui.tour_link import SOCKET_NAME, AudienceLink, private_folder

    graph = load_pack(shipped_rules_dir()).graph
    assert graph is not None
    saved: list[Path] = []
    with private_folder() as folder:
        audience = PathwaysApp(graph=graph, tour="catch-22", tour_link=AudienceLink(folder))
        async with audience.run_test(size=(80, 24)) as room:
            while not (folder / SOCKET_NAME).exists():
                await room.pause(0.05)
            presenter = PresenterApp(graph, folder / SOCKET_NAME)
            async with presenter.run_test(size=(100, 30)) as desk:
                while presenter.deck is None:
                    await desk.pause(0.05)
                await desk.press("5")
                while audience.screen.step != 4:  # type: ignore[attr-defined]
                    await room.pause(0.05)
                console = presenter.screen
                assert isinstance(console, PresenterScreen)
                console.clock = lambda: 450.0  # a fixed 07:30 into the session
                console.started = 0.0
                console.show_time()
                await desk.pause()
                await room.pause()
                saved.append(Path(audience.save_screenshot("tour-audience-80x24.svg", str(OUT))))
                saved.append(Path(presenter.save_screenshot("tour-presenter.svg", str(OUT))))
    return saved


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENES:
        for suffix, size in SIZES.items():
            print(asyncio.run(shoot(name, suffix, size)))
    for path in asyncio.run(shoot_tour_windows()):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
