"""Counts in words: "one route", "five routes", "no statutes", never "1 reports"."""

from __future__ import annotations

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def counted(count: int, singular: str, plural: str | None = None, *, words: bool = True) -> str:
    """``count`` things, singular or plural as the number needs (numbers to ten in words).

    ``plural`` defaults to ``singular + "s"``; with ``words=False`` the number stays a
    figure ("1 report or voice", "0 statutes" is said "no statutes" either way).
    """
    noun = singular if count == 1 else (plural if plural is not None else singular + "s")
    if count == 0 or (words and 0 <= count < len(NUMBER_WORDS)):
        return f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} {noun}"
    return f"{count} {noun}"
