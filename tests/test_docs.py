"""The docs stay true: generated docs are current, and the documented example validates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pathways.core.check import check
from pathways.core.load import load_pack

ROOT = Path(__file__).resolve().parents[1]


def test_generated_route_and_source_docs_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "docs", "--out", str(ROOT / "docs"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + "\nrun: pathways docs --out docs"


def test_rule_format_example_pack_is_valid(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    example = next(
        block for block in re.findall(r"```yaml\n(.*?)```", text, re.S)
        if block.startswith("# pack.yaml")
    )
    (tmp_path / "pack.yaml").write_text(example, encoding="utf-8")
    assert check(load_pack(tmp_path)) == []
