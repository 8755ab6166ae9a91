"""The terminal app: screens on a stack, the rule graph and the walk as app state.

Start-up is kept cheap: the first screen is drawn before the rule pack is in
memory (the rule model and the pack cost as much as Textual itself). ``pathways`` has a
child process read and check the pack while Textual starts
(:mod:`pathways.pack_process`): its cover (title, notice, routes) goes up on the
welcome screen as soon as it comes, and the graph is unpickled in a thread once the
first screen is drawn. Without a child, the pack is loaded and checked in that
thread instead. A key that needs the pack before it is in waits for it. A pack with
problems closes the app with exit code 1 and :mod:`pathways.tui.launch` prints the
validator's messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets._toast import ToastHolder, ToastRack

from pathways.core.collector import (
    collect_if_due,
    deferred_full_collections,
    freeze_imports,
    freeze_long_lived,
    paused,
)
from pathways.core.cover import PackCover
from pathways.core.safe_text import plain
from pathways.tui.commands import PackSearch
from pathways.tui.host import ShowsStepHelp
from pathways.tui.screens.too_small import TooSmallScreen, too_small
from pathways.tui.screens.welcome import WelcomeScreen
from pathways.tui.theme import HIGH_CONTRAST
from pathways.tui.typed_ahead import TypedAhead

if TYPE_CHECKING:
    from textual.notifications import Notification

    from pathways.core.model import RuleGraph
    from pathways.core.problems import Problem
    from pathways.core.walk import Walk
    from pathways.pack_process import PackProcess
    from pathways.tui.tour_link import AudienceLink

# Actions that open a view: not offered while a dialog is open.
VIEW_ACTIONS = frozenset(
    {
        "map", "compare", "export", "nothing_to_export", "explore", "help", "tour",
        "case_sheet", "ask_quit",
    }
)

NOTHING_TO_EXPORT = (
    "Explore a case first (1 on the welcome screen): there is nothing to export yet."
)


WALK_SCREEN = "walk"

# The command palette's own commands: (action, name, what it does).
PALETTE_VIEWS: tuple[tuple[str, str, str], ...] = (
    ("explore", "Explore a case", "Answer questions about one person (the walk)"),
    ("case_sheet", "Case sheet", "Every fact on one form, the verdicts beside it"),
    ("compare", "Compare the routes", "The routes side by side, with their sources"),
    ("map", "Map", "Every step, grouped by route"),
    ("tour", "Tour", ""),  # named after the pack's first tour
    ("export", "Export the brief", "Save the brief (asks where, and confirms)"),
    ("help", "Help", "This screen's keys"),
)

NO_SCREENSHOTS = (
    "Screenshots are turned off: a picture of the screen would hold the case. "
    "Export the brief instead (e)."
)

# Python's full collections (30-60 ms at 160x48) wait for a moment this long without input.
IDLE_BEFORE_COLLECTING = 0.5  # seconds

# A key that needs the pack before it is in says so if the wait is longer than this.
SAY_STILL_READING_AFTER = 0.3  # seconds


class CoverRead(Message):
    """The rule pack was read and checked elsewhere; its cover came first."""

    def __init__(self, cover: PackCover) -> None:
        self.cover = cover
        super().__init__()


class PackLoaded(Message):
    """The rule pack was read and checked (``graph`` is None when it has problems)."""

    def __init__(self, graph: RuleGraph | None, problems: list[Problem]) -> None:
        self.graph = graph
        self.problems = problems
        super().__init__()


class PathwaysApp(App[int]):
    """Explore a case, compare routes, browse the map, export a brief."""

    CSS_PATH = "app.tcss"
    TITLE = "pathways"  # until the pack is read: then the pack's own title
    COMMANDS: ClassVar = App.COMMANDS | {PackSearch}
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+x",
            "quick_exit",
            "Quick exit",
            key_display="^x",
            show=False,  # always in view in the title bar instead
            priority=True,
            tooltip="Clear the screen and the scrollback, and close at once",
        ),
        Binding("ctrl+q", "quick_exit", "Quick exit", show=False, priority=True),
        Binding("m", "map", "Map", tooltip="Every step, grouped by route"),
        Binding("c", "compare", "Compare", tooltip="The routes side by side"),
        Binding("e", "export", "Export", tooltip="Save the brief (Markdown and JSON)"),
        # Before a case is under way the footer does not offer e; pressed, it says why.
        Binding("e", "nothing_to_export", "", show=False),
        Binding("f", "case_sheet", "Case sheet", tooltip="Every fact on one form, verdicts live"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "ask_quit", "Quit", tooltip="Asks first when a case is under way"),
    ]

    cover: var[PackCover | None] = var(None)  # what the welcome screen says of the pack
    graph: var[RuleGraph | None] = var(None)
    walk: var[Walk | None] = var(None)

    def __init__(
        self,
        rules_dir: Path | None = None,
        *,
        graph: RuleGraph | None = None,
        high_contrast: bool = False,
        tour: str | None = None,
        tour_link: AudienceLink | None = None,
        export_dir: Path | None = None,
        pack_process: PackProcess | None = None,
    ) -> None:
        super().__init__()
        self.export_dir = export_dir  # where a brief goes by default (else the home folder)
        self.rules_dir = rules_dir
        self.start_tour = tour  # a tour id to open as soon as the pack is loaded
        self.tour_link = tour_link  # the presenter's console of that tour, if any
        self._given_graph = graph
        self._pack_process = pack_process  # a child reading the pack, if one was started
        self._first_frame = threading.Event()  # set once the first screen is drawn
        self._waiting_for_pack: Callable[[], None] | None = None  # a key's, run on arrival
        self._closing = False
        self._signals: list[int] = []  # signals this app handles while it runs
        self.problems: list[Problem] = []
        self.quick_exited = False
        self._carried_on_at: Size | None = None  # escape on the too-small notice, at this size
        self._last_input = time.monotonic()
        self._collector = ExitStack()  # full collections deferred while the app runs
        self._typed_ahead = TypedAhead(
            self,
            partial(App.on_event, self),
            at_once=frozenset(
                key.strip()
                for binding in self.BINDINGS
                if isinstance(binding, Binding) and binding.action == "quick_exit"
                for key in binding.key.split(",")
            ),
            waiting=lambda: self._waiting_for_pack is not None,
        )
        self.register_theme(HIGH_CONTRAST)
        self._default_theme = self.theme
        if high_contrast:
            self.theme = HIGH_CONTRAST.name

    # -- a terminal smaller than the app is laid out for ---------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._say_if_too_small(event.size)

    def _say_if_too_small(self, size: Size) -> None:
        """Put up the notice while the window is too small; take it away once it is not.

        Escape carries on without it until the window is resized again.
        """
        notice = next((s for s in self.screen_stack if isinstance(s, TooSmallScreen)), None)
        if not too_small(size):
            if notice is not None:
                if self.screen is notice:
                    self.pop_screen()
                else:
                    notice.dismiss(None)
            return
        if notice is not None:
            notice.show_size(size)
        elif size != self._carried_on_at:
            self._carried_on_at = None
            self.push_screen(TooSmallScreen(), self._carried_on_small)

    def _carried_on_small(self, _: None) -> None:
        if too_small(self.size):
            self._carried_on_at = self.size

    def get_default_screen(self) -> Screen[None]:
        return WelcomeScreen()

    def on_mount(self) -> None:
        self._quick_exit_on(signal.SIGTERM)
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        # Textual's heap is built: out of the collector's way before the pack's imports and
        # the first screens add to it (each full collection walked all of it again).
        freeze_imports()
        self._collector.enter_context(deferred_full_collections())
        self.set_interval(IDLE_BEFORE_COLLECTING, self._collect_when_idle, name="idle-gc")
        self.call_after_refresh(self._say_if_too_small, self.size)
        if self._given_graph is not None:
            self.cover = PackCover.of(self._given_graph)
            self.graph = self._given_graph
            self.call_after_refresh(freeze_long_lived)
            self._open_start_tour()
            return
        self.call_after_refresh(self._first_frame.set)
        self._load_pack(self._pack_process)

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A dialog opened: the notices up go, on every screen.

        They said what came before it (an export saved, a key that cannot act yet); the
        dialog needs the reader and the rows (app.tcss gives a notice rows of its own).
        Left on the screen beneath, they would show through the dialog's backdrop.
        """
        if isinstance(screen, ModalScreen) and len(self._notifications):
            self.clear_notifications()

    def _refresh_notifications(self) -> None:
        """Textual's, then the rows of the notices gone are given back, on every screen.

        Textual takes a notice out of its holder and leaves the holder: a blank row, now
        that notices have rows of their own (app.tcss). It updates the top screen only.
        """
        super()._refresh_notifications()
        self.call_later(self._give_back_notice_rows)

    def _unnotify(self, notification: Notification, refresh: bool = True) -> None:
        """A notice's time is up (Textual removes its holder, and leaves the rack's row)."""
        super()._unnotify(notification, refresh)
        self.call_later(self._give_back_notice_rows)

    def _give_back_notice_rows(self) -> None:
        kept = {ToastRack._toast_id(notice) for notice in self._notifications}
        for screen in self.screen_stack:
            with contextlib.suppress(NoMatches):
                rack = screen.get_child_by_type(ToastRack)
                for holder in rack.query_children(ToastHolder):
                    if holder.id not in kept:
                        holder.remove()
                if not kept:
                    rack.display = False

    def _quick_exit_on(self, signum: int) -> None:
        """``kill PID`` (SIGTERM) is a quick exit: the case never stays on the screen.

        Python's default for SIGTERM ends the process where it stands, the app's screen
        (the case on it) left in the terminal. Where the event loop cannot take a signal
        (not the main thread, Windows), the default stays.
        """
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signum, self.action_quick_exit)
            self._signals.append(signum)

    # -- the command palette ---------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app's own commands only: none of Textual's.

        Textual offers "Screenshot" (an SVG of the screen, the case on it, saved to
        ~/Downloads without asking), "Quit" (closing mid-case without the question
        that q asks), "Theme" and its key panel. The palette offers the views the
        keys open, and high contrast on and off.
        """
        if isinstance(screen, ModalScreen):
            return
        graph = self.graph
        for action, name, detail in PALETTE_VIEWS:
            if action == "export" and self.walk is None:
                continue
            if action == "tour":
                if graph is None or not graph.tours:
                    continue
                tour = next(iter(graph.tours.values()))
                name, detail = f"Tour: {plain(tour.title)}", "For a room: " + plain(tour.summary)
            yield SystemCommand(name, detail, partial(self.run_action, action))
        contrast = "off" if self.theme == HIGH_CONTRAST.name else "on"
        yield SystemCommand(
            f"High contrast {contrast}",
            "Black, white and bright colours (as --high-contrast)",
            self.toggle_high_contrast,
        )

    def toggle_high_contrast(self) -> None:
        high = self.theme != HIGH_CONTRAST.name
        self.theme = HIGH_CONTRAST.name if high else self._default_theme

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot key action, refused: a picture of a case is never saved."""
        self.notify(NO_SCREENSHOTS, timeout=4)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Textual's way of saving a screenshot from a running app, refused."""
        self.notify(NO_SCREENSHOTS, timeout=4)
        return None

    # -- the rule pack ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="pack", exit_on_error=False)
    def _load_pack(self, process: PackProcess | None) -> None:
        """Bring the pack in: from the child reading it, or read here once the first
        screen is drawn (so it never holds that screen up)."""
        if process is not None:
            from pathways.pack_process import PackNotRead

            try:
                cover, problems = process.cover()
                if cover is None:
                    self.post_message(PackLoaded(None, problems))
                    return
                self.post_message(CoverRead(cover))
                self._first_frame.wait()  # unpickling imports the rule model: after the screen
                self.post_message(PackLoaded(process.graph(), []))
                return
            except PackNotRead:
                if self._closing:
                    return  # stopped because the app is closing: nothing to read
                process.end()  # and read it here, as without a child
        self._first_frame.wait()
        with paused():  # the rule model's imports build no garbage worth collecting
            from pathways.core.check import checked_graph_or_problem
            from pathways.core.shipped_pack import shipped_rules_dir

        graph, problems = checked_graph_or_problem(self.rules_dir or shipped_rules_dir())
        self.post_message(PackLoaded(graph, problems))

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import what the walk screen needs while the person reads the welcome screen."""
        import rich.markdown  # noqa: F401

        import pathways.render.brief  # noqa: F401

    def _after_notice(self) -> None:
        """The notice is on screen: now the work that would have held it up."""
        freeze_long_lived()
        self._warm_up()

    def on_cover_read(self, message: CoverRead) -> None:
        self.cover = message.cover

    def on_pack_loaded(self, message: PackLoaded) -> None:
        if message.graph is None:
            self.problems = message.problems
            self.exit(return_code=1)
            return
        if self.cover is None:
            self.cover = PackCover.of(message.graph)
        self.graph = message.graph
        self.call_after_refresh(self._after_notice)
        self._open_start_tour()
        waiting, self._waiting_for_pack = self._waiting_for_pack, None
        if waiting is not None and not isinstance(self.screen, ModalScreen):
            waiting()  # the key pressed before the pack was in
        self._typed_ahead.follow()  # the keys typed after it, in order

    def watch_cover(self, cover: PackCover | None) -> None:
        if cover is not None:
            self.title = plain(cover.title)  # every title bar names the pack shown

    def _open_start_tour(self) -> None:
        if self.start_tour is not None:
            self.action_tour(self.start_tour)

    def _graph_or_wait(self, then: Callable[[], None]) -> RuleGraph | None:
        """The graph; before it is in, None, and ``then`` (the key's action) runs once it
        is. The keys typed after it wait for it (typed_ahead), and then go in order. A
        wait that lasts is said.

        Actions ask this before they import their screens: those imports need the rule
        model, which the thread bringing the pack in is importing already.
        """
        if self.graph is None:
            if self._waiting_for_pack is None:  # one notice however many keys wait
                self.set_timer(SAY_STILL_READING_AFTER, self._say_still_reading)
            self._waiting_for_pack = then
        return self.graph

    def _say_still_reading(self) -> None:
        if self.graph is None and self._waiting_for_pack is not None:
            self.notify("Still reading the rule pack…", timeout=2)

    # -- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in VIEW_ACTIONS and isinstance(self.screen, ModalScreen):
            return False
        if action == "export":
            return self.walk is not None  # before a walk: not offered (e says why)
        if action == "nothing_to_export":
            return self.walk is None
        return True

    def action_nothing_to_export(self) -> None:
        self.notify(NOTHING_TO_EXPORT, timeout=4)

    def action_explore(self) -> None:
        graph = self._graph_or_wait(self.action_explore)
        if graph is None:
            return
        from pathways.core.walk import Walk
        from pathways.tui.screens.walk import WalkScreen

        if self.walk is None:
            self.walk = Walk.begin(graph, questions_first=True)
        if not self.is_screen_installed(WALK_SCREEN):
            # One walk view for the whole session, kept when closed: reopening it costs
            # nothing, and no closed view is left behind watching the walk.
            self.install_screen(WalkScreen(graph), WALK_SCREEN)
            self.call_after_refresh(freeze_long_lived)
        walk_screen = self.get_screen(WALK_SCREEN)
        if walk_screen in self.screen_stack:
            while self.screen is not walk_screen:
                self.pop_screen()
            return
        self.push_screen(WALK_SCREEN)

    def action_tour(self, tour_id: str | None = None) -> None:
        """Present a tour (the pack's first when none is named)."""
        graph = self._graph_or_wait(partial(self.action_tour, tour_id))
        if graph is None:
            return
        from pathways.tui.screens.tour import TourScreen

        tour = graph.tours.get(tour_id) if tour_id else next(iter(graph.tours.values()), None)
        if tour is None:
            self.notify("This rule pack has no tour.", timeout=3)
            return
        if isinstance(self.screen, TourScreen):
            self.pop_screen()
        opened_from_shell = tour.id == self.start_tour  # pathways tour NAME
        link = self.tour_link if opened_from_shell else None
        self.push_screen(TourScreen(graph, tour, link=link, closes_app=opened_from_shell))

    async def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
        self._closing = True
        self._first_frame.set()  # a reader waiting for it stops waiting
        if self._pack_process is not None:
            self._pack_process.end()  # a reader still waiting for it sees the pipe end
        self._collector.close()
        if self.tour_link is not None:
            await self.tour_link.close()

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.InputEvent):
            await super().on_event(event)
            return
        self._last_input = time.monotonic()
        if isinstance(event, events.Key) and not event.is_forwarded:
            # One key at a time: one typed while the key before it is still at work
            # (putting up a screen, waiting for the pack) waits for it (typed_ahead).
            if self._typed_ahead.keep(event):
                return
            await super().on_event(event)
            self._typed_ahead.follow()
            return
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        """The cycle collector's full pass, at a moment when no key is waiting for a frame."""
        if time.monotonic() - self._last_input >= IDLE_BEFORE_COLLECTING:
            collect_if_due()

    def action_map(self) -> None:
        graph = self._graph_or_wait(self.action_map)
        if graph is None:
            return
        from pathways.tui.screens.map import MapScreen

        if isinstance(self.screen, MapScreen):
            self.pop_screen()
            return
        self.push_screen(MapScreen(graph, self.walk))

    def action_compare(self) -> None:
        graph = self._graph_or_wait(self.action_compare)
        if graph is None:
            return
        from pathways.tui.screens.compare import CompareScreen

        if isinstance(self.screen, CompareScreen):
            self.pop_screen()
            return
        self.push_screen(CompareScreen(graph, self.walk))

    def action_case_sheet(self) -> None:
        graph = self._graph_or_wait(self.action_case_sheet)
        if graph is None:
            return
        from pathways.tui.screens.case_sheet import CaseSheetScreen

        if isinstance(self.screen, CaseSheetScreen):
            self.pop_screen()
            return
        self.push_screen(CaseSheetScreen(graph, self.walk))

    def action_help(self) -> None:
        """Help: the app's own keys for this screen (none of Textual's generic ones)."""
        from pathways.tui.screens.help import HelpScreen

        keys: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.description and _ours(active.node, binding):
                keys.setdefault(binding.description, self.get_key_display(binding))
        keys.setdefault("Search steps, sources, terms", "^p")
        if "Quick exit" in keys:
            keys["Quick exit"] = "^x"
        text = self.screen.step_help() if isinstance(self.screen, ShowsStepHelp) else None
        notice = self.graph.pack.notice if self.graph is not None else None
        self.push_screen(HelpScreen([(k, d) for d, k in keys.items()], text, notice))

    def action_export(self) -> None:
        from pathways.tui.screens.export import ExportScreen

        if self.walk is None:
            self.action_nothing_to_export()
            return

        def said(outcome: str | None) -> None:
            if outcome is None:
                self.notify("Export cancelled: nothing was written.", timeout=3)
            else:  # the paths typed are shown as typed, never read as markup
                self.notify(outcome, title="Brief exported", timeout=6, markup=False)

        self.push_screen(ExportScreen(self.walk, self.export_dir), said)

    def action_ask_quit(self) -> None:
        """Quit; when a case has answers, ask first (nothing is saved unless exported)."""
        walk = self.walk
        if walk is None or not walk.given:
            self.exit(return_code=0)
            return
        from pathways.tui.screens.confirm import ConfirmScreen

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.exit(return_code=0)

        self.push_screen(
            ConfirmScreen(
                "Quit?",
                "A case is under way. Its answers are not kept when the app closes "
                "(export saves a brief first).",
                yes="Quit",
            ),
            leave,
        )

    def action_help_quit(self) -> None:
        """ctrl+c (Textual's key for it): how to leave, since ctrl+c does not (a reflex)."""
        self.notify(
            "To leave: q (asks first when a case is under way), or ctrl+x for a quick exit "
            "that clears the screen.",
            title="ctrl+c does not close the app",
            timeout=5,
        )

    def action_quick_exit(self) -> None:
        """Leave at once: launch clears the screen and scrollback after the app stops."""
        self.quick_exited = True
        self.exit(return_code=0)

    def drop_keys_typed_ahead(self) -> int:
        return self._typed_ahead.drop()

    # -- opened from the command palette -----------------------------------------------

    def open_node(self, node_id: str) -> None:
        from pathways.tui.screens.node_detail import NodeScreen

        if self.graph is not None and node_id in self.graph.nodes:
            self.push_screen(NodeScreen(self.graph, node_id))

    def open_source(self, source_id: str) -> None:
        from pathways.tui.screens.source_detail import SourceScreen

        if self.graph is not None and source_id in self.graph.sources:
            self.push_screen(SourceScreen(self.graph, source_id))

    def open_tour(self, tour_id: str, node_id: str | None = None) -> None:
        """Present a tour, at the step that shows ``node_id`` when one is named."""
        from pathways.tui.screens.tour import TourScreen

        self.action_tour(tour_id)
        screen = self.screen
        if node_id is not None and isinstance(screen, TourScreen):
            screen.go_to_node(node_id)

    def open_glossary(self, term_id: str) -> None:
        from pathways.tui.screens.glossary import GlossaryScreen

        if self.graph is not None:
            self.push_screen(GlossaryScreen(self.graph, first=term_id))


def _ours(node: object, binding: Binding) -> bool:
    """Whether the binding is one of this app's (declared in a pathways class), not one
    Textual gives every scroll view and list ("Scroll Left", "Copy selected text")."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("pathways."):
            for own in cls.__dict__.get("BINDINGS", ()):
                if isinstance(own, Binding) and own.action == binding.action:
                    return True
    return False
