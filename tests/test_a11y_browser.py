"""Accessibility in a real Chromium: axe-core, the keyboard, and a phone-sized screen.

axe-core (from npm, see browser_helpers.axe_script) runs inside each page kind, in
light and dark mode, and must report no violation. Keyboard tests press Tab through
whole pages; layout tests open every page kind 375 px wide. Pages come from the seed
site and from the reader project (which has authors and pagination), served under
their base URL's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from browser_helpers import axe_script, require_chromium, serve
from conftest import HOSTED, REPO

pytestmark = pytest.mark.browser
require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

SEED_PAPER = sorted((REPO / "content" / "papers").glob("*.md"))[0].stem


def results_shown(page: Page) -> None:
    """Wait until the search page shows results."""
    results = page.locator("#search-results")
    expect(results.locator("li").first).to_be_visible()
    expect(results).to_have_attribute("aria-busy", "false")


def type_a_search(page: Page) -> None:
    """Search for "bias" in the search page's own box and wait for the results."""
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    page.fill("#search-query", "bias")
    page.press("#search-query", "Enter")
    results_shown(page)


def sort_the_whole_listing(page: Page) -> None:
    """Sort the home page's whole listing by upvotes and wait for the rows from listing.json."""
    page.get_by_label("Sort all papers:").select_option("upvotes")
    expect(page.get_by_role("button", name="Show more papers")).to_be_visible()
    expect(page.locator("ol.papers")).to_have_attribute("aria-busy", "false")


class Stop(NamedTuple):
    """A page to check: which site, its path, and what to do once it is open."""

    site: str
    path: str
    then: Callable[[Page], None] | None = None


PAGES = {
    "home": Stop("seed", ""),
    "topics": Stop("seed", "topics/"),
    "topic": Stop("seed", "topics/fairness/"),
    "paper": Stop("seed", f"papers/{SEED_PAPER}/"),
    "archive": Stop("seed", "archive/"),
    "404": Stop("seed", "no/such/page/"),
    "search": Stop("seed", "search/", type_a_search),
    "author": Stop("reader", "authors/ada-lovelace/"),
    "author-page-2": Stop("reader", "authors/ada-lovelace/page/2/"),
    "author-with-profile": Stop("reader", "authors/emile-borel/"),
    "publications": Stop("reader", "publications/"),
    "publications-page-2": Stop("reader", "publications/page/2/"),
    "home-page-2": Stop("reader", "page/2/"),
    "paper-with-math": Stop("reader", "papers/sorting-bounds/"),
    "paper-with-links": Stop("reader", "papers/every-link/"),
    "home-with-thumbnails": Stop("reader", ""),
    "home-sorted-whole": Stop("reader", "", sort_the_whole_listing),
    "day": Stop("reader", "days/2025-06-03/"),
    "week": Stop("reader", "weeks/2025-W23/"),
    "month": Stop("reader", "months/2025-06/"),
    "trending": Stop("reader", "trending/"),
    "seed-day": Stop("seed", "days/2025-03-21/"),
    "seed-trending": Stop("seed", "trending/"),
}


@pytest.fixture(scope="module")
def sites(seed_site: Path, reader_site: Path) -> Iterator[dict[str, str]]:
    """Both sites, served on 127.0.0.1 under the base URL's path."""
    with serve(seed_site, HOSTED) as seed, serve(reader_site, HOSTED) as reader:
        yield {"seed": seed, "reader": reader}


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()


def open_page(page: Page, sites: dict[str, str], stop: Stop) -> str:
    """Open a page, do its `then`, and return its URL."""
    url = sites[stop.site] + stop.path
    response = page.goto(url)
    assert response is not None
    assert response.status == (404 if stop.path.startswith("no/") else 200), url
    if stop.then:
        stop.then(page)
    return url


