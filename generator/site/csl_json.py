"""CSL-JSON, the citation format Zotero, Pandoc and citation.js read: `cite.json` per paper,
`papers.csl.json` for the site and each topic.

Each file is a JSON array of CSL items (CSL 1.0.2's schema). Types and
fields follow the mapping BibTeX importers use (citation.js, Pandoc), from
the same rules as the BibTeX (`citation.work_type`, `container`), so the
two never disagree. Dates keep their precision as `date-parts`; names their
parts; the arXiv id is the item's `archive_location` in the archive arXiv.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.models import Paper, Site
from generator.scholarly import PersonName
from generator.site.canonical import absolute_base, absolute_url
from generator.site.citation import (
    REPORTS,
    THESES,
    container,
    doi_of,
    issuer,
    page_range,
    work_type,
)
from generator.site.sitemap import Page

CSL_NAME = "papers.csl.json"
CITE_NAME = "cite.json"
MEDIA_TYPE = "application/vnd.citationstyles.csl+json"
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "proceedings": "book",
    "collection": "book",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "misc": "document",
    "online": "webpage",
    "software": "software",
    "dataset": "dataset",
    "patent": "patent",
    "periodical": "periodical",
}
"""BibTeX and biblatex types as CSL names them (citation.js's BibTeX mapping)."""
GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}


def cite_json_url(slug: str) -> str:
    """The one-item file of a paper, beside its page."""
    return urls.paper_url(slug) + CITE_NAME


def csl_pages(site: Site) -> Iterator[Page]:
    """The whole site's file, one per topic, and one per paper."""
    yield CSL_NAME, CSL_NAME, {"papers": site.papers}
    for slug in site.topics:
        yield urls.topic_url(slug) + CSL_NAME, CSL_NAME, {"papers": site.by_topic[slug]}
    for paper in site.papers:
        yield cite_json_url(paper.slug), CSL_NAME, {"papers": (paper,)}


def csl_array(papers: Sequence[Paper], item_json: Callable[[Paper], str]) -> str:
    """The file's text: an array of each paper's item, as `item_json` serializes it."""
    return "[\n" + ",\n".join(item_json(paper) for paper in papers) + "\n]\n"


def csl_item(config: SiteConfig, paper: Paper) -> dict[str, Any]:
    """One paper as a CSL item; fields without a value are left out."""
    kind = work_type(paper)
    preprint = paper.citation.type is None and kind == "article" and not _journal(paper)
    item: dict[str, Any] = {
        "id": paper.slug,
        "type": "article" if preprint else CSL_TYPES.get(kind, "document"),
        "title": paper.title_text,
        "issued": {"date-parts": [_date_parts(paper)]},
    }
    if absolute_base(config):
        item["URL"] = absolute_url(config, urls.paper_url(paper.slug))
    if paper.author_names:
        item["author"] = [csl_name(name) for name in paper.author_names]
    item.update(_published(paper, kind, preprint))
    if paper.arxiv:
        item.update({"archive": "arXiv", "archive_location": paper.arxiv})
    doi = doi_of(paper)
    if doi:
        item["DOI"] = doi
    if paper.text:
        item["abstract"] = paper.text
    if paper.topics:
        item["keyword"] = ", ".join(topic.title for topic in paper.topics)
    return {key: value for key, value in item.items() if value}


def csl_name(name: PersonName) -> dict[str, str]:
    """A CSL name: its parts, the von part as a non-dropping particle; or a literal."""
    if name.literal:
        return {"literal": name.literal}
    parts = {
        "family": name.family,
        "given": name.given,
        "non-dropping-particle": name.particle,
        "suffix": name.suffix,
    }
    return {key: value for key, value in parts.items() if value}


def _published(paper: Paper, kind: str, preprint: bool) -> dict[str, Any]:
    """Where and how the paper appeared: container, numbers, pages, publisher."""
    citation = paper.citation
    place = container(paper, preprint=False)
    number = citation.number
    found: dict[str, Any] = {
        "container-title": place[1] if place and place[0] != "howpublished" else None,
        "volume": citation.volume,
        "issue": None if kind in REPORTS else number,
        "number": number if kind in REPORTS else None,
        "page": "-".join(p for p in page_range(citation.pages) if p) if citation.pages else None,
        "collection-title": citation.series,
        "edition": citation.edition,
        "publisher": citation.publisher or issuer(paper),
        "genre": GENRES.get(kind) if kind in THESES else None,
        "ISBN": citation.isbn,
        "ISSN": citation.issn,
        "note": citation.note,
    }
    if preprint and paper.arxiv:
        found.update({"publisher": "arXiv", "number": f"arXiv:{paper.arxiv}"})
    return found


def _journal(paper: Paper) -> bool:
    return container(paper, preprint=False) is not None


def _date_parts(paper: Paper) -> list[int]:
    date = paper.date
    return [part for part in (date.year, date.month, date.day) if part is not None]
