"""`pathways serve`: the same TUI in a web browser, through textual-serve.

textual-serve runs ``pathways tui`` for each browser tab and streams it. What this
module adds, through textual-serve's public surface only (its ``Server`` class, the
``templates_path`` option, the request handlers and ``AppService``):

- **An offline page**: our own copy of its page template (``serve_templates/``),
  without the web-font link to an outside host.
- **Only this server's own pages may open sessions**: a request whose ``Host`` is not
  one of the server's own names (DNS rebinding), or whose ``Origin`` is another site
  (any web page the advocate visits), is refused with 403.
- **Bounded sessions**: at most ``max_sessions`` at once (a training room; more are
  refused with a message), each with a screen of at most :data:`MAX_COLUMNS` x
  :data:`MAX_ROWS`, on opening and on every resize.
- **No app outlives its session or the server**: each app process asks the kernel to
  kill it when the server dies, even by SIGKILL (``PR_SET_PDEATHSIG``, see
  :func:`die_with_server`); when a session's socket closes, its app is asked to quit
  and killed if it has not within :data:`QUIT_GRACE_S`; SIGTERM and SIGINT end every
  app and stop the server at once.
- **A plain log**: one line per event, no tracebacks, nothing of what is on screen;
  the address to open is printed only once the port is bound (aiohttp's ``run_app``
  reports that through its ``print`` argument, so :meth:`serve` passes its own).
- **No wildcard address**: ``--host 0.0.0.0`` or ``::`` is refused (:func:`host_problem`):
  a browser cannot open it, the page's websocket address would be built from it, and
  the ``Host`` check would have no name of the server's own to hold requests to.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import json
import logging
import os
import shlex
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from pathways.core.safe_text import one_line

MAX_COLUMNS, MAX_ROWS = 400, 150
DEFAULT_MAX_SESSIONS = 30
QUIT_GRACE_S = 1.0
SERVER_PID_ENV = "PATHWAYS_SERVER_PID"
TEMPLATES = Path(__file__).with_name("serve_templates")
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
FULL_MESSAGE = (
    "This server already has {limit} sessions open, its limit. Close a tab that is "
    "no longer used, or ask the trainer to start it with a higher --max-sessions."
)

log = logging.getLogger("pathways.serve")

def die_with_server() -> None:
    """In an app process started by ``pathways serve``: die when the server dies.

    The server's pid is in :data:`SERVER_PID_ENV`. The kernel sends SIGKILL to this
    process when its parent (the server; the shell ``exec``s) ends, however it ends.
    If the server is already gone, leave at once.
    """
    from pathways.parent_death import die_with_parent

    expected = os.environ.pop(SERVER_PID_ENV, None)
    if expected is not None and expected.isdigit():
        die_with_parent(int(expected))


def tui_command(rules: str | None) -> str:
    """The shell command textual-serve runs for each browser session.

    ``exec`` makes the app the server's own child (for :func:`die_with_server`); its
    stderr is dropped so that nothing of a session's screen reaches the server's log.
    """
    argv = [sys.executable, "-m", "pathways"]
    if rules:
        argv += ["--rules", str(Path(rules).resolve())]
    return f"{SERVER_PID_ENV}={os.getpid()} exec {shlex.join([*argv, 'tui'])} 2>/dev/null"


def _clamp(value: Any, default: int, limit: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(number, limit))


def _is_wildcard(host: str) -> bool:
    """Whether ``host`` means "every address of this machine" (0.0.0.0, ::, 0...)."""
    try:
        found = socket.getaddrinfo(host.strip("[]"), None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError):
        return False  # a name, not an address
    return any(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_unspecified
               for info in found)


def network_address() -> str | None:
    """This machine's address on its network (the one its default route leaves from), or
    None. Nothing is sent: connecting a UDP socket only chooses the route."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: documentation only, never reached
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_loopback else address


