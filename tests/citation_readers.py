"""Read a built site the way citation tools do.

pybtex and bibtexparser 2 read `papers.bib` (pybtex also formats it with
BibTeX's `plain` style), citeproc-py reads each paper's `cite.json`
(CSL-JSON) and formats it with a CSL style, lxml reads the `citation_*` meta
tags (splitting names as Zotero's Embedded Metadata translator does) and the
JSON-LD. Each reading is a plain dict of the fields `citation_compare` compares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import bibtexparser
import pybtex.errors
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from citation_source import (
    L2T,
    OTHERS,
    SUFFIXES,
    Name,
    clean_doi,
    latex_text,
    month_of,
    pages,
    persons,
    plain_texts,
)
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.source.json import CiteProcJSON
from lxml import etree
from pybtex.database import parse_file


def pybtex_readings(site: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """`papers.bib` read by pybtex, each entry also formatted by its `plain` style.

    Returns the readings by key and the title of each key (to match the source).
    """
    with pybtex.errors.capture() as errors:
        data = parse_file(str(site / "papers.bib"), bib_format="bibtex")
    assert not errors, [str(e) for e in errors]
    formatted = plain_texts(data)
    readings, titles = {}, {}
    for key, entry in data.entries.items():
        fields = {name.lower(): value for name, value in entry.fields.items()}
        names, others = persons(entry)
        readings[key] = {
            "names": names,
            "others": others,
            "year": fields.get("year"),
            "month": month_of(fields.get("month")),
            "type": entry.type.lower(),
            "volume": fields.get("volume") and latex_text(fields["volume"]),
            "number": fields.get("number") and latex_text(fields["number"]),
            "pages": pages(fields.get("pages")),
            "doi": clean_doi(fields.get("doi")),
            "arxiv": fields.get("eprint"),
            "formatted": formatted.get(key, ""),
            "persons": entry.persons.get("author", []),
        }
        titles[key] = latex_text(fields.get("title", ""))
    return readings, titles


def bibtexparser_readings(site: Path) -> dict[str, dict[str, Any]]:
    """`papers.bib` read by bibtexparser 2, names split by its `SplitNameParts`."""
    library = bibtexparser.parse_file(
        str(site / "papers.bib"), append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    readings = {}
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        people = list(fields.get("author") or [])
        others = bool(people) and " ".join(people[-1].last).lower() in OTHERS
        if others:
            people.pop()
        names = tuple(_parts_name(p) for p in people)
        readings[entry.key] = {
            "names": names,
            "others": others,
            "year": fields.get("year"),
            "month": month_of(str(fields["month"])) if "month" in fields else None,
            "type": entry.entry_type.lower(),
            "volume": _decoded(fields.get("volume")),
            "number": _decoded(fields.get("number")),
            "pages": pages(fields.get("pages")),
            "doi": clean_doi(_decoded(fields.get("doi"))),
            "arxiv": fields.get("eprint"),
        }
    return readings


def _decoded(value: str | None) -> str | None:
    return " ".join(L2T.latex_to_text(value).split()) or None if value else None


def _parts_name(parts: Any) -> Name:
    def text(words: list[str]) -> str:
        return " ".join(" ".join(L2T.latex_to_text(w) for w in words).split())

    last, suffix = list(parts.last), list(parts.jr)
    if not suffix and len(last) > 1 and last[-1].lower() in SUFFIXES:
        suffix = [last.pop()]
    return text([*parts.von, *last]), text(list(parts.first)), text(suffix)


def citeproc_readings(site: Path, keys: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """Each paper's `cite.json` read by citeproc-py (None when there is none).

    Every item is also rendered with the CSL style citeproc-py ships, so a
    file it reads but cannot format fails here.
    """
    readings: dict[str, dict[str, Any] | None] = {}
    items = []
    for key in keys:
        path = site / "papers" / key / "cite.json"
        if not path.is_file():
            readings[key] = None
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        items.extend(data)
        source = CiteProcJSON(data)
        reference = source[data[0]["id"]]
        readings[key] = _csl_reading(reference)
    if items:
        _render_csl(items)
    return readings


def _csl_reading(ref: Any) -> dict[str, Any]:
    names = tuple(_csl_name(dict(n)) for n in ref.get("author", []))
    issued = dict(ref["issued"]) if "issued" in ref else {}
    kind = ref.get("type")
    genre = _first(ref.get("genre")) or ""
    if kind == "thesis":
        kind = "thesis:" + ("masters" if "master" in genre.lower() else "phd")
    number = _first(ref.get("issue")) or _first(ref.get("number"))
    arxiv = _first(ref.get("archive_location")) if _first(ref.get("archive")) == "arXiv" else None
    return {
        "names": names,
        "year": str(issued["year"]) if issued.get("year") else None,
        "month": issued.get("month"),
        "type": kind,
        "volume": _first(ref.get("volume")),
        "number": None if arxiv and number == f"arXiv:{arxiv}" else number,
        "pages": pages(_first(ref.get("page"))),
        "doi": _first(ref.get("DOI")),
        "arxiv": arxiv,
    }


def _first(value: Any) -> str | None:
    """A citeproc-py value (a `MixedString`, a list of parts) as one string."""
    return None if value is None else str(value) or None


def _csl_name(name: dict[str, str]) -> Name:
    if "literal" in name:
        return name["literal"], "", ""
    family = " ".join(
        part
        for part in (
            name.get("dropping-particle"),
            name.get("non-dropping-particle"),
            name.get("family"),
        )
        if part
    )
    return family, name.get("given", ""), name.get("suffix", "")


def _render_csl(items: list[dict[str, Any]]) -> None:
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), csl_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items) and all(rendered)


def page_readings(site: Path, keys: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meta tags and the JSON-LD of each paper's page, read with lxml."""
    meta, ld = {}, {}
    for key in keys:
        tree = etree.parse(str(site / "papers" / key / "index.html"), etree.HTMLParser())
        meta[key] = _meta_reading(tree)
        ld[key] = _json_ld_reading(tree)
    return meta, ld


