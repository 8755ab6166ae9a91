"""Reading one file from a folder someone else made (a rule pack, a folder of sources).

A name in such a folder may be anything: a FIFO (reading it waits forever for a
writer), a device (``/dev/zero`` never ends), a socket, or a symbolic link to any of
these or to a file elsewhere on the machine (``/etc/shadow``). So:

- only **regular files** are read; anything else is refused without reading it, and
  opened (if at all) without blocking (``O_NONBLOCK``, ``O_NOCTTY``);
- at most ``limit + 1`` bytes are ever read, whatever the file system reports as its
  size (``st_size`` is 0 for devices and for many files under ``/proc``);
- a **symbolic link that leads outside the folder is refused** (``outside-pack``); a
  link to another file inside the folder is read like that file. The file opened is
  checked to be the one the link led to, so a link swapped meanwhile is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pathways.core.safe_text import one_line

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 16


class Refused(Exception):
    """The file is not read: a problem code, what is wrong, and how to fix it."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: "a folder", "a device", ..."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(mode: int) -> Refused:
    return Refused(
        "not-a-regular-file",
        f"this is {kind_of(mode)}, not a regular file; reading it could block or never end",
        "remove it from the folder; only ordinary files are read",
    )


def _too_large(size: int | None, limit: int) -> Refused:
    said = f"is {size:,} bytes" if size is not None else f"is larger than {limit:,} bytes"
    return Refused(
        "file-too-large",
        f"file {said}; files here may be at most {limit:,}",
        "split it into several smaller files",
    )


def _inside(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def read_untrusted(path: Path, limit: int, *, folder: Path | None = None) -> bytes:
    """The bytes of ``path`` (at most ``limit``), or :class:`Refused` saying why not.

    With ``folder``, ``path`` must lead (after symbolic links) to a file inside it.
    """
    real = os.path.realpath(path)
    if folder is not None and not _inside(real, os.path.realpath(folder)):
        raise Refused(
            "outside-pack",
            f"a symbolic link to {one_line(real)}, outside the folder; it is not read",
            "copy the file into the folder instead of linking to it",
        )
    try:
        before = Path(real).stat()
        if not stat.S_ISREG(before.st_mode):
            raise _not_regular(before.st_mode)  # refused without even opening it
        if before.st_size > limit:
            raise _too_large(before.st_size, limit)
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused("unreadable", "a loop of symbolic links: following them leads back "
                          "to a link already followed, never to a file",
                          "replace the link with the file it should lead to, or remove it"
                          ) from None
        raise Refused("unreadable", f"cannot read file: {error.strerror or error}",
                      "check that the file exists and that you may read it") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(opened.st_mode)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("unreadable", "the file changed while it was being opened",
                          "try again")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_large(None, limit)
        return b"".join(chunks)
    except OSError as error:
        raise Refused("unreadable", f"cannot read file: {error.strerror or error}", "") from None
    finally:
        os.close(fd)
