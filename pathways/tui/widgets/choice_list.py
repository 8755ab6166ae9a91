"""The choices of the current step: arrows + Enter, a click, or a number key (the screen's)."""

from __future__ import annotations

import time

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pathways.tui.rule_content import text


class ChoiceList(OptionList):
    """Numbered options; choosing one posts :class:`ChoiceList.Chosen`.

    A key pressed before the current choices were put up (a second Enter or number
    typed quickly, or a key repeating) never chooses among them: an answer must be
    given to a question the person has seen.
    """

    _shown_at: float = 0.0
    generation: int = 0  # which set of choices is up; a Chosen names the one it was for

    class Chosen(Message):
        """The person chose the option with this id."""

        def __init__(self, choice_id: str, generation: int) -> None:
            self.choice_id = choice_id
            self.generation = generation
            super().__init__()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Replace the options with ``(id, label)`` pairs, numbered from 1."""
        self.clear_options()
        self.add_options(
            Option(
                Content.assemble((f"{n} ", "bold $text-accent"), text(label)),
                id=choice_id,
            )
            for n, (choice_id, label) in enumerate(choices, start=1)
        )
        self.highlighted = 0 if choices else None
        self._shown_at = time.monotonic()  # the clock of Textual's event times
        self.generation += 1

    def on_key(self, event: events.Key) -> None:
        choosing = event.key in ("enter", "space") or event.key.isdigit()
        if choosing and event.time < self._shown_at:
            event.stop()
            event.prevent_default()

    def action_choose(self, number: int) -> None:
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id, self.generation))
