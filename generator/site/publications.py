"""The publications view: papers by year (newest first), then by type, as citation lines.

What a lab or group page shows (al-folio with jekyll-scholar, Hugo Blox). The
type comes from the BibTeX entry type the importers keep (`type`); a paper
without one is a preprint when it has an arXiv id and no venue, else "Other":
nothing is guessed beyond what the file says. A venue badge is the paper's
`venue_short`, else the short name of a well-known venue its venue, journal
or proceedings names (`VENUES`); an unknown venue gets no badge.

The list is paginated like every listing (`per_page` entries a page, so a
page stays within the weight budget); every page starts with the years and
where each one is, so any year is one link away without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.models import AuthorRef, Paper, Site
from generator.scholarly import PartialDate
from generator.site.pagination import Pager, paginate
from generator.site.sitemap import Page
from generator.urls import PUBLICATIONS_URL

GROUPS = (
    ("journal", "Journal articles"),
    ("conference", "Conference papers"),
    ("preprint", "Preprints"),
    ("thesis", "Theses"),
    ("book", "Books and chapters"),
    ("report", "Reports"),
    ("other", "Other"),
)
"""Type groups, in the order a year lists them."""

ENTRY_GROUPS = {
    "article": "journal",
    "periodical": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "book": "book",
    "inbook": "book",
    "incollection": "book",
    "collection": "book",
    "booklet": "book",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "unpublished": "preprint",
}
"""BibTeX entry type -> group; any other type (misc, online, software ...) is "other"."""

_PREPRINT = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|preprint|ssrn)\b", re.IGNORECASE)

VENUES: tuple[tuple[str, str, str], ...] = (
    ("NeurIPS", "conference", r"\bneurips\b|\bnips\b|neural information processing systems"),
    ("ICML", "conference", r"\bicml\b|international conference on machine learning"),
    ("ICLR", "conference", r"\biclr\b|international conference on learning representations"),
    ("NAACL", "conference", r"\bnaacl\b|north american chapter of the association for comp"),
    ("EMNLP", "conference", r"\bemnlp\b|empirical methods in natural language processing"),
    ("TACL", "journal", r"\btacl\b|transactions of the association for computational ling"),
    ("ACL", "conference", r"\bacl\b|annual meeting of the association for computational ling"),
    ("CVPR", "conference", r"\bcvpr\b|conference on computer vision and pattern recognition"),
    ("ICCV", "conference", r"\biccv\b|international conference on computer vision\b(?! and)"),
    ("ECCV", "conference", r"\beccv\b|european conference on computer vision"),
    ("AAAI", "conference", r"\baaai\b"),
    ("IJCAI", "conference", r"\bijcai\b|international joint conference on artificial intel"),
    ("KDD", "conference", r"\bkdd\b|knowledge discovery and data mining"),
    ("JMLR", "journal", r"\bjmlr\b|journal of machine learning research"),
    ("POPL", "conference", r"\bpopl\b|symposium on principles of programming languages"),
    ("PLDI", "conference", r"\bpldi\b|programming language design and implementation"),
    ("ICFP", "conference", r"\bicfp\b|international conference on functional programming"),
    ("LICS", "conference", r"\blics\b|symposium on logic in computer science"),
    ("CSF", "conference", r"\bcsf\b|computer security foundations"),
    ("CCS", "conference", r"\bccs\b|conference on computer and communications security"),
    ("Nature", "journal", r"^nature$"),
    ("Science", "journal", r"^science$"),
)
"""(badge, its kind, a pattern of the names it goes by): well-known venues only."""
_VENUES = tuple((short, kind, re.compile(p, re.IGNORECASE)) for short, kind, p in VENUES)


@dataclass(frozen=True, slots=True)
class Publication:
    """One citation line: only what it shows, so editing an abstract leaves the view be.

    The fields are named as `Paper`'s, so the authors partial takes either.
    """

    slug: str
    title_html: str
    authors: tuple[str, ...]
    author_refs: tuple[AuthorRef, ...]
    et_al: bool
    container: str | None
    date: PartialDate
    badge: str | None
    group: str

    @classmethod
    def of(cls, paper: Paper) -> Publication:
        """The line of a paper."""
        return cls(
            paper.slug,
            paper.title_html,
            paper.authors,
            paper.author_refs,
            paper.et_al,
            paper.container,
            paper.date,
            venue_badge(paper),
            type_group(paper),
        )

    @property
    def year(self) -> int:
        """The publication year."""
        return self.date.year


@dataclass(frozen=True, slots=True)
class TypeGroup:
    """The papers of one type in one year."""

    key: str
    title: str
    entries: tuple[Publication, ...]


@dataclass(frozen=True, slots=True)
class YearGroup:
    """One year's papers on one page."""

    year: int
    continued: bool
    """The year began on the page before."""
    groups: tuple[TypeGroup, ...]


