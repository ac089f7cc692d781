"""What kind of work a paper is and where it appeared: one rule for every citation output.

The BibTeX entry, the Highwire tags, the JSON-LD and the CSL-JSON all ask
the same questions (an article or a conference paper? in which journal?),
so they ask them here. A paper's own `type` decides; without one (a paper
written by hand), a `journal` or `booktitle` field does, then the venue's
name, then whether it is an arXiv preprint.
"""

from __future__ import annotations

import re
from dataclasses import fields

from generator.content.dois import doi_of_url
from generator.models import CitationFields, Paper

IN_JOURNAL = frozenset({"article", "periodical"})
IN_BOOK = frozenset({"inproceedings", "conference", "incollection", "inbook"})
THESES = frozenset({"phdthesis", "mastersthesis", "thesis"})
REPORTS = frozenset({"techreport", "report"})
_JOURNAL = re.compile(r"journal|transactions|letters|review|magazine", re.IGNORECASE)
_PAGES = re.compile(r"^\s*([^-–—\s]+)\s*(?:-+|–|—)\s*([^-–—\s]+)\s*$")


def work_type(paper: Paper) -> str:
    """The BibTeX entry type."""
    citation = paper.citation
    if citation.type:
        return citation.type
    if citation.journal:
        return "article"
    if citation.booktitle:
        return "inproceedings"
    if paper.venue:
        return "article" if _JOURNAL.search(paper.venue) else "inproceedings"
    return "article" if paper.arxiv else "misc"


def container(paper: Paper, preprint: bool = True) -> tuple[str, str] | None:
    """(BibTeX field, title) of the journal or book the paper is in, if any.

    With `preprint`, an arXiv preprint without a journal is in "arXiv preprint
    arXiv:ID", the form Google Scholar exports; a `misc` with a venue was
    `howpublished` there.
    """
    kind = work_type(paper)
    citation = paper.citation
    if kind in IN_JOURNAL:
        journal = citation.journal or paper.venue
        if journal is None and paper.arxiv and preprint:
            journal = f"arXiv preprint arXiv:{paper.arxiv}"
        return ("journal", journal) if journal else None
    if kind in IN_BOOK:
        title = citation.booktitle or paper.venue
        return ("booktitle", title) if title else None
    if kind in ("misc", "online") and paper.venue:
        return ("howpublished", paper.venue)
    return None


def page_range(pages: str) -> tuple[str, str | None]:
    """(first, last) of `12--34`, `12-34` or `12–34`; a single page or `e123` has no last."""
    match = _PAGES.match(pages)
    return (match.group(1), match.group(2)) if match else (pages.strip(), None)


def issuer(paper: Paper) -> str | None:
    """The school of a thesis, the institution of a report."""
    kind = work_type(paper)
    if kind in THESES:
        return paper.citation.school or paper.citation.institution
    if kind in REPORTS:
        return paper.citation.institution or paper.citation.school
    return None


def doi_of(paper: Paper) -> str | None:
    """The DOI, exactly (the link percent-encodes what a URL cannot hold)."""
    url = next((link.url for link in paper.links if link.kind == "doi"), None)
    return doi_of_url(url) if url else None


def given_fields(citation: CitationFields) -> dict[str, str]:
    """The citation fields that have a value, type left out."""
    values = {f.name: getattr(citation, f.name) for f in fields(citation) if f.name != "type"}
    return {name: value for name, value in values.items() if value}
