"""`pathways serve` against real sockets on 127.0.0.1: who may open sessions, how many,
how large, and that no app process outlives its session or the server.

Each server runs in its own process group (killed at the end whatever happens); the
tests open as few sessions (each a real app process) as they need.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")
import aiohttp

from pathways.serve import FULL_MESSAGE, MAX_COLUMNS, MAX_ROWS

STOP_LIMIT_S = 2.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found.update(int(c) for c in (task / "children").read_text().split())
    except OSError:
        pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition: object, seconds: float) -> bool:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


class Served:
    def __init__(self, max_sessions: int) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pathways", "serve", "--port", str(self.port),
             "--max-sessions", str(max_sessions)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        ready = wait_until(self._listening, 20)
        assert ready, "the server did not listen"

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True

    def apps(self) -> set[int]:
        return children(self.proc.pid)

    def end(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


@pytest.fixture
def served() -> Iterator[Served]:
    server = Served(max_sessions=2)
    try:
        yield server
    finally:
        for pid in server.apps():
            os.kill(pid, signal.SIGKILL)
        server.end()


async def _session(
    http: aiohttp.ClientSession, server: Served, query: str = "", origin: str | None = None
) -> tuple[aiohttp.ClientWebSocketResponse, bytes]:
    """Open a session as the page would, and wait until the app has drawn something."""
    headers = {"Origin": origin or server.url}
    ws = await http.ws_connect(f"{server.url}/ws{query}", headers=headers)
    received = b""
    deadline = time.monotonic() + 20
    while len(received) < 2000 and time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=deadline - time.monotonic())
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            break
    return ws, received


def test_another_site_and_another_host_name_are_refused(served: Served) -> None:
    async def probe() -> tuple[int, int, int, int, str]:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"{served.url}/ws",
                                      headers={"Origin": "https://evil.example"})
            async with http.get(served.url, headers={"Host": f"evil.example:{served.port}"}) \
                    as rebound:
                rebound_status = rebound.status
            async with http.get(served.url,
                                headers={"Origin": "https://evil.example"}) as cross:
                cross_status = cross.status
            async with http.get(served.url) as own:
                page = await own.text()
                return refused.value.status, rebound_status, cross_status, own.status, page

    ws_status, rebound, cross, own, page = asyncio.run(probe())
    assert (ws_status, rebound, cross, own) == (403, 403, 403, 200)
    assert "googleapis" not in page and "asylum-pathways" in page
    assert served.apps() == set()  # no app was started for the refused requests


def test_size_is_bounded_sessions_are_limited_and_an_app_dies_with_its_session(
    served: Served,
) -> None:
    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            huge, drawn = await _session(http, served, "?width=5000&height=5000")
            assert drawn, "the app drew nothing"
            (pid,) = served.apps()
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert f"COLUMNS={MAX_COLUMNS}".encode() in environ
            assert f"ROWS={MAX_ROWS}".encode() in environ
            second, _ = await _session(http, served)
            assert len(served.apps()) == 2
            third, told = await _session(http, served)
            assert FULL_MESSAGE.format(limit=2).encode() in told
            assert third.closed or (await third.receive(timeout=5)).type in (
                aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
            assert len(served.apps()) == 2  # the refused one started nothing
            await huge.close()
            assert wait_until(lambda: not alive(pid), 3), "the app outlived its session"
            await second.close()

    asyncio.run(scenario())


class OneSession:
    """One session opened on a loop kept running between steps (closed at the end)."""

    def __init__(self, server: Served) -> None:
        self.loop = asyncio.new_event_loop()
        self.http = self.loop.run_until_complete(self._client())
        _, drawn = self.loop.run_until_complete(_session(self.http, server))
        assert drawn, "the app drew nothing"

    async def _client(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    def close(self) -> None:
        self.loop.run_until_complete(self.http.close())
        self.loop.close()


def test_every_app_dies_when_the_server_is_killed(served: Served) -> None:
    session = OneSession(served)
    try:
        (pid,) = served.apps()
        os.kill(served.proc.pid, signal.SIGKILL)  # no chance to clean up
        served.proc.wait(5)
        assert wait_until(lambda: not alive(pid), 2), "the app outlived a killed server"
    finally:
        session.close()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_within_2_s_and_takes_its_apps_along(
    served: Served, stop: signal.Signals
) -> None:
    session = OneSession(served)
    try:
        (pid,) = served.apps()
        started = time.monotonic()
        served.proc.send_signal(stop)
        output, _ = served.proc.communicate(timeout=10)
        seconds = time.monotonic() - started
    finally:
        session.close()
    assert seconds < STOP_LIMIT_S, f"took {seconds:.2f} s"
    assert served.proc.returncode == 0, output
    assert wait_until(lambda: not alive(pid), 1)
    assert "Traceback" not in output and "locals" not in output
    lines = output.splitlines()
    assert any("session opened (1 open)" in line for line in lines), output
    assert any(line.endswith("stopping") for line in lines), output


def test_a_resize_asked_by_the_browser_is_bounded_too() -> None:
    from types import SimpleNamespace

    from pathways.serve import make_server

    server = make_server("127.0.0.1", 8000, None)
    sizes: list[tuple[int, int]] = []

    class Service:
        async def set_terminal_size(self, width: int, height: int) -> None:
            sizes.append((width, height))

    class Browser:
        def __init__(self, *texts: str) -> None:
            self.messages = [SimpleNamespace(type=aiohttp.WSMsgType.TEXT, data=t) for t in texts]

        def __aiter__(self) -> Browser:
            return self

        async def __anext__(self) -> SimpleNamespace:
            if not self.messages:
                raise StopAsyncIteration
            return self.messages.pop(0)

    browser = Browser('["resize", {"width": 20000, "height": 20000}]',
                      '["resize", {"width": -5, "height": "x"}]',
                      '["resize", {"width": 120, "height": 40}]', "not json", '["stdin"]')
    asyncio.run(server._relay(browser, Service()))
    assert sizes == [(MAX_COLUMNS, MAX_ROWS), (1, 24), (120, 40)]


def test_a_port_in_use_is_one_error_with_no_address_to_open_printed_before_it() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "pathways", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )
    assert result.returncode == 1
    assert result.stdout == ""  # no "Open http://..." nor "serving on" for a port not bound
    assert result.stderr == (
        f"pathways: error: cannot serve on 127.0.0.1:{port}: Address already in use; another "
        "program is using this port; choose another with --port\n"
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "0", "[::]"])
def test_a_wildcard_host_is_refused_with_an_address_to_give_instead(host: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "serve", "--host", host, "--port", "1"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert f"--host {host} is not an address a browser can open" in result.stderr
    assert "give this machine's address on the network, e.g. --host " in result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "192.0.2.2", "trainer.local"])
def test_an_address_or_name_of_one_machine_is_served(host: str) -> None:
    from pathways.serve import host_problem

    assert host_problem(host) is None


def test_sessions_closed_at_the_same_moment_are_counted_down_one_by_one(
    served: Served,
) -> None:
    async def two_tabs_closed_together() -> None:
        async with aiohttp.ClientSession() as http:
            tabs = [await http.ws_connect(f"{served.url}/ws", headers={"Origin": served.url})
                    for _ in range(2)]
            assert wait_until(lambda: len(served.apps()) == 2, 20), "two apps did not start"
            await asyncio.gather(*(tab.close() for tab in tabs))
        assert wait_until(lambda: not served.apps(), 5), "an app outlived its tab"

    asyncio.run(two_tabs_closed_together())
    served.proc.send_signal(signal.SIGTERM)
    output, _ = served.proc.communicate(timeout=10)
    events = [line.split(": ", 1)[1] for line in output.splitlines() if "session " in line]
    assert sorted(events) == [
        "session closed (0 open)", "session closed (1 open)",
        "session opened (1 open)", "session opened (2 open)",
    ], output


def test_a_pack_with_problems_is_said_before_serving_and_nothing_is_served() -> None:
    """Each browser tab's app would only close at once, its problems thrown away with its
    standard error: the pack is checked first, as every other command does (review4 #1)."""
    broken = Path(__file__).parent / "fixtures" / "three-problems"
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(broken), "serve", "--port", "8799"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 1
    assert result.stdout == ""  # never "serving on" nor an address to open
    assert "3 problem(s) in the rule pack" in result.stderr
    assert result.stderr.count(f"{broken}") >= 3  # file:line of each
