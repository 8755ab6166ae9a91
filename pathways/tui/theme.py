"""A high-contrast theme: pure black and white, saturated status colours, no faded text."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="pathways-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    text_alpha=1.0,
    luminosity_spread=0.1,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        # The highlighted row is drawn in reverse: every span on it, whatever its own
        # colour (white text, yellow numbers), becomes black on that colour, never
        # white or yellow on yellow (tests/tui/test_high_contrast.py: at least 7:1).
        "block-cursor-background": "#000000",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "reverse bold",
        "block-cursor-blurred-background": "#333333",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-text-style": "bold",
        "border": "#FFFFFF",
    },
)
