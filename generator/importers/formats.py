"""Which importer reads an input: tables of formats, and detection from the content.

A file is BibTeX, a saved arXiv API response (Atom), arXiv records saved as
JSON, a "daily arXiv" site's tables (JSON), a Hugging Face daily-papers list
(JSON) or a plain listing (text). A folder is another
static site, and each of its files is read as Hugo, PMLR or Jekyll by its own
front matter, so a mixed folder still imports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from generator.content.paper_file import PaperDraft
from generator.importers import arxiv_json, daily_arxiv, hugo, jekyll, pmlr
from generator.importers.arxiv_atom import read_atom
from generator.importers.arxiv_json import read_arxiv_json
from generator.importers.bibtex import read_bibtex
from generator.importers.daily_arxiv import read_daily_arxiv
from generator.importers.hf_daily import read_hf_daily
from generator.importers.plain_listing import (
    ABSTRACT_MIN_CHARS,
    ListingError,
    listing_date,
    parse_listing,
    to_drafts,
)
from generator.importers.records import BadRecord, Batch, Record
from generator.importers.sitefiles import SiteFile, read_site_file, site_files

FileReader = Callable[[str, Path], Batch]


@dataclass(frozen=True, slots=True)
class SiteFormat:
    """A kind of other site's paper file: how to recognise it and how to read it."""

    looks_like: Callable[[dict[str, Any]], bool]
    draft: Callable[[SiteFile], PaperDraft]


SITE_FORMATS: dict[str, SiteFormat] = {
    "hugo": SiteFormat(hugo.looks_like, hugo.hugo_draft),
    "pmlr": SiteFormat(pmlr.looks_like, pmlr.pmlr_draft),
    "jekyll": SiteFormat(jekyll.looks_like, jekyll.jekyll_draft),
}
"""In detection order: Jekyll, the loosest, comes last."""

_BIBTEX_ENTRY = re.compile(r"^\s*@[a-zA-Z]+\s*[{(]", re.MULTILINE)


def read_listing(text: str, path: Path, today: dt.date) -> Batch:
    """A plain listing; its date is the "Mar 21" header's day (this year), else today."""
    batch = Batch()
    try:
        entries = parse_listing(text)
    except ListingError as exc:
        batch.fail(
            str(exc).partition(": ")[2],
            path,
            exc.line,
            "a title line, a blank line, then the abstract",
        )
        return batch
    if not entries:
        batch.fail(
            "no paper found: no title line is followed by an abstract "
            f"of {ABSTRACT_MIN_CHARS} characters or more",
            path,
            1,
            "shorter abstracts cannot be told from titles; use BibTeX or `paperboard new`",
        )
        return batch
    date = listing_date(text, today.year) or today
    for entry, draft in zip(entries, to_drafts(entries, date, lambda _: ()), strict=True):
        batch.records.append(Record(draft, path, entry.line))
    return batch


FILE_FORMATS = ("bibtex", "arxiv", "arxiv-json", "daily-arxiv", "hf", "listing")
"""The names `--format` takes for a file; a folder takes those of SITE_FORMATS."""


def file_formats(today: dt.date) -> dict[str, FileReader]:
    """The importers of single files, by the name `--format` takes."""
    return {
        "bibtex": read_bibtex,
        "arxiv": read_atom,
        "arxiv-json": read_arxiv_json,
        "daily-arxiv": read_daily_arxiv,
        "hf": read_hf_daily,
        "listing": partial(read_listing, today=today),
    }


def detect_format(path: Path, text: str) -> str:
    """The format of a file, from its content (and a `.bib` suffix)."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<") and "<feed" in head:
        return "arxiv"
    if arxiv_json.looks_like(head):
        return "arxiv-json"
    if daily_arxiv.looks_like(head):
        return "daily-arxiv"
    if head.startswith(("[", "{")):
        return "hf"
    if path.suffix.lower() == ".bib" or _BIBTEX_ENTRY.search(head):
        return "bibtex"
    return "listing"


def site_format(meta: dict[str, Any], wanted: str | None) -> str:
    """The format of one site file: the one asked for, else the first that fits."""
    if wanted:
        return wanted
    return next(
        name for name, fmt in SITE_FORMATS.items() if fmt.looks_like(meta) or name == "jekyll"
    )


def read_site(folder: Path, wanted: str | None = None) -> Batch:
    """Every paper file of another site's folder."""
    batch = Batch()
    for path in site_files(folder):
        try:
            file = read_site_file(path)
            batch.records.append(
                Record(SITE_FORMATS[site_format(file.meta, wanted)].draft(file), path, 1)
            )
        except BadRecord as exc:
            batch.fail(exc.message, path, exc.line, exc.hint)
        except UnicodeDecodeError:
            batch.fail("the file is not UTF-8", path, None, "save it as UTF-8")
    return batch
