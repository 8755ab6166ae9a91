"""One fact of a case as a compact form row: the question, and its choices in a line."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from pathways.core.model import Question
from pathways.core.walk import answer_key
from pathways.tui.rule_content import text


class FactRow(Widget, can_focus=True):
    """←/→ change the answer, 1-9 pick one, delete clears it; posts :class:`Changed`."""

    DEFAULT_CSS = """
    FactRow {
        height: auto;
        padding: 0 1 1 1;  /* padding, not margin: scrolled into view with the row */
    }
    FactRow:focus {
        background: $boost;
        background-tint: $foreground 8%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space", "step(1)", "Next answer", show=False),
        Binding("left", "step(-1)", "Previous answer", show=False),
        Binding("delete,backspace", "clear", "Not known", show=False),
        Binding("down,enter", "app.focus_next", "Next fact", show=False),
        Binding("up", "app.focus_previous", "Previous fact", show=False),
        *(
            Binding(str(n), f"pick({n})", "Pick", key_display="1-9", show=False)
            for n in range(1, 10)
        ),
    ]

    value: reactive[str | None] = reactive(None)
    question: reactive[Question | None] = reactive(None, layout=True)

    class Changed(Message):
        """The answer recorded under ``key`` is now ``value`` (None: not known)."""

        def __init__(self, row: FactRow, key: str, value: str | None) -> None:
            self.row = row
            self.key = key
            self.value = value
            super().__init__()

        @property
        def control(self) -> FactRow:
            return self.row

    def __init__(self, question: Question, value: str | None = None) -> None:
        super().__init__()
        self.key = answer_key(question)
        self.set_reactive(FactRow.question, question)
        self.set_reactive(FactRow.value, value)

    def render(self) -> Content:
        return self._laid_out(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._laid_out(width).split("\n"))

    def _laid_out(self, width: int) -> Content:
        """The title, then the choices, a line wrapping between choices; a choice wider than
        the row wraps at its own spaces (never cut)."""
        question = self.question
        assert question is not None
        width = max(width, 20)
        lines: list[Content] = Content.styled(text(question.title), "bold").wrap(width)
        line = Content("")
        pieces = [
            Content.styled(
                f" {n} {text(choice.label)} ",
                "bold reverse $text-accent" if choice.id == self.value else "$text-muted",
            )
            for n, choice in enumerate(question.choices, start=1)
        ]
        if self.value is None:
            pieces.append(Content.styled("· not known", "italic $text-muted"))
        for piece in pieces:
            if line.cell_length and line.cell_length + 1 + piece.cell_length > width:
                lines.append(line)
                line = Content("")
            if not line.cell_length and piece.cell_length > width:
                # A choice wider than the row: wrapped at its spaces (never cut), its
                # further lines under its label, not under its number.
                first, *more = piece.wrap(width - 3)
                parts = [first, *(Content("   ") + part for part in more)]
                *whole, line = parts
                lines += [part.rstrip() for part in whole]
                continue
            line = line + Content(" ") + piece if line.cell_length else piece
        lines.append(line)
        return Content("\n").join(lines)

    def _set(self, value: str | None) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, self.key, value))

    def action_step(self, delta: int) -> None:
        question = self.question
        if question is None:
            return
        ids = [c.id for c in question.choices]
        if self.value not in ids:
            self._set(ids[0] if delta > 0 else ids[-1])
        else:
            self._set(ids[(ids.index(self.value) + delta) % len(ids)])

    def action_pick(self, number: int) -> None:
        question = self.question
        if question is not None and 1 <= number <= len(question.choices):
            self._set(question.choices[number - 1].id)

    def action_clear(self) -> None:
        self._set(None)
