"""Problems found in a rule pack: data, not exceptions."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pathways.core.safe_text import plain


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a rule pack, where it is, and how to fix it."""

    file: str
    line: int
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.file}:{self.line}: {self.code}: {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return plain(text)

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)
