"""Saving the brief: where what the person typed points, and writing both files or neither.

No Textual here: the export dialog asks, this decides. Every path typed is either
a :class:`Target` (the Markdown file and the JSON beside it) or a
:class:`Refusal` with a sentence for the person; nothing typed raises.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from pathways.brief_file import DEFAULT_NAME as DEFAULT_NAME  # the dialog offers it
from pathways.brief_file import problem_with
from pathways.private_file import write_private_files


@dataclass(frozen=True)
class Target:
    markdown: Path
    json: Path

    @property
    def paths(self) -> tuple[Path, Path]:
        return self.markdown, self.json


@dataclass(frozen=True)
class Refusal:
    reason: str


def default_folder(export_dir: Path | None = None) -> Path:
    """The folder a brief goes to unless another is typed: ``--export-dir`` or home."""
    return export_dir if export_dir is not None else Path.home()


def resolve(typed: str, folder: Path) -> Target | Refusal:
    """What ``typed`` means: a file (``.md`` added if missing), or a folder to save inside.

    Relative paths are taken from ``folder``. A path ending in ``/``, or naming a
    folder that exists (``/``, ``.``, ``~``), saves ``pathways-brief.md`` inside it.
    """
    raw = typed.strip()
    if not raw:
        return Refusal("Type a file name or a folder.")
    if "\x00" in raw:
        return Refusal("A file name cannot contain a NUL character.")
    try:
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = folder / path
        is_folder = raw.endswith(("/", os.sep)) or _is_dir(path) or path.name in ("", ".", "..")
    except (OSError, RuntimeError, ValueError) as error:
        return Refusal(f"That path cannot be used: {error}.")
    if is_folder:
        path = path / DEFAULT_NAME
    try:
        path = path.resolve()  # the full path, as it is shown before saving ("//" too)
    except (OSError, RuntimeError):  # a loop of links: problem_with names it, as --brief does
        path = path.absolute()
    if path.suffix.lower() != ".md":
        path = path.with_name(path.name + ".md")
    target = Target(path, path.with_suffix(".json"))
    why = problem_with(target.paths)  # the checks and words of `pathways walk --brief`
    if why:
        return Refusal(f"{why[0].upper()}{why[1:]}.")
    return target


def existing(target: Target) -> list[Path]:
    """The files of ``target`` that are already there (replaced only if the person says so)."""
    return [p for p in target.paths if p.exists() or p.is_symlink()]


def save(target: Target, texts: tuple[str, str], *, replace: bool = False) -> None:
    """Write the Markdown and the JSON, both or neither (mode 0600).

    Raises :class:`FileExistsError` when a file is there and ``replace`` is false, and
    :class:`OSError` (``filename`` set) for anything else; nothing is left behind, and
    a replaced file is restored if the other could not be written.
    """
    for path in target.paths:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    write_private_files(dict(zip(target.paths, texts, strict=True)), replace=replace)


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False when the system cannot say (a name too long)."""
    try:
        return path.is_dir()
    except OSError:
        return False