@dataclass(frozen=True, slots=True)
class YearLink:
    """A year in the index at the top of each page: where it starts."""

    year: int
    url: str
    count: int


def known_venue(paper: Paper) -> tuple[str, str] | None:
    """(badge, kind) of the well-known venue the paper names, if any."""
    for text in (paper.venue, paper.citation.journal, paper.citation.booktitle):
        if not text:
            continue
        for short, kind, pattern in _VENUES:
            if pattern.search(text.strip()):
                return short, kind
    return None


def venue_badge(paper: Paper) -> str | None:
    """`venue_short` as written, else a well-known venue's short name, else none."""
    if paper.venue_short:
        return paper.venue_short
    found = known_venue(paper)
    return found[0] if found else None


def type_group(paper: Paper) -> str:
    """The group key of `GROUPS` a paper is listed under."""
    kind = paper.citation.type
    unpublished = _PREPRINT.search(paper.citation.journal or "") or (
        paper.arxiv and not paper.container
    )
    if kind == "article" and unpublished and not known_venue(paper):
        return "preprint"
    if kind is not None:
        return ENTRY_GROUPS.get(kind, "other")
    found = known_venue(paper)
    if found:
        return found[1]
    return "preprint" if paper.arxiv and not paper.container else "other"


def publications(papers: Sequence[Paper]) -> list[Publication]:
    """Every paper as a publication, in the view's order: year, type group, then newest."""
    order = {key: i for i, (key, _) in enumerate(GROUPS)}
    entries = [Publication.of(p) for p in papers]
    return sorted(entries, key=lambda e: (-e.year, order[e.group]))


def year_groups(
    entries: Sequence[Publication], before: Publication | None
) -> tuple[YearGroup, ...]:
    """One page's entries, grouped by year then type."""
    titles = dict(GROUPS)
    years: list[YearGroup] = []
    for entry in entries:
        if not years or years[-1].year != entry.year:
            continued = before is not None and before.year == entry.year
            years.append(YearGroup(entry.year, continued, ()))
        year = years[-1]
        groups = list(year.groups)
        if not groups or groups[-1].key != entry.group:
            groups.append(TypeGroup(entry.group, titles[entry.group], ()))
        groups[-1] = TypeGroup(groups[-1].key, groups[-1].title, (*groups[-1].entries, entry))
        years[-1] = YearGroup(year.year, year.continued, tuple(groups))
    return tuple(years)


def year_links(pages: Sequence[tuple[Pager, Sequence[Publication]]]) -> tuple[YearLink, ...]:
    """Each year, with the page and anchor where it starts and its paper count."""
    links: dict[int, YearLink] = {}
    for pager, chunk in pages:
        for entry in chunk:
            year = entry.year
            known = links.get(year)
            if known is None:
                known = YearLink(year, f"{pager.url(pager.number)}#y{year}", 0)
            links[year] = YearLink(year, known.url, known.count + 1)
    return tuple(links.values())


def publication_pages(site: Site, base: str = PUBLICATIONS_URL) -> Iterator[Page]:
    """The pages of the view at `base` (its first page at `base`, then `page/n/`)."""
    entries = publications(site.papers)
    pages = paginate(entries, site.config.per_page, base)
    index = year_links(pages)
    for pager, chunk in pages:
        start = pager.first_index - 1
        before = entries[start - 1] if start > 0 else None
        context = {"years": year_groups(chunk, before), "pager": pager, "year_index": index}
        yield pager.url(pager.number), "publications.html", context


def selected(site: Site) -> tuple[Publication, ...]:
    """The papers marked `selected: true`, newest first (for the home page)."""
    return tuple(Publication.of(p) for p in site.papers if p.selected)
