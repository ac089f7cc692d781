"""Plan the output: one `PageSpec` per file, holding everything the page shows.

Planners are data: a table of (name, function) from `Site` to specs. A spec's
context is frozen values only, so a page's fingerprint can be computed from
it, and an incremental build renders exactly the pages whose fingerprint moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import urls
from generator.models import Paper, Site
from generator.site import (
    bibtex_files,
    csl_json,
    feeds,
    json_api,
    periods,
    publications,
    sitemap,
    trending,
)
from generator.site.digest import digest_pages
from generator.site.listing import listing_of, listing_page
from generator.site.pagination import paginate
from generator.site.sitemap import Page


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One output file: its URL, its template and what it shows."""

    url: str
    template: str
    context: Mapping[str, Any]
    output: str = field(init=False, compare=False)
    """The file the page is written to, relative to the output folder."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "output", urls.page_path(self.url))


def as_specs(pages: Iterable[Page]) -> Iterator[PageSpec]:
    """The specs of a site module's (url, template, context) pages."""
    for url, template, context in pages:
        yield PageSpec(url, template, context)


Planner = Callable[[Site], Iterator[PageSpec]]
Summary = Callable[[Site, Sequence[PageSpec]], Iterator[PageSpec]]


def plan_home(site: Site) -> Iterator[PageSpec]:
    """The newest papers, paginated; page 1 also lists the topics and the latest periods.

    With `home = "latest-day"`, `/` is the newest day's page instead (its other
    pages stay under `days/`), and the newest papers are not paginated at `/`.
    """
    if site.config.publications.home:
        yield from plan_publications_home(site)
        return
    board = periods.board_of(site.papers)
    day = periods.latest_day_home(site, board) if site.config.home == "latest-day" else None
    if day is not None:
        yield PageSpec("", day[1], {**day[2], "home": True})
        return
    topics = topic_counts(site)
    latest = tuple(p for kind in periods.KINDS if (p := periods.latest(board, kind)))
    listing = listing_of("", site.papers, site.config.per_page, "date-desc")
    for pager, papers in paginate(site.papers, site.config.per_page, ""):
        context = {"papers": tuple(papers), "pager": pager, "listing": listing}
        if pager.number == 1:
            context["topics"] = topics
            context["latest"] = latest
        yield PageSpec(pager.url(pager.number), "home.html", context)
    yield from as_specs(listing_page(listing, site.papers))


def plan_periods(site: Site) -> Iterator[PageSpec]:
    """A page per day, ISO week and month of the board (see `site.periods`)."""
    yield from as_specs(periods.period_pages(site, periods.board_of(site.papers)))


def plan_trending(site: Site) -> Iterator[PageSpec]:
    """The most upvoted papers (see `site.trending`)."""
    yield from as_specs(trending.trending_pages(site))


def plan_papers(site: Site) -> Iterator[PageSpec]:
    """A page per paper."""
    for paper in site.papers:
        context = {
            "paper": paper,
            "related": site.related.get(paper.slug, ()),
            "listed_on": periods.day_link(paper),
        }
        yield PageSpec(urls.paper_url(paper.slug), "paper.html", context)


def plan_topic_index(site: Site) -> Iterator[PageSpec]:
    """Every topic with its count and description."""
    yield PageSpec(urls.TOPICS_URL, "topics.html", {"topics": topic_counts(site, described=True)})


def plan_topics(site: Site) -> Iterator[PageSpec]:
    """A paginated page per topic."""
    for slug, topic in site.topics.items():
        papers = site.by_topic[slug]
        base = urls.topic_url(slug)
        listing = listing_of(base, papers, site.config.per_page, "date-desc")
        for pager, chunk in paginate(papers, site.config.per_page, base):
            context = {"topic": topic, "papers": tuple(chunk), "pager": pager, "listing": listing}
            yield PageSpec(pager.url(pager.number), "topic.html", context)
        yield from as_specs(listing_page(listing, papers))


def plan_authors(site: Site) -> Iterator[PageSpec]:
    """A paginated page per author (with the profile, if any), and a page sending each
    alias's old address to the profile's."""
    for slug, author in site.authors.items():
        base = urls.author_url(slug)
        listing = listing_of(base, author.papers, site.config.per_page, "date-desc")
        for pager, chunk in paginate(author.papers, site.config.per_page, base):
            context = {"name": author.name, "papers": tuple(chunk), "pager": pager}
            context["listing"] = listing
            context["profile"], context["slug"] = author.profile, slug
            yield PageSpec(pager.url(pager.number), "author.html", context)
        yield from as_specs(listing_page(listing, author.papers))
    for old, slug in site.moved_authors.items():
        context = {"name": site.authors[slug].name, "target": urls.author_url(slug)}
        yield PageSpec(urls.author_url(old), "author_moved.html", context)


