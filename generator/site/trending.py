"""`/trending/`: the site's papers by upvotes, the most upvoted first.

Only papers with an upvote count are ranked: a paper whose count is unknown
is not a paper with none, so it is left out rather than ranked last with an
invented zero. Ties go to the newer paper, then the title.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator import urls
from generator.models import Paper, Site
from generator.site.listing import listing_of, listing_page
from generator.site.pagination import paginate
from generator.site.sitemap import Page


def trending(papers: Sequence[Paper]) -> tuple[Paper, ...]:
    """Papers with upvotes, most first; ties newest first, then by title."""
    voted = [p for p in papers if p.upvotes is not None]
    voted.sort(key=lambda p: (p.title_text.casefold(), p.slug))
    voted.sort(key=lambda p: p.date.sort_key, reverse=True)
    voted.sort(key=lambda p: p.upvotes or 0, reverse=True)
    return tuple(voted)


def trending_pages(site: Site) -> Iterator[Page]:
    """The trending listing, paginated, and its `listing.json`."""
    ranked = trending(site.papers)
    listing = listing_of(urls.TRENDING_URL, ranked, site.config.per_page, "upvotes")
    for pager, chunk in paginate(ranked, site.config.per_page, urls.TRENDING_URL):
        context = {"papers": tuple(chunk), "pager": pager, "listing": listing}
        yield pager.url(pager.number), "trending.html", context
    yield from listing_page(listing, ranked)
