"""scripts/migrate_rules_v2.py turns a first-language pack into a v2 pack that walks the same."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.model import Branch, Question
from pathways.core.walk import walk_through
from tests.fixture_packs import SOURCES

ROOT = Path(__file__).resolve().parents[1]
V1 = Path(__file__).parent / "migration" / "v1-pack"
SCRIPT = ROOT / "scripts" / "migrate_rules_v2.py"

# What the old pack decided: (location, can-fund) -> the visa verdict.
OLD_VERDICTS = {
    ("home", "yes"): "visa-blocked",
    ("abroad", "yes"): "visa-open",
    ("home", "no"): "visa-blocked",
    ("abroad", "no"): "visa-blocked",
}


def _migrated(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(V1, pack)
    subprocess.run([sys.executable, str(SCRIPT), "-q", str(pack)], check=True, timeout=60)
    return pack


def test_migrated_pack_validates_with_every_quote_found(tmp_path: Path) -> None:
    pack = _migrated(tmp_path)
    assert check(load_pack(pack), SOURCES) == []


def test_migrated_pack_reaches_the_old_verdicts_for_every_answer(tmp_path: Path) -> None:
    graph = load_pack(_migrated(tmp_path)).graph
    assert graph is not None
    for location, money in itertools.product(["home", "abroad"], ["yes", "no"]):
        walk = walk_through(graph, {"location": location, "can-fund": money})
        assert [v.id for v in walk.verdicts] == [OLD_VERDICTS[(location, money)]]


def test_migration_says_each_thing_once(tmp_path: Path) -> None:
    pack = _migrated(tmp_path)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "voice: Test News, a report." in text
    assert "note:" not in text  # every note repeated the voice
    assert '\\"' not in text and "quote: >-" in text
    assert "1 of 2" not in text  # the loader numbers the sequence
    graph = load_pack(pack).graph
    assert graph is not None
    questions = [n.id for n in graph.nodes.values() if isinstance(n, Question)]
    assert sorted(questions) == ["can-fund", "location"]  # one question per fact
    assert isinstance(graph.nodes["visa-money"], Branch)  # the old id still routes
    assert graph.nodes["welcome"].title == "The story, 1 of 2: welcome"
    assert graph.nodes["welcome"].citations[0].note == "Test News, a report."
    step = graph.tours["tour"].steps[0]
    assert step.citations == graph.nodes["rules"].citations  # inherited, not repeated
    assert "citations" not in text.split("tours:")[1]


def test_migration_run_again_changes_nothing(tmp_path: Path) -> None:
    pack = _migrated(tmp_path)
    before = (pack / "pack.yaml").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(pack)], capture_output=True, text=True, check=True,
        timeout=60,
    )
    assert (pack / "pack.yaml").read_text(encoding="utf-8") == before
    assert "0 of 1 files changed" in result.stdout


def test_a_v1_file_read_by_the_v2_validator_says_to_run_the_migration() -> None:
    schema = [p for p in check(load_pack(V1)) if p.code == "schema"]
    assert {p.message.rsplit(" ", 1)[-1] for p in schema} == {"'fact'", "'next'"}
    assert all("scripts/migrate_rules_v2.py" in p.hint for p in schema)
