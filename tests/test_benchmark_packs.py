"""The benchmarks' generated packs are valid packs of the current rule language: the
timings of README's Performance table are of packs the validator accepts, not of error
listings (they drifted once: the generator still wrote rule language v1)."""

from __future__ import annotations

from pathlib import Path

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.walk import Walk
from tests.benchmarks.bench_validate import write_pack


def test_a_generated_pack_is_valid_with_its_sources_and_has_the_nodes_asked(
    tmp_path: Path,
) -> None:
    count = write_pack(tmp_path, 203)
    result = load_pack(tmp_path)
    assert check(result, tmp_path / "sources") == []
    assert result.graph is not None
    assert count == len(result.graph.nodes) == 203
    walk = Walk.from_facts(result.graph, {})  # it asks: a question of the first block
    assert walk.node.kind == "question"
