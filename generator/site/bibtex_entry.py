"""A paper as a BibTeX entry, for the Cite block and the `.bib` files.

The key is the paper's slug: unique in the site and stable for as long as the
file keeps its name, whatever other papers are added. Text is kept as UTF-8
(biber and modern BibTeX read it); TeX in titles passes through as TeX.

An entry carries everything `paperboard import` needs to rebuild the paper
file: a biblatex `date`, `eprint` for the arXiv id, the links as al-folio-style
fields and the topics' slugs as `keywords` (titles may hold commas).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.content.names import reads_as_plain, split_name
from generator.models import Paper
from generator.scholarly import PersonName
from generator.site.citation import container, doi_of, work_type

_SPECIAL = re.compile(r"(?<!\\)([&%#])")
_BRACE = re.compile(r"(?<!\\)([{}])")
LINK_FIELDS = frozenset({"pdf", "code", "project", "data", "video", "slides", "poster"})
"""Link kinds written as fields of their own name (al-folio reads `pdf`, `code` ...)."""
MONTH_MACROS = ("jan feb mar apr may jun jul aug sep oct nov dec").split()
"""BibTeX's month macros: styles print them in the document's language."""
CITED_FIELDS = (
    "volume number pages series edition publisher school institution isbn issn note".split()
)
"""The citation fields written after the container, in this order."""


def bibtex_key(paper: Paper) -> str:
    """The citation key."""
    return paper.slug


def escape_tex(text: str) -> str:
    """Escape the characters BibTeX would misread, outside `$...$` math; balance braces.

    Braces outside math are text (a title is text plus math), so they are
    escaped too: left bare, BibTeX would read them as case protection and drop them.
    """
    parts = re.split(r"(\$[^$]*\$)", text)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        else:
            out.append(_SPECIAL.sub(r"\\\1", _BRACE.sub(r"\\\1", part)).replace("_", r"\_"))
    escaped = "".join(out)
    return escaped if _balanced(escaped) else _BRACE.sub(r"\\\1", escaped)


def _balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for index, char in enumerate(text):
        if index and text[index - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def link_fields(paper: Paper) -> list[tuple[str, str]]:
    """The paper's own links as al-folio-style fields (`pdf`, `code` ...), `url_<kind>` else.

    The arXiv link, and the PDF link Paperboard derives from the arXiv id, are
    left out: `eprint` gives them back.
    """
    derived = f"https://arxiv.org/pdf/{paper.arxiv}" if paper.arxiv else None
    fields = []
    for link in paper.links:
        if link.kind in ("arxiv", "doi") or (link.kind == "pdf" and link.url == derived):
            continue
        name = link.kind if link.kind in LINK_FIELDS else f"url_{link.kind}"
        fields.append((name, url_value(link.url)))
    return fields


def url_value(url: str) -> str:
    """A URL as a field value: braces and backslashes percent-encoded so it cannot end the field."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex_name(name: PersonName) -> str:
    """A name BibTeX splits back into the same parts.

    "First von Last" when that reads right (BibTeX takes a lowercase first word
    for a von part, so "cole Schlesinger" is not written so); else
    "von Last, Jr, First", with
    the family braced when even that would be misread; an organisation in one
    brace group, which BibTeX never splits.
    """
    if name.literal:
        return "{" + escape_tex(name.literal) + "}"
    if reads_as_plain(name) and not name.given[:1].islower():
        return escape_tex(name.display)
    braced = split_name(_inverted(name, str, False)) != name
    return _inverted(name, escape_tex, braced)


def _inverted(name: PersonName, escape: Callable[[str], str], braced: bool) -> str:
    """ "von Last, Jr, First" (or "von Last, First"), each part through `escape`."""
    family = "{" + escape(name.family) + "}" if braced else escape(name.family)
    last = " ".join(part for part in (escape(name.particle), family) if part)
    rest = [name.suffix, name.given] if name.suffix else [name.given]
    return ", ".join([last, *map(escape, rest)]).rstrip()


def date_fields(paper: Paper) -> list[tuple[str, str]]:
    """`year`, `month` (a macro, only when known) and biblatex's `date` at the same precision."""
    fields = [("year", str(paper.date.year))]
    if paper.date.month:
        fields.append(("month", MONTH_MACROS[paper.date.month - 1]))
    return [*fields, ("date", paper.date.isoformat())]


def paper_bibtex(paper: Paper) -> str:
    """One entry, fields in a fixed order, ending with a newline.

    An entry without authors gets a `key` (the slug), which BibTeX styles sort
    and label by instead of warning "need author or key".
    """
    fields: list[tuple[str, str]] = [("title", "{" + escape_tex(paper.title) + "}")]
    if paper.author_names:
        names = [bibtex_name(name) for name in paper.author_names]
        fields.append(("author", " and ".join([*names, "others"] if paper.et_al else names)))
    fields += date_fields(paper)
    fields += [(name, escape_tex(value)) for name, value in container_fields(paper)]
    cited = ((name, getattr(paper.citation, name)) for name in CITED_FIELDS)
    fields += [(name, escape_tex(value)) for name, value in cited if value]
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archiveprefix", "arXiv")]
    doi = doi_of(paper)
    if doi:
        fields.append(("doi", url_value(doi)))
    url = next((link.url for link in paper.links if link.kind in ("arxiv", "pdf")), None)
    if url:
        fields.append(("url", url_value(url)))
    fields += link_fields(paper)
    if paper.topics:
        fields.append(("keywords", ", ".join(t.slug for t in paper.topics)))
    if not paper.author_names:
        fields.append(("key", bibtex_key(paper)))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{work_type(paper)}{{{bibtex_key(paper)},\n{body}\n}}\n"


def container_fields(paper: Paper) -> list[tuple[str, str]]:
    """The journal or book the paper is in, and a container given besides it."""
    found = container(paper)
    extra = [
        (name, value)
        for name in ("journal", "booktitle")
        if (value := getattr(paper.citation, name)) and (found is None or found[0] != name)
    ]
    return ([found] if found else []) + extra
