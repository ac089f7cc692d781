"""The typed, frozen values the pipeline passes along. No I/O here.

`Paper` and `Topic` come out of loading; `Site` indexes them (by topic, by
author, by month) once, so planning pages is a matter of slicing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.scholarly import PartialDate, PersonName


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
class AuthorRef:
    """What a page needs to show one author of a paper: the page it links to, and whether
    the name is one of the site's own people (highlighted wherever authors are listed)."""

    slug: str
    member: bool = False
    orcid: str | None = None


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
class CitationFields:
    """What a citation needs beyond title, authors and date, as the source gave it.

    Names are BibTeX's. `journal` and `booktitle` are the container as cited,
    when it differs from the display `venue` (which stands in for it otherwise).
    """

    type: str | None = None
    """The BibTeX entry type: article, inproceedings, book, phdthesis ..."""
    journal: str | None = None
    booktitle: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    publisher: str | None = None
    institution: str | None = None
    school: str | None = None
    series: str | None = None
    edition: str | None = None
    isbn: str | None = None
    issn: str | None = None
    note: str | None = None


CITATION_KEYS = tuple(CitationFields.__dataclass_fields__)
"""The front matter keys of the citation fields, in the order files write them."""


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
    date: PartialDate
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
    author_names: tuple[PersonName, ...] = ()
    """The authors in parts, one per `authors` entry and in its order, for citations."""
    et_al: bool = False
    """The list ends in `others`: the paper has more authors than it names."""
    citation: CitationFields = CitationFields()
    venue_short: str | None = None
    """The venue badge as the file writes it (`NeurIPS`); else derived for known venues."""
    selected: bool = False
    """Shown first, as a selected publication, on a home page that lists publications."""
    author_refs: tuple[AuthorRef, ...] = ()
    """One per `authors` entry once the site is assembled: profiles and aliases applied."""

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
        """The archive's grouping key: `YYYY-MM`, or `YYYY` when only the year is known."""
        return self.date.period

    @property
    def container(self) -> str | None:
        """Where it appeared: the venue, else the journal or proceedings it was cited in."""
        return self.venue or self.citation.journal or self.citation.booktitle

    @property
    def description(self) -> str:
        """The abstract's start; without an abstract, a sentence of what is known.

        A BibTeX import rarely has an abstract, and an empty `<meta name=
        "description">` or feed summary reads as broken: the sentence is made of
        the authors, the venue and the year, never of anything the file lacks.
        """
        if self.summary:
            return self.summary
        when = str(self.year)
        where = self.container
        place = where if where and when in where else ", ".join(p for p in (where, when) if p)
        if not self.authors:
            return f"Published {'in ' if where else ''}{place}."
        names = _name_list(self.authors, self.et_al)
        return f"By {names}{'' if names.endswith('.') else '.'} {place}."


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
class AuthorProfile:
    """A person, from `content/authors/<slug>.md`: every spelling of their name is one page."""

    slug: str
    name: str
    source: str
    """The file, relative to the project."""
    aliases: tuple[str, ...] = ()
    """Other spellings of the name, as papers write them ("G. Hinton")."""
    homepage: str | None = None
    orcid: str | None = None
    """Checked: `0000-0002-1825-0097`, its check digit right."""
    affiliation: str | None = None
    avatar_ref: str | None = None
    """The `avatar` field as written: an image path relative to the profile file."""
    avatar: Thumbnail | None = None
    member: bool = False
    bio_html: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Author:
    """An author, with every paper they appear on (newest first)."""

    slug: str
    name: str
    papers: tuple[Paper, ...]
    profile: AuthorProfile | None = None


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
    """`YYYY-MM` (or `YYYY` for year-only dates) to papers, newest first; a year comes
    after its months, as its papers sort after theirs."""
    related: Mapping[str, tuple[PaperRef, ...]] = field(default_factory=dict)
    """Slug to the most similar papers, most similar first."""
    moved_authors: Mapping[str, str] = field(default_factory=dict)
    """An alias's own slug (its page before a profile merged it) to the profile's slug."""


def _name_list(names: tuple[str, ...], et_al: bool, shown: int = 3) -> str:
    """ "A", "A and B", "A, B and C", or "A, B, C et al." past `shown` names."""
    if len(names) > shown or et_al:
        return ", ".join(names[:shown]) + " et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def newest_first(papers: list[Paper]) -> tuple[Paper, ...]:
    """The site's one order: date descending (`PartialDate.sort_key`), then title, then slug."""
    papers = sorted(papers, key=lambda p: (p.title_text.casefold(), p.slug))
    return tuple(sorted(papers, key=lambda p: p.date.sort_key, reverse=True))
