"""The private channel between a tour's audience view and its presenter's console.

A Unix socket in a fresh folder only this user can open (mode 0700, from
``tempfile.mkdtemp``). No network socket is ever opened, and the folder is removed
when the tour ends, however it can (a tour killed with SIGKILL cannot: its folder
carries its process id, and the next tour removes it once that process is gone). Each
side sends its position as one line of JSON whenever it changes (see
:mod:`pathways.core.tour_position`); what arrives from the other side moves this one,
so either window drives both. ``--follow`` may be run before the tour has opened its
socket (its folder is there, waiting for Enter): it waits (:func:`wait_for_tour`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pathways.core.safe_text import one_line
from pathways.core.tour_position import MAX_LINE

SOCKET_NAME = "tour.sock"
MAX_SOCKET_PATH = 100  # bytes: below every platform's limit for a Unix socket's path
FOLLOW_WAIT_S = 600.0  # how long --follow waits for a tour that has not opened yet

Receiver = Callable[[bytes], None]


FOLDER_PREFIX = "pathways-tour-"


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only this user can enter, removed with everything in it on exit.

    Its name carries this process's id, so that the next tour can remove the folder
    of a tour that was killed before it could (:func:`remove_abandoned_folders`).
    """
    prefix = f"{FOLDER_PREFIX}{os.getpid()}-"
    folder = Path(tempfile.mkdtemp(prefix=prefix))  # mode 0700
    if len(os.fsencode(folder / SOCKET_NAME)) > MAX_SOCKET_PATH and Path("/tmp").is_dir():
        folder.rmdir()  # a socket's path has a size limit (108 bytes on Linux)
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    for parent in dict.fromkeys((Path(tempfile.gettempdir()), folder.parent)):
        remove_abandoned_folders(parent)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_abandoned_folders(parent: Path) -> list[Path]:
    """Remove the tour folders in ``parent`` left by tours whose process is gone.

    Only a folder that is this user's, mode 0700, not a link, named by
    :func:`private_folder` with the id of a process that no longer exists, and holding
    nothing but the tour's socket; anything else is left alone. Returns what it removed.
    """
    removed: list[Path] = []
    try:
        names = [e for e in os.scandir(parent) if e.name.startswith(FOLDER_PREFIX)]
    except OSError:
        return removed
    for entry in names:
        pid_text = entry.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if not pid_text.isdigit() or _process_exists(int(pid_text)):
            continue
        found = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=False)
            if (
                not stat.S_ISDIR(info.st_mode)
                or info.st_uid != os.getuid()
                or info.st_mode & 0o777 != 0o700
                or not {p.name for p in found.iterdir()} <= {SOCKET_NAME}
            ):
                continue
            sock = found / SOCKET_NAME
            if sock.exists() or sock.is_symlink():
                if not stat.S_ISSOCK(sock.lstat().st_mode):
                    continue
                sock.unlink()
            found.rmdir()
        except OSError:
            continue
        removed.append(found)
    return removed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): it exists
        return True
    return True


def check_socket_path(path: Path) -> str | None:
    """Why ``path`` is not a tour socket this user may follow, or None if it is."""
    shown, folder_shown = one_line(str(path)), one_line(str(path.parent))
    try:
        folder = path.parent.lstat()
        sock = path.lstat()
    except OSError as error:
        return f"{shown}: {error.strerror or error}; is the tour still open?"
    if not stat.S_ISSOCK(sock.st_mode):
        return f"{shown}: not a tour socket; copy the path the tour printed"
    if not stat.S_ISDIR(folder.st_mode) or folder.st_uid != os.getuid():
        return f"{folder_shown}: not a folder of yours; copy the path the tour printed"
    if folder.st_mode & 0o077:
        return f"{folder_shown}: others may open this folder (mode {folder.st_mode & 0o777:o})"
    return None


def tour_not_open_yet(path: Path) -> bool:
    """Whether ``path`` is the socket of a ``--presenter`` tour that is waiting for Enter:
    its folder is there, private, this user's, named for a process that is still running,
    and the socket is not there yet."""
    folder = path.parent
    pid_text = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
    if path.name != SOCKET_NAME or not folder.name.startswith(FOLDER_PREFIX):
        return False
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & 0o077
        and pid_text.isdigit()
        and _process_exists(int(pid_text))
        and not os.path.lexists(path)
    )


def wait_for_tour(path: Path, limit: float = FOLLOW_WAIT_S, poll: float = 0.1) -> str | None:
    """Wait while the tour at ``path`` has not opened yet (at most ``limit`` seconds); then,
    as :func:`check_socket_path`, why it cannot be followed, or None."""
    deadline = time.monotonic() + limit
    while tour_not_open_yet(path):
        if time.monotonic() >= deadline:
            return (
                f"{one_line(str(path))}: the tour did not open within {limit / 60:g} minutes; "
                "press Enter in its terminal, then run this again"
            )
        time.sleep(poll)
    return check_socket_path(path)


class _Peer:
    """One open connection: lines in go to ``receive``; ``send`` writes a line out."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    def send(self, line: bytes) -> None:
        if not self.writer.is_closing():
            self.writer.write(line)

    async def pump(self, receive: Receiver) -> None:
        while True:
            try:
                line = await self.reader.readuntil(b"\n")
            except asyncio.LimitOverrunError:
                return  # a peer that sends lines this long is not ours
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            receive(line)

    def close(self) -> None:
        self.writer.close()


class AudienceLink:
    """The audience side: listens on the socket; every presenter that connects follows."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SOCKET_NAME
        self.receive: Receiver = lambda line: None
        self.on_connect: Callable[[], None] = lambda: None
        self.on_disconnect: Callable[[], None] = lambda: None  # a presenter's console went
        self.current: bytes | None = None  # the last position, sent to a presenter on connect
        self._peers: list[_Peer] = []
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_unix_server(
                self._serve, path=str(self.path), limit=MAX_LINE
            )
            self.path.chmod(0o600)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = _Peer(reader, writer)
        self._peers.append(peer)
        if self.current is not None:
            peer.send(self.current)
        self.on_connect()
        try:
            await peer.pump(lambda line: self.receive(line))
        finally:
            self._peers.remove(peer)
            peer.close()
            self.on_disconnect()

    @property
    def presenters(self) -> int:
        return len(self._peers)

    def send(self, line: bytes) -> None:
        self.current = line
        for peer in self._peers:
            peer.send(line)

    async def close(self) -> None:
        for peer in list(self._peers):
            peer.close()
        if self._server is not None:
            self._server.close()
            self._server = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


class PresenterLink:
    """The presenter side: connects to the audience's socket."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._peer: _Peer | None = None

    async def connect(self) -> None:
        reader, writer = await asyncio.open_unix_connection(str(self.path), limit=MAX_LINE)
        self._peer = _Peer(reader, writer)

    async def pump(self, receive: Receiver) -> None:
        """Deliver every line until the audience view closes."""
        if self._peer is not None:
            await self._peer.pump(receive)

    def send(self, line: bytes) -> None:
        if self._peer is not None:
            self._peer.send(line)

    def close(self) -> None:
        if self._peer is not None:
            self._peer.close()
            self._peer = None
