"""The garbage-collector switches live in pathways/core/collector.py and nowhere else."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from pathlib import Path

from pathways.core.collector import (
    DEFERRED_THRESHOLD,
    FULL_COLLECTION_DUE,
    collect_if_due,
    deferred_full_collections,
    paused,
    pausing,
)

PACKAGE = Path(__file__).resolve().parents[1] / "pathways"


def test_only_the_collector_module_touches_gc() -> None:
    uses = re.compile(r"^\s*(import gc\b|from gc import)|\bgc\.", re.M)
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if uses.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/collector.py"]


def test_pausing_switches_the_collector_off_inside_and_back_on_after() -> None:
    seen: list[bool] = []

    @pausing
    def build() -> int:
        seen.append(gc.isenabled())
        with paused():  # nested: leaves it to the outer one
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
        return 7

    assert gc.isenabled()
    assert build() == 7
    assert seen == [False, False, False]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing is left frozen


def test_a_paused_block_that_raises_still_switches_the_collector_back_on() -> None:
    try:
        with paused():
            raise ValueError("bad input")
    except ValueError:
        pass
    assert gc.isenabled()


def test_the_command_freezes_the_heap_only_once_its_work_is_done() -> None:
    """``pathways`` (``pathways.__main__.run``) exits with everything frozen, so exit skips
    walking it; the command's own result and output are those of ``main``."""
    probe = (
        "import contextlib, gc, io, json, sys\n"
        "from pathways.__main__ import run\n"
        "sys.argv = ['pathways', 'schema']\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = run()\n"
        "print(json.dumps([code, gc.get_freeze_count() > 0, len(json.loads(out.getvalue()))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    code, frozen, keys = json.loads(done.stdout)
    assert code == 0 and frozen and keys > 0


def test_deferred_full_collections_raise_the_last_threshold_and_put_it_back() -> None:
    before = gc.get_threshold()
    with deferred_full_collections():
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2]
        assert full == max(before[2], DEFERRED_THRESHOLD)
    assert gc.get_threshold() == before


def test_collect_if_due_collects_only_once_python_would_have() -> None:
    gc.collect()  # the count of middle collections starts again from 0
    assert gc.get_count()[2] < FULL_COLLECTION_DUE
    assert not collect_if_due()
    with deferred_full_collections():
        while gc.get_count()[2] < FULL_COLLECTION_DUE:
            gc.collect(1)
        assert collect_if_due()
        assert gc.get_count()[2] == 0
