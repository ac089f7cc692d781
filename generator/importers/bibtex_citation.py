"""The citation fields of a BibTeX entry: its type, container, volume, pages and the rest.

They are kept as the entry gives them (LaTeX decoded), so the site's BibTeX,
meta tags and CSL-JSON cite the paper as its source did: an `@article` stays
an article, whatever its journal is called.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.content.validate import ENTRY_TYPES
from generator.importers.latex import latex_to_unicode
from generator.importers.records import clean_text
from generator.models import CITATION_KEYS, CitationFields

CONTAINERS = ("journal", "booktitle")
ALIASES = {"journal": "journaltitle"}
"""biblatex's names for BibTeX's fields."""


def citation_fields(fields: Mapping[str, str], kind: str, venue: str | None) -> CitationFields:
    """The entry's citation fields; the container only when the display venue is not it.

    A type BibTeX and biblatex do not know (`@electronic`) is left out: the
    site then chooses one as for a paper written by hand.
    """
    found: dict[str, str | None] = {}
    for key in CITATION_KEYS[1:]:
        raw = fields.get(key) or fields.get(ALIASES.get(key, ""), "")
        found[key] = _pages(raw) if key == "pages" else _text(raw)
    for key in CONTAINERS:
        if found[key] == venue:
            found[key] = None
    kind = kind.lower()
    return CitationFields(type=kind if kind in ENTRY_TYPES else None, **found)


def _text(raw: str) -> str | None:
    return clean_text(latex_to_unicode(raw)).strip(" ,;") or None if raw else None


def _pages(raw: str) -> str | None:
    """`265--283` as written: TeX's `--` is what BibTeX styles expect to print an en dash."""
    return clean_text(raw.replace("{", "").replace("}", "")) or None
