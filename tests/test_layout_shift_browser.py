"""Pages that never shift: cumulative layout shift measured in Debian's Chromium.

Every kind of page is loaded on a desktop and a phone viewport with a
`PerformanceObserver('layout-shift')` recording from the start, until what the
scripts add is in place (listing controls, the search index, results). The
server holds back every script and search-index file before answering, so the
scripts run after the first paint, as on a slow network: what they add must go
into space the page kept for it (issue 20). The sum of all shifts without
recent input must stay at most 0.05 (Lighthouse's "good" is 0.1, and it counts
only the worst window of shifts, so the sum is the stricter figure).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import SubPath, require_chromium
from conftest import HOSTED
from reader_site import PAGE_KINDS

pytestmark = pytest.mark.browser
require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

CLS_LIMIT = 0.05
HOLD = threading.Event()
"""Never set: waiting on it for `HOLD_SECONDS` holds a response back without a sleep loop."""
HOLD_SECONDS = 0.4
VIEWPORTS = {"desktop": (1350, 940, False), "phone": (390, 844, True)}
PAGES = {
    **PAGE_KINDS,
    "member profile": "authors/emile-borel/",
    "publications": "publications/",
    "search results": "search/?q=vision",
}
OBSERVE = """
window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) window.__shifts.push({
      value: entry.value,
      nodes: (entry.sources || []).map(function (s) {
        var n = s.node;
        if (!n) return "?";
        return n.nodeName + (n.id ? "#" + n.id : "") + (n.className ? "." + n.className : "");
      }),
    });
  });
}).observe({ type: "layout-shift", buffered: true });
"""


class Slow(SubPath):
    """Serve scripts and the search index late, after the page has painted."""

    def do_GET(self) -> None:
        if self.path.endswith(".js") or "/pagefind/" in self.path:
            HOLD.wait(HOLD_SECONDS)
        super().do_GET()


@contextmanager
def slow_serve(folder: Path, prefix: str) -> Iterator[str]:
    handler = type("Handler", (Slow,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def reader(reader_site: Path) -> Iterator[str]:
    with slow_serve(reader_site, urlsplit(HOSTED).path) as url:
        yield url


def settled(page: Page, kind: str) -> None:
    """Wait until the scripts have added everything they add to this kind of page."""
    if kind.startswith("search"):
        expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
        expect(page.locator("#search-status")).not_to_have_text("Loading the search index…")
        if kind == "search results":
            expect(page.locator("#search-results li").first).to_be_visible()
    elif page.locator("[data-listing-controls]").count():
        expect(page.locator("[data-listing-controls] select").first).to_be_attached()
    if kind == "paper":
        expect(page.locator("#copy-bibtex")).to_be_visible()
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def shifts(browser: Browser, url: str, viewport: str, kind: str) -> list[dict[str, object]]:
    width, height, mobile = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile
    )
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        page.goto(url)
        settled(page, kind)
        found: list[dict[str, object]] = page.evaluate("window.__shifts")
        return found
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_page_shifts_while_its_scripts_run(
    browser: Browser, reader: str, kind: str, viewport: str
) -> None:
    found = shifts(browser, reader + PAGES[kind], viewport, kind)
    total = sum(float(shift["value"]) for shift in found)  # type: ignore[arg-type]
    assert total <= CLS_LIMIT, f"{kind} on a {viewport}: layout shift {total:.3f}: {found}"
