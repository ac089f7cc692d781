"""Read the fields of one BibTeX entry: names, dates, arXiv ids, links, venue.

Each function takes the raw field values (macros already expanded by
bibtexparser, LaTeX still in) and returns clean Unicode values; an entry that
cannot give a paper raises `BadRecord` with a fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bibtexparser.middlewares.names import split_multiple_persons_names

from generator.content.arxiv_ids import find_arxiv_id
from generator.content.dois import doi_url, parse_doi
from generator.content.names import ET_AL, PARTS, mend_suffix, split_name
from generator.content.safe_yaml import excerpt
from generator.importers.latex import latex_to_unicode
from generator.importers.records import BadRecord, clean_text
from generator.scholarly import PartialDate, PersonName

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
LINK_FIELDS = {
    "pdf": "pdf",
    "code": "code",
    "project": "project",
    "website": "project",
    "html": "paper",
    "data": "data",
    "dataset": "data",
    "video": "video",
    "slides": "slides",
    "poster": "poster",
    "blog": "blog",
    "supp": "supplement",
}
"""al-folio's link fields (and Paperboard's own) to link kinds."""

_DATE = re.compile(r"^(\d{4})(?!\d)(?:-(\d{1,2})(?!\d))?(?:-(\d{1,2})(?!\d))?")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
"""Four digits, never four of a longer number: `99999` is no year, not 9999."""
_ARXIV_TEXT = re.compile(
    r"(?:arxiv(?:\s+preprint)?[:\s/]*(?:arxiv:|abs/)?\s*|abs/)"
    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_URL_FIELDS = frozenset({"arxiv", "url_arxiv", "url"})
_TEX_ESCAPE = re.compile(r"\{?\\([_%&#$~])(?:\{\})?\}?")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_NOT_VENUE = re.compile(r"^(arxiv|corr\b|preprint|e-?prints?\b)", re.IGNORECASE)


def authors(raw: str | None) -> tuple[PersonName | str, ...]:
    """`and`-separated names in their parts, by BibTeX's grammar, LaTeX decoded.

    A last `others` (or `et al.`, a common spelling of it) stays the list's
    last item, as the front matter writes it.
    """
    if not raw:
        return ()
    people = [p.strip() for p in split_multiple_persons_names(raw) if p.strip()]
    et_al = bool(people) and people[-1].replace("~", " ").lower() in ET_AL
    found: dict[str, PersonName] = {}
    for person in people[:-1] if et_al else people:
        name = person_name(person)
        if _has_word(name.display):
            found.setdefault(name.display, name)
    return (*found.values(), "others") if et_al else tuple(found.values())


def person_name(text: str) -> PersonName:
    """One BibTeX name in parts; a name in one brace group is an organisation's."""
    if _one_group(text):
        return PersonName(literal=clean_text(latex_to_unicode(text)))
    parts = split_name(text)
    return mend_suffix(
        PersonName(*(clean_text(latex_to_unicode(getattr(parts, key))) for key in PARTS))
    )


