"""`pathways tour` on the command line: the list, the handouts, the presenter's socket."""

from __future__ import annotations

import fcntl
import html
import json
import os
import pty
import re
import shutil
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

import pytest

from pathways.core.model import RuleGraph


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathways", "tour", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )


def test_tour_list_names_the_catch_22() -> None:
    result = _run("--list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("catch-22\t")


def test_handout_has_every_step_its_quotes_numbered_and_the_notice(graph: RuleGraph) -> None:
    tour = graph.tours["catch-22"]
    result = _run("catch-22", "--markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "not legal advice" in out.lower()
    for index, step in enumerate(tour.steps, 1):
        assert f"## {index}. {step.heading}" in out
        for citation in step.citations:
            assert " ".join(citation.words.split()) in " ".join(out.split())
    assert "## References" in out and "\n1. " in out
    assert "loop is closed" in out


def test_unknown_tour_is_a_usage_error() -> None:
    result = _run("no-such-tour", "--markdown")
    assert result.returncode == 2
    assert "catch-22" in result.stderr


def test_markdown_without_a_name_is_the_first_tour() -> None:
    result = _run("--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _run("catch-22", "--markdown").stdout
    assert result.stdout.startswith("# The visa catch-22\n")


def test_html_handout_is_one_self_contained_file_with_every_step_and_reference(
    graph: RuleGraph,
) -> None:
    tour = graph.tours["catch-22"]
    result = _run("catch-22", "--html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "default-src 'none'" in page  # the page may load nothing at all
    for outside in ("<script", "<link", "<img", "<iframe", "@import", "url(http", 'src="'):
        assert outside not in page
    assert page.count("<svg") == 1 and "not legal advice" in page.lower()
    for index, step in enumerate(tour.steps, 1):
        assert f"<h2>{index}. {html.escape(step.heading, quote=True)}</h2>" in page
    assert 'id="ref-1"' in page and 'href="#ref-1"' in page
    assert "back to “presence needs a visa”: the loop is closed" in page


def test_follow_a_path_that_is_no_tour_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("--follow", str(tmp_path / "tour.sock"))
    assert result.returncode == 2
    assert "is the tour still open" in result.stderr
    assert "Traceback" not in result.stderr


def _inet_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if path.exists():
            for row in path.read_text().splitlines()[1:]:
                inodes.add(row.split()[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    found: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_presenter_mode_uses_a_private_unix_socket_and_leaves_nothing(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    temp = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))  # short: a socket path is bounded
    request.addfinalizer(lambda: shutil.rmtree(temp, ignore_errors=True))
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TMPDIR": str(temp), "TERM": "xterm-256color", "HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathways", "tour", "catch-22", "--presenter"],
        stdin=child, stdout=child, stderr=child, env=env, start_new_session=True,
    )
    os.close(child)
    seen = bytearray()
    stop = threading.Event()

    def drain() -> None:  # the app must never block on a full terminal
        while not stop.is_set():
            try:
                chunk = os.read(main, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while b"tour.sock" not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        match = re.search(rb"--follow (\S+tour\.sock)", bytes(seen))
        assert match, bytes(seen)[-500:]
        sock_path = Path(match.group(1).decode())
        assert sock_path.parent.parent == temp
        assert stat.S_IMODE(sock_path.parent.stat().st_mode) == 0o700
        os.write(main, b"\r")  # "Press Enter to show the tour here"
        while not sock_path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
            peer.settimeout(20)
            peer.connect(str(sock_path))
            hello = peer.makefile("rb").readline()
            assert json.loads(hello)["tour"] == "catch-22"
            peer.sendall(b'{"tour": "catch-22", "total": 7, "step": 6, "ask": false,'
                         b' "answered": false}\n')
            sockets = _socket_inodes(proc.pid)
            assert sockets, "the tour holds its listening socket"
            assert sockets & _inet_inodes(proc.pid) == set()
            os.write(main, b"\x18")  # ctrl+x: quick exit
            assert proc.wait(30) == 0
        assert not sock_path.parent.exists()
        assert list(temp.iterdir()) == []
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        os.close(main)


def test_a_long_temporary_folder_still_gives_a_usable_socket_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathways.tui.tour_link import MAX_SOCKET_PATH, SOCKET_NAME, private_folder

    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    with private_folder() as folder:
        assert len(os.fsencode(folder / SOCKET_NAME)) <= MAX_SOCKET_PATH
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(folder / SOCKET_NAME))
    assert not folder.exists()
    assert list(deep.iterdir()) == []


def test_a_tour_removes_the_folders_of_killed_tours_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathways.tui.tour_link import FOLDER_PREFIX, SOCKET_NAME, private_folder

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def folder(name: str, mode: int = 0o700, socket_in: bool = True) -> Path:
        made = tmp_path / name
        made.mkdir(mode=mode)
        made.chmod(mode)
        if socket_in:
            with socket.socket(socket.AF_UNIX) as listener:
                listener.bind(str(made / SOCKET_NAME))  # left behind, as after SIGKILL
        return made

    killed = folder(f"{FOLDER_PREFIX}{gone.pid}-abc")
    killed_empty = folder(f"{FOLDER_PREFIX}{gone.pid}-def", socket_in=False)
    alive = folder(f"{FOLDER_PREFIX}{os.getpid()}-ghi")
    shared = folder(f"{FOLDER_PREFIX}{gone.pid}-jkl", mode=0o755)
    holding = folder(f"{FOLDER_PREFIX}{gone.pid}-mno")
    (holding / "notes.txt").write_text("not ours to remove")
    unnamed = folder(f"{FOLDER_PREFIX}abc")  # named by an older version: no process id
    with private_folder() as mine:
        left = set(tmp_path.iterdir())
    assert not killed.exists() and not killed_empty.exists()
    assert left - {mine} == {alive, shared, holding, unnamed}  # (mine may be in /tmp)


class _Terminal:
    """A command in its own 80x24 pseudo-terminal, its output read as it comes."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pathways", *args],
            stdin=child, stdout=child, stderr=child, env=env, start_new_session=True,
        )
        os.close(child)
        self.seen = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:  # the app must never block on a full terminal
        while True:
            try:
                chunk = os.read(self.main, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen.extend(chunk)

    def wait_for(self, pattern: bytes, seconds: float = 30) -> re.Match[bytes]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, bytes(self.seen))
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in {bytes(self.seen)[-600:]!r}")

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def end(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self.main)


def test_follow_run_before_enter_waits_for_the_tour_then_follows_it(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    temp = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))  # short: a socket path is bounded
    request.addfinalizer(lambda: shutil.rmtree(temp, ignore_errors=True))
    env = {**os.environ, "TMPDIR": str(temp), "TERM": "xterm-256color", "HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    tour = _Terminal(["tour", "catch-22", "--presenter"], env)
    request.addfinalizer(tour.end)
    path = tour.wait_for(rb"--follow (\S+tour\.sock)").group(1).decode()
    tour.wait_for(b"Press Enter to show the tour here")
    console = _Terminal(["tour", "--follow", path], env)  # in the order the docs give
    request.addfinalizer(console.end)
    console.wait_for(b"waiting for the tour to open")
    time.sleep(0.5)
    assert console.proc.poll() is None, bytes(console.seen)
    tour.type(b"\r")  # Enter: the tour opens its socket, and the console connects
    console.wait_for(rb"Presenter's console")
    console.wait_for(rb"step 1 of 7")
    console.type(b"q")  # closes the console; the tour goes on
    assert console.proc.wait(30) == 0
    assert tour.proc.poll() is None
    tour.type(b"\x18")  # ctrl+x: quick exit
    assert tour.proc.wait(30) == 0


def test_follow_stops_waiting_when_the_tour_closes_before_it_opened() -> None:
    from pathways.tui.tour_link import SOCKET_NAME, private_folder, wait_for_tour

    with private_folder() as folder:
        path = folder / SOCKET_NAME
        started = time.monotonic()
        assert "did not open within" in (wait_for_tour(path, limit=0.3) or "")
        assert 0.3 <= time.monotonic() - started < 5
        closer = threading.Timer(0.3, lambda: shutil.rmtree(folder))
        closer.start()
        why = wait_for_tour(path, limit=30)
        closer.join()
    assert why is not None and "is the tour still open?" in why


def test_markdown_handout_shows_every_special_character_of_the_pack_as_written(
    tmp_path: Path,
) -> None:
    """Entity references (``&amp;``, ``&#65;``), ``&``, ``$``, list and heading marks at a
    line's start, HTML: a Markdown viewer shows each exactly as the pack wrote it."""
    from markdown_it import MarkdownIt

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parent / "fixtures" / "tour-small", pack)
    title = "Ben &amp; Jerry &#65; & $5 <b>x</b>"
    heading = "1. *not* a list &lt;"
    summary = "- not a list item & no [link](x)"
    line_two = "=== not a heading underline"
    tours = (pack / "tours.yaml").read_text(encoding="utf-8")
    tours = tours.replace("title: A small loop", f"title: '{title}'")
    tours = tours.replace("heading: Rules are strict", f"heading: '{heading}'")
    tours = tours.replace("summary: Three doors, each closing on the next.",
                          f"summary: '{summary}'")
    tours = tours.replace("NARRATION-ONE for the presenter only.",
                          f"NARRATION-ONE &copy;\n          {line_two}")
    (pack / "tours.yaml").write_text(tours, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(pack), "tour", "small-loop",
         "--markdown"], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for written in (title, heading, summary, "NARRATION-ONE &copy;", line_two):
        assert written in shown, (written, result.stdout)
    before_references = rendered.split("References")[0]
    assert "<ol" not in before_references and "<ul" not in before_references
    assert "<b>" not in rendered and "<em>not</em>" not in rendered


@pytest.mark.parametrize("how", [[], ["--markdown"], ["--list"], ["--presenter"]])
def test_a_pack_without_a_tour_says_so(how: list[str]) -> None:
    """Never "no tour 'None'", nor an empty list and exit 0 (review4 #7)."""
    valid = Path(__file__).parent / "fixtures" / "valid"
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(valid), "tour", *how],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "pathways: error: this rule pack has no tour"
    )
    assert "None" not in result.stderr
