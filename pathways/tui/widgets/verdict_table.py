"""The end summary: every route's verdict with its reason and numbered citations."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from functools import partial

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text
from textual.theme import Theme
from textual.widgets import Static

from pathways.render.brief import Brief, RouteVerdict
from pathways.render.statuses import CHANGED, status_label
from pathways.tui.frames import OneLayoutPass
from pathways.tui.rich_visual import LinesOnDemand, RenderedOnce
from pathways.tui.rule_content import numbered_references, status_style, text

BLOCKS_KEPT = 512  # rendered blocks (verdicts, references) kept across summaries


class _Blocks:
    """Renderables drawn one after another, each rendered once per width and then reused.

    A what-if redraws the summary with most verdicts and references as they were, and
    rendering them (~250 lines at 160 columns) was most of the summary's layout time.
    A block's key holds everything it is drawn from, so an equal key draws the same;
    a block is made (its Rich text built) only when it is not kept.
    """

    def __init__(
        self,
        blocks: list[tuple[Hashable, Callable[[], RenderableType]]],
        cache: dict[tuple[Hashable, int], list[Segment]],
    ) -> None:
        self.blocks = blocks
        self.cache = cache

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for key, make in self.blocks:
            found = self.cache.get((key, options.max_width))
            if found is None:
                if len(self.cache) >= BLOCKS_KEPT:
                    self.cache.clear()
                found = list(console.render(make(), options))
                self.cache[(key, options.max_width)] = found
            yield from found


class VerdictTable(OneLayoutPass, LinesOnDemand, Static):
    """The verdicts of a :class:`~pathways.render.brief.Brief` (numbered as the export is)."""

    DEFAULT_CSS = """
    VerdictTable {
        height: auto;
        margin-bottom: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: dict[tuple[Hashable, int], list[Segment]] = {}

    def show_brief(self, brief: Brief, changed: set[str] | None = None) -> None:
        """Show the brief; routes in ``changed`` are marked '● changed' (not colour alone)."""
        self.update(RenderedOnce(self, self._render_brief(brief, changed or set())))

    def render_ahead(self, brief: Brief, changed: set[str], width: int) -> Iterator[None]:
        """Render the blocks of a summary that may come next, one block a step.

        The walk runs a step at a time while the screen is idle (a key waits for one
        block at most, ~0.3 ms); the summary then lays out from the blocks kept, as a
        summary seen before does, instead of rendering ~30 blocks after the key.
        """
        app = self.app
        console = app.console
        options = app.console_options.update_width(width).update(highlight=False)
        for key, make in self._render_brief(brief, changed).blocks:
            if (key, width) in self._blocks:
                continue
            if len(self._blocks) >= BLOCKS_KEPT:
                self._blocks.clear()
            self._blocks[key, width] = list(console.render(make(), options))
            yield

    def _render_brief(self, brief: Brief, changed: set[str]) -> _Blocks:
        """A list, one route after another: the route's name on its own line (never cut),
        its status and sources, then why, wrapped under it at any width."""
        theme = self.app.current_theme
        blocks: list[tuple[Hashable, Callable[[], RenderableType]]] = []
        for v in brief.verdicts:
            marked = v.route_id in changed
            blocks.append((("verdict", v, marked, theme.name), partial(_verdict, theme, v, marked)))
        blocks.append((("title", theme.name), partial(Text, "References", style="bold")))
        number_width = max((len(f"[{ref.number}]") for ref in brief.references), default=0)
        for ref in brief.references:
            ref_key = ("reference", ref, number_width, theme.name)
            blocks.append((ref_key, partial(numbered_references, [ref], number_width)))
        if not brief.references:
            blocks.append((("no references",), partial(numbered_references, [])))
        return _Blocks(blocks, self._blocks)


def _verdict(theme: Theme, v: RouteVerdict, marked: bool) -> RenderableType:
    """A route's name on its own line (never cut), its status and sources, then why."""
    head = Text(text(v.route), style="bold")
    if marked:
        head.append("  ")
        head.append(CHANGED, style="bold reverse")
    status = Text(status_label(v.status), style=status_style(theme, v.status))
    if v.references:
        status.append("  sources " + " ".join(f"[{n}]" for n in v.references))
    why = Text(text(v.reason) if v.reason else "Not reached in this walk.")
    return Group(head, Padding(Group(status, why), (0, 0, 1, 2)))
