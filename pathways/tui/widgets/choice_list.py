"""The choices of the current step: arrows + Enter, a click, or a number key (the screen's)."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pathways.tui.rule_content import text


class ChoiceList(OptionList):
    """Numbered options; choosing one posts :class:`ChoiceList.Chosen`."""

    class Chosen(Message):
        """The person chose the option with this id."""

        def __init__(self, choice_id: str) -> None:
            self.choice_id = choice_id
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

    def action_choose(self, number: int) -> None:
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
