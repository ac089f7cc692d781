"""Write paper files: the one format every importer and `new` produce.

Front matter is written by hand, in a fixed key order, so the files read well
and diff well; strings are double-quoted (JSON string syntax is valid YAML).
A paper file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.mathml import inline_text
from generator.content.names import yaml_name
from generator.models import CITATION_KEYS, CitationFields
from generator.scholarly import PartialDate, PersonName
from generator.urls import slugify

MAX_SLUG = 60


@dataclass(frozen=True, slots=True)
class PaperDraft:
    """A paper about to be written: the fields of the front matter and the abstract."""

    title: str
    date: PartialDate
    """As precise as the input: a BibTeX `year` alone stays a year."""
    topics: tuple[str, ...]
    authors: tuple[PersonName | str, ...] = ()
    """Names as one string each, or in parts where the string would be misread; a last
    `"others"` says the list goes on."""
    abstract: str = ""
    arxiv: str | None = None
    links: Mapping[str, str] = field(default_factory=dict)
    venue: str | None = None
    upvotes: int | None = None
    draft: bool = False
    listed: dt.date | None = None
    """The day the paper joined the board; `add` and `import` fill in today when unknown."""
    citation: CitationFields = field(default_factory=CitationFields)


def slug_from_title(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An ASCII slug of at most ~60 characters, made unique against `taken`."""
    base = slugify(inline_text(title), max_length=MAX_SLUG)
    base = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "", base)).strip("-") or "paper"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_paper_file(draft: PaperDraft, placeholders: bool = False) -> str:
    """The file's text. With `placeholders`, empty optional fields appear commented out."""
    lines = ["---", f"title: {_quote(draft.title)}"]
    if draft.authors:
        lines += ["authors:", *(f"  - {yaml_name(name)}" for name in draft.authors)]
    elif placeholders:
        lines += ["# authors:", '#   - "First Author"']
    lines.append(f"date: {draft.date.isoformat()}")
    if draft.listed is not None:
        lines.append(f"listed: {draft.listed.isoformat()}")
    if draft.arxiv:
        lines.append(f"arxiv: {_quote(draft.arxiv)}")
    elif placeholders:
        lines.append('# arxiv: "2403.01234"')
    lines += ["topics:", *(f"  - {_quote(topic)}" for topic in draft.topics)]
    if draft.links:
        lines += ["links:", *(f"  {kind}: {_quote(url)}" for kind, url in draft.links.items())]
    elif placeholders:
        lines += ["# links:", '#   pdf: "https://..."', '#   code: "https://github.com/..."']
    if draft.venue:
        lines.append(f"venue: {_quote(draft.venue)}")
    elif placeholders:
        lines.append('# venue: "NeurIPS 2025"')
    lines += citation_lines(draft.citation)
    if draft.upvotes is not None:
        lines.append(f"upvotes: {draft.upvotes}")
    elif placeholders:
        lines.append("# upvotes: 0")
    if draft.draft or placeholders:
        lines.append(f"draft: {'true' if draft.draft else 'false'}")
    lines.append("---")
    body = draft.abstract.strip()
    return "\n".join(lines) + "\n\n" + (body + "\n" if body else "")


def citation_lines(citation: CitationFields) -> list[str]:
    """`type: "article"`, `volume: "22"` ...: the citation fields the draft has."""
    return [
        f"{key}: {_quote(getattr(citation, key))}"
        for key in CITATION_KEYS
        if getattr(citation, key) is not None
    ]


def write_paper(
    folder: Path,
    draft: PaperDraft,
    slug: str | None = None,
    placeholders: bool = False,
    taken: set[str] | None = None,
) -> Path:
    """Create `folder/<slug>.md`; a taken slug gets a numeric suffix, never an overwrite.

    `taken` (the slugs already in the folder) spares a directory listing per
    paper when an import writes thousands; it is updated with the new slug.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if taken is None:
        taken = {p.stem for p in folder.glob("*.md")}
    base = slug or slug_from_title(draft.title, taken)
    text = render_paper_file(draft, placeholders)
    candidate, number = base, 2
    while True:
        path = folder / f"{candidate}.md"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            candidate = f"{base}-{number}"
            number += 1
            continue
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        taken.add(candidate)
        return path