def host_problem(host: str) -> str | None:
    """Why ``--host`` cannot be served, with what to give instead; None when it can."""
    if not host.strip():
        return "the --host name is empty (127.0.0.1 serves this machine only)"
    if not _is_wildcard(host):
        return None
    address = network_address() or "192.168.1.20"
    return (
        f"--host {host} is not an address a browser can open. To serve other machines, "
        f"give this machine's address on the network, e.g. --host {address}; "
        "to serve this machine only, leave --host out (127.0.0.1)"
    )


def public_url(host: str, port: int) -> str:
    """The address to open: ``http://host:port``, an IPv6 address in brackets."""
    name = f"[{host}]" if ":" in host else host
    return f"http://{name}" if port == 80 else f"http://{name}:{port}"


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` headers this server answers to: its own address and port, and the
    local names when it listens on a local address."""
    names = {host, *LOCAL_NAMES} if host in LOCAL_NAMES else {host}
    bracketed = {f"[{name}]" if ":" in name else name for name in names}
    with_port = {f"{name}:{port}" for name in bracketed}
    return frozenset(with_port | bracketed if port == 80 else with_port)


def _children() -> set[int]:
    """The pids of this process's children (Linux; empty elsewhere)."""
    found: set[int] = set()
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            with contextlib.suppress(OSError):
                found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


class _OneLine(logging.Formatter):
    """One line per record: no traceback, no control characters."""

    def format(self, record: logging.LogRecord) -> str:
        when = time.strftime("%H:%M:%S", time.localtime(record.created))
        return f"{when} {record.levelname.lower()}: {one_line(record.getMessage())}"


def make_server(
    host: str, port: int, rules: str | None, max_sessions: int = DEFAULT_MAX_SESSIONS
) -> Any:
    from aiohttp import WSCloseCode, WSMsgType, web
    from aiohttp.web_runner import GracefulExit
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    hosts = allowed_hosts(host, port)
    origins = frozenset(f"http://{name}" for name in hosts)

    class PathwaysServer(Server):
        def __init__(self) -> None:
            super().__init__(
                tui_command(rules), host=host, port=port, title="asylum-pathways",
                templates_path=TEMPLATES, public_url=public_url(host, port),
            )
            self.max_sessions = max_sessions
            self.sessions: dict[int, Any] = {}  # app pid -> its websocket
            self.sockets: set[Any] = set()
            self._spawning = asyncio.Lock()

        def initialize_logging(self) -> None:
            handler = logging.StreamHandler(sys.stdout)
            handler.setFormatter(_OneLine())
            for name in ("textual-serve", "pathways.serve", "aiohttp.access",
                         "aiohttp.server", "aiohttp.web"):
                logger = logging.getLogger(name)
                logger.handlers[:] = [handler]
                logger.propagate = False
                logger.setLevel(logging.INFO if name != "aiohttp.access" else logging.WARNING)

        def serve(self, debug: bool = False) -> None:
            """Serve until stopped, as textual-serve's ``serve`` does, but say where only
            once the port is bound (a port in use is an error with nothing before it)."""
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for stop in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(stop, self.request_exit)
            web.run_app(
                self._make_app(), host=host, port=port, handle_signals=False, loop=loop,
                print=lambda *_: self.listening(),
            )

        async def on_startup(self, app: Any) -> None:
            """Nothing: textual-serve prints its banner here, before the port is bound."""

        def listening(self) -> None:
            if host not in LOCAL_NAMES:
                print(f"warning: serving on {host}: anyone who can reach this machine can "
                      "open the app", file=sys.stderr, flush=True)
            print(f"Open {self.public_url} in a web browser. Press Ctrl+C to stop.", flush=True)
            log.info("serving on %s (at most %d sessions)", self.public_url, self.max_sessions)

        def refusal(self, request: Any) -> str | None:
            """Why this request may not be served, or None."""
            if request.headers.get("Host", "") not in hosts:
                return "wrong host"
            origin = request.headers.get("Origin")
            if origin is not None and origin not in origins:
                return "another site"
            return None

        async def handle_index(self, request: Any) -> Any:
            why = self.refusal(request)
            if why is not None:
                log.warning("refused a page request: %s", why)
                raise web.HTTPForbidden(text="Forbidden: this server answers only to itself.")
            if len(self.sockets) >= self.max_sessions:
                raise web.HTTPServiceUnavailable(
                    text=FULL_MESSAGE.format(limit=self.max_sessions)
                )
            return await super().handle_index(request)

        async def handle_download(self, request: Any) -> Any:
            if self.refusal(request) is not None:
                raise web.HTTPForbidden(text="Forbidden")
            return await super().handle_download(request)

        async def handle_websocket(self, request: Any) -> Any:
            why = self.refusal(request)
            if why is not None:
                log.warning("refused a session: %s", why)
                raise web.HTTPForbidden(text="Forbidden: this server answers only to itself.")
            websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
            await websocket.prepare(request)
            if len(self.sockets) >= self.max_sessions:
                log.warning("refused a session: %d sessions open", len(self.sessions))
                message = FULL_MESSAGE.format(limit=self.max_sessions)
                await websocket.send_bytes(f"\r\n  {message}\r\n".encode())
                await websocket.close()
                return websocket
            width = _clamp(request.query.get("width"), 80, MAX_COLUMNS)
            height = _clamp(request.query.get("height"), 24, MAX_ROWS)
            async def close() -> None:
                await websocket.close()

            service = AppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=close, download_manager=self.download_manager,
            )
            pid = None
            self.sockets.add(websocket)
            # Counted when the socket is added or removed: the awaits between that and the
            # log line let other sessions open or close meanwhile.
            opened = len(self.sockets)
            try:
                async with self._spawning:  # one start at a time: the new child is ours
                    before = _children()
                    await service.start(width, height)
                    pid = next(iter(_children() - before), None)
                if pid is not None:
                    self.sessions[pid] = websocket
                log.info("session opened (%d open)", opened)
                await self._relay(websocket, service)
            except Exception as error:  # one line; never a traceback with screen data
                log.warning("session ended with %s", type(error).__name__)
            finally:
                self.sockets.discard(websocket)
                still_open = len(self.sockets)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(service.stop(), QUIT_GRACE_S)
                if pid is not None:
                    self.sessions.pop(pid, None)
                    _kill(pid)
                log.info("session closed (%d open)", still_open)
            return websocket

        async def _relay(self, websocket: Any, service: Any) -> None:
            """The browser's keys, resizes, focus and pings to the app (sizes bounded)."""
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = json.loads(message.data)
                except (ValueError, TypeError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    await service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await service.set_terminal_size(
                        _clamp(data.get("width"), 80, MAX_COLUMNS),
                        _clamp(data.get("height"), 24, MAX_ROWS),
                    )
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()

        def request_exit(self) -> None:
            """SIGTERM / SIGINT: end every app now, then stop serving."""
            for pid in list(self.sessions):
                _kill(pid)
            log.info("stopping")
            raise GracefulExit()

        async def on_shutdown(self, app: Any) -> None:
            for pid in list(self.sessions):
                _kill(pid)
            for websocket in list(self.sockets):  # so that no handler keeps the server up
                with contextlib.suppress(Exception):
                    await websocket.close(code=WSCloseCode.GOING_AWAY)

    return PathwaysServer()


def _kill(pid: int) -> None:
    """End an app process of ours, if it is still ours."""
    if pid in _children():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def serve(
    host: str, port: int, rules: str | None, max_sessions: int = DEFAULT_MAX_SESSIONS
) -> int:
    try:
        server = make_server(host, port, rules, max_sessions)
    except ImportError:
        print(
            "pathways: error: pathways serve needs the 'serve' extra (textual-serve): "
            "pip install 'asylum-pathways[serve]'",
            file=sys.stderr,
        )
        return 1
    try:
        server.serve()
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        advice = {
            errno.EADDRINUSE: "another program is using this port; choose another with --port",
            errno.EADDRNOTAVAIL: "give one of this machine's own addresses with --host",
        }.get(error.errno or 0, "")
        where = public_url(host, port).removeprefix("http://")
        print(f"pathways: error: cannot serve on {where}: {reason}"
              + (f"; {advice}" if advice else ""), file=sys.stderr)
        return 1
    return 0
