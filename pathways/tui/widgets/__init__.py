"""Widgets of the terminal app: each in its own module."""
