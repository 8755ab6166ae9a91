"""The rule pack read and checked in a child process while the app starts.

Reading the pack costs as much as Textual itself: PyYAML, pydantic-core and the rule
model to import, then every file to load and check (~60 ms of CPU for the shipped pack).
``pathways`` starts a child for that before it imports Textual (:func:`start`), so on a
machine with a second core both run at once. The child sends two things down a pipe:

1. the pack's cover (:class:`pathways.core.cover.PackCover`: title, notice, routes, ...)
   and its problems, as soon as it is checked: plain values the app can show on its first
   screen without importing the rule model;
2. the checked graph itself, pickled, which the app unpickles once its first screen is up.

Nothing is written anywhere but the pipe, and the child holds no terminal: its standard
streams are /dev/null. A child that fails, dies or cannot be started (no ``os.fork``)
leaves the app to read the pack itself, in a thread, as it did before. The pickles come
only from this process's own child, never from a file, so nothing untrusted is unpickled.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from pathways.core.collector import paused
from pathways.parent_death import die_with_parent

if TYPE_CHECKING:
    from pathways.core.cover import PackCover
    from pathways.core.model import RuleGraph
    from pathways.core.problems import Problem

_LENGTH = struct.Struct("!Q")


class PackNotRead(Exception):
    """The child gave no answer (it failed, was killed, or the pipe broke)."""


class PackProcess:
    """A child process reading one rule pack; its two answers, read once each."""

    def __init__(self, pid: int, fd: int, folder: Path | None) -> None:
        self.pid = pid
        self.folder = folder  # None: the shipped pack
        self._fd = fd
        self._lock = threading.Lock()
        self._ended = False  # the child is stopped and reaped
        self._reading = False  # a thread is reading the pipe: it closes it when done
        self._closed = False

    def cover(self) -> tuple[PackCover | None, list[Problem]]:
        """The pack's cover and its problems (the cover is None when it has problems).

        Blocks until the child has checked the pack; raises :class:`PackNotRead`.
        """
        cover, problems = pickle.loads(self._message())
        return cover, problems

    def graph(self) -> RuleGraph:
        """The checked graph (after :meth:`cover` said there were no problems).

        Unpickling imports the rule model: its collections are paused, as
        for every import of it. Raises :class:`PackNotRead`.
        """
        data = self._message()
        self.end()
        with paused():
            graph: RuleGraph = pickle.loads(data)
        return graph

    def _message(self) -> bytes:
        with self._lock:
            if self._closed:
                raise PackNotRead("the pack's process was stopped")
            self._reading = True
        try:
            (size,) = _LENGTH.unpack(self._read(_LENGTH.size))
            return self._read(size)
        finally:
            with self._lock:
                self._reading = False
                if self._ended:
                    self._close()

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self._fd)

    def _read(self, size: int) -> bytes:
        chunks: list[bytes] = []
        while size > 0:
            try:
                chunk = os.read(self._fd, min(size, 1 << 20))
            except OSError as error:
                raise PackNotRead(str(error)) from None
            if not chunk:
                raise PackNotRead("the pack's process ended without an answer")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def end(self) -> None:
        """Stop the child if it still runs, and reap it. Safe to call more than once, from
        any thread: a read under way sees the pipe end, and closes it."""
        with self._lock:
            if self._ended:
                return
            self._ended = True
            with contextlib.suppress(OSError):  # it may have ended already
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            if not self._reading:
                self._close()


def start(folder: Path | None) -> PackProcess | None:
    """Start reading the pack in a child process; None where no child can be started.

    Call it before importing Textual (or anything that starts threads): the child is a
    fork of this process.
    """
    if not hasattr(os, "fork"):
        return None
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_fd)
            die_with_parent(parent)  # never read on for nobody (SIGTERM, SIGKILL)
            code = _read_and_send(folder, write_fd)
        finally:
            os._exit(code)
    os.close(write_fd)
    return PackProcess(pid, read_fd, folder)


def _read_and_send(folder: Path | None, fd: int) -> int:
    """The child's work: load and check, send the cover, then the graph. Exit code."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the app's to handle
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):  # never draw on the app's terminal, nor read from it
        os.dup2(null, std)
    with paused():
        from pathways.core.check import checked_graph_or_problem
        from pathways.core.cover import PackCover
        from pathways.core.shipped_pack import shipped_rules_dir

        graph, problems = checked_graph_or_problem(folder or shipped_rules_dir())
        cover = PackCover.of(graph) if graph is not None else None
        try:
            _send(fd, pickle.dumps((cover, problems), pickle.HIGHEST_PROTOCOL))
            if graph is not None:
                _send(fd, pickle.dumps(graph, pickle.HIGHEST_PROTOCOL))
        except OSError:  # the app has closed (quick exit): nobody to tell
            return 1
    return 0


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
