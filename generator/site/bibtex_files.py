"""BibTeX files: `/papers/<slug>/cite.bib`, `/topics/<slug>/papers.bib`, `/papers.bib`.

Every entry comes from `bibtex.paper_bibtex`, the same text as the Cite block
on the paper's page, so a file and a page never disagree. Keys are the
papers' slugs: unique within the site, hence within any of these files.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.models import Site
from generator.site.sitemap import Page

CITE_NAME = "cite.bib"
LIST_NAME = "papers.bib"


def cite_url(slug: str) -> str:
    """The one-entry file of a paper, beside its page."""
    return urls.paper_url(slug) + CITE_NAME


def bib_pages(site: Site) -> Iterator[Page]:
    """The whole site's file, one per topic, and one per paper."""
    yield LIST_NAME, LIST_NAME, {"papers": site.papers}
    for slug in site.topics:
        yield urls.topic_url(slug) + LIST_NAME, LIST_NAME, {"papers": site.by_topic[slug]}
    for paper in site.papers:
        yield cite_url(paper.slug), LIST_NAME, {"papers": (paper,)}
