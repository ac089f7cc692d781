"""Authors' names: the front matter's two forms, read with BibTeX's name grammar.

A plain name ("Simon Peyton Jones", or "Peyton Jones, Simon") is split the
way BibTeX, biber, citation.js and Zotero split it: the last word is the
family name, lowercase words before it are the von part, and a comma puts
the family name first. Names that this would misread are written in parts
(`{family: "Peyton Jones", given: "Simon"}`), organisations as one
`{literal: ...}`. The grammar is bibtexparser's `splitname`, a port of BibTeX's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bibtexparser.middlewares.names import parse_single_name_into_parts

from generator.content.checks import Invalid, check_text, describe
from generator.scholarly import PersonName
from generator.urls import slugify

PARTS = ("family", "given", "particle", "suffix")
"""The keys of a name written in parts, in the order they are written."""
ET_AL = frozenset({"others", "et al.", "et al"})
"""A last entry that says the list goes on: BibTeX's `and others`."""
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr"})
_PARTS_HINT = "write `{family: ..., given: ...}` (also particle, suffix), or `{literal: ...}`"


@dataclass(frozen=True, slots=True)
class AuthorList:
    """The `authors` field: what pages show, what citations need, and whether it goes on."""

    names: tuple[str, ...] = ()
    """Each author's full name, for display, author pages and slugs."""
    parts: tuple[PersonName, ...] = ()
    """The same authors, in parts, for citations."""
    et_al: bool = False


def split_name(text: str) -> PersonName:
    """A name as BibTeX reads it (braces kept in the parts, LaTeX not decoded)."""
    parts = parse_single_name_into_parts(text, strict=False)
    return PersonName(
        family=" ".join(parts.last),
        given=" ".join(parts.first),
        particle=" ".join(parts.von),
        suffix=" ".join(parts.jr),
    )


def read_plain_name(text: str) -> PersonName:
    """A front matter name given as one string: BibTeX's reading, braces dropped."""
    name = split_name(text)
    return PersonName(*(_unbraced(getattr(name, part)) for part in PARTS))


def mend_suffix(name: PersonName) -> PersonName:
    """`Steele Jr., Guy`, a common slip for `Steele, Jr., Guy`: the `Jr.` is the suffix."""
    words = name.family.split()
    if name.suffix or len(words) < 2 or words[-1].lower() not in _SUFFIXES:
        return name
    return PersonName(" ".join(words[:-1]), name.given, name.particle, words[-1])


def reads_as_plain(name: PersonName) -> bool:
    """Whether the full name, written as one string, would be read back into these parts."""
    return not name.literal and read_plain_name(name.display) == name


def name_from_mapping(value: dict[Any, Any]) -> PersonName:
    """A name written in parts; raises Invalid saying what is wrong."""
    keys = set(map(str, value))
    unknown = sorted(keys - {*PARTS, "literal"})
    if unknown:
        raise Invalid(f"has a name with the unknown part `{unknown[0]}`", _PARTS_HINT)
    if "literal" in keys:
        if keys != {"literal"}:
            raise Invalid("has a `literal` name (an organisation) with other parts", _PARTS_HINT)
        return PersonName(literal=check_text(value["literal"]))
    if "family" not in keys:
        raise Invalid("has a name in parts without its `family` part", _PARTS_HINT)
    return PersonName(**{key: check_text(value[key]) for key in PARTS if key in keys})


def yaml_name(name: PersonName | str) -> str:
    """One `authors` item as front matter: the plain string when it reads back, else parts."""
    if isinstance(name, str):
        return json.dumps(name, ensure_ascii=False)
    if reads_as_plain(name):
        return json.dumps(name.display, ensure_ascii=False)
    parts = {"literal": name.literal} if name.literal else name_parts(name)
    inner = ", ".join(
        f"{key}: {json.dumps(text, ensure_ascii=False)}" for key, text in parts.items()
    )
    return "{" + inner + "}"


def name_parts(name: PersonName) -> dict[str, str]:
    """The non-empty parts, in `PARTS` order."""
    return {key: getattr(name, key) for key in PARTS if getattr(name, key)}


def _unbraced(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def check_authors(value: Any) -> AuthorList:
    """A list of names, each a string or its parts; a last `others` says the list goes on."""
    if isinstance(value, str):
        raise Invalid(
            "must be a list, one name per line",
            'write `authors:` then one `  - "Ada Lovelace"` line per author',
        )
    if not isinstance(value, list):
        raise Invalid(f"must be a list of names, not {describe(value)}")
    et_al = bool(value) and isinstance(value[-1], str) and value[-1].strip().lower() in ET_AL
    found: dict[str, PersonName] = {}
    for item in value[:-1] if et_al else value:
        display, parts = _author(item)
        found.setdefault(display, parts)
    return AuthorList(tuple(found), tuple(found.values()), et_al)


def _author(item: Any) -> tuple[str, PersonName]:
    """(full name as written, parts) of one `authors` entry."""
    if isinstance(item, list):
        raise Invalid(f"has an entry that is not a name: {describe(item)}", "one name each")
    if isinstance(item, dict):
        parts = name_from_mapping(item)
        display = parts.display
    else:
        display = check_text(item)
        parts = read_plain_name(display)
    if not slugify(display):
        raise Invalid(f"has an entry that is not a name: {describe(item)}", "one name each")
    return display, parts
