"""The citation fields as Highwire tags and as schema.org properties.

Google Scholar and Zotero's Embedded Metadata translator tell a journal
article from a conference paper, a thesis or a report by which `citation_*`
tag names the container; schema.org by the item's `@type`. Both follow the
paper's entry type (`citation.work_type`), never a guess from the venue's name.
"""

from __future__ import annotations

from typing import Any

from generator.models import Paper
from generator.site.citation import (
    IN_BOOK,
    IN_JOURNAL,
    REPORTS,
    THESES,
    container,
    issuer,
    page_range,
    work_type,
)

Tag = tuple[str, str]
SCHEMA_TYPES = {
    "book": "Book",
    "incollection": "Chapter",
    "inbook": "Chapter",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "thesis": "Thesis",
    "techreport": "Report",
    "report": "Report",
}
"""schema.org types of entry types; any other is a `ScholarlyArticle`."""


def container_tags(paper: Paper) -> list[Tag]:
    """`citation_journal_title`, `_conference_title`, `_inbook_title`, or the thesis's
    or report's institution."""
    kind = work_type(paper)
    found = container(paper, preprint=False)
    if found and kind in IN_JOURNAL:
        return [("citation_journal_title", found[1])]
    if found and kind in IN_BOOK:
        name = "conference" if kind in ("inproceedings", "conference") else "inbook"
        return [(f"citation_{name}_title", found[1])]
    by = issuer(paper)
    if by and kind in THESES:
        return [("citation_dissertation_institution", by)]
    if by and kind in REPORTS:
        return [("citation_technical_report_institution", by)]
    return []


def numbering_tags(paper: Paper) -> list[Tag]:
    """Volume, issue (or report number), pages, publisher, ISBN and ISSN."""
    citation = paper.citation
    report = work_type(paper) in REPORTS
    tags = [("citation_volume", citation.volume)]
    tags.append(
        ("citation_technical_report_number" if report else "citation_issue", citation.number)
    )
    if citation.pages:
        first, last = page_range(citation.pages)
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    tags += [("citation_publisher", citation.publisher), ("citation_isbn", citation.isbn)]
    tags.append(("citation_issn", citation.issn))
    return [(name, value) for name, value in tags if value]


def schema_citation(paper: Paper) -> dict[str, Any]:
    """`@type`, the container with its volume and issue, pages, publisher, ISBN."""
    kind = work_type(paper)
    citation = paper.citation
    found: dict[str, Any] = {"@type": SCHEMA_TYPES.get(kind, "ScholarlyArticle")}
    place = container(paper, preprint=False)
    if place and kind in IN_JOURNAL:
        found["isPartOf"] = _periodical(place[1], paper)
    elif place and kind in IN_BOOK:
        event = kind in ("inproceedings", "conference")
        key = "publication" if event else "isPartOf"
        found[key] = {"@type": "PublicationEvent" if event else "Book", "name": place[1]}
    if citation.pages:
        first, last = page_range(citation.pages)
        found.update({"pageStart": first, "pageEnd": last} if last else {"pagination": first})
    if citation.publisher:
        found["publisher"] = {"@type": "Organization", "name": citation.publisher}
    by = issuer(paper)
    if by:
        found["sourceOrganization"] = {"@type": "Organization", "name": by}
    if citation.isbn:
        found["isbn"] = citation.isbn
    if citation.edition:
        found["bookEdition"] = citation.edition
    if citation.number and kind in REPORTS:
        found["reportNumber"] = citation.number
    return found


def _periodical(name: str, paper: Paper) -> dict[str, Any]:
    """The journal, inside its volume and issue when they are known (schema.org's nesting)."""
    citation = paper.citation
    part: dict[str, Any] = {"@type": "Periodical", "name": name}
    if citation.issn:
        part["issn"] = citation.issn
    if citation.volume:
        part = {"@type": "PublicationVolume", "volumeNumber": citation.volume, "isPartOf": part}
    if citation.number:
        part = {"@type": "PublicationIssue", "issueNumber": citation.number, "isPartOf": part}
    return part
