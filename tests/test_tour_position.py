"""Where a tour is, and the one-line messages the two windows of a tour exchange."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pathways.core.tour_position import MAX_LINE, TourPosition, position_from_line, tour_of_line


def test_next_and_previous_stop_at_the_ends() -> None:
    position = TourPosition(3)
    assert position.previous(False) == position
    assert position.next(False).next(False).step == 2
    assert position.last().next(False) == position.last()


def test_ask_mode_answers_before_it_moves_on_and_back_hides_the_answer() -> None:
    asking = TourPosition(3).toggle_ask()
    assert asking.asking(has_question=True)
    answered = asking.next(has_question=True)
    assert (answered.step, answered.answered) == (0, True)
    moved = answered.next(has_question=True)
    assert (moved.step, moved.answered) == (1, False)
    assert moved.previous(has_question=True) == TourPosition(3, 0, True, True)
    assert answered.previous(has_question=True) == asking
    assert not asking.asking(has_question=False)  # a step without a question: the door
    assert asking.next(has_question=False).step == 1


def test_jump_clamps_and_asks_again() -> None:
    position = TourPosition(3, 1, ask=True, answered=True)
    assert position.jump(99) == TourPosition(3, 2, True, False)
    assert position.jump(-4) == TourPosition(3, 0, True, False)
    assert position.first() == TourPosition(3, 0, True, False)


def test_a_position_survives_its_line() -> None:
    position = TourPosition(7, 4, ask=True, answered=False)
    line = position.to_line("catch-22")
    assert line.endswith(b"\n") and len(line) < MAX_LINE
    assert position_from_line(line, "catch-22", 7) == position
    assert tour_of_line(line) == "catch-22"


def test_lines_for_another_tour_or_shape_are_ignored() -> None:
    good = {"tour": "t", "total": 3, "step": 1, "ask": False, "answered": False}
    assert position_from_line(json.dumps(good).encode(), "t", 3) is not None
    for change in ({"tour": "u"}, {"total": 4}, {"step": 3}, {"step": -1}, {"step": True},
                   {"step": "1"}, {"ask": 1}, {"answered": None}):
        assert position_from_line(json.dumps({**good, **change}).encode(), "t", 3) is None
    assert position_from_line(b"x" * (MAX_LINE + 1), "t", 3) is None
    assert tour_of_line(b"[1, 2]") is None


@given(st.binary(max_size=600))
def test_any_bytes_from_a_peer_are_a_position_or_nothing(line: bytes) -> None:
    result = position_from_line(line, "t", 3)
    assert result is None or 0 <= result.step < 3
    tour_of_line(line)
