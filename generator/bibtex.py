"""A paper as a BibTeX entry, for the Cite block and the `.bib` files.

The key is the paper's slug: unique in the site and stable for as long as the
file keeps its name, whatever other papers are added. Text is kept as UTF-8
(biber and modern BibTeX read it); TeX in titles passes through as TeX.
"""

from __future__ import annotations

import re

from .models import Paper

_SPECIAL = re.compile(r"(?<!\\)([&%#])")
_JOURNAL = re.compile(r"journal|transactions|letters|review|magazine", re.IGNORECASE)


def bibtex_key(paper: Paper) -> str:
    """The citation key."""
    return paper.slug


def escape_tex(text: str) -> str:
    """Escape the characters BibTeX would misread, outside `$...$` math; balance braces."""
    parts = re.split(r"(\$[^$]*\$)", text)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        else:
            out.append(_SPECIAL.sub(r"\\\1", part).replace("_", r"\_"))
    escaped = "".join(out)
    return escaped if _balanced(escaped) else escaped.replace("{", r"\{").replace("}", r"\}")


def _balanced(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if index and text[index - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def entry_type(paper: Paper) -> tuple[str, str | None]:
    """(type, venue field): a journal, a proceedings, or an arXiv preprint."""
    if paper.venue:
        return (
            ("article", "journal")
            if _JOURNAL.search(paper.venue)
            else (
                "inproceedings",
                "booktitle",
            )
        )
    return ("article", "journal") if paper.arxiv else ("misc", None)


def paper_bibtex(paper: Paper) -> str:
    """One entry, fields in a fixed order, ending with a newline."""
    kind, venue_field = entry_type(paper)
    fields: list[tuple[str, str]] = [("title", "{" + escape_tex(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(escape_tex(a) for a in paper.authors)))
    fields.append(("year", str(paper.date.year)))
    fields.append(("month", paper.date.strftime("%b").lower()))
    if venue_field:
        fields.append(
            (venue_field, escape_tex(paper.venue or f"arXiv preprint arXiv:{paper.arxiv}"))
        )
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archiveprefix", "arXiv")]
    for link in paper.links:
        if link.kind == "doi":
            fields.append(("doi", link.url.removeprefix("https://doi.org/")))
    url = next((link.url for link in paper.links if link.kind in ("arxiv", "pdf")), None)
    if url:
        fields.append(("url", url))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{kind}{{{bibtex_key(paper)},\n{body}\n}}\n"
