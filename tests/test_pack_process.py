"""The rule pack read in a child process (pathways/pack_process.py): the same graph and
problems as read here, nothing written, and a child that dies or is stopped never hangs.

Each case runs in a fresh Python process, as ``pathways`` does: the child is a fork of a
process that has started no thread yet (pytest's workers have).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from pathways.core.check import checked_graph
from pathways.core.cover import PackCover
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.render.graph_formats import graph_to_json_text

FIXTURES = Path(__file__).parent / "fixtures"


def _in_a_fresh_process(body: str, cwd: Path) -> dict[str, object]:
    """Run ``body`` (which sets ``out``, a JSON-able dict) after ``start`` is imported."""
    code = "import json, os, sys\nfrom pathlib import Path\n"
    code += "from pathways.pack_process import PackNotRead, start\n"
    code += textwrap.dedent(body) + "\nprint(json.dumps(out))\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr == ""
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_child_sends_the_cover_then_the_same_graph_as_reading_it_here(
    tmp_path: Path,
) -> None:
    out = _in_a_fresh_process(
        """
        from pathways.render.graph_formats import graph_to_json_text
        process = start(None)
        cover, problems = process.cover()
        graph = process.graph()
        process.end()
        out = {"cover": list(cover), "problems": problems, "graph": graph_to_json_text(graph),
               "cwd": os.listdir(".")}
        """,
        tmp_path,
    )
    graph, problems = checked_graph(shipped_rules_dir())
    assert graph is not None and problems == []
    assert out["graph"] == graph_to_json_text(graph)
    assert out["cover"] == json.loads(json.dumps(list(PackCover.of(graph))))
    assert out["problems"] == []
    assert out["cwd"] == []  # nothing written


def test_a_pack_with_problems_sends_its_problems_and_no_cover(tmp_path: Path) -> None:
    broken = FIXTURES / "three-problems"
    out = _in_a_fresh_process(
        f"""
        process = start(Path({str(broken)!r}))
        cover, problems = process.cover()
        process.end()
        out = {{"cover": cover, "problems": [list(p) for p in problems]}}
        """,
        tmp_path,
    )
    graph, problems = checked_graph(broken)
    assert graph is None and len(problems) == 3
    assert out["cover"] is None
    assert out["problems"] == json.loads(json.dumps([list(p) for p in problems]))


def test_a_child_stopped_before_it_answers_gives_pack_not_read_and_is_reaped(
    tmp_path: Path,
) -> None:
    out = _in_a_fresh_process(
        """
        process = start(None)
        process.end()  # at once: the child is killed before it has read the pack
        process.end()  # twice is harmless
        try:
            process.cover()
            said = "answered"
        except PackNotRead as error:
            said = "not read"
        try:
            os.waitpid(process.pid, os.WNOHANG)
            reaped = False
        except ChildProcessError:
            reaped = True
        out = {"said": said, "reaped": reaped}
        """,
        tmp_path,
    )
    assert out == {"said": "not read", "reaped": True}


def test_a_child_that_dies_between_cover_and_graph_gives_pack_not_read(
    tmp_path: Path,
) -> None:
    out = _in_a_fresh_process(
        """
        import pathways.pack_process as pack_process
        real_send = pack_process._send
        def send_once(fd, data):  # the child sends the cover, then dies
            if getattr(send_once, "sent", False):
                os._exit(9)
            send_once.sent = True
            real_send(fd, data)
        pack_process._send = send_once  # the child is a fork: it has this too
        process = start(None)
        cover, problems = process.cover()
        try:
            process.graph()
            said = "answered"
        except PackNotRead:
            said = "not read"
        process.end()
        out = {"said": said, "cover": cover is not None}
        """,
        tmp_path,
    )
    assert out == {"said": "not read", "cover": True}
