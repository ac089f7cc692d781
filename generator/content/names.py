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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bibtexparser.middlewares.names import parse_single_name_into_parts

from generator.models import PersonName

PARTS = ("family", "given", "particle", "suffix")
"""The keys of a name written in parts, in the order they are written."""
ET_AL = frozenset({"others", "et al.", "et al"})
"""A last entry that says the list goes on: BibTeX's `and others`."""
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr"})


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


def name_from_mapping(value: dict[Any, Any], check_text: Callable[[Any], str]) -> PersonName:
    """A name written in parts; raises ValueError with what is wrong."""
    keys = set(map(str, value))
    unknown = sorted(keys - {*PARTS, "literal"})
    if unknown:
        raise ValueError(f"a name has the unknown part `{unknown[0]}`")
    if "literal" in keys:
        if keys != {"literal"}:
            raise ValueError("a `literal` name (an organisation) has no other parts")
        return PersonName(literal=check_text(value["literal"]))
    if "family" not in keys:
        raise ValueError("a name in parts needs a `family` part")
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
