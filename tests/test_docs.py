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


def _exit_codes(path: Path) -> str:
    """The "Exit codes: ..." sentence of a document, on one line."""
    text = " ".join(path.read_text(encoding="utf-8").split())
    found = re.search(r"Exit codes: (.*?\.)(?: |$)", text)
    assert found is not None, f"{path.name} lists no exit codes"
    return found.group(1)


def test_readme_and_the_package_index_list_the_same_exit_codes_the_cli_uses() -> None:
    from pathways import cli

    readme = _exit_codes(ROOT / "README.md")
    index = _exit_codes(ROOT / "docs" / "package-index.md")
    assert index == readme
    listed = [int(code) for code in re.findall(r"(?:^|, )(\d) ", readme)]
    assert listed == sorted({cli.OK, cli.PROBLEMS, cli.USAGE, cli.INCOMPLETE})


def test_the_package_index_gives_scripts_the_answers_file_not_answer_flags() -> None:
    """README and docs/security.md prefer --answers-file: --answer leaves the case in the
    shell's history, so the package index does not offer it to scripts either."""
    index = (ROOT / "docs" / "package-index.md").read_text(encoding="utf-8")
    assert "--answers-file" in index
    assert "--answer " not in index and "--answer=" not in index
