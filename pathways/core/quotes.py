"""Checking quotes against source texts, word for word.

Only Unicode composition (NFC: a composed and a decomposed "é" are the same),
whitespace and typographic quotes/dashes are normalised; everything else must
match character for character.

When a quote is not found, :meth:`SourceTexts.closest` names the passage most like
it, with rapidfuzz's partial-ratio alignment (milliseconds against a megabyte). Its
work is bounded: a long quote is located by three slices of at most
:data:`PROBE_CHARS` characters (its start, middle and end), and one
:class:`SourceTexts` spends at most :data:`CLOSEST_BUDGET_S` seconds in all on
suggestions; past that the message says the search was skipped.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

from pathways.core.model import Source
from pathways.core.untrusted_file import Refused, read_untrusted

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
MAX_SOURCE_BYTES = 4 * 1024 * 1024
PROBE_CHARS = 240
CLOSEST_BUDGET_S = 5.0
NOT_SEARCHED = "(not searched: the time for suggestions is used up)"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


class SourceTexts:
    """The source texts in a folder, read once each, normalised, cut to each source's part."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, str | Refused | None] = {}  # None: there is no such file
        self._parts: dict[tuple[str, str | None, str | None], str | None] = {}
        self._closest_spent = 0.0

    def _read(self, name: str) -> str | Refused | None:
        path = self.folder / name
        if not os.path.lexists(path):
            return None
        try:
            raw = read_untrusted(path, MAX_SOURCE_BYTES, folder=self.folder)
        except Refused as refused:
            return refused
        try:
            return normalise(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            return Refused(
                "not-utf8",
                f"byte 0x{raw[error.start]:02x} on line {line} is not UTF-8",
                "save the source's text as UTF-8",
            )

    def _file(self, name: str) -> str | None:
        if name not in self._files:
            self._files[name] = self._read(name)
        text = self._files[name]
        return text if isinstance(text, str) else None

    def refusal(self, name: str) -> Refused | None:
        """Why the file ``name`` exists but is not read (too large, a FIFO, not UTF-8...),
        or None when it was read or does not exist."""
        self._file(name)
        found = self._files[name]
        return found if isinstance(found, Refused) else None

    def get(self, source: Source) -> str | None:
        """The normalised text of the part of the file that is this source's voice."""
        if source.file is None:
            return None
        key = (source.file, source.after, source.before)
        if key not in self._parts:  # cut once per source, not once per quote
            self._parts[key] = self._cut(source)
        return self._parts[key]

    def _cut(self, source: Source) -> str | None:
        assert source.file is not None
        text = self._file(source.file)
        if text is None:
            return None
        if source.after:
            marker = normalise(source.after)
            at = text.find(marker)
            text = text[at + len(marker):] if at >= 0 else ""
        if source.before:
            marker = normalise(source.before)
            at = text.find(marker)
            if at >= 0:
                text = text[:at]
        return text

    def contains(self, source: Source, quote: str) -> bool:
        text = self.get(source)
        return text is not None and normalise(quote) in text

    def closest(self, source: Source, quote: str) -> str:
        """The passage of the source most like the quote (for the error message)."""
        if self._closest_spent >= CLOSEST_BUDGET_S:
            return NOT_SEARCHED
        started = time.perf_counter()
        try:
            return closest_passage(self.get(source) or "", normalise(quote))
        finally:
            self._closest_spent += time.perf_counter() - started


def _probes(want: str) -> list[str]:
    if len(want) <= PROBE_CHARS:
        return [want]
    middle = (len(want) - PROBE_CHARS) // 2
    return [want[:PROBE_CHARS], want[middle:middle + PROBE_CHARS], want[-PROBE_CHARS:]]


def closest_passage(text: str, want: str, width: int = 160) -> str:
    """The words of ``text`` best aligned with ``want`` (both normalised), at most
    ``width`` characters, or "" when nothing is alike."""
    from rapidfuzz.fuzz import partial_ratio_alignment, ratio  # only when a quote is off

    if not text or not want:
        return ""
    probe, best = max(
        ((probe, partial_ratio_alignment(probe, text)) for probe in _probes(want)),
        key=lambda found: -1.0 if found[1] is None else found[1].score,
    )
    if best is None or best.score == 0:
        return ""
    # The alignment is as long as the probe; move it to whole words: the window of
    # as many words, near the aligned span, that is most like the probe.
    size = len(probe.split(" "))
    lo = max(0, best.dest_start - len(probe))
    around = text[lo:best.dest_end + len(probe)]
    words = around.split(" ")
    if lo > 0:
        words = words[1:]  # probably cut in the middle
    windows = (
        " ".join(words[first:first + size]) for first in range(max(1, len(words) - size + 1))
    )
    passage = max(windows, key=lambda window: ratio(window, probe)).strip()
    return passage if len(passage) <= width else passage[:width - 3].rstrip() + "..."
