"""The typed, frozen values the pipeline passes along. No I/O here.

`Paper` and `Topic` come out of loading; `Site` indexes them (by topic, by
author, by month) once, so planning pages is a matter of slicing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.config import SiteConfig


@dataclass(frozen=True, slots=True)
class TopicRef:
    """What a page needs to show a topic chip: its slug and its title."""

    slug: str
    title: str


@dataclass(frozen=True, slots=True)
class PaperRef:
    """What a page needs to link to another paper: its slug and its title."""

    slug: str
    title_html: str


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link of a paper (arXiv, PDF, code ...)."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Thumbnail:
    """A paper's picture, as cards and the paper page show it."""

    src: str
    """A site-relative URL (`papers/x/thumbnail.webp`) or an absolute http(s) URL."""
    width: int
    height: int
    """The image's own size, or for a remote image the box it is shown in."""
    source: str | None = None
    """The image file in the project (relative to it), copied into the site; None if remote."""
    digest: str = ""
    """Changes when the image file's bytes change."""


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper, validated and with its abstract rendered."""

    slug: str
    source: str
    """The file it came from, relative to the project (for messages)."""
    title: str
    """As written, possibly with `$...$` TeX."""
    title_html: str
    """Escaped text with MathML; safe to insert in HTML."""
    title_text: str
    """Plain text, for `<title>`, meta tags and feeds."""
    authors: tuple[str, ...]
    date: dt.date
    topics: tuple[TopicRef, ...]
    links: tuple[Link, ...]
    abstract_html: str
    summary: str
    """The start of the abstract as plain text, for cards."""
    text: str
    """The whole abstract as plain text."""
    digest: str
    """Changes whenever anything this paper shows changes."""
    arxiv: str | None = None
    venue: str | None = None
    upvotes: int | None = None
    draft: bool = False
    listed: dt.date | None = None
    """The day the paper joined the board (HF's `submittedOnDailyAt`), when known."""
    thumbnail: Thumbnail | None = None
    thumbnail_ref: str | None = None
    """The `thumbnail` field as written: a path relative to the paper file, or a URL."""

    def __hash__(self) -> int:
        """The digest is a field that differs whenever content does: hashing it alone
        is consistent with equality, and far cheaper than hashing every field
        (papers key the per-paper caches of feeds, JSON and BibTeX)."""
        return hash(self.digest)

    @property
    def year(self) -> int:
        """The publication year."""
        return self.date.year

    @property
    def month(self) -> str:
        """`YYYY-MM`, the archive's grouping key."""
        return f"{self.date.year:04d}-{self.date.month:02d}"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic: from a `content/topics/` file, or implied by the papers that use it."""

    slug: str
    title: str
    description_html: str = ""
    source: str | None = None
    keywords: tuple[str, ...] = ()

    @property
    def ref(self) -> TopicRef:
        """The chip form of this topic."""
        return TopicRef(self.slug, self.title)


@dataclass(frozen=True, slots=True)
class Author:
    """An author, with every paper they appear on (newest first)."""

    slug: str
    name: str
    papers: tuple[Paper, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded, indexed for planning. Papers are newest first."""

    config: SiteConfig
    papers: tuple[Paper, ...]
    topics: Mapping[str, Topic]
    """Every topic, sorted by title."""
    by_topic: Mapping[str, tuple[Paper, ...]]
    authors: Mapping[str, Author]
    """Every author, sorted by slug."""
    by_month: Mapping[str, tuple[Paper, ...]]
    """`YYYY-MM` to papers, newest month first."""
    related: Mapping[str, tuple[PaperRef, ...]] = field(default_factory=dict)
    """Slug to the most similar papers, most similar first."""


def newest_first(papers: list[Paper]) -> tuple[Paper, ...]:
    """The site's one order: date descending, then title, then slug."""
    papers = sorted(papers, key=lambda p: (p.title_text.casefold(), p.slug))
    return tuple(sorted(papers, key=lambda p: p.date, reverse=True))
