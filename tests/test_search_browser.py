"""Search and listing controls, driven in Debian's headless Chromium with Playwright.

Sites are served by a real HTTP server under /repo/, as on GitHub Pages. The
seed site (this repository's content/) answers the search queries; its papers
have no authors, one date and no upvotes, so author search, the year facet
and the listing controls run on a small project written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import frontmatter
import pytest
from browser_helpers import build, require_chromium, serve
from conftest import HOSTED, REPO, Project
from reader_site import PAPERS

pytestmark = pytest.mark.browser
require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed site, built and served."""
    with serve(build(REPO, tmp_path_factory.mktemp("seed") / "site")) as url:
        yield url


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Five papers over three years, with authors, upvotes and markup in a title."""
    project = Project(tmp_path_factory.mktemp("small") / "proj")
    for slug, title in (
        ("vision", "Vision"),
        ("fairness", "Fairness"),
        ("efficiency", "Efficiency"),
    ):
        project.topic(slug, title)
    for slug, (title, date, authors, topics, upvotes) in SMALL.items():
        extra = f"upvotes: {upvotes}" if upvotes is not None else ""
        project.paper(slug, title, date, topics, authors, f"About {slug}.", extra)
    with serve(build(project.root, project.root / "site")) as url:
        yield url


SMALL = {
    "sparse-attention": (
        "Sparse Attention for Long Documents",
        "2025-06-01",
        ("Ada Lovelace", "Grace Hopper"),
        ("Vision",),
        30,
    ),
    "aardvark": (
        "Aardvark: Efficient Tokenizers",
        "2025-01-15",
        ("Kurt Gödel",),
        ("Efficiency",),
        None,
    ),
    "markup": (
        "<img src=x onerror=\"document.title='pwned'\"> Markup in Titles",
        "2024-07-07",
        ("Mallory <script>",),
        ("Fairness",),
        1,
    ),
    "fair-ranking": (
        "Fair Ranking under Uncertainty",
        "2024-03-10",
        ("Émile Borel",),
        ("Fairness",),
        5,
    ),
    "zebra": (
        "Zebra Crossings Detection",
        "2023-11-20",
        ("Grace Hopper",),
        ("Vision", "Fairness"),
        12,
    ),
}


def seed_papers() -> dict[str, frontmatter.Post]:
    return {
        path.stem: frontmatter.load(path) for path in (REPO / "content" / "papers").glob("*.md")
    }


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def open_search(page: Page, site: str) -> None:
    """Open the search page and wait for the index to load."""
    page.goto(site + "search/")
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")


def search(page: Page, query: str) -> list[str]:
    """Type a query, press Enter, and return the slugs of every result."""
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    return all_results(page)


def all_results(page: Page) -> list[str]:
    """Wait for results, press "Show more" until everything is listed, return the slugs."""
    results = page.locator("#search-results")
    more = page.locator("#search-more")
    expect(results).to_have_attribute("aria-busy", "false")
    while more.is_visible():
        more.click()
        expect(results).to_have_attribute("aria-busy", "false")
    return [
        slug_of(h) for h in results.locator("li h2 a").evaluate_all("as => as.map(a => a.href)")
    ]


def check(page: Page, legend: str, value: str) -> None:
    """Toggle a facet checkbox with the keyboard; `all_results` waits for the new results."""
    facet = page.locator("fieldset", has=page.locator("legend", has_text=legend))
    facet.get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)} \(\d+\)$")).press("Space")


def test_title_words_find_their_papers_first(page: Page, seed: str) -> None:
    open_search(page, seed)
    titled = {slug for slug, post in seed_papers().items() if "distil" in post["title"].lower()}
    assert len(titled) == 3
    found = search(page, "distillation")
    assert set(found[: len(titled)]) == titled
    status = page.locator("#search-status")
    expect(status).to_have_text(f"{len(found)} papers match “distillation”.")
    assert page.url.endswith("/repo/search/?q=distillation")


def test_a_word_only_in_one_abstract_finds_that_paper(page: Page, seed: str) -> None:
    word = "astonishingly"
    papers = seed_papers()
    having = [slug for slug, post in papers.items() if word in post.content.lower()]
    assert len(having) == 1 and word not in papers[having[0]]["title"].lower()
    open_search(page, seed)
    assert search(page, word) == having
    snippet = page.locator("#search-results li .snippet")
    expect(snippet.locator("mark")).to_have_text(re.compile(word, re.IGNORECASE))
    expect(page.locator("#search-status")).to_have_text(f"1 paper matches “{word}”.")
    title = page.locator("#search-results li h2 a").inner_text()
    page.locator("#search-results li h2 a").click()
    page.wait_for_url(seed + f"papers/{having[0]}/")
    assert page.title().split(" · ")[0] == title


def test_typing_in_the_header_box_searches_as_you_type(page: Page, seed: str) -> None:
    page.goto(seed)
    box = page.get_by_role("search", name="Site").get_by_role("searchbox")
    box.press_sequentially("equilibrium")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/repo/search/\?q=equilibrium$"))
    expect(page.locator("#search-query")).to_have_value("equilibrium")
    expected = [s for s, p in seed_papers().items() if "equilibrium" in p["title"].lower()]
    assert all_results(page)[: len(expected)] == expected
    page.locator("#search-query").press("End")
    page.locator("#search-query").press_sequentially(" propagation")
    expect(page.locator("#search-status")).to_contain_text("“equilibrium propagation”")
    assert all_results(page)[0] == expected[0]


def test_the_topic_facet_narrows_to_that_topic(page: Page, seed: str) -> None:
    papers = seed_papers()
    fair = {slug for slug, post in papers.items() if "fairness" in post["topics"]}
    open_search(page, seed)
    check(page, "Topic", "Fairness")
    assert set(all_results(page)) == fair
    expect(page.locator("#search-status")).to_have_text(
        f"{len(fair)} papers with the chosen filters, newest first."
    )
    assert "topic=Fairness" in page.url
    narrowed = set(search(page, "bias"))
    assert narrowed and narrowed <= fair
    check(page, "Topic", "Fairness")
    unfiltered = set(all_results(page))
    assert narrowed < unfiltered
    assert unfiltered - fair


def test_an_author_is_found_and_years_are_a_facet(page: Page, small: str) -> None:
    open_search(page, small)
    hopper = {slug for slug, paper in SMALL.items() if "Grace Hopper" in paper[2]}
    assert set(search(page, "Hopper")) == hopper
    authors = page.locator("#search-results li .authors").all_inner_texts()
    assert sorted(authors) == sorted(", ".join(SMALL[s][2]) for s in hopper)
    search(page, "")
    years = page.locator("fieldset", has=page.locator("legend", has_text="Year"))
    assert years.get_by_role("checkbox").count() == 0, "a range, not a box per year"
    years.get_by_label("To").select_option("2024")
    expected = [s for s, p in sorted(SMALL.items(), key=lambda i: i[1][1], reverse=True)]
    assert all_results(page) == [s for s in expected if SMALL[s][1][:4] <= "2024"]
    years.get_by_label("From").select_option("2024")
    assert all_results(page) == [s for s in expected if SMALL[s][1].startswith("2024")]
    assert "from=2024&to=2024" in page.url
    years.get_by_label("From").select_option("2023")
    assert all_results(page) == [s for s in expected if SMALL[s][1][:4] in ("2024", "2023")]
    page.reload()
    expect(years.get_by_label("From")).to_have_value("2023")
    assert all_results(page) == [s for s in expected if SMALL[s][1][:4] in ("2024", "2023")]


def test_markup_in_a_title_is_shown_as_text(page: Page, small: str) -> None:
    open_search(page, small)
    assert search(page, "markup") == ["markup"]
    result = page.locator("#search-results li")
    expect(result.locator("h2 a")).to_have_text(SMALL["markup"][0])
    expect(result.locator(".authors")).to_have_text("Mallory <script>")
    day = dt.date.fromisoformat(SMALL["markup"][1])
    expect(result.locator("time")).to_have_text(f"{day.day} {day:%B} {day.year}")
    assert result.locator("img").count() == 0
    assert page.title() != "pwned"


def listed(page: Page) -> list[str]:
    """Slugs of the visible papers of a listing, in order."""
    return [
        slug_of(h)
        for h in page.locator("ol[data-listing] > li:visible h2 a").evaluate_all(
            "as => as.map(a => a.href)"
        )
    ]


def test_listing_controls_sort_and_narrow_the_page(page: Page, small: str) -> None:
    page.goto(small)
    newest = sorted(SMALL, key=lambda s: SMALL[s][1], reverse=True)
    assert listed(page) == newest
    sort = page.get_by_label("Sort:")
    sort.select_option(label="Title (A to Z)")
    assert listed(page) == sorted(SMALL, key=lambda s: SMALL[s][0].casefold())
    sort.select_option(label="Most upvoted")
    votes = sorted(SMALL, key=lambda s: -(SMALL[s][4] if SMALL[s][4] is not None else -1))
    assert listed(page) == votes
    sort.select_option(label="Oldest first")
    assert listed(page) == newest[::-1]
    page.get_by_label("Year:").select_option("2024")
    assert listed(page) == [s for s in newest[::-1] if SMALL[s][1].startswith("2024")]
    expect(page.locator(".listing-status")).to_have_text(
        "Showing 2 of 5 papers, oldest first, from 2024."
    )


def test_listing_controls_on_topic_and_author_pages(page: Page, small: str) -> None:
    page.goto(small + "topics/fairness/")
    fairness = [s for s in sorted(SMALL, key=lambda s: SMALL[s][1]) if "Fairness" in SMALL[s][3]]
    page.get_by_label("Sort:").select_option(label="Oldest first")
    assert listed(page) == fairness
    page.goto(small + "authors/grace-hopper/")
    page.get_by_label("Sort:").focus()
    page.keyboard.press("End")
    expect(page.get_by_label("Sort:")).to_have_value("upvotes")
    assert listed(page) == ["sparse-attention", "zebra"]


def test_without_javascript_the_pages_keep_working(browser: Browser, small: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small)
    assert listed(page) == sorted(SMALL, key=lambda s: SMALL[s][1], reverse=True)
    expect(page.locator(".listing-controls")).to_be_hidden()
    expect(page.get_by_role("search", name="Site")).to_be_hidden()
    fallback = page.get_by_role("link", name="Browse papers by topic")
    expect(fallback).to_be_visible()
    fallback.click()
    page.wait_for_url(small + "topics/")
    page.goto(small + "search/")
    notice = page.locator("main .notice")  # text locators skip <noscript>; CSS does not
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("needs JavaScript")
    expect(page.get_by_role("search", name="Papers")).to_be_visible()
    context.close()


@pytest.fixture(scope="module")
def reader(reader_site: Path) -> Iterator[str]:
    """`reader_site.py`'s papers: they have arXiv ids and a DOI."""
    with serve(reader_site, HOSTED) as url:
        yield url


