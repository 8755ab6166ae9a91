"""The first screen: what the tool is, the notice, the sources' dates, and the ways in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.tui.frames import PromptFrames
from pathways.tui.rule_content import reflow, text
from pathways.tui.widgets.footer import KeysFooter
from pathways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathways.core.model import RuleGraph

ABOUT = (
    "The routes to safety in the United States that 2017 reporting described for gay men "
    "fleeing Chechnya: which were open, blocked or long shots, and why. "
    "Every step quotes the source it rests on."
)


@dataclass(frozen=True)
class WayIn:
    """One way into the app: an app action, a label and a line of explanation."""

    action: str
    label: str
    detail: str


WAYS_IN: tuple[WayIn, ...] = (
    WayIn(
        "explore",
        "Explore a case",
        "Answer questions about one person; each route's verdict and why.",
    ),
    WayIn("compare", "Compare the routes", "The five routes side by side, with their sources."),
    WayIn("map", "Browse the map", "Every step of the interview, grouped by route."),
    WayIn(
        "tour",
        "The catch-22 tour",
        "For trainers: how each door closes on the next, with the quotes.",
    ),
    WayIn(
        "case_sheet",
        "Case sheet",
        "Every fact on one form; the five verdicts beside it, live.",
    ),
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
            yield Static(Content(ABOUT), id="welcome-about")
            yield Static(
                Content.styled("Loading the rule pack…", "italic $text-muted"),
                id="welcome-notice",
            )
            yield Static(id="welcome-dates")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"{n}  {way.label}", "bold"), "\n   ", (way.detail, "$text-muted")
                        ),
                        id=way.action,
                    )
                    for n, way in enumerate(self.ways, start=1)
                ),
                id="ways-in",
            )
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

    def on_mount(self) -> None:
        self.title = "Asylum pathways"
        self.sub_title = "Welcome"
        self.query_one("#ways-in", OptionList).focus()
        self.watch(self.app, "graph", self._graph_changed)
        self.watch(self.app, "walk", self._walk_changed)

    def _graph_changed(self, graph: RuleGraph | None) -> None:
        if graph is not None:
            self.show_pack(graph)

    def _walk_changed(self, walk: object) -> None:
        # Only when it changes: this screen lies under the walk, and a new prompt here on
        # every answer cost a layout of this hidden screen on every key.
        if (walk is not None) != self._resuming:
            self.set_resume(walk is not None)

    def show_pack(self, graph: RuleGraph) -> None:
        """Fill in what comes from the rule pack once it is loaded."""
        self.title = text(graph.pack.title)
        notice = self.query_one("#welcome-notice", Static)
        notice.update(Content(reflow(graph.pack.notice)))
        notice.border_title = "Not legal advice"
        notice.add_class("-loaded")
        reporting = [s for s in graph.sources.values() if s.kind not in ("statute",)]
        statutes = len(graph.sources) - len(reporting)
        self.query_one("#welcome-dates", Static).update(
            Content.assemble(
                ("Sources dated: ", "bold"),
                text(graph.pack.sources_dated),
                f"  ·  {len(reporting)} reports and voices, {statutes} statutes",
            )
        )

    def set_resume(self, resuming: bool) -> None:
        """Say 'Continue your case' when a walk is already under way."""
        self._resuming = resuming
        options = self.query_one("#ways-in", OptionList)
        way = self.ways[0]
        if way.action != "explore":
            return
        label = "Continue your case" if resuming else way.label
        detail = "Pick up where you left off (r restarts)." if resuming else way.detail
        options.replace_option_prompt(
            "explore",
            Content.assemble((f"1  {label}", "bold"), "\n   ", (detail, "$text-muted")),
        )

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