def _one_group(text: str) -> bool:
    """`{The Racket Team}`: the opening brace closes at the very end."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def month_number(raw: str | None) -> int | None:
    """1-12 from `jan`, `{12}`, `March`, `Mar.`; None when absent or unreadable."""
    if not raw:
        return None
    text = raw.strip().strip('{}"').lower()
    digits = re.match(r"\d{1,2}", text)
    if digits:
        number = int(digits.group())
        return number if 1 <= number <= 12 else None
    word = re.match(r"[a-z]{3}", text)
    return MONTHS.index(word.group()) + 1 if word and word.group() in MONTHS else None


def entry_date(fields: Mapping[str, str]) -> PartialDate:
    """From biblatex `date` (YYYY, YYYY-MM or YYYY-MM-DD), else `year`, `month`, `day`.

    The date is as precise as the entry: `year` alone gives a year, never 1 January.
    """
    match = _DATE.match(fields.get("date", "").strip())
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return _make_date(year, month, day)
    year_match = _YEAR.search(fields.get("year", ""))
    if not year_match and fields.get("year", "").strip():
        written = excerpt(fields["year"].strip(), 20)
        raise BadRecord(
            f"`year = {{{written}}}` is not a year of four digits", "write e.g. `year = {2024}`"
        )
    if not year_match:
        raise BadRecord("the entry has no year or date", "add `year = {2024}`")
    month = month_number(fields.get("month"))
    day_text = re.match(r"\d{1,2}", fields.get("day", "").strip())
    day = int(day_text.group()) if day_text and month else None
    return _make_date(int(year_match.group()), month, day)


def _make_date(year: int, month: int | None, day: int | None) -> PartialDate:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        written = "-".join(f"{part:02d}" for part in (year, month, day) if part is not None)
        raise BadRecord(f"{written} is not a real date", "write `date = {YYYY-MM-DD}`") from None


def arxiv_id(fields: Mapping[str, str]) -> str | None:
    """From `eprint` (with `archivePrefix`/`eprinttype` arXiv), an `arxiv` field, or a URL."""
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if "eprint" in fields and prefix == "arxiv":
        found = find_arxiv_id(fields["eprint"])
        if found:
            return found
    for name in ("arxiv", "url_arxiv", "url", "journal", "volume", "note", "howpublished"):
        raw = fields.get(name, "")
        value = (
            unescape_url(raw) if name in ("arxiv", "url_arxiv", "url") else latex_to_unicode(raw)
        )
        found = find_arxiv_id(value) or _in_text(value)
        if found:
            return found
    doi = _ARXIV_DOI.match(fields.get("doi", "").strip())
    return find_arxiv_id(doi.group(1)) if doi else None


def _in_text(value: str) -> str | None:
    """`ArXiv:1607.06450`, `arXiv preprint arXiv:1607.06450`, CoRR's `abs/1607.06450`."""
    if "arxiv" not in value.lower() and "abs/" not in value:
        return None
    match = _ARXIV_TEXT.search(value)
    return find_arxiv_id(match.group(1)) if match else None


def links(fields: Mapping[str, str], arxiv: str | None) -> tuple[dict[str, str], list[str]]:
    """Link kind to URL, and the names of link fields left out: not URLs, or not a DOI."""
    found: dict[str, str] = {}
    dropped: list[str] = []
    generic = [(n, v) for n, v in fields.items() if n in ("url", "ee")]
    named = [(n, v) for n, v in fields.items() if n not in ("url", "ee")]
    for name, value in named + generic:
        if (name, value) in generic and clean_text(value) in found.values():
            continue
        kind = _link_kind(name, value, arxiv)
        if kind is None:
            continue
        url = unescape_url(clean_text(value))
        if kind == "doi":
            doi = parse_doi(url)
            if doi is None:
                dropped.append(name)
            elif not _ARXIV_DOI.match(doi):
                found.setdefault("doi", doi_url(doi))
        elif re.match(r"^https?://\S+$", url, re.IGNORECASE):
            found.setdefault(kind, url)
        else:
            dropped.append(name)
    return found, dropped


def _link_kind(name: str, value: str, arxiv: str | None) -> str | None:
    if name == "doi":
        return "doi"
    if name in LINK_FIELDS:
        return LINK_FIELDS[name]
    if name.startswith("url_") and name != "url_arxiv":
        return LINK_FIELDS.get(name[4:], name[4:])
    if name in ("url", "ee"):
        if arxiv and find_arxiv_id(value.strip()):
            return None  # the arXiv link comes from the id
        return "pdf" if value.strip().lower().endswith(".pdf") else "paper"
    return None


def unescape_url(text: str) -> str:
    """`\\_`, `{\\_}`, `\\%`, `\\&`, `\\#` as the characters they stand for; braces dropped.

    DBLP escapes them for LaTeX (`10.1007/978-3-319-89884-1\\_14`), but biblatex,
    Zotero and browsers read a DOI or URL field as it is: the backslash stayed
    in links (where browsers turn it into `/`) and in every citer's DOI.
    """
    text = _TEX_ESCAPE.sub(r"\1", text).replace("\\textasciitilde", "~")
    return text.replace("{", "").replace("}", "")


def venue(fields: Mapping[str, str]) -> str | None:
    """The journal or proceedings, unless it only says "arXiv preprint" or "CoRR"."""
    for name in ("journal", "journaltitle", "booktitle"):
        text = clean_text(latex_to_unicode(fields.get(name, ""))).strip(" ,;")
        if text and not _NOT_VENUE.match(text):
            return text
    return None
