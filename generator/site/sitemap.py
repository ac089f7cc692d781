"""What crawlers read: `sitemap.xml` (every HTML page) and `robots.txt`.

The sitemap is planned from the other planners' pages, so a new kind of page
is listed without anyone remembering to add it here. A sitemap file holds at
most 50,000 URLs (sitemaps.org); a larger site gets `sitemap-1.xml`, ... and a
`sitemap.xml` index of them, so the address in `robots.txt` never changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from generator.config import SiteConfig
from generator.site.canonical import absolute_base, absolute_url

SITEMAP_LIMIT = 50_000
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_LISTED = frozenset({"404.html"})

Page = tuple[str, str, Mapping[str, Any]]
"""(url, template, context) of one output file."""


NOT_PAGES = frozenset({"author_moved.html"})
"""Templates of pages that only send the reader on (an alias's old author page)."""


def in_sitemap(output: str) -> bool:
    """HTML pages a reader can land on; GitHub Pages' not-found page is not one."""
    return output.endswith(".html") and output not in NOT_LISTED


def index_pages(
    config: SiteConfig, page_urls: Sequence[str], limit: int = SITEMAP_LIMIT
) -> Iterator[Page]:
    """The sitemap (split into an index past `limit` URLs) and robots.txt."""
    locations = tuple(absolute_url(config, url) for url in page_urls)
    if len(locations) <= limit:
        yield SITEMAP, "sitemap.xml", {"locations": locations}
    else:
        parts = []
        for number, start in enumerate(range(0, len(locations), limit), 1):
            name = f"sitemap-{number}.xml"
            parts.append(absolute_url(config, name))
            yield name, "sitemap.xml", {"locations": locations[start : start + limit]}
        yield SITEMAP, "sitemap-index.xml", {"sitemaps": tuple(parts)}
    has_host = absolute_base(config) is not None
    yield ROBOTS, "robots.txt", {"sitemap": absolute_url(config, SITEMAP) if has_host else None}
