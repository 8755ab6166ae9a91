"""Renderers: pure functions from core values to text in one format each."""
