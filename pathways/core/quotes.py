"""Checking quotes against source texts, word for word.

Only whitespace and typographic quotes/dashes are normalised; everything else
must match character for character.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pathways.core.model import Source

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


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


class SourceTexts:
    """The source texts in a folder, read once each, normalised, cut to each source's part."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, str | None] = {}
        self._parts: dict[tuple[str, str | None, str | None], str | None] = {}

    def _file(self, name: str) -> str | None:
        if name not in self._files:
            path = self.folder / name
            try:
                if path.resolve().parent != self.folder.resolve() or not path.is_file():
                    raise OSError
                if path.stat().st_size > MAX_SOURCE_BYTES:
                    raise OSError
                self._files[name] = normalise(path.read_bytes().decode("utf-8", "replace"))
            except OSError:
                self._files[name] = None
        return self._files[name]

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
        text = self.get(source) or ""
        words = text.split(" ")
        want = normalise(quote)
        size = max(1, len(want.split(" ")))
        best, best_score = "", -1.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(want)
        for start in range(0, max(1, len(words) - size + 1)):
            window = " ".join(words[start:start + size])
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = window, score
        return best if len(best) <= 160 else best[:157] + "..."
