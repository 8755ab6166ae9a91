"""Saving a brief: which two files a typed path means, and writing both or neither.

A folder (an existing one, or a path ending in ``/``) saves inside it as
``pathways-brief.md``; a name without ``.md`` gets it; the JSON goes beside the
Markdown with the same name. Both files are created with mode 0600 and never
replace a file unless the caller says so (after asking). Every failure is a
:class:`BriefNotSaved` with a sentence for the person, naming the file they asked
for, never a temporary one.
"""

from __future__ import annotations

import errno
import os
import stat
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
    """Why these names cannot be saved in their folder, if one (or the whole path) is too
    long for its file system once the temporary file's part is added; the same words for
    the app's export dialog and ``walk --brief``."""
    limit = _name_max(targets[0].parent)
    longest = max(len(p.name.encode("utf-8", "surrogateescape")) for p in targets)
    if longest + TEMP_OVERHEAD > limit:
        return (f"the name is too long for this folder ({longest} bytes; at most "
                f"{limit - TEMP_OVERHEAD})")
    path_limit = _path_max(targets[0].parent) - 1  # (the system's counts the final NUL)
    whole = max(len(os.fsencode(p)) for p in targets)
    if whole + TEMP_OVERHEAD > path_limit:
        return (f"the path is too long for this system ({whole} bytes; at most "
                f"{path_limit - TEMP_OVERHEAD})")
    return None


def problem_with(targets: tuple[Path, ...]) -> str | None:
    """Why these files could not be written, if that can be seen before trying: the folder
    cannot be reached (a part of its path is not there, is a file, cannot be opened, is a
    loop of links, or is too long: :func:`folder_problem`), a name is too long for it, a
    target is a folder or cannot be looked at, the folder cannot be written to. The one
    set of checks and words for ``walk --brief`` (before the walk), the app's export
    dialog (before saving) and :func:`save_brief` (before writing), so each says what
    writing would find."""
    folder = targets[0].parent
    why = folder_problem(folder)
    if why:
        return why
    too_long = name_too_long(targets)
    if too_long:
        return f"{too_long}; choose a shorter name"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} cannot be written to"
    for target in targets:
        try:
            os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError as error:  # a name too long, a loop of links, ...
            return f"cannot use {target}: {error.strerror or type(error).__name__}"
        if _is_dir(target):
            return f"{target} is a folder; choose another name"
    return None


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` (absolute) cannot hold a new file, found as writing there would find
    it: each part of its path from the top, the first that is not there, is not a folder,
    cannot be opened or is a loop of symbolic links; None when it is a folder."""
    from pathways.core.untrusted_file import kind_of

    length, limit = len(os.fsencode(folder)), _path_max(folder)
    if length >= limit:
        return (f"the folder {folder} cannot be reached: its path is too long ({length} "
                f"bytes; at most {limit - 1})")
    parts = [*reversed(folder.parents), folder]
    for above, part in zip([None, *parts], parts, strict=False):
        try:
            mode = part.stat().st_mode
        except OSError as error:
            return _unreachable(folder, part, above, error)
        if not stat.S_ISDIR(mode):
            if part == folder:
                return f"{folder} is not a folder: it is {kind_of(mode)}"
            return f"there is no folder {folder}: {part} is {kind_of(mode)}, not a folder"
    return None


def _unreachable(folder: Path, part: Path, above: Path | None, error: OSError) -> str:
    """Why ``part`` of ``folder``'s path (the first that cannot be looked at) stops it."""
    if error.errno == errno.ENOENT:
        if _is_link(part):
            lead = f"{folder}" if part == folder else f"there is no folder {folder}: {part}"
            return f"{lead} is a symbolic link to nothing (its target is not there)"
        if part == folder:
            return f"there is no folder {folder}"
        return f"there is no folder {folder}: {part} is not there"
    if error.errno == errno.EACCES and above is not None:
        return (f"the folder {folder} cannot be reached: {above} cannot be opened "
                "(permission denied)")
    if error.errno == errno.ELOOP:
        return (f"the folder {folder} cannot be reached: {part} is a loop of symbolic "
                "links (a link that leads back to itself)")
    if error.errno == errno.ENAMETOOLONG:
        name = len(part.name.encode("utf-8", "surrogateescape"))
        limit = _name_max(above) if above is not None else 255
        if name > limit:
            return (f"there is no folder {folder}: the name {part.name} is too long "
                    f"({name} bytes; at most {limit})")
        return f"the folder {folder} cannot be used: its path is too long"
    return f"the folder {folder} cannot be used: {error.strerror or type(error).__name__}"


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


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _path_max(folder: Path) -> int:
    """The longest path the system takes, counting its final NUL (4096 on Linux)."""
    for where in (folder, Path(folder.anchor or "/")):
        try:
            return int(os.pathconf(where, "PC_PATH_MAX"))
        except (OSError, ValueError):
            continue
    return 4096


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

