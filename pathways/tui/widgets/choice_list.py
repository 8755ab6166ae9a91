"""The choices of the current step: arrows + Enter, a click, or a number key (the screen's)."""

from __future__ import annotations

import time

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pathways.tui.host import host
from pathways.tui.rich_visual import KeptRender
from pathways.tui.rule_content import text
from pathways.tui.widgets.kept_in_view import KeptInView


class ChoiceList(KeptInView):
    """Numbered options; choosing one posts :class:`ChoiceList.Chosen`.

    The guard against a fast second Enter: Enter or space pressed before the current
    choices were put up (typed quickly, or a key repeating) never chooses among them,
    and a :class:`Chosen` from choices since replaced is stale (:meth:`is_current`).
    Enter only ever answers a question the person has seen. A number key typed ahead
    (the app hands each key to the screen once the key before it is done) is taken:
    it names the choice, as a person who knows the questions types it.
    """

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 50%;
        border: round $primary;
    }
    """

    _shown_at: float = 0.0
    generation: int = 0  # which set of choices is up; a Chosen names the one it was for

    class Chosen(Message):
        """The person chose the option with this id."""

        def __init__(self, choice_list: ChoiceList, choice_id: str, generation: int) -> None:
            self.choice_list = choice_list
            self.choice_id = choice_id
            self.generation = generation
            super().__init__()

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    CHOICES_KEPT = 256
    _kept: dict[tuple[int, str, str, str], Option] | None = None

    def set_choices(self, choices: list[tuple[str, str]], highlight: int = 0) -> None:
        """Replace the options with ``(id, label)`` pairs, numbered from 1.

        A choice put up before is put up as the same option, drawn from its render then.
        """
        if self._kept is None or len(self._kept) >= self.CHOICES_KEPT:
            self._kept = {}
        kept, theme = self._kept, self.app.theme
        options: list[Option] = []
        for n, (choice_id, label) in enumerate(choices, start=1):
            option = kept.get((n, choice_id, label, theme))
            if option is None:
                prompt = Content.assemble((f"{n} ", "bold $text-accent"), text(label))
                option = kept[n, choice_id, label, theme] = Option(
                    KeptRender(prompt), id=choice_id
                )
            options.append(option)
        self.put_up(options, highlight)

    # While the list draws its lines: its lines are as they were when it began, and each
    # option's render is looked up once. Textual works both out again for every line
    # drawn (the region, the gutter, the padding: ~40 µs a line, 43 lines for the trail
    # at 160x48, drawn whole whenever the highlight moves).
    _drawing = False
    _drawn: dict[tuple[Option, Style], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_lines()
        self._drawing, self._drawn = True, {}
        try:
            return super().render_lines(crop)
        finally:
            self._drawing, self._drawn = False, None

    def _update_lines(self) -> None:
        if self._drawing:
            return  # brought up to date (and wrapped at its width) when the drawing began
        super()._update_lines()

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        drawn = self._drawn
        if drawn is not None:
            found = drawn.get((option, style))
            if found is None:
                found = drawn[option, style] = super()._get_option_render(option, style)
            return found
        return super()._get_option_render(option, style)

    _replacing = False  # options are being put up: the scrollbars wait for the layout

    def _scroll_update(self, virtual_size: Size) -> None:
        if not self._replacing:
            super()._scroll_update(virtual_size)

    def _scrollbars_after_layout(self) -> None:
        """Decide the scrollbars with the list's new height, as the layout pass does.

        Textual decides them as options are added, against the list's old height: the
        summary's nine choices in a list two rows high showed a scrollbar the layout
        then took away, a second layout pass and frame for every summary and what-if.
        """
        self._scroll_update(self.virtual_size)

    def put_up(self, options: list[Option], highlight: int = 0) -> None:
        """Replace the options; keys pressed before now do not choose among them."""
        self._replacing = True
        try:
            self.clear_options()
            self.add_options(options)
        finally:
            self._replacing = False
        self.call_after_refresh(self._scrollbars_after_layout)
        enabled = [i for i, o in enumerate(options) if not o.disabled]
        self.highlighted = min(highlight, len(options) - 1) if enabled else None
        self._shown_at = time.monotonic()  # the clock of Textual's event times
        self.generation += 1

    def extend(self, options: list[Option], highlight: int) -> None:
        """Add options after those up (drawn before are kept as drawn), as :meth:`put_up`."""
        self.add_options(options)
        self.highlighted = min(highlight, self.option_count - 1)
        self._shown_at = time.monotonic()
        self.generation += 1

    def on_key(self, event: events.Key) -> None:
        """Enter or space pressed before these choices were up is not taken, nor are the
        keys typed after it (they were meant for the steps after the one it would have
        answered). A number key typed ahead is: it names its choice."""
        if event.key in ("enter", "space") and event.time < self._shown_at:
            event.stop()
            event.prevent_default()
            dropped = host(self.app).drop_keys_typed_ahead()
            if dropped:
                self.notify(
                    f"Enter typed ahead was not taken, nor the {dropped} "
                    f"key{'s' if dropped != 1 else ''} after it: Enter only chooses "
                    "a choice on the screen. Number keys can be typed ahead.",
                    timeout=4,
                )

    def is_current(self, event: ChoiceList.Chosen) -> bool:
        """Whether ``event`` was chosen from the choices that are up now."""
        return event.generation == self.generation

    def action_choose(self, number: int) -> None:
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()

    def choose_now(self, number: int) -> ChoiceList.Chosen | None:
        """Highlight choice ``number`` and give what choosing it posts, for the caller to
        handle at once (None if there is no such choice, or it cannot be chosen).

        Posted, the choice reached the screen a few messages later, and the highlight
        moved to it was drawn in a frame of its own before the step it chose (~2-3 ms
        more before a what-if's summary settled at 160x48).
        """
        if not 1 <= number <= self.option_count:
            return None
        option = self.get_option_at_index(number - 1)
        if option.disabled or option.id is None:
            return None
        self.highlighted = number - 1
        return self.Chosen(self, option.id, self.generation)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, event.option.id, self.generation))
