"""Read the arXiv API's Atom feed: the answer of `add`, or a response saved to a file.

The format is the one the arXiv API user manual documents: one `<entry>` per
paper with `<id>` (the abs URL, with version), `<published>` (the first
version's date), `<author><name>`, `<summary>`, `<category>` and the `arxiv:`
extension elements (`primary_category`, `doi`, `journal_ref`, `comment`). The
API reports an error as a feed whose single entry has an `.../api/errors` id.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from generator.content.arxiv_ids import base_id, find_arxiv_id
from generator.content.paper_file import PaperDraft
from generator.importers.records import (
    Batch,
    Record,
    as_date,
    clean_abstract,
    clean_names,
    clean_text,
)
from generator.scholarly import PartialDate

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_WITHDRAWN = re.compile(r"\bwithdrawn\b", re.IGNORECASE)


class FeedError(ValueError):
    """The text is not an Atom feed; `line` is where reading stopped."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class ArxivEntry:
    """One `<entry>` of a feed: a paper, or an error the API reports."""

    line: int
    arxiv: str
    """The id with the version the feed names, e.g. `2403.01234v2`."""
    title: str
    authors: tuple[str, ...]
    published: dt.date | None
    summary: str
    categories: tuple[str, ...]
    """Primary category first."""
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None
    error: str | None = None
    """The API's message, when this entry reports an error instead of a paper."""

    @property
    def withdrawn(self) -> bool:
        """The authors withdrew the paper (arXiv says so in the comment or the abstract)."""
        text = f"{self.comment or ''} {self.summary[:200]}"
        return bool(_WITHDRAWN.search(text))


def _entry_lines(text: str) -> list[int]:
    """The line of every `<entry>` start tag; raises FeedError on malformed XML."""
    lines: list[int] = []
    parser = expat.ParserCreate()

    def start(name: str, _attrs: object) -> None:
        if name == "entry" or name.endswith(":entry"):
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise FeedError(f"not well-formed XML: {expat.ErrorString(exc.code)}", exc.lineno) from None
    return lines


def parse_feed(text: str) -> list[ArxivEntry]:
    """Every entry of a feed, in order."""
    lines = _entry_lines(text)
    root = ET.fromstring(text)
    if root.tag != f"{ATOM}feed":
        raise FeedError("this XML is not an Atom feed (its root is not <feed>)", 1)
    return [
        _entry(node, line) for node, line in zip(root.iter(f"{ATOM}entry"), lines, strict=False)
    ]


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(tag)
    return clean_text(found.text) if found is not None and found.text else ""


def _entry(node: ET.Element, line: int) -> ArxivEntry:
    ident = _text(node, f"{ATOM}id")
    summary = node.findtext(f"{ATOM}summary") or ""
    if "/api/errors" in ident:
        return ArxivEntry(line, "", "", (), None, "", (), error=clean_text(summary))
    primary = node.find(f"{ARXIV}primary_category")
    categories = [primary.get("term", "")] if primary is not None else []
    categories += [c.get("term", "") for c in node.findall(f"{ATOM}category")]
    published = _text(node, f"{ATOM}published")[:10]
    return ArxivEntry(
        line=line,
        arxiv=find_arxiv_id(ident) or "",
        title=_text(node, f"{ATOM}title"),
        authors=clean_names([a.findtext(f"{ATOM}name") for a in node.findall(f"{ATOM}author")]),
        published=as_date(published),
        summary=clean_abstract(summary),
        categories=tuple(dict.fromkeys(c for c in categories if c)),
        doi=_text(node, f"{ARXIV}doi") or None,
        journal_ref=_text(node, f"{ARXIV}journal_ref") or None,
        comment=_text(node, f"{ARXIV}comment") or None,
    )


def entry_draft(entry: ArxivEntry, keep_version: bool = False) -> PaperDraft:
    """The paper file for an entry; the id loses its version unless it was asked for."""
    if entry.published is None:
        raise ValueError(f"{entry.arxiv} has no published date; check entry_problem first")
    arxiv = entry.arxiv if keep_version else _unversioned(entry.arxiv)
    links = {"pdf": f"https://arxiv.org/pdf/{arxiv}"}
    if entry.doi:
        links["doi"] = f"https://doi.org/{entry.doi}"
    return PaperDraft(
        title=entry.title,
        date=PartialDate.of(entry.published),
        topics=(),
        authors=entry.authors,
        abstract=entry.summary,
        arxiv=arxiv,
        links=links,
        venue=entry.journal_ref,
    )


def _unversioned(arxiv_id: str) -> str:
    return arxiv_id[: len(base_id(arxiv_id))]


def entry_problem(entry: ArxivEntry) -> tuple[str, str] | None:
    """(reason, hint) when an entry cannot become a paper, else None."""
    if entry.error:
        return f"the arXiv API reports an error: {entry.error}", "check the id"
    if not entry.arxiv or not entry.title:
        return "the entry has no arXiv id or no title", "save the complete API response"
    if entry.published is None:
        return f"{entry.arxiv}: the entry has no <published> date", "save the complete response"
    if entry.withdrawn:
        return (
            f"{entry.arxiv} was withdrawn by its authors ({entry.comment or 'see arXiv'})",
            "add it with `paperboard new` if it should be listed anyway",
        )
    return None


def read_atom(text: str, path: Path | None = None) -> Batch:
    """A saved API response as records; error entries and withdrawn papers as problems."""
    batch = Batch()
    try:
        entries = parse_feed(text)
    except FeedError as exc:
        batch.fail(exc.message, path, exc.line, "save the API response as it came")
        return batch
    for entry in entries:
        problem = entry_problem(entry)
        if problem:
            batch.fail(problem[0], path, entry.line, problem[1])
        else:
            record = Record(entry_draft(entry), path, entry.line, entry.categories)
            batch.records.append(record)
    return batch
