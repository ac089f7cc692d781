"""The source BibTeX file read by pybtex, the BibTeX oracle: what a reader should find.

pybtex is a reimplementation of BibTeX: its name grammar is BibTeX's, and its
rich-text reading resolves braces as BibTeX does. What counts as the same, as
a reader would see it:
- names: family (with its von part, "van Beethoven"), given (first and middle
  names), suffix, each LaTeX-decoded; a `Jr.`/`Sr.` written at the end of the
  last part (`Steele Jr., Guy`, a common slip for `Steele, Jr., Guy`) is the
  suffix; a name in one brace group (`{The Racket Team}`) is all family. The
  meta tags and JSON-LD have no suffix slot, so there the suffix is compared
  as part of the family, the way Zotero stores it ("Steele Jr.").
  A Jr part without a first name (`Ramón y Cajal, Santiago,`) is a stray
  comma: BibTeX reads Santiago as the Jr part, the author meant the given name.
- `and others` (or `and et al.`) at the end of the list is a flag, not a name.
- pages: the dash between first and last page may be `-`, `--` or `–`.
- a DOI that breaks the DOI syntax (`0.1007/...`) and an arXiv id that arXiv
  never issued (`1406.66030`) are no identifiers: the importer leaves them out
  (the DOIs with a warning).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex.database import Entry, Person, parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing
from pylatexenc.latex2text import LatexNodes2Text

Name = tuple[str, str, str]
"""(family, given, suffix) of one author."""

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
SUFFIXES = {"jr.", "jr", "sr.", "sr"}
OTHERS = {"others", "et al.", "et al", "et~al."}
_ARXIV = re.compile(
    r"(?:arxiv(?:\s+preprint)?[:\s]*(?:arxiv:)?\s*|abs/)"
    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_DOI_SYNTAX = re.compile(r"^10\.\d{4,}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
L2T = LatexNodes2Text()


@functools.cache
def latex_text(value: str) -> str:
    """A LaTeX field value as the text LaTeX would print.

    pybtex's own decoding leaves `{\\'\\i}` half done (`\\'ı`), so the text of
    pybtex's rich-text reading (braces resolved) is decoded by pylatexenc.
    """
    if not any(char in value for char in "\\{}~$-"):
        return " ".join(value.split())  # nothing to decode (pybtex takes 10 ms a value)
    text = Text.from_latex(value).render_as("text")
    return " ".join((L2T.latex_to_text(text) if "\\" in text else text).split())


def title_key(text: str) -> str:
    """Letters and digits, accents and case folded: how entries are matched to pages."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss")).casefold()
    return "".join(c for c in folded if c.isalnum())


def person_name(person: Person) -> Name:
    """A pybtex person as (family, given, suffix), with the `Jr.`-in-last slip mended."""
    last = [latex_text(part) for part in person.last_names]
    von = [latex_text(part) for part in person.prelast_names]
    given = [latex_text(part) for part in (*person.first_names, *person.middle_names)]
    suffix = [latex_text(part) for part in person.lineage_names]
    if not suffix and len(last) > 1 and last[-1].lower() in SUFFIXES:
        suffix = [last.pop()]
    if suffix and not given:  # `Ramón y Cajal, Santiago,`: a stray comma, not a Jr part
        given, suffix = suffix, []
    return " ".join(von + last), " ".join(given), " ".join(suffix)


def persons(entry: Entry) -> tuple[tuple[Name, ...], bool]:
    """The authors (or, without any, the editors) and whether the list ends in `others`."""
    people = list(entry.persons.get("author", []))
    others = bool(people) and str(people[-1]).strip().lower() in OTHERS
    if others:
        people.pop()
    return tuple(person_name(p) for p in people), others


def pages(value: str | None) -> str | None:
    """`12--34`, `12-34` and `12–34` alike; None when empty."""
    if not value:
        return None
    return re.sub(r"\s*(?:--|-|–|—)\s*", "-", latex_text(value).strip()) or None


def clean_doi(value: str | None) -> str | None:
    """A DOI without its resolver prefix; None when empty."""
    if not value:
        return None
    return _DOI_PREFIX.sub("", value.strip()) or None