def plan_archive(site: Site) -> Iterator[PageSpec]:
    """Every paper, grouped by month (a year-only paper under its year), as compact rows;
    and the months of the board."""
    months = tuple(
        (month, tuple(_row(p) for p in papers)) for month, papers in site.by_month.items()
    )
    board = periods.board_of(site.papers)
    on_board = tuple(periods.link("month", key, board) for key in reversed(list(board.months)))
    context = {"months": months, "board_months": on_board}
    yield PageSpec(urls.ARCHIVE_URL, "archive.html", context)


def plan_publications(site: Site) -> Iterator[PageSpec]:
    """Every paper as a citation line, by year then type (see `site.publications`)."""
    yield from as_specs(publications.publication_pages(site))


def plan_publications_home(site: Site) -> Iterator[PageSpec]:
    """With `[publications] home = true`: the selected papers, then the first page of
    the publications (the others stay under `publications/`)."""
    _, template, context = next(publications.publication_pages(site))
    context = {**context, "selected": publications.selected(site), "home": True}
    yield PageSpec("", template, context)


def plan_digest(site: Site) -> Iterator[PageSpec]:
    """Each day's digest, their index and the digest feed (see `site.digest`)."""
    yield from as_specs(digest_pages(site))


def plan_search(site: Site) -> Iterator[PageSpec]:
    """The search page; results come from the Pagefind index in the browser."""
    yield PageSpec(urls.SEARCH_URL, "search.html", {"paper_count": len(site.papers)})


def plan_not_found(site: Site) -> Iterator[PageSpec]:
    """GitHub Pages serves `404.html` for any missing path."""
    yield PageSpec("404.html", "404.html", {})


def plan_feeds(site: Site) -> Iterator[PageSpec]:
    """Atom feeds of the newest papers: the site's, each topic's and each author's."""
    for url, feed, papers in feeds.site_feeds(site):
        yield PageSpec(url, "feed.xml", {"feed": feed, "papers": papers})


def plan_api(site: Site) -> Iterator[PageSpec]:
    """The static JSON API: `papers.json` for the site and for each topic."""
    for url, template, context in json_api.api_pages(site):
        yield PageSpec(url, template, context)


def plan_bibtex(site: Site) -> Iterator[PageSpec]:
    """BibTeX files for the site, each topic and each paper."""
    for url, template, context in bibtex_files.bib_pages(site):
        yield PageSpec(url, template, context)


def plan_csl(site: Site) -> Iterator[PageSpec]:
    """CSL-JSON files for the site, each topic and each paper."""
    for url, template, context in csl_json.csl_pages(site):
        yield PageSpec(url, template, context)


def plan_indexing(site: Site, planned: Sequence[PageSpec]) -> Iterator[PageSpec]:
    """`sitemap.xml` of every HTML page the other planners made, and `robots.txt`."""
    pages = [
        spec.url
        for spec in planned
        if sitemap.in_sitemap(spec.output) and spec.template not in sitemap.NOT_PAGES
    ]
    for url, template, context in sitemap.index_pages(site.config, pages):
        yield PageSpec(url, template, context)


PLANNERS: tuple[tuple[str, Planner], ...] = (
    ("home", plan_home),
    ("paper", plan_papers),
    ("topic-index", plan_topic_index),
    ("topic", plan_topics),
    ("author", plan_authors),
    ("archive", plan_archive),
    ("publications", plan_publications),
    ("periods", plan_periods),
    ("trending", plan_trending),
    ("digest", plan_digest),
    ("search", plan_search),
    ("404", plan_not_found),
    ("feeds", plan_feeds),
    ("api", plan_api),
    ("bibtex", plan_bibtex),
    ("csl", plan_csl),
)

SUMMARIES: tuple[tuple[str, Summary], ...] = (("sitemap", plan_indexing),)
"""Planners of files that list the other files (they run last, on the plan so far)."""


def plan_site(
    site: Site,
    planners: tuple[tuple[str, Planner], ...] = PLANNERS,
    summaries: tuple[tuple[str, Summary], ...] = SUMMARIES,
) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    specs = [spec for _, planner in planners for spec in planner(site)]
    for _, summary in summaries:
        specs.extend(summary(site, tuple(specs)))
    return specs


@dataclass(frozen=True, slots=True)
class ArchiveRow:
    """What the archive shows of a paper."""

    slug: str
    title_html: str
    date_iso: str
    day: int | None
    """None when the paper's date is only a month or a year: no day is shown."""


def _row(paper: Paper) -> ArchiveRow:
    return ArchiveRow(paper.slug, paper.title_html, paper.date.isoformat(), paper.date.day)


def topic_counts(site: Site, described: bool = False) -> tuple[tuple[Any, int], ...]:
    """(topic, count) for every topic; chips only, unless descriptions are shown."""
    return tuple(
        (topic if described else topic.ref, len(site.by_topic[slug]))
        for slug, topic in site.topics.items()
    )
