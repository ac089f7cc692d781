"""Import a BibTeX (or biblatex) file: one paper per entry.

bibtexparser splits the file, expands `@string` macros and strips the outer
braces; the fields are then read by `bibtex_values`. Entries it cannot split
are reported with their line and skipped; the others import.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bibtexparser.entrypoint import parse_string
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from generator.content.paper_file import PaperDraft
from generator.errors import warning
from generator.importers import bibtex_values as values
from generator.importers.bibtex_citation import citation_fields
from generator.importers.latex import latex_to_unicode
from generator.importers.records import (
    BadRecord,
    Batch,
    Record,
    clean_abstract,
    clean_text,
    split_tags,
)

# bibtexparser also logs each broken block; they are reported here, once, as diagnostics.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

SKIPPED_TYPES = frozenset({"string", "comment", "preamble", "set", "xdata"})
PARENT_TYPES = frozenset({"proceedings", "mvproceedings"})


def read_bibtex(text: str, path: Path | None = None) -> Batch:
    """Every entry of the file as a record; broken entries as diagnostics."""
    library = parse_string(text)
    batch = Batch()
    entries: list[Entry] = list(library.entries)
    for block in library.failed_blocks:
        entry = _recover(block, path, batch)
        if entry is not None:
            entries.append(entry)
    entries = [e for e in entries if e.entry_type.lower() not in SKIPPED_TYPES]
    entries.sort(key=lambda e: e.start_line or 0)
    fields = {id(e): {f.key.lower(): _text(f.value) for f in e.fields} for e in entries}
    parents = _inherit(entries, fields)
    for entry in entries:
        if id(entry) in parents:
            continue
        line = (entry.start_line or 0) + 1
        try:
            draft, dropped = entry_draft(fields[id(entry)], entry.entry_type)
        except BadRecord as exc:
            batch.fail(f"@{entry.entry_type}{{{entry.key}}}: {exc.message}", path, line, exc.hint)
            continue
        batch.records.append(Record(draft, path, line))
        for name in dropped:
            what = "a DOI (10.NNNN/...)" if name == "doi" else "an absolute http(s) URL"
            message = f"`{name}` of {entry.key} is not {what}; the link is left out"
            batch.problems.append(warning(message, path, line))
    return batch


def _inherit(entries: list[Entry], fields: dict[int, dict[str, str]]) -> set[int]:
    """Fill year and venue from a `crossref` parent; return the parents, which are no papers.

    A file with a single `@proceedings` and no `crossref` (a PMLR volume's
    file) is read as if every entry cross-referenced it.
    """
    by_key = {e.key.lower(): e for e in entries}
    volumes = [e for e in entries if e.entry_type.lower() in PARENT_TYPES]
    implicit = volumes[0] if len(volumes) == 1 else None
    parents: set[int] = set()
    for entry in entries:
        own = fields[id(entry)]
        parent = by_key.get(own.get("crossref", "").strip().lower()) or implicit
        if parent is None or parent is entry:
            continue
        parents.add(id(parent))
        inherited = fields[id(parent)]
        for name in ("year", "month", "date", "publisher", "address", "volume", "series", "isbn"):
            if name in inherited and name not in own:
                own[name] = inherited[name]
        if "booktitle" not in own and "journal" not in own:
            own["booktitle"] = inherited.get("booktitle") or inherited.get("title", "")
    return parents


def _recover(block: object, path: Path | None, batch: Batch) -> Entry | None:
    """Keep what BibTeX itself would: the first of twice-given fields, a repeated key's entry."""
    line = (getattr(block, "start_line", None) or 0) + 1
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        batch.problems.append(
            warning(f"the entry repeats the field(s) {names}; the first is used", path, line)
        )
        kept = block.ignore_error_block
        return kept if isinstance(kept, Entry) else None
    if isinstance(block, DuplicateBlockKeyBlock):
        kept = block.ignore_error_block
        if isinstance(kept, Entry):
            return kept  # a repeated citation key says nothing about the paper
        batch.problems.append(
            warning(f"the macro `{block.key}` is defined twice; the first is used", path, line)
        )
        return None
    if isinstance(block, ParsingFailedBlock):
        first = (block.raw or "").strip().splitlines()[:1]
        reason = getattr(block.error, "abort_reason", "") or str(block.error)
        batch.fail(
            f"cannot read this entry: {reason}",
            path,
            line,
            f"check the braces, quotes and commas of {first[0][:60]!r}" if first else "",
        )
    return None


def entry_draft(fields: dict[str, str], kind: str = "") -> tuple[PaperDraft, list[str]]:
    """The paper an entry of type `kind` describes (fields by lowercase name);
    also the link fields that are no URLs."""
    title = clean_text(latex_to_unicode(fields.get("title", "")))
    if not title:
        raise BadRecord("the entry has no title", "add `title = {...}`")
    subtitle = clean_text(latex_to_unicode(fields.get("subtitle", "")))
    arxiv = values.arxiv_id(fields)
    links, dropped = values.links(fields, arxiv)
    tags = split_tags(latex_to_unicode(fields.get("keywords") or fields.get("tags") or ""))
    venue = values.venue(fields)
    draft = PaperDraft(
        title=f"{title}: {subtitle}" if subtitle else title,
        date=values.entry_date(fields),
        topics=tags,
        authors=values.authors(fields.get("author")),
        abstract=clean_abstract(latex_to_unicode(fields.get("abstract", ""))),
        arxiv=arxiv,
        links=links,
        venue=venue,
        citation=citation_fields(fields, kind, venue),
    )
    return draft, dropped


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)
