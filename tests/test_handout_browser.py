"""The HTML handout in a real headless Chromium: it renders, asks for nothing outside the
file, and prints on A4 with every step and quote on the page, no text cut at the edge."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pathways.core.model import RuleGraph
from pathways.render.handout import tour_html
from tests.browser import BROWSER_ARGS, BROWSER_MARKS, CHROMIUM

pytestmark = BROWSER_MARKS
A4_WIDTH_PX = round((210 - 2 * 15) / 25.4 * 96)  # the page's width inside its margins


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_handout_renders_loads_nothing_and_prints_on_a4_uncut(
    tmp_path: Path, graph: RuleGraph
) -> None:
    from playwright.sync_api import sync_playwright

    tour = graph.tours["catch-22"]
    page_file = tmp_path / "handout.html"
    page_file.write_text(tour_html(graph, tour), encoding="utf-8")
    url = page_file.as_uri()
    pdf = tmp_path / "handout.pdf"
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS
        )
        page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1000})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url, wait_until="load")
        body = _flat(page.inner_text("body"))
        for index, step in enumerate(tour.steps, 1):
            assert _flat(f"{index}. {step.heading}") in body
        loop = page.locator("figure#loop svg").bounding_box()
        assert loop is not None and loop["width"] > 200 and loop["height"] > 200
        page.emulate_media(media="print")
        overflowing = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > limit + 1)
                 .map(e => e.tagName + ': ' + (e.textContent || '').slice(0, 60))""",
            A4_WIDTH_PX,
        )
        assert overflowing == [], overflowing
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH_PX
        page.pdf(path=str(pdf), format="A4", print_background=True)
        browser.close()
    assert requested == [url], f"the page asked for more than its own file: {requested}"
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30)
    assert "pts (A4)" in info.stdout, info.stdout  # pdfinfo names the paper size
    printed = _flat(
        subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=30
        ).stdout
    )
    for index, step in enumerate(tour.steps, 1):
        assert _flat(f"{index}. {step.heading}") in printed
        assert _flat(step.door) in printed
        for citation in step.citations:
            first_words = " ".join(citation.words.split()[:6])
            assert first_words in printed, first_words
    assert "not legal advice" in printed.lower()
    assert "back to “presence needs a visa”" in printed
