"""Rule text in the HTML handout is text, never markup: the one escaping policy."""

from __future__ import annotations

import shutil
from pathlib import Path

from pathways.core.load import load_pack
from pathways.core.safe_text import html_text
from pathways.render.handout import tour_html

SMALL = Path(__file__).parent / "fixtures" / "tour-small"


def test_html_text_escapes_markup_quotes_and_shows_controls() -> None:
    assert html_text('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;"
    assert html_text("bell\x07 csi\x9b") == "bell\\x07 csi\\x9b"


def test_hostile_rule_text_in_the_handout_opens_no_tag(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SMALL, pack)
    tours = pack / "tours.yaml"
    hostile = (
        tours.read_text()
        .replace("heading: Rules are strict", "heading: '<script>alert(1)</script>'")
        .replace("loop: strict rules", "loop: '\"><svg onload=alert(2)>'")
        .replace("title: A small loop", "title: '</title><img src=http://example.com/x>'")
    )
    tours.write_text(hostile)
    graph = load_pack(pack).graph
    assert graph is not None
    page = tour_html(graph, graph.tours["small-loop"])
    assert "<script" not in page and "<img" not in page and "onload=alert" not in page.replace(
        "&quot;&gt;&lt;svg onload=alert(2)&gt;", ""
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 1 and page.count("<title>") == 2  # page and diagram
