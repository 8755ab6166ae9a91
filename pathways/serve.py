"""`pathways serve`: the same TUI in a web browser, through textual-serve.

No web code of our own: textual-serve runs ``pathways tui`` for each browser tab and
streams it. One change to its page: the web-font link to an outside host is removed,
so that opening the page makes no request beyond this machine.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path
from typing import Any

_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*/>", re.S)


def tui_command(rules: str | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    argv = [sys.executable, "-m", "pathways"]
    if rules:
        argv += ["--rules", str(Path(rules).resolve())]
    return shlex.join([*argv, "tui"])


def make_server(host: str, port: int, rules: str | None) -> Any:
    import aiohttp_jinja2
    import jinja2
    from textual_serve.server import Server

    class OfflineServer(Server):
        async def _make_app(self) -> Any:
            app = await super()._make_app()
            templates = Path(self.templates_path)

            def load(name: str) -> str | None:
                path = templates / name
                if not path.is_file():
                    return None
                return _FONT_LINK.sub("", path.read_text(encoding="utf-8"))

            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))
            return app

    return OfflineServer(tui_command(rules), host=host, port=port, title="asylum-pathways")


def serve(host: str, port: int, rules: str | None) -> int:
    try:
        server = make_server(host, port, rules)
    except ImportError:
        print("pathways serve needs textual-serve: pip install textual-serve", file=sys.stderr)
        return 1
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: serving on {host}: anyone who can reach this machine can open the app",
            file=sys.stderr,
        )
    print(f"Open http://{host}:{port} in a web browser. Press Ctrl+C to stop.", flush=True)
    try:
        server.serve()
    except OSError as error:
        print(f"error: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0
