"""Readers on the board, in a real Chromium: day by day, and sorting a whole listing.

The reader project (five papers a page, upvotes on some, three papers listed on
two board days) is served under its base URL's path on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import require_chromium, serve
from conftest import HOSTED
from reader_site import LISTED, PAPERS, PER_PAGE

pytestmark = pytest.mark.browser
require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

NEWEST = sorted(PAPERS, key=lambda slug: PAPERS[slug].date, reverse=True)
BOARD_DAYS = sorted({LISTED.get(slug, PAPERS[slug].date) for slug in PAPERS})
WEEK = {f"2025-06-{day:02d}" for day in range(2, 9)}
"""The ISO week of the board days in LISTED (2025-W23)."""


def votes(slug: str) -> int:
    extra = PAPERS[slug].extra
    for line in extra.splitlines():
        if line.startswith("upvotes:"):
            return int(line.split(":")[1])
    return -1


def label(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date.day} {date:%B} {date.year}"


@pytest.fixture(scope="module")
def reader(reader_site: Path) -> Iterator[str]:
    with serve(reader_site, HOSTED) as url:
        yield url


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=request.param)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def shown(page: Page) -> list[str]:
    hrefs = page.locator("ol.papers > li:visible .card-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def test_day_by_day_then_up_to_the_week_and_month(page: Page, reader: str) -> None:
    day = LISTED["sorting-bounds"]
    index = BOARD_DAYS.index(day)
    page.goto(reader + f"days/{day}/")
    expect(page.locator("main h1")).to_have_text(label(day))
    on_day = [s for s in PAPERS if LISTED.get(s, PAPERS[s].date) == day]
    assert shown(page) == sorted(on_day, key=lambda s: (-votes(s), PAPERS[s].title.casefold()))

    nav = page.get_by_role("navigation", name="Day by day")
    nav.get_by_role("link", name=f"Next day: {label(BOARD_DAYS[index + 1])}").click()
    page.wait_for_url(reader + f"days/{BOARD_DAYS[index + 1]}/")
    nav.get_by_role("link", name=f"Previous day: {label(day)}").click()
    page.wait_for_url(reader + f"days/{day}/")
    nav.get_by_role("link", name=f"Previous day: {label(BOARD_DAYS[index - 1])}").click()
    page.wait_for_url(reader + f"days/{BOARD_DAYS[index - 1]}/")
    page.go_back()
    page.wait_for_url(reader + f"days/{day}/")

    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    nav.get_by_role("link", name=f"Week {week} of {year}").click()
    page.wait_for_url(reader + f"weeks/{year}-W{week:02d}/")
    top = page.locator(".top-papers a").evaluate_all("as => as.map(a => a.pathname)")
    in_week = [s for s in PAPERS if votes(s) > 0 and LISTED.get(s, PAPERS[s].date) in WEEK]
    assert [path.rstrip("/").rsplit("/", 1)[1] for path in top] == sorted(in_week, key=votes)[::-1]
    page.get_by_role("navigation", name="Week by week").get_by_role(
        "link", name=label(day).split(" ", 1)[1]
    ).click()
    page.wait_for_url(reader + f"months/{day[:7]}/")
    page.locator("aside").get_by_role("link", name=label(day)).click()
    page.wait_for_url(reader + f"days/{day}/")


def test_the_menus_sort_and_filter_the_whole_listing(browser: Browser, reader: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".json") else None)
    try:
        page.goto(reader)
        assert shown(page) == NEWEST[:PER_PAGE]
        assert fetched == []  # nothing is fetched until a reader asks for another order
        sort = page.get_by_label("Sort all papers:")
        sort.select_option(label="Most upvoted")
        by_votes = sorted(NEWEST, key=lambda s: -votes(s))
        expect(page.locator("ol.papers")).to_have_attribute("aria-busy", "false")
        assert shown(page) == by_votes[:PER_PAGE]
        assert "segmentation" in shown(page)  # from page 2 of the newest papers
        expect(page.get_by_role("navigation", name="Pages")).to_be_hidden()
        expect(page.locator(".listing-status")).to_have_text(
            f"Showing {PER_PAGE} of {len(PAPERS)} papers, most upvoted."
        )
        page.get_by_role("button", name="Show more papers").click()
        assert shown(page) == by_votes[: 2 * PER_PAGE]
        expect(page.locator("ol.papers > li").nth(PER_PAGE).locator("a")).to_be_focused()

        sort.select_option(label="Oldest first")
        expect(page.locator("ol.papers")).to_have_attribute("aria-busy", "false")
        assert shown(page) == NEWEST[::-1][:PER_PAGE]
        page.get_by_label("Year:").select_option("2023")
        in_2023 = [s for s in NEWEST[::-1] if PAPERS[s].date.startswith("2023")]
        assert shown(page) == in_2023
        expect(page.get_by_role("button", name="Show more papers")).to_be_hidden()

        page.get_by_label("Year:").select_option("")
        sort.select_option(label="Newest first")
        assert shown(page) == NEWEST[:PER_PAGE]
        pager = page.get_by_role("navigation", name="Pages")
        expect(pager).to_be_visible()
        pager.get_by_role("link", name="Older").click()
        page.wait_for_url(reader + "page/2/")
        assert shown(page) == NEWEST[PER_PAGE : 2 * PER_PAGE]
        assert [url.rsplit("/", 1)[1] for url in fetched] == ["listing.json"]
    finally:
        context.close()


def test_without_javascript_a_long_listing_keeps_its_pages(browser: Browser, reader: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(reader + "trending/")
        expect(page.locator(".listing-controls")).to_be_hidden()
        voted = sorted((s for s in NEWEST if votes(s) >= 0), key=lambda s: -votes(s))
        assert shown(page) == voted[:PER_PAGE]
    finally:
        context.close()
