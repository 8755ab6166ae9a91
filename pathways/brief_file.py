"""Saving a brief: which two files a typed path means, and writing both or neither.

A folder (an existing one, or a path ending in ``/``) saves inside it as
``pathways-brief.md``; a name without ``.md`` gets it; the JSON goes beside the
Markdown with the same name. Both files are created with mode 0600 and never
replace a file unless the caller says so (after asking). Every failure is a
:class:`BriefNotSaved` with a sentence for the person, naming the file they asked
for, never a temporary one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pathways.core.walk import Walk
from pathways.private_file import write_private_files
from pathways.render.brief import brief_json_text, brief_markdown, build_brief

DEFAULT_NAME = "pathways-brief.md"


class BriefNotSaved(Exception):
    """Nothing was written; the message says why, in words for the person."""


def brief_targets(typed: str) -> tuple[Path, Path]:
    """The Markdown and JSON files (absolute) for a path as the person typed it."""
    text = typed.strip()
    if not text:
        raise BriefNotSaved("no file name given")
    if "\x00" in text:
        raise BriefNotSaved("a file name cannot hold a NUL character")
    path = Path(text).expanduser()
    if _is_dir(path) or text.endswith((os.sep, "/")) or path.name in ("", ".", ".."):
        path = path / DEFAULT_NAME
    if path.suffix.lower() != ".md":
        path = path.with_name(path.name + ".md")
    path = path.absolute()  # symlinks in the folder kept as typed
    return path, path.with_suffix(".json")


def problem_with(targets: tuple[Path, ...]) -> str | None:
    """Why these files could not be written, if that can be seen before trying."""
    folder = targets[0].parent
    if not _is_dir(folder):
        return f"the folder {folder} does not exist"
    for target in targets:
        try:
            os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError as error:  # a name too long, a loop of links, ...
            return f"cannot use {target}: {error.strerror or type(error).__name__}"
        if _is_dir(target):
            return f"{target} is a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} cannot be written to"
    return None


def existing(targets: Sequence[Path]) -> list[Path]:
    """The targets a save would replace (a symlink counts, even a dangling one)."""
    found = []
    for target in targets:
        try:
            os.lstat(target)
        except OSError:
            continue
        found.append(target)
    return found


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def save_brief(walk: Walk, md: Path, js: Path, *, replace: bool = False) -> list[Path]:
    """Write the brief of ``walk`` to ``md`` and ``js``, both or neither; return them.

    Raises :class:`BriefNotSaved` if either cannot be written
    (:func:`pathways.private_file.write_private_files` leaves nothing behind).
    """
    why = problem_with((md, js))
    if why:
        raise BriefNotSaved(why)
    if not replace:
        there = existing((md, js))
        if there:
            raise BriefNotSaved(f"{' and '.join(map(str, there))} already exist"
                                + ("s" if len(there) == 1 else ""))
    brief = build_brief(walk)
    files = {md: brief_markdown(brief), js: brief_json_text(brief)}
    try:
        return write_private_files(files, replace=replace)  # both files or neither
    except FileExistsError:
        there = existing((md, js))
        raise BriefNotSaved(f"{' and '.join(map(str, there or [md]))} already exists") from None
    except OSError as error:  # the reason only: error.filename may be a temporary name
        reason = error.strerror or type(error).__name__
        raise BriefNotSaved(f"could not save {md} and {js}: {reason}") from None

