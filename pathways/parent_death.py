"""A child process that dies with its parent (Linux), however the parent ends."""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # prctl(2)


def die_with_parent(parent: int) -> None:
    """Have the kernel send SIGKILL to this process when its parent ends (SIGTERM, SIGKILL,
    a crash); if ``parent`` has already ended, leave at once. Elsewhere than Linux: nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)
