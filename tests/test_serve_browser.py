"""Live reload in a real headless Chromium, against `paperboard serve` in a real process."""

from __future__ import annotations

import queue
from typing import Any

import pytest
from browser_helpers import require_chromium
from conftest import Project
from live_helpers import WAIT, ServeProcess

WAIT_MS = WAIT * 1000

pytestmark = pytest.mark.browser
require_chromium()


def last_lines_match(lines: queue.Queue[str], expected: list[str]) -> None:
    """Read printed lines until the last ones are `expected`."""
    seen: list[str] = []
    while seen[-len(expected) :] != expected:
        seen.append(lines.get(timeout=WAIT))


def test_edit_reloads_the_page_and_errors_show_an_overlay_until_fixed(
    browser: Any, project: Project
) -> None:
    path = project.paper("alpha", title="Alpha", body="The first abstract.")
    good = path.read_text()
    server = ServeProcess(project.root, "--base-url", "https://example.org/repo/")
    page = browser.new_page()
    try:
        page.goto(server.url + "papers/alpha/")
        heading = page.locator("main h1")
        assert heading.inner_text() == "Alpha"

        with page.expect_event("load", timeout=WAIT_MS):
            path.write_text(good.replace("Alpha", "Alpha Edited"))
        assert heading.inner_text() == "Alpha Edited"

        path.write_text(good.replace("date: 2025-03-21", "date: 2025-02-30"))
        overlay = page.locator("#paperboard-overlay")
        overlay.wait_for(state="visible", timeout=WAIT_MS)
        shown = overlay.locator("pre").inner_text()
        assert shown.startswith("content/papers/alpha.md:")
        last_lines_match(server.err, shown.splitlines())
        assert heading.inner_text() == "Alpha Edited"

        with page.expect_event("load", timeout=WAIT_MS):
            path.write_text(good.replace("Alpha", "Alpha Fixed"))
        assert overlay.count() == 0
        assert heading.inner_text() == "Alpha Fixed"
    finally:
        page.close()
        server.close()
