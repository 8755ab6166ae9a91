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
from typing import TYPE_CHECKING

from pathways.private_file import write_private_files

if TYPE_CHECKING:  # the app's export dialog uses the checks here before any walk is saved
    from pathways.core.walk import Walk

DEFAULT_NAME = "pathways-brief.md"
# write_private_files writes each file first as ".NAME.XXXXXXXX.tmp" (and keeps a
# replaced one as ".NAME.XXXXXXXX.old"): the longest name on disk is this much longer.
TEMP_OVERHEAD = len("..") + 8 + len(".tmp")


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


def name_too_long(targets: Sequence[Path]) -> str | None:
    """Why these names cannot be saved in their folder, if one is too long for its file
    system once the temporary file's part is added; the same words for the app's export
    dialog and ``walk --brief``."""
    limit = _name_max(targets[0].parent)
    longest = max(len(p.name.encode("utf-8", "surrogateescape")) for p in targets)
    if longest + TEMP_OVERHEAD > limit:
        return (f"the name is too long for this folder ({longest} bytes; at most "
                f"{limit - TEMP_OVERHEAD})")
    return None


def problem_with(targets: tuple[Path, ...]) -> str | None:
    """Why these files could not be written, if that can be seen before trying: the folder
    is not there or is not one, a name is too long for it, a target is a folder or cannot
    be looked at, the folder cannot be written to. The one set of checks and words for
    ``walk --brief`` (before the walk) and the app's export dialog (before saving)."""
    folder = targets[0].parent
    if not _is_dir(folder):
        if os.path.lexists(folder):
            return f"{folder} is not a folder"
        return f"there is no folder {folder}"
    too_long = name_too_long(targets)
    if too_long:
        return f"{too_long}; choose a shorter name"
    for target in targets:
        try:
            os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError as error:  # a name too long, a loop of links, ...
            return f"cannot use {target}: {error.strerror or type(error).__name__}"
        if _is_dir(target):
            return f"{target} is a folder; choose another name"
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


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return 255


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
    from pathways.render.brief import brief_json_text, brief_markdown, build_brief

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

