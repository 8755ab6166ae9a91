"""`pathways serve` in a real headless Chromium, driven by Playwright.

The served terminal is drawn on a canvas, so the page's DOM holds none of the app's
text: the test reads the screen with OCR (tesseract) and compares screenshots.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import BROWSER_ARGS, BROWSER_MARKS, CHROMIUM

pytestmark = BROWSER_MARKS


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"server did not listen on {port} within {timeout}s")


def _ocr(png: bytes, tmp_path: Path) -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        pytest.skip("tesseract-ocr is not installed")
    image = tmp_path / "screen.png"
    image.write_bytes(png)
    result = subprocess.run(
        [tesseract, str(image), "stdout"], capture_output=True, text=True, timeout=60
    )
    return " ".join(result.stdout.split()).lower()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = _free_port()
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathways", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, 20)
        yield proc, port
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def test_served_app_loads_shows_welcome_and_answers_a_key(
    server: tuple[subprocess.Popen[str], int], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    proc, port = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"http://127.0.0.1:{port}/", timeout=30_000)
        blank = page.screenshot()
        text = ""
        first = blank
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:  # the app starts in a subprocess: wait for it
            page.wait_for_timeout(1000)
            first = page.screenshot()
            text = _ocr(first, tmp_path)
            if "legal advice" in text:
                break
        assert "legal advice" in text, f"welcome screen not seen; OCR read: {text[:400]}"
        assert first != blank
        # Keys go to the terminal only once it has focus, as after a person's first click.
        terminal_input = page.locator("textarea")
        if terminal_input.count():
            terminal_input.first.focus()
        else:
            page.mouse.click(5, 5)
        page.keyboard.press("Enter")
        page.wait_for_timeout(2500)
        after = page.screenshot()
        assert after != first, "the screen did not change after a key press"
        browser.close()
    local = (f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/", "data:", "blob:")
    outside = [url for url in requested if not url.startswith(local)]
    assert requested and outside == [], f"the page asked for more than this machine: {outside}"
    proc.send_signal(signal.SIGINT)
    output, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    assert f"http://127.0.0.1:{port}" in output
