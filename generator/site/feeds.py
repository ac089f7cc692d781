"""Atom feeds (RFC 4287) of the newest papers: the site's, each topic's, each author's.

Each entry is a `FeedEntry` whose strings are final (absolute links, ids,
RFC 3339 dates, plain-text titles), so the template only writes XML. Dates are the
papers' own dates, never the build time: an unchanged site gives identical
feeds, and readers do not see every entry as updated after each build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator import urls
from generator.config import SiteConfig
from generator.models import Paper, Site
from generator.site.canonical import absolute_base, absolute_url, stable_id

FEED_SIZE = 50
"""Entries per feed: the newest papers; older ones stay on the site's pages."""
FEED_NAME = "feed.xml"
EMPTY_UPDATED = "1970-01-01T00:00:00Z"
"""`updated` of a feed without entries (Atom requires one; any fixed value is honest)."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Category:
    """A paper's topic: `term` is the slug, `label` the title."""

    term: str
    label: str
    scheme: str | None
    """The topics page, when absolute URLs are known."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One paper as an Atom entry."""

    id: str
    title: str
    """Plain text: TeX rendered as text, never MathML or `$...$`."""
    link: str
    published: str
    updated: str
    summary: str
    """The whole abstract, as plain text."""
    excerpt: str
    """The abstract's first lines."""
    authors: tuple[str, ...]
    categories: tuple[Category, ...]


@dataclass(frozen=True, slots=True)
class Feed:
    """What an Atom feed says about itself; its entries are the papers beside it."""

    id: str
    title: str
    subtitle: str
    self_link: str
    alternate: str
    updated: str
    author: str
    """The site: Atom needs an author for entries whose paper lists none."""
    full: bool
    """Whole abstracts (the site's feed) or their first lines (topic and author feeds,
    which would otherwise repeat every abstract several times over)."""


FeedPage = tuple[str, Feed, tuple[Paper, ...]]
"""(url, feed, newest papers) of one feed file."""


def feed_url(page_url: str) -> str:
    """The feed of a listing: `""` -> `feed.xml`, `topics/x/` -> `topics/x/feed.xml`."""
    return page_url + FEED_NAME


def site_feeds(site: Site) -> Iterator[FeedPage]:
    """The whole site's feed, then each topic's, then each author's.

    A spec holds the papers themselves, not their entries: fingerprinting a
    paper is one digest, which keeps re-planning cheap on every rebuild.
    """
    config = site.config
    yield _feed(config, "", config.title, config.description, site.papers, full=True)
    for slug, topic in site.topics.items():
        title = f"{topic.title} · {config.title}"
        subtitle = f"The newest papers in {topic.title}."
        yield _feed(config, urls.topic_url(slug), title, subtitle, site.by_topic[slug])
    for slug, author in site.authors.items():
        title = f"{author.name} · {config.title}"
        subtitle = f"The newest papers by {author.name}."
        yield _feed(config, urls.author_url(slug), title, subtitle, author.papers)


def _feed(
    config: SiteConfig,
    page_url: str,
    title: str,
    subtitle: str,
    papers: Sequence[Paper],
    full: bool = False,
) -> FeedPage:
    newest = tuple(papers[:FEED_SIZE])
    feed = Feed(
        id=stable_id(config, feed_url(page_url)),
        title=xml_text(title),
        subtitle=xml_text(subtitle),
        self_link=absolute_url(config, feed_url(page_url)),
        alternate=absolute_url(config, page_url),
        updated=max((rfc3339(p.date.first_day) for p in newest), default=EMPTY_UPDATED),
        author=xml_text(config.title),
        full=full,
    )
    return feed_url(page_url), feed, newest


def feed_entry(config: SiteConfig, paper: Paper) -> FeedEntry:
    """A paper as an Atom entry (the `feed.xml` template calls this)."""
    page = urls.paper_url(paper.slug)
    scheme = absolute_url(config, urls.TOPICS_URL) if absolute_base(config) else None
    return FeedEntry(
        id=stable_id(config, page),
        title=xml_text(paper.title_text),
        link=absolute_url(config, page),
        published=rfc3339(paper.date.first_day),
        updated=rfc3339(paper.date.first_day),
        summary=xml_text(paper.text or paper.description),
        excerpt=xml_text(paper.description),
        authors=tuple(xml_text(name) for name in paper.authors),
        categories=tuple(Category(t.slug, xml_text(t.title), scheme) for t in paper.topics),
    )


def rfc3339(day: dt.date) -> str:
    """A day as an Atom date-time: midnight UTC.

    Atom needs a full timestamp, so a paper known only to its month or year is
    dated the period's first day here (and only here)."""
    return f"{day.isoformat()}T00:00:00Z"


def xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (escaping the rest is the template's)."""
    return _NOT_XML.sub("", text)
