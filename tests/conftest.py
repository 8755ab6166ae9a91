"""Fixtures for every test: the shipped rule graph, loaded and checked once per run."""

from __future__ import annotations

import functools

import pytest

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import RuleGraph
from pathways.core.shipped_pack import shipped_rules_dir


@functools.cache
def shipped_graph() -> RuleGraph:
    """The shipped rules, read once (also for tests that need it at collection time)."""
    result = load_pack(shipped_rules_dir())
    assert check(result) == [], "the shipped rule pack has problems"
    assert result.graph is not None
    return result.graph


@pytest.fixture(scope="session")
def graph() -> RuleGraph:
    """The shipped rule graph (read-only: RuleGraph and its models are frozen)."""
    return shipped_graph()
