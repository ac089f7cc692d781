"""Compare the site's readings with the source's, field by field, reader by reader.

`compare` counts, per reader and field, the entries whose reading differs
from what the source says, and keeps every difference for the message of a
failing test. The meta tags and the JSON-LD have no suffix slot, so there
the suffix is compared as part of the family, the way Zotero stores it
("Steele Jr."); `3--4` and `3–4` are one range.

`python tests/citation_compare.py SOURCE.bib SITE/` prints the counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citation_readers import (
    bibtexparser_readings,
    citeproc_readings,
    page_readings,
    pybtex_readings,
)
from citation_source import Name, SourceEntry, pages, source_entries, title_key

FIELDS = (
    "family",
    "given",
    "suffix",
    "others",
    "year",
    "month",
    "type",
    "volume",
    "number",
    "pages",
    "doi",
    "arxiv",
    "plain",
    "sort",
)
READERS: dict[str, tuple[str, ...]] = {
    "pybtex": FIELDS,
    "bibtexparser": FIELDS[:12],
    "citeproc": tuple(f for f in FIELDS[:12] if f != "others"),
    "meta": (
        "family",
        "given",
        "year",
        "month",
        "type",
        "volume",
        "number",
        "pages",
        "doi",
        "arxiv",
    ),
    "jsonld": ("family", "given", "year", "month", "doi", "arxiv"),
}
"""The fields each reader carries (a reader without a suffix slot merges it into family)."""

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
    "proceedings": "book",
    "techreport": "report",
    "unpublished": "manuscript",
    "misc": "document",
    "online": "webpage",
}
"""BibTeX types as CSL names them (the mapping of citation.js's BibTeX plugin)."""
META_CLASS = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "incollection": "inbook",
    "inbook": "inbook",
    "phdthesis": "dissertation",
    "mastersthesis": "dissertation",
    "techreport": "report",
}
"""The Highwire tag that says what a paper is (Zotero's Embedded Metadata reads them so)."""


def plain_names(names: Iterable[Name], others: bool) -> list[str]:
    """How BibTeX's `plain` style prints each name: First von Last, Jr."""
    shown = [
        f"{given} {family}".strip() + (f", {suffix}" if suffix else "")
        for family, given, suffix in names
    ]
    return [*shown, "others"] if others else shown


def sort_key(names: Iterable[Name]) -> tuple[str, ...]:
    """The names as a bibliography sorts them: family first."""
    return tuple(f"{family} {given} {suffix}".strip().casefold() for family, given, suffix in names)


@dataclass
class Comparison:
    """Mismatches per (reader, field), with every difference, and what could not be matched."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    differences: list[tuple[str, str, str, Any, Any]] = field(default_factory=list)
    """(reader, field, source key, source value, read value)."""
    compared: int = 0
    unmatched: list[str] = field(default_factory=list)
    """Source keys with no paper in the site (duplicates the import skipped)."""

    def table(self) -> str:
        """One line per reader: its mismatch count per field."""
        lines = [f"{self.compared} entries compared, {len(self.unmatched)} not in the site"]
        for reader, fields in READERS.items():
            counts = ", ".join(f"{f} {self.counts[reader, f]}" for f in fields)
            lines.append(f"{reader}: {counts}")
        return "\n".join(lines)

    def of(self, reader: str, name: str) -> list[tuple[str, Any, Any]]:
        """The differences of one reader in one field."""
        return [(k, s, r) for rd, f, k, s, r in self.differences if (rd, f) == (reader, name)]


def expected(source: dict[str, Any], reader: str, name: str) -> Any:
    """What `reader` should show for field `name` of a source entry."""
    merge = "suffix" not in READERS[reader]
    names = source["names"]
    if name == "family":
        return tuple(f"{fam} {suf}".strip() if merge else fam for fam, _, suf in names)
    if name == "given":
        return tuple(given for _, given, _ in names)
    if name == "suffix":
        return tuple(suffix for _, _, suffix in names)
    if name == "type" and reader == "citeproc":
        kind = CSL_TYPES.get(source["type"], source["type"])
        if kind == "thesis":
            return "thesis:" + ("masters" if source["type"] == "mastersthesis" else "phd")
        return kind
    if name == "type" and reader == "meta":
        return META_CLASS.get(source["type"], "none")
    if name == "plain":
        return source["formattable"]
    if name == "sort":
        return sort_key(names)
    return source[name]


def observed(reading: dict[str, Any], reader: str, name: str, source: dict[str, Any]) -> Any:
    """What `reader` shows for field `name`, in the form `expected` gives."""
    names = reading.get("names", ())
    if name == "family":
        merge = "suffix" not in READERS[reader]
        return tuple(f"{fam} {suf}".strip() if merge else fam for fam, _, suf in names)
    if name == "given":
        return tuple(given for _, given, _ in names)
    if name == "suffix":
        return tuple(suffix for _, _, suffix in names)
    if name == "plain":
        text = reading.get("formatted")
        if text is None:
            return False
        shown = plain_names(source["names"], source["others"])
        return all(n in text for n in shown) and bool(source["year"] and source["year"] in text)
    if name == "sort":
        return sort_key(names)
    return reading.get(name)


def compare(bib_path: Path, site: Path) -> Comparison:
    """Read the source and the site with every reader, and count the differences."""
    entries = source_entries(bib_path)
    bib, titles = pybtex_readings(site)
    by_title: dict[str, str] = {}
    for key, title in titles.items():
        by_title.setdefault(title_key(title), key)
    matched = _match(entries, by_title)
    keys = [key for _, key in matched]
    meta, ld = page_readings(site, keys)
    readers = {
        "pybtex": bib,
        "bibtexparser": bibtexparser_readings(site),
        "citeproc": citeproc_readings(site, keys),
        "meta": meta,
        "jsonld": ld,
    }
    result = Comparison(compared=len(matched))
    result.unmatched = [e.key for e in entries if e.key not in {s.key for s, _ in matched}]
    for entry, key in matched:
        for reader, fields in READERS.items():
            reading = readers[reader].get(key)
            for name in fields:
                want = expected(entry.reading, reader, name)
                got = None if reading is None else observed(reading, reader, name, entry.reading)
                if name in ("volume", "number"):  # `3--4` and `3–4` are one issue range
                    want, got = pages(want), pages(got)
                if want != got:
                    result.counts[reader, name] += 1
                    result.differences.append((reader, name, entry.key, want, got))
    return result


def _match(entries: list[SourceEntry], by_title: dict[str, str]) -> list[tuple[SourceEntry, str]]:
    """Each source entry with the site key of its title; a title seen before is a duplicate."""
    used: set[str] = set()
    pairs = []
    for entry in entries:
        key = by_title.get(title_key(entry.title))
        if key is not None and key not in used:
            used.add(key)
            pairs.append((entry, key))
    return pairs


def differences_text(result: Comparison, limit: int = 8) -> Iterator[str]:
    """A few differences per (reader, field), for a failing assertion's message."""
    for reader, name in sorted(result.counts):
        for key, want, got in result.of(reader, name)[:limit]:
            yield f"{reader}.{name} {key}: source {want!r}, read {got!r}"


if __name__ == "__main__":
    import sys

    comparison = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print(comparison.table())
    for line in differences_text(comparison, limit=int(sys.argv[3]) if len(sys.argv) > 3 else 3):
        print("  " + line)