def _meta_reading(tree: Any) -> dict[str, Any]:
    def tags(name: str) -> list[str]:
        return tree.xpath(f"//head/meta[@name='{name}']/@content")

    def one(name: str) -> str | None:
        found = tags(name)
        return found[0] if found else None

    date = (one("citation_publication_date") or "").split("/")
    kinds = [
        kind
        for kind, tag in (
            ("journal", "citation_journal_title"),
            ("conference", "citation_conference_title"),
            ("inbook", "citation_inbook_title"),
            ("dissertation", "citation_dissertation_institution"),
            ("report", "citation_technical_report_institution"),
        )
        if tags(tag)
    ]
    first, last = one("citation_firstpage"), one("citation_lastpage")
    return {
        "names": tuple(_comma_name(a) for a in tags("citation_author")),
        "year": date[0] or None,
        "month": int(date[1]) if len(date) > 1 else None,
        "type": "+".join(kinds) or "none",
        "volume": one("citation_volume"),
        "number": one("citation_issue") or one("citation_technical_report_number"),
        "pages": pages("-".join(p for p in (first, last) if p)),
        "doi": one("citation_doi"),
        "arxiv": one("citation_arxiv_id"),
    }


def _comma_name(text: str) -> Name:
    """ "Family, Given" as Zotero splits it; without a comma the last word is the family."""
    if "," in text:
        family, given = text.split(",", 1)
        return family.strip(), given.strip(), ""
    words = text.split()
    return (words[-1] if words else ""), " ".join(words[:-1]), ""


def _json_ld_reading(tree: Any) -> dict[str, Any]:
    (script,) = tree.xpath("//head/script[@type='application/ld+json']")
    article = json.loads(script.text)
    names = []
    for person in article.get("author", []):
        if person.get("@type") == "Organization":
            names.append((person["name"], "", ""))
        elif "familyName" in person:
            suffix = person.get("honorificSuffix", "")
            names.append((person["familyName"], person.get("givenName", ""), suffix))
        else:
            names.append(_comma_name(person.get("name", "")))
    date = str(article.get("datePublished", "")).split("-")
    ids = {i.get("propertyID"): i.get("value") for i in article.get("identifier", [])}
    return {
        "names": tuple(names),
        "year": date[0] or None,
        "month": int(date[1]) if len(date) > 1 else None,
        "doi": ids.get("DOI"),
        "arxiv": ids.get("arXiv"),
    }
