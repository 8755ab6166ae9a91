"""Standard input, output and error that fail in words, never in a traceback.

A command's output can fail to be written (``>/dev/full``: no space, an I/O error, a
closed ``>&-``), and its input can be closed (``<&-``). :func:`guarded` puts stand-ins
in ``sys.stdin``, ``sys.stdout`` and ``sys.stderr`` for the real ones, so that every
command, whatever it prints with, fails the same way:

- writing to standard output raises :class:`StreamFailed` ("standard output cannot be
  written: No space left on device"); the command line turns it into one
  ``pathways: error:`` line and exit 1, so a half-written JSON document never passes
  for a success (a reader that closes the pipe early, as ``| head`` does, still gets
  :class:`BrokenPipeError`: it asked for no more);
- reading a closed standard input raises :class:`StreamFailed` too;
- writing to standard error never fails: if it cannot be written, the message is lost
  and the command ends quietly with its exit code.

A closed descriptor (0, 1 or 2) is also opened on ``/dev/null``, so that no file the
command opens later takes its number and is mistaken for the terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

STDIN, STDOUT, STDERR = 0, 1, 2
_NAMES = {STDIN: "standard input", STDOUT: "standard output", STDERR: "standard error"}


class StreamFailed(Exception):
    """Standard input or output failed; the message says which and why, in words."""


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _reserve(fd: int) -> None:
    """Open ``/dev/null`` on the closed descriptor ``fd``."""
    null = os.open(os.devnull, os.O_RDONLY if fd == STDIN else os.O_WRONLY)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


class _Descriptor(io.RawIOBase):
    """One of descriptors 0-2, read or written directly; failures as :class:`StreamFailed`.

    ``closed_at_start``: the descriptor was closed when the command began (it now holds
    ``/dev/null`` only to keep its number): every use fails. ``quiet``: a failed write is
    dropped instead (standard error, and any stream once its failure has been reported).
    """

    def __init__(self, fd: int, *, closed_at_start: bool, quiet: bool = False) -> None:
        super().__init__()
        self._fd = fd
        self._gone = closed_at_start
        self.quiet = quiet

    def _failed(self, reason: str) -> StreamFailed:
        verb = "read" if self._fd == STDIN else "written"
        return StreamFailed(f"{_NAMES[self._fd]} cannot be {verb}: {reason}")

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._gone and os.isatty(self._fd)

    def readable(self) -> bool:
        return self._fd == STDIN

    def writable(self) -> bool:
        return self._fd != STDIN

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._gone:
            raise self._failed("it is closed")
        view = memoryview(buffer).cast("B")
        try:
            data = os.read(self._fd, view.nbytes)
        except OSError as error:
            raise self._failed(error.strerror or type(error).__name__) from None
        view[: len(data)] = data
        return len(data)

    def write(self, data: ReadableBuffer) -> int:
        size = memoryview(data).nbytes
        if self.quiet:
            try:
                return os.write(self._fd, data) if not self._gone else size
            except OSError:
                return size
        if self._gone:
            raise self._failed("it is closed")
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            raise  # the reader stopped reading: it wants no more (| head)
        except OSError as error:
            raise self._failed(error.strerror or type(error).__name__) from None


def _stand_in(fd: int, like: Any, *, closed: bool) -> io.TextIOWrapper:
    raw = _Descriptor(fd, closed_at_start=closed, quiet=fd == STDERR)
    buffered = io.BufferedReader(raw) if fd == STDIN else io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffered,
        encoding=getattr(like, "encoding", None) or "utf-8",
        errors=getattr(like, "errors", None) or "strict",
        line_buffering=fd == STDERR or bool(getattr(like, "line_buffering", False)),
        write_through=fd == STDERR,
    )


def guarded() -> None:
    """Put the stand-ins in place of the process's real standard streams.

    Only streams that are still the interpreter's own (``sys.__stdout__`` ...) or
    missing (a closed descriptor) are replaced: a caller that redirected one (a test
    capturing output) keeps its own.
    """
    for fd, name in ((STDIN, "stdin"), (STDOUT, "stdout"), (STDERR, "stderr")):
        current = getattr(sys, name)
        if current is not None and current is not getattr(sys, f"__{name}__"):
            continue
        closed = current is None or not _is_open(fd)
        if closed and not _is_open(fd):
            _reserve(fd)
        if current is not None and not closed and fd != STDIN:
            current.flush()
        setattr(sys, name, _stand_in(fd, current, closed=closed))


def silence_output() -> None:
    """After a failure of standard output has been reported: drop what is still buffered
    (the interpreter would try to write it again at exit)."""
    stream = sys.stdout
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if isinstance(raw, _Descriptor):
        raw.quiet = True
        raw._gone = True
    with contextlib.suppress(OSError, StreamFailed, ValueError):
        stream.flush()