def describe(url: str, mode: str, violations: list[dict[str, Any]]) -> str:
    """Each violation: the page, the rule and every element it found, with how to fix it."""
    lines = [f"{len(violations)} axe violations on {url} ({mode}):"]
    for rule in violations:
        lines.append(f"  {rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines += ["      " + line for line in node["failureSummary"].splitlines()]
    return "\n".join(lines)


MODES = [("light", 1200), ("dark", 1200), ("light", 375), ("dark", 375)]
"""Colour scheme and window width: a table that fits a desktop may scroll on a phone."""


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_in_light_and_dark_mode(
    browser: Browser, sites: dict[str, str], axe: str, name: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    failures = []
    try:
        url = open_page(page, sites, PAGES[name])
        page.add_script_tag(content=axe)
        for scheme, width in MODES:
            page.emulate_media(color_scheme=scheme)
            page.set_viewport_size({"width": width, "height": 800})
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert is_dark(background) == (scheme == "dark"), background
            results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            assert "color-contrast" in {rule["id"] for rule in results["passes"]}
            if results["violations"]:
                failures.append(describe(url, f"{scheme}, {width} px", results["violations"]))
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


def is_dark(css_color: str) -> bool:
    """Whether an `rgb(r, g, b)` colour is closer to black than to white."""
    red, green, blue = (
        int(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    )
    return red + green + blue < 3 * 128


FOCUSABLE = """() => {
  const controls = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const all = [...document.querySelectorAll(controls)]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden');
  all.forEach((el, index) => { el.dataset.kb = index; });
  return all.map((el) => el.outerHTML.slice(0, 160));
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    kb: el.dataset.kb === undefined ? null : Number(el.dataset.kb),
    html: el.outerHTML.slice(0, 160),
    ring: el.matches(':focus-visible') && ((style.outlineStyle !== 'none'
      && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none'),
    seen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth,
  };
}"""


def tab_through(page: Page, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page (or comes round again); what got focus, in order."""
    visited: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (visited and focused["kb"] == visited[0]["kb"]):
            break
        visited.append(focused)
    return visited


KEYBOARD = {
    "home": PAGES["home"],
    "paper": PAGES["paper-with-links"],
    "search": Stop("seed", "search/?q=bias", results_shown),
    "author": PAGES["author"],
    "week": PAGES["week"],
}
"""Pages with every kind of control: listing menus, pagination, Copy, search facets."""


@pytest.mark.parametrize("name", KEYBOARD)
def test_tab_reaches_everything_with_a_visible_focus_ring(
    browser: Browser, sites: dict[str, str], name: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        url = open_page(page, sites, KEYBOARD[name])
        focusable = page.evaluate(FOCUSABLE)
        visited = tab_through(page, len(focusable) + 5)
    finally:
        context.close()
    assert visited and "skip-link" in visited[0]["html"], f"{url}: Tab first reaches {visited[:1]}"
    missed = set(range(len(focusable))) - {stop["kb"] for stop in visited}
    assert not missed, f"{url}: Tab never reaches:\n" + "\n".join(focusable[i] for i in missed)
    strays = [stop["html"] for stop in visited if stop["kb"] is None]
    assert strays == [], f"{url}: Tab stops on elements that are not controls: {strays}"
    unringed = [stop["html"] for stop in visited if not (stop["ring"] and stop["seen"])]
    assert unringed == [], f"{url}: focus is not visible on:\n" + "\n".join(unringed)


def test_the_skip_link_comes_first_and_skips_to_the_content(
    browser: Browser, sites: dict[str, str]
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        url = open_page(page, sites, PAGES["paper"])
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        page.keyboard.press("Enter")
        assert page.url == url + "#content"
        expect(page.locator("main#content")).to_be_focused()
        page.keyboard.press("Tab")
        first_in_main = page.locator("main a[href], main button").first
        expect(first_in_main).to_be_focused()
    finally:
        context.close()


NEEDS_JAVASCRIPT = ("search", "home-sorted-whole")
LAYOUT = """() => {
  const root = document.scrollingElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
  }
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map((c) => '.' + c).join('');
  const containers = ['.header-row', '.site-nav ul', 'main', '.columns', '.paper',
    '.paper > header', '.papers', '.card', '.chips', '.links', '.pagination ul',
    '.listing-controls', '.search-row', '.search-layout', '.facets', '.topic-index',
    '.topic-counts', '.archive', '.site-footer .wrap', '.period-nav ul', '.top-papers',
    '.card.has-thumb'];
  for (const selector of containers) {
    for (const box of document.querySelectorAll(selector)) {
      const kids = [...box.children].filter(shown).map((el) => [el, el.getBoundingClientRect()]);
      for (const [el, r] of kids) {
        if (r.left < -1 || r.right > root.clientWidth + 1) {
          problems.push(`${name(el)} in ${selector} sticks out: x from ${r.left} to ${r.right}`);
        }
      }
      kids.forEach(([a, ra], i) => kids.slice(i + 1).forEach(([b, rb]) => {
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) problems.push(`${name(a)} and ${name(b)} overlap in ${selector}`);
      }));
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_at_375_px_no_page_scrolls_sideways_and_nothing_overlaps(
    browser: Browser, sites: dict[str, str], javascript: bool
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    problems = []
    try:
        for name in PAGES:
            if name in NEEDS_JAVASCRIPT and not javascript:
                continue
            url = open_page(page, sites, PAGES[name])
            problems += [f"{url}: {problem}" for problem in page.evaluate(LAYOUT)]
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
