"""The first screen: what the tool is, the notice, the sources' dates, and the ways in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.render.counts import counted
from pathways.tui.frames import PromptFrames
from pathways.tui.rule_content import reflow, text
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.kept_in_view import KeptInView
from pathways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathways.core.cover import PackCover

@dataclass(frozen=True)
class WayIn:
    """One way into the app: an app action, a label and a line of explanation."""

    action: str
    label: str
    detail: str


def ways_in(cover: PackCover | None = None) -> tuple[WayIn, ...]:
    """The ways in, in the pack's words once it is loaded (a tour only if it has one).

    Nothing here is about one pack: the routes are counted, and the tour is named, from
    the pack that is loaded (``pathways --rules DIR`` shows that pack's, not ours).
    """
    compare = "The routes side by side, with their sources."
    tour: WayIn | None = WayIn(
        "tour", "A tour", "For trainers: how each door closes on the next, with the quotes."
    )
    if cover is not None:
        routes = len(cover.route_titles)
        compare = (
            f"{counted(routes, 'route').capitalize()} side by side, with their sources."
            if routes != 1
            else "The one route, with its sources."
        )
        first = cover.first_tour
        tour = (
            WayIn("tour", f"Tour: {text(first.title)}", text(first.summary))
            if first is not None
            else None
        )
    ways = [
        WayIn(
            "explore",
            "Explore a case",
            "Answer questions about one person; each route's verdict and why.",
        ),
        WayIn("compare", "Compare the routes", compare),
        WayIn("map", "Browse the map", "Every step of the interview, grouped by route."),
        tour,
        WayIn(
            "case_sheet",
            "Case sheet",
            "Every fact on one form; each route's verdict beside it, live.",
        ),
    ]
    return tuple(way for way in ways if way is not None)


WAYS_IN = ways_in()


def about(cover: PackCover) -> str:
    """What the pack covers, from the pack itself: its routes, named and counted."""
    names = ", ".join(text(title) for title in cover.route_titles)
    routes = counted(len(cover.route_titles), "route").capitalize()
    return (
        f"{routes}: {names}. For one person's case: each route's verdict, why, "
        "and the words of the sources it rests on."
    )


def source_counts(cover: PackCover) -> str:
    """'12 reports and voices, 3 statutes', singular or plural as the numbers need."""
    return (
        counted(cover.reporting, "report or voice", "reports and voices", words=False)
        + ", "
        + counted(cover.statutes, "statute", words=False)
    )


class WelcomeScreen(PromptFrames, Screen[None]):
    """Start here. The ways in run app actions, so later features add a :class:`WayIn`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"way({n})", "Choose", key_display=f"1-{len(WAYS_IN)}", show=n == 1)
        for n in range(1, len(WAYS_IN) + 1)
    ]

    def __init__(self, ways: tuple[WayIn, ...] = WAYS_IN) -> None:
        super().__init__()
        self.ways = ways
        self._resuming = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="welcome"):
            yield Static(id="welcome-about")
            yield Static(
                Content.styled("Loading the rule pack…", "italic $text-muted"),
                id="welcome-notice",
            )
            yield Static(id="welcome-dates")
            yield KeptInView(*self._options(), id="ways-in")
            yield Static(
                Content.assemble(
                    ("Quick exit: ", "bold"),
                    ("ctrl+x", "bold $text-accent"),
                    " clears the screen and closes the app at once, leaving nothing behind.",
                    "\nSearch steps, sources and terms: ",
                    ("ctrl+p", "bold $text-accent"),
                    "   Help: ",
                    ("?", "bold $text-accent"),
                ),
                id="welcome-keys",
            )
        yield KeysFooter()

    def _options(self) -> list[Option]:
        resuming = self._resuming and self.ways[0].action == "explore"
        options = []
        for n, way in enumerate(self.ways, start=1):
            label, detail = way.label, way.detail
            if resuming and n == 1:
                label, detail = "Continue your case", "Pick up where you left off (r restarts)."
            # The detail wraps under the label, never back to the number's column.
            prompt = Group(
                Text(f"{n}  {label}", style="bold"),
                Padding(Text(detail, style="italic"), (0, 0, 0, 3)),
            )
            options.append(Option(prompt, id=way.action))
        return options

    def on_mount(self) -> None:
        self.sub_title = "Welcome"
        # Not scrolled to: the notice stays in view at the top; the list keeps its
        # highlighted way in (the first, here) in view as it moves (KeptInView).
        self.query_one("#ways-in", OptionList).focus(scroll_visible=False)
        self.watch(self.app, "cover", self._cover_changed)
        self.watch(self.app, "walk", self._walk_changed)

    def _cover_changed(self, cover: PackCover | None) -> None:
        if cover is not None:
            self.show_pack(cover)

    def _walk_changed(self, walk: object) -> None:
        # Only when it changes: this screen lies under the walk, and a new prompt here on
        # every answer cost a layout of this hidden screen on every key.
        if (walk is not None) != self._resuming:
            self.set_resume(walk is not None)

    def show_pack(self, cover: PackCover) -> None:
        """Fill in what comes from the rule pack once it is read: nothing is ours."""
        self.title = text(cover.title)
        self.query_one("#welcome-about", Static).update(Content(about(cover)))
        notice = self.query_one("#welcome-notice", Static)
        notice.update(Content(reflow(cover.notice)))
        notice.border_title = "Not legal advice"
        notice.add_class("-loaded")
        self.query_one("#welcome-dates", Static).update(
            Content.assemble(
                ("Sources dated: ", "bold"),
                text(cover.sources_dated),
                f"  ·  {source_counts(cover)}",
            )
        )
        self.ways = ways_in(cover)
        self._put_up_ways()

    def set_resume(self, resuming: bool) -> None:
        """Say 'Continue your case' when a walk is already under way."""
        self._resuming = resuming
        self._put_up_ways()

    def _put_up_ways(self) -> None:
        options = self.query_one("#ways-in", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        if highlighted is not None:
            options.highlighted = min(highlighted, options.option_count - 1)

    def action_way(self, number: int) -> None:
        options = self.query_one("#ways-in", OptionList)
        if 1 <= number <= options.option_count:
            options.highlighted = number - 1
            options.action_select()

    @on(OptionList.OptionSelected, "#ways-in")
    async def _way_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            await self.run_action(f"app.{event.option.id}")
