"""Writing a file that only its owner can read, atomically, never over another by accident.

A brief describes a person in danger, so the files it is saved to are created
with mode 0600 whatever the umask, appear complete or not at all (written to a
temporary file beside the target, then linked or renamed into place), and an
existing file is replaced only when the caller says so (after asking the user).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def write_private(path: Path, text: str, *, replace: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` with mode 0600; return the path written.

    Raises :class:`FileExistsError` if ``path`` exists and ``replace`` is false,
    and :class:`OSError` for anything the file system refuses (the temporary
    file is removed in every case).
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path()
    if not replace and (path.exists() or path.is_symlink()):
        raise FileExistsError(f"{path} already exists")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), PRIVATE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            tmp.replace(path)
        else:
            # A hard link fails if the name was taken meanwhile: no silent overwrite.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:
                _copy_exclusive(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


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