@pytest.mark.parametrize(
    ("query", "slug"),
    [("2506.00001", "sorting-bounds"), ("2505.00002", "every-link"),
     ("10.1234/every.link.5678", "every-link")],
)  # fmt: skip
def test_an_arxiv_id_or_a_doi_finds_its_paper_first(
    page: Page, reader: str, query: str, slug: str
) -> None:
    assert query in PAPERS[slug].extra
    open_search(page, reader)
    assert search(page, query)[0] == slug


def test_one_typo_in_a_word_still_finds_its_papers(page: Page, seed: str) -> None:
    open_search(page, seed)
    right = search(page, "equilibrium")
    assert len(right) == 1
    for typo in ("equilibirum", "equilbrium", "equillibrium", "equilibrimu"):
        assert search(page, typo) == right, typo
        expect(page.locator("#search-status")).to_have_text(
            f"No papers match “{typo}”; {len(right)} paper matches “equilibrium”."
        )
    assert search(page, "qqqqzzzz") == []
    expect(page.locator("#search-status")).to_have_text("No papers match “qqqqzzzz”.")


@pytest.fixture(scope="module")
def decades(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A lab bibliography of sixty years: one paper a year, 1966 to 2025."""
    project = Project(tmp_path_factory.mktemp("decades") / "proj")
    topics = ("Vision", "Fairness", "Efficiency", "Theory", "Systems")
    for slug in topics:
        project.topic(slug.lower(), slug)
    for year in range(1966, 2026):
        topic = (topics[year % len(topics)],)
        project.paper(f"p{year}", f"Results of {year}", f"{year}-05-01", topic, ("A. Author",))
    with serve(build(project.root, project.root / "site")) as url:
        yield url


def test_on_a_phone_the_first_result_shows_in_the_first_screen(
    browser: Browser, decades: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(decades + "search/?q=results")
        results = page.locator("#search-results")
        expect(results).to_have_attribute("aria-busy", "false")
        facets = page.locator("#search-facets")
        expect(facets).not_to_have_attribute("open", "")
        first = results.locator("li").first.bounding_box()
        assert first is not None and first["y"] + 60 < 844, first
        facets.locator("summary").click()
        years = facets.locator("fieldset", has=page.locator("legend", has_text="Year"))
        expect(years.locator("select")).to_have_count(2)
        assert years.get_by_role("checkbox").count() == 0
        years.get_by_label("From").select_option("2020")
        assert len(all_results(page)) == 6
    finally:
        context.close()
