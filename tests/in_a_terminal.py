"""A command run as a person runs it: in a terminal of its own (a pseudo-terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import tempfile
import termios
import time
from pathlib import Path

SIZE = (80, 24)  # columns, rows


def _spawn(argv: list[str], cwd: Path | None = None) -> tuple[int, int]:
    """Start ``argv`` in a new pseudo-terminal of :data:`SIZE` (TERM=xterm-256color, no
    NO_COLOR), in ``cwd`` or the temporary folder: (its pid, the terminal's descriptor)."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(SIZE[0]),
           "LINES": str(SIZE[1])}  # fmt: skip
    env.pop("NO_COLOR", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, in the new terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        os.chdir(cwd or tempfile.gettempdir())
        os.execve(argv[0], argv, env)
    return pid, fd


def in_a_terminal(argv: list[str], marks: list[bytes], key: bytes = b"") -> list[float]:
    """Run ``argv`` in a new pseudo-terminal of :data:`SIZE`; the ms from the start until
    each of ``marks`` appears in what it writes, in order (``key`` is typed once the
    next-to-last has appeared). The process is killed once the last has appeared."""
    started = time.perf_counter()
    pid, fd = _spawn(argv)
    seen, found = bytearray(), list[float]()
    try:
        while len(found) < len(marks):
            if time.perf_counter() - started > 30:
                raise TimeoutError(f"{marks[len(found)]!r} never appeared: {seen[-300:]!r}")
            if not select.select([fd], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # the terminal closed: the command ended
                chunk = b""
            if not chunk:
                raise EOFError(f"ended before {marks[len(found)]!r}: {seen[-300:]!r}")
            seen.extend(chunk)
            while len(found) < len(marks) and seen.find(marks[len(found)]) >= 0:
                found.append((time.perf_counter() - started) * 1000)
                if key and len(found) == len(marks) - 1:
                    os.write(fd, key)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return found


Step = tuple[str, "bytes | float | int"]  # ("wait", mark) ("sleep", s) ("type", keys) ("signal", n)


def run_to_the_end(
    argv: list[str], steps: list[Step], timeout: float = 20.0, cwd: Path | None = None
) -> tuple[int | None, bytes, int]:
    """Run ``argv`` in a new pseudo-terminal and take ``steps`` in order: wait for a mark
    in its output, sleep, type keys, or send it a signal. Then read until it ends.

    It runs in ``cwd`` (default: the temporary folder). Returns (exit code, or None if it
    had not ended within ``timeout`` seconds and was killed; everything it wrote; its pid).
    """
    started = time.monotonic()
    pid, fd = _spawn(argv, cwd)
    seen = bytearray()

    def read(wait: float) -> bool:
        """Read what is there within ``wait`` seconds; False once the terminal closed."""
        if select.select([fd], [], [], wait)[0]:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                return False
            seen.extend(chunk)
            return bool(chunk)
        return True

    try:
        open_ = True
        for what, value in steps:
            if what == "wait":
                assert isinstance(value, bytes)
                while open_ and seen.find(value) < 0 and time.monotonic() - started < timeout:
                    open_ = read(0.05)
            elif what == "sleep":
                end = time.monotonic() + float(value)
                while open_ and time.monotonic() < end:
                    open_ = read(max(0.0, end - time.monotonic()))
            elif what == "type":
                assert isinstance(value, bytes)
                os.write(fd, value)
            elif what == "signal":
                os.kill(pid, int(value))
        while open_ and time.monotonic() - started < timeout:
            open_ = read(0.1)
        if open_:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, bytes(seen), pid
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), bytes(seen), pid
    finally:
        os.close(fd)
