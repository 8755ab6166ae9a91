"""Benchmark: ``pathways serve`` with N browser sessions opened at once (default 30).

    .venv/bin/python tests/benchmarks/bench_serve.py [--sessions 30] [--timeout 120]

Only against a server it starts itself on 127.0.0.1 (a free port), with
``--max-sessions`` set to the number of sessions. Opens every session's websocket at
the same moment (as the page does, with the server's own Origin, 80x24) and counts a
session as drawn once its app has sent 2,000 bytes of screen. Reports the time until
all were drawn, the memory of each app process (RSS and PSS, from /proc), the
server's own memory, then sends SIGTERM and reports how long the server took to stop
and whether any app outlived it. Bounded: at most 60 sessions, and ``--timeout``
seconds for the whole run; every process it started is killed at the end. Prints a
JSON report; exits 1 when not every session was drawn or an app outlived the server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from tests.test_serve import alive, children, wait_until  # noqa: E402

MAX_SESSIONS = 60
DRAWN_BYTES = 2000


def _memory_kib(pid: int) -> dict[str, int]:
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                found[key.lower() + "_kib"] = int(rest.split()[0])
    except OSError:
        pass
    return found


async def _one(http: aiohttp.ClientSession, url: str, started: float) -> float | None:
    ws = await http.ws_connect(f"{url}/ws?width=80&height=24", headers={"Origin": url})
    received = 0
    while received < DRAWN_BYTES:
        message = await ws.receive()
        if message.type == aiohttp.WSMsgType.BINARY:
            received += len(message.data)
        elif message.type != aiohttp.WSMsgType.TEXT:
            return None
    seconds = time.monotonic() - started
    _SOCKETS.append(ws)
    return seconds


_SOCKETS: list[aiohttp.ClientWebSocketResponse] = []
_HTTP: list[aiohttp.ClientSession] = []


async def _close_all() -> None:
    for ws in _SOCKETS:
        await ws.close()
    for http in _HTTP:
        await http.close()


async def _open_all(url: str, sessions: int, timeout: float) -> list[float | None]:
    http = aiohttp.ClientSession()
    _HTTP.append(http)
    started = time.monotonic()
    tasks = [asyncio.create_task(_one(http, url, started)) for _ in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    return [t.result() if t in done and t.exception() is None else None for t in tasks]


def run(sessions: int, timeout: float) -> dict[str, Any]:
    sessions = min(sessions, MAX_SESSIONS)
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "pathways", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--max-sessions", str(sessions)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    apps: set[int] = set()
    loop = asyncio.new_event_loop()
    try:
        import socket

        def listening() -> bool:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            except OSError:
                return False
            return True

        assert wait_until(listening, 20), "the server did not start"
        server_idle = _memory_kib(server.pid)
        times = loop.run_until_complete(_open_all(url, sessions, timeout))
        apps = children(server.pid)
        per_app = [_memory_kib(pid) for pid in sorted(apps)]
        server_loaded = _memory_kib(server.pid)
        stop_started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)
        stop_s = time.monotonic() - stop_started
        outlived = [pid for pid in apps if wait_until(lambda p=pid: not alive(p), 2) is False]
    finally:
        loop.run_until_complete(_close_all())
        loop.close()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        for pid in apps:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    drawn = [t for t in times if t is not None]
    rss = [m["rss_kib"] for m in per_app if "rss_kib" in m]
    pss = [m["pss_kib"] for m in per_app if "pss_kib" in m]
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "sessions_opened": sessions,
        "sessions_drawn": len(drawn),
        "app_processes": len(apps),
        "all_drawn_s": round(max(drawn), 2) if drawn else None,
        "first_drawn_s": round(min(drawn), 2) if drawn else None,
        "median_drawn_s": round(statistics.median(drawn), 2) if drawn else None,
        "app_rss_mib_median": round(statistics.median(rss) / 1024, 1) if rss else None,
        "app_pss_mib_median": round(statistics.median(pss) / 1024, 1) if pss else None,
        "app_rss_mib_max": round(max(rss) / 1024, 1) if rss else None,
        "server_rss_mib_idle": round(server_idle.get("rss_kib", 0) / 1024, 1),
        "server_rss_mib_loaded": round(server_loaded.get("rss_kib", 0) / 1024, 1),
        "stop_after_sigterm_s": round(stop_s, 2),
        "apps_outliving_the_server": len(outlived),
        "ok": len(drawn) == sessions and not outlived,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    report = run(args.sessions, args.timeout)
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
