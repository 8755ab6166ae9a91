"""What a screen shows, as text: every line the terminal would draw, and the widgets' lines."""

from __future__ import annotations

from typing import Any

from textual.app import App


def screen_text(app: App[Any]) -> str:
    """The characters of the whole screen as drawn now (dialogs over it included)."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())
