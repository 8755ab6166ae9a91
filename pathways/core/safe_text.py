"""Rule text is untrusted: keep terminal control sequences out of what we print."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI/OSC).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Text with every control character shown as a visible escape, never executed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
