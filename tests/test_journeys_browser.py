"""What readers do, in a real Chromium: browse, page, cite, search, with and without JavaScript.

The reader project (authors, five papers a page) and the seed site are served under
their base URL's path on 127.0.0.1, as GitHub Pages serves a project site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import pytest
from browser_helpers import require_chromium, serve
from conftest import HOSTED
from reader_site import ADA, PAPERS, PER_PAGE, papers_of

pytestmark = pytest.mark.browser
require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

NEWEST = sorted(PAPERS, key=lambda slug: PAPERS[slug].date, reverse=True)
FAIR = [slug for slug in NEWEST if "fairness" in PAPERS[slug].topics]


@pytest.fixture(scope="module")
def reader(reader_site: Path) -> Iterator[str]:
    with serve(reader_site, HOSTED) as url:
        yield url


@pytest.fixture(scope="module")
def seed(seed_site: Path) -> Iterator[str]:
    with serve(seed_site, HOSTED) as url:
        yield url


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab with JavaScript on, then off: every journey but search and Copy works without."""
    context = browser.new_context(java_script_enabled=request.param)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def listed(page: Page) -> list[str]:
    """Slugs of the papers a listing shows, in order."""
    hrefs = page.locator("ol.papers > li:visible .card-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def heading(page: Page) -> str:
    return " ".join(page.locator("main h1").inner_text().split())


def test_home_to_a_topic_to_a_paper_to_an_author_and_back(page: Page, reader: str) -> None:
    page.goto(reader)
    assert listed(page) == NEWEST[:PER_PAGE]
    page.locator(".sidebar").get_by_role("link", name="Fairness").click()
    page.wait_for_url(reader + "topics/fairness/")
    assert heading(page) == "Fairness"
    assert listed(page) == FAIR[:PER_PAGE]

    first = page.locator("ol.papers .card-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(reader + f"papers/{FAIR[0]}/")
    assert heading(page) == title
    expect(page.locator(".abstract p").first).to_be_visible()
    expect(page.locator("#bibtex")).to_contain_text(f"{{{FAIR[0]},")

    page.locator(".paper .authors").get_by_role("link", name=ADA).click()
    page.wait_for_url(reader + "authors/ada-lovelace/")
    assert heading(page) == ADA
    expect(page.locator("main .count").first).to_have_text(f"{len(papers_of(ADA))} papers")
    assert listed(page) == papers_of(ADA)[:PER_PAGE]

    for url, shown in (
        (f"papers/{FAIR[0]}/", title),
        ("topics/fairness/", "Fairness"),
        ("", "Reading Group & Friends"),
    ):
        page.go_back()
        page.wait_for_url(reader + url)
        assert heading(page) == shown


def test_pages_forward_and_back(page: Page, reader: str) -> None:
    page.goto(reader)
    pager = page.get_by_role("navigation", name="Pages")
    expect(pager.get_by_role("link", name="1")).to_have_attribute("aria-current", "page")
    for number in (2, 3):
        pager.get_by_role("link", name="Older").click()
        page.wait_for_url(reader + f"page/{number}/")
        assert listed(page) == NEWEST[(number - 1) * PER_PAGE : number * PER_PAGE]
        expect(pager.locator("[aria-current=page]")).to_have_text(str(number))
    expect(pager.get_by_role("link", name="Older")).to_have_count(0)
    pager.get_by_role("link", name="Newer").click()
    page.wait_for_url(reader + "page/2/")
    pager.get_by_role("link", name="Page 1").click()
    page.wait_for_url(reader)
    assert listed(page) == NEWEST[:PER_PAGE]
    page.go_back()
    page.wait_for_url(reader + "page/2/")
    assert listed(page) == NEWEST[PER_PAGE : 2 * PER_PAGE]

    page.goto(reader + "authors/ada-lovelace/")
    pager.get_by_role("link", name="Older").click()
    page.wait_for_url(reader + "authors/ada-lovelace/page/2/")
    assert listed(page) == papers_of(ADA)[PER_PAGE:]
    assert re.search(r"page 2 of 2", heading(page))


def bib_fields(text: str) -> tuple[str, str, dict[str, str]]:
    """The one entry of a BibTeX text: type, key and fields."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    [entry] = library.entries
    return entry.entry_type, entry.key, {f.key: str(f.value) for f in entry.fields}


def test_the_cite_block_copies_the_bibtex(browser: Browser, reader: str, reader_site: Path) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(reader))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    try:
        page.goto(reader + "papers/sorting-bounds/")
        button = page.get_by_role("button", name="Copy BibTeX")
        button.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".cite-actions [role=status]")).to_have_text("Copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    cite_bib = (reader_site / "papers" / "sorting-bounds" / "cite.bib").read_text(encoding="utf-8")
    kind, key, fields = bib_fields(copied)
    assert (kind, key, fields) == bib_fields(cite_bib)
    assert key == "sorting-bounds"
    assert fields["title"] == "{" + PAPERS["sorting-bounds"].title + "}"
    assert fields["eprint"] == "2506.00001"


def test_without_javascript_there_is_no_copy_button_but_the_bibtex_is_there(
    browser: Browser, reader: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(reader + "papers/sorting-bounds/")
        expect(page.get_by_role("button", name="Copy BibTeX")).to_have_count(0)
        expect(page.locator("#bibtex")).to_contain_text("@inproceedings{sorting-bounds,")
        download = page.get_by_role("link", name="Download sorting-bounds.bib")
        expect(download).to_have_attribute("href", re.compile(r"/cite\.bib$"))
        expect(page.get_by_role("search", name="Site")).to_be_hidden()
        expect(page.get_by_role("link", name="Browse papers by topic")).to_be_visible()
    finally:
        context.close()


def test_search_a_result_and_back_to_the_results(browser: Browser, seed: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(seed)
        box = page.get_by_role("search", name="Site").get_by_role("searchbox")
        box.fill("distillation")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=distillation$"))
        results = page.locator("#search-results li h2 a")
        expect(results.first).to_be_visible()
        titles = results.all_inner_texts()
        assert titles and "distil" in titles[0].lower()
        results.first.click()
        page.wait_for_url(re.compile(r"/papers/[a-z0-9-]+/$"))
        assert heading(page) == titles[0]
        page.go_back()
        page.wait_for_url(re.compile(r"/search/\?q=distillation$"))
        expect(page.locator("#search-query")).to_have_value("distillation")
        expect(results.first).to_have_text(titles[0])
    finally:
        context.close()


def test_pages_load_nothing_from_elsewhere_and_no_fonts(browser: Browser, reader: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[tuple[str, str]] = []
    page.on("request", lambda request: requests.append((request.resource_type, request.url)))
    try:
        for path in ("", "papers/every-link/", "authors/ada-lovelace/", "search/?q=fair"):
            page.goto(reader + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.fonts.size") == 0, path
    finally:
        context.close()
    assert [kind for kind, _ in requests if kind == "font"] == []
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(reader))
    assert [url for _, url in requests if not url.startswith(origin)] == []
    assert {kind for kind, _ in requests} >= {"document", "stylesheet", "script", "fetch"}
