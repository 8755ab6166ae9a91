"""Where a tour is: the step, and in "ask the room" mode whether its answer is shown.

A value, like a walk: every key returns a new position. The audience view and the
presenter's console each hold one and send it to the other as one line of JSON, so
either window drives both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

MAX_LINE = 512  # bytes: a position line is about 70


@dataclass(frozen=True)
class TourPosition:
    """Step ``step`` (0-based) of ``total``; ``ask``: questions first; ``answered``: shown."""

    total: int
    step: int = 0
    ask: bool = False
    answered: bool = False

    def next(self, has_question: bool) -> TourPosition:
        """Reveal the answer to this step's question, or go to the next step."""
        if self.ask and has_question and not self.answered:
            return replace(self, answered=True)
        if self.step < self.total - 1:
            return replace(self, step=self.step + 1, answered=False)
        return self

    def previous(self, has_question: bool) -> TourPosition:
        """Hide the answer again, or go back to the previous step, answered."""
        if self.ask and has_question and self.answered:
            return replace(self, answered=False)
        if self.step > 0:
            return replace(self, step=self.step - 1, answered=True)
        return self

    def jump(self, step: int) -> TourPosition:
        """Go to ``step`` (0-based, clamped), its question not yet answered."""
        return replace(self, step=max(0, min(step, self.total - 1)), answered=False)

    def first(self) -> TourPosition:
        return self.jump(0)

    def last(self) -> TourPosition:
        return self.jump(self.total - 1)

    def toggle_ask(self) -> TourPosition:
        return replace(self, ask=not self.ask, answered=False)

    def asking(self, has_question: bool) -> bool:
        """True while the room sees the question and not yet its answer."""
        return self.ask and has_question and not self.answered

    def is_last(self) -> bool:
        return self.step == self.total - 1

    def to_line(self, tour_id: str) -> bytes:
        message = {"tour": tour_id, "total": self.total, "step": self.step,
                   "ask": self.ask, "answered": self.answered}
        return json.dumps(message).encode() + b"\n"


def position_from_line(line: bytes, tour_id: str, total: int) -> TourPosition | None:
    """The position a peer sent, or None if the line is not one for this tour."""
    message = _message(line)
    if message is None or message.get("tour") != tour_id:
        return None
    step, ask, answered = message.get("step"), message.get("ask"), message.get("answered")
    if message.get("total") != total or type(step) is not int or not 0 <= step < total:
        return None
    if not isinstance(ask, bool) or not isinstance(answered, bool):
        return None
    return TourPosition(total, step, ask, answered)


def tour_of_line(line: bytes) -> str | None:
    """The tour id a peer's line names (the presenter learns the tour from the first)."""
    message = _message(line)
    tour = message.get("tour") if message is not None else None
    return tour if isinstance(tour, str) else None


def _message(line: bytes) -> dict[str, object] | None:
    """A peer's line as a JSON object, or None if it is too long or not one."""
    if len(line) > MAX_LINE:
        return None
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return message if isinstance(message, dict) else None
