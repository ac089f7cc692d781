"""The template functions of feeds, the JSON API, BibTeX files and scholarly tags.

Each is bound to one site's config, so templates stay free of URL logic. They
depend only on their arguments and the config, both fingerprinted, so a page
that calls them is re-rendered exactly when its output could change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.config import SiteConfig
from generator.site import csl_json, digest, feeds, json_api, listing, scholarly_meta
from generator.site.bibtex_entry import paper_bibtex
from generator.site.citation import doi_of

ENTRY_CACHE = 1 << 17
"""Per-paper results kept per theme: all of a 100,000-paper site, yet bounded in serve mode."""


def template_globals(config: SiteConfig) -> dict[str, Callable[..., Any]]:
    """Functions for `feed.xml`, `digest/feed.xml`, `papers.json`, `papers.bib`,
    `papers.csl.json` and the paper page's head."""
    # A paper appears in the site's, its topics' and its authors' feeds and .bib
    # files: its entry is made once per theme, not once per file.
    cache = functools.lru_cache(maxsize=ENTRY_CACHE)
    entry = cache(paper_bibtex)
    record = cache(
        lambda paper, abstract: json_api.dumps(json_api.paper_record(config, paper, abstract))
    )
    row = cache(listing.listing_row)
    item = cache(lambda paper: json_api.dumps(csl_json.csl_item(config, paper)))
    return {
        "listing_json": lambda papers, order: listing.listing_json(papers, order, row),
        "csl_json": lambda papers: Markup(csl_json.csl_array(papers, item)),
        "feed_entry": cache(functools.partial(feeds.feed_entry, config)),
        "digest_entry": functools.partial(digest.digest_entry, config),
        "bibtex_entry": entry,
        "bibtex": entry,
        "papers_json": lambda papers, topic: Markup(
            json_api.api_json(config, papers, topic, record)
        ),
        "highwire_tags": lambda paper: scholarly_meta.highwire_tags(config, paper),
        "open_graph_tags": lambda paper: scholarly_meta.open_graph_tags(config, paper),
        "twitter_tags": scholarly_meta.twitter_tags,
        "doi_of": doi_of,
        "scholarly_article": lambda paper: scholarly_meta.scholarly_article(config, paper),
    }