def source_doi(value: str | None) -> str | None:
    """The source's DOI when it is one by the DOI syntax (`10.` and a registrant code of
    four or more digits); a typo such as `0.1007/...` is none, and the importer warns."""
    doi = clean_doi(value)
    return doi if doi and _DOI_SYNTAX.match(doi) else None


def valid_arxiv(found: str | None) -> str | None:
    """An id as arXiv issues them: YYMM.NNNN to 2014, YYMM.NNNNN since, or archive/YYMMNNN."""
    if found is None:
        return None
    new = re.match(r"^(\d{4})\.(\d{4,5})(v\d+)?$", found)
    if new:
        return found if (len(new[2]) == 5) == (int(new[1]) >= 1501) else None
    return found


def source_arxiv(fields: dict[str, str]) -> str | None:
    """The arXiv id an entry gives: `eprint`, or `arXiv:ID`, `abs/ID` in a field."""
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if fields.get("eprint") and prefix == "arxiv":
        found = _ARXIV.search("arxiv:" + fields["eprint"].strip())
        if found:
            return found.group(1)
    if fields.get("arxiv"):
        found = _ARXIV.search("arxiv:" + fields["arxiv"].strip())
        if found:
            return found.group(1)
    for name in ("journal", "volume", "note", "howpublished", "url", "booktitle"):
        found = _ARXIV.search(fields.get(name, ""))
        if found:
            return found.group(1)
    return None


def month_of(value: str | None) -> int | None:
    """1-12 from `January`, `jan`, `{1}`; None when absent."""
    if not value:
        return None
    text = latex_text(value).strip().lower().rstrip(".")
    if text.isdigit():
        return int(text)
    return MONTHS.get(text) or MONTHS.get(text[:3])


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the source file and what a reader should find for it."""

    key: str
    title: str
    reading: dict[str, Any]


def source_entries(path: Path) -> list[SourceEntry]:
    """Every paper entry of a BibTeX file, read by pybtex, in file order."""
    # BibTeX skips a `@Comment` that is not followed by braces; pybtex reports it, then
    # goes on, which is what BibTeX does.
    with pybtex.errors.capture():
        data = parse_file(str(path), bib_format="bibtex")
    formattable = {key for key, text in plain_texts(data).items() if text is not None}
    parents = {e.fields.get("crossref", "").lower() for e in data.entries.values()}
    found = []
    for key, entry in data.entries.items():
        if entry.type.lower() in ("proceedings", "mvproceedings") and key.lower() in parents:
            continue
        fields = {name.lower(): value for name, value in entry.fields.items()}
        names, others = persons(entry)
        decoded = {name: latex_text(value) for name, value in fields.items()}
        year = re.search(r"\d{4}", decoded.get("year") or decoded.get("date") or "")
        date_month = re.match(r"\d{4}-(\d{2})", decoded.get("date", ""))
        reading = {
            "names": names,
            "others": others,
            "year": year.group() if year else None,
            "month": month_of(fields.get("month")) or (int(date_month[1]) if date_month else None),
            "type": entry.type.lower(),
            "volume": decoded.get("volume") or None,
            "number": decoded.get("number") or None,
            "pages": pages(fields.get("pages")),
            "doi": source_doi(decoded.get("doi")),
            "arxiv": valid_arxiv(source_arxiv(decoded)),
            "formattable": key in formattable,
        }
        title = decoded.get("title", "")
        if decoded.get("subtitle"):
            title = f"{title}: {decoded['subtitle']}"
        found.append(SourceEntry(key, title, reading))
    return found


def plain_texts(data: Any) -> dict[str, str | None]:
    """Each entry as pybtex's `plain` style formats it; None when the style refuses it
    (an `@book` without author or editor)."""
    style = find_plugin("pybtex.style.formatting", "plain")()
    texts: dict[str, str | None] = {}
    for key, entry in data.entries.items():
        try:
            (formatted,) = style.format_entries([entry])
        except FieldIsMissing:
            texts[key] = None
            continue
        texts[key] = formatted.text.render_as("text")
    return texts
