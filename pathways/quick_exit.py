"""Quick exit: what leaving at once writes to the terminal, for every front.

Cursor home, clear the screen, then clear the scrollback (``ESC[3J``, honoured by
xterm, VTE, iTerm2, tmux and the Windows terminal), so what was on screen cannot be
scrolled back to. The shell's own history and a terminal's logs are out of reach.
"""

from __future__ import annotations

from typing import TextIO

CLEAR_ALL = "\x1b[H\x1b[2J\x1b[3J"


def clear_terminal(stream: TextIO) -> None:
    """Clear the screen and the scrollback of the terminal ``stream`` writes to."""
    stream.write(CLEAR_ALL)
    stream.flush()
