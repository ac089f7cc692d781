"""What the browser needs to sort and filter a whole paginated listing, not one page of it.

A listing split over pages gets a small `listing.json` beside its first page:
for each paper only what sorting, the year filter and a result row use (slug,
plain-text title, date, upvotes), as arrays rather than objects, in the
listing's own order. The page says where it is and which years the listing
spans, so the menus can be drawn before anything is fetched, and nothing is
fetched until a reader picks another order or a year. Without JavaScript the
pages and their links are all there is, and they are complete.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from generator import urls
from generator.models import Paper
from generator.site.sitemap import Page

Order = Literal["date-desc", "upvotes"]
"""The order a listing is written in: newest first, or most upvoted first."""
LISTING_VERSION = 1
FIELDS = ("slug", "title", "date", "upvotes")


@dataclass(frozen=True, slots=True)
class Listing:
    """A paginated listing as its pages describe it to the browser."""

    source: str
    """The site-relative URL of its `listing.json`."""
    order: Order
    years: tuple[str, ...]
    """Every year its papers are from, newest first."""
    voted: bool
    """Whether any of its papers has an upvote count (then "most upvoted" is offered)."""


def listing_of(base: str, papers: Sequence[Paper], per_page: int, order: Order) -> Listing | None:
    """The description shared by every page of a listing; None when it fits on one page."""
    if len(papers) <= per_page:
        return None
    years = sorted({str(paper.year) for paper in papers}, reverse=True)
    voted = any(paper.upvotes is not None for paper in papers)
    return Listing(base + urls.LISTING_JSON, order, tuple(years), voted)


def listing_page(listing: Listing | None, papers: Sequence[Paper]) -> Iterator[Page]:
    """The `listing.json` of a paginated listing (nothing for a one-page listing)."""
    if listing is not None:
        yield listing.source, urls.LISTING_JSON, {"papers": tuple(papers), "order": listing.order}


def listing_row(paper: Paper) -> str:
    """One paper as the browser sorts it, `["slug","title","2025-03-21",12]`, as JSON."""
    return _compact([paper.slug, paper.title_text, paper.date.isoformat(), paper.upvotes])


def listing_json(papers: Sequence[Paper], order: Order, row: Callable[[Paper], str]) -> str:
    """The whole document, from each paper's row (`row` caches them across listings).

    Compact separators and arrays keep 10,000 papers near a megabyte before
    compression; the file is fetched, never inlined, so no HTML escaping is needed.
    """
    head = {
        "version": LISTING_VERSION,
        "order": order,
        "fields": list(FIELDS),
        "count": len(papers),
        "papers": [],
    }
    before, after = _compact(head).split('"papers":[]', 1)
    return "".join([before, '"papers":[', ",".join(map(row, papers)), "]", after])


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
