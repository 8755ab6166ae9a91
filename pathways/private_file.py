"""Writing a file that only its owner can read, atomically, never over another by accident.

A brief describes a person in danger, so the files it is saved to are created
with mode 0600 whatever the umask, appear complete or not at all (written to a
temporary file beside the target, then linked or renamed into place), and an
existing file is replaced only when the caller says so (after asking the user).

:func:`write_private_files` writes several files (a brief's Markdown and JSON) all or
nothing: if any one cannot be written, none is left behind, and a file that was
being replaced is put back as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

PRIVATE_MODE = 0o600


def write_private(path: Path, text: str, *, replace: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` with mode 0600; return the path written.

    Raises :class:`FileExistsError` if ``path`` exists and ``replace`` is false,
    and :class:`OSError` for anything the file system refuses (the temporary
    file is removed in every case).
    """
    return write_private_files({path: text}, replace=replace)[0]


def _copy_exclusive(tmp: Path, path: Path) -> None:
    """For file systems without hard links: create the target exclusively, then fill it."""
    data = tmp.read_bytes()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    try:
        os.fchmod(fd, PRIVATE_MODE)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def write_public_files(files: Mapping[Path, str]) -> list[Path]:
    """Write or replace each ``path: text`` of ``files``, all or none, as
    :func:`write_private_files` does but with the modes new files normally get (0666
    less the umask): for files meant to be shared, such as generated documentation."""
    umask = os.umask(0o022)
    os.umask(umask)
    return write_private_files(files, replace=True, mode=0o666 & ~umask)


def write_private_files(
    files: Mapping[Path, str], *, replace: bool = False, mode: int = PRIVATE_MODE
) -> list[Path]:
    """Write each ``path: text`` of ``files`` as :func:`write_private` does, all or none.

    Every text is first written in full to a hidden temporary file (``.NAME.*.tmp``,
    mode 0600) beside its target; only then are they put in place, one after the
    other. If anything fails, the files already put in place are removed (or, when
    ``replace`` was given, the files they replaced are restored), every temporary
    file is removed, and the error is raised: :class:`FileExistsError` when a target
    exists and ``replace`` is false, :class:`OSError` otherwise. Returns the paths
    written, in the order given.
    """
    targets = [path.expanduser() for path in files]
    if not replace:
        for path in targets:
            if path.exists() or path.is_symlink():
                raise FileExistsError(f"{path} already exists")
    temps: list[Path] = []
    backups: dict[Path, Path] = {}  # target -> the old file, kept until all are written
    placed: list[Path] = []
    try:
        for path, text in zip(targets, files.values(), strict=True):
            temps.append(_write_temp(path, text, mode))
        for path, tmp in zip(targets, temps, strict=True):
            if replace:
                if path.exists() or path.is_symlink():
                    backup = _hidden_name(path, ".old")
                    os.link(path, backup, follow_symlinks=False)
                    backups[path] = backup
                tmp.replace(path)
            else:
                try:
                    os.link(tmp, path)  # fails if the name was taken meanwhile
                except FileExistsError:
                    raise
                except OSError:
                    _copy_exclusive(tmp, path)
            placed.append(path)
    except BaseException:
        for path in reversed(placed):
            with contextlib.suppress(OSError):
                if path in backups:
                    backups.pop(path).replace(path)
                else:
                    path.unlink()
        raise
    finally:
        for leftover in [*temps, *backups.values()]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return targets


def _hidden_name(path: Path, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=_folder(path))
    os.close(fd)
    Path(name).unlink()
    return Path(name)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path()


def _write_temp(path: Path, text: str, mode: int = PRIVATE_MODE) -> Path:
    """``text`` in a new hidden file (``mode``: 0600 unless told) beside ``path``, flushed
    to disk."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=_folder(path))
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def failed_target(error: OSError, targets: Iterable[Path]) -> Path | None:
    """Which of ``targets`` an error of :func:`write_private_files` was about: the one it
    names, or the one whose hidden temporary or kept file (``.NAME.*``) it names; None
    when it names none of them."""
    named = [Path(os.fsdecode(n)) for n in (error.filename, error.filename2) if n is not None]
    for target in targets:
        for path in named:
            if path == target or (path.parent == target.parent
                                  and path.name.startswith(f".{target.name}.")):
                return target
    return None
