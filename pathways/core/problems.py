"""Problems found in a rule pack: data, not exceptions."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pathways.core.safe_text import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a rule pack, where it is, and how to fix it."""

    file: str
    line: int
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """``file:line: code: message`` and the fix, each on its own line whatever the
        file name or message holds (a newline in either is shown as ``\\n``)."""
        text = f"{one_line(self.file)}:{self.line}: {self.code}: {one_line(self.message)}"
        if self.hint:
            text += f"\n    fix: {one_line(self.hint)}"
        return text

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)
