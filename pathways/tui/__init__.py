"""The Textual front end. Import PathwaysApp from here."""

from pathways.tui.app import PathwaysApp

__all__ = ["PathwaysApp"]
