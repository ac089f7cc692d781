"""Import arXiv records saved as JSON: `{"papers": [{"arxiv_id", "title", ...}]}`.

Daily-digest tools save what the arXiv API returned as JSON rather than as
the Atom feed: each record has `arxiv_id` (with its version), `title`,
`authors` (a list), `summary`, `published`, `categories`,
`primary_category`, `doi`, `journal_ref`, `comment` and sometimes
`code_links`. They become the same papers as the Atom import gives (the
same checks, links and topic hints), plus the first code link.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.content.arxiv_ids import find_arxiv_id
from generator.importers.arxiv_atom import ArxivEntry, entry_draft, entry_problem
from generator.importers.records import (
    BadRecord,
    Batch,
    Record,
    as_date,
    clean_abstract,
    clean_names,
    clean_text,
    json_items,
)

LIST_KEY = "papers"


def looks_like(head: str) -> bool:
    """A JSON object holding a `papers` list of records with an `arxiv_id`."""
    return head.startswith("{") and f'"{LIST_KEY}"' in head and '"arxiv_id"' in head


def record_entry(item: Any, line: int) -> ArxivEntry:
    """The record as the Atom importer's entry, so both imports agree."""
    if not isinstance(item, dict):
        raise BadRecord("the record is not a JSON object", 'each paper is {"arxiv_id": ...}')
    categories = [item.get("primary_category"), *_strings(item.get("categories"))]
    return ArxivEntry(
        line=line,
        arxiv=find_arxiv_id(str(item.get("arxiv_id") or "")) or "",
        title=clean_text(item.get("title")),
        authors=clean_names(list(_strings(item.get("authors")))),
        published=as_date(item.get("published")),
        summary=clean_abstract(item.get("summary")),
        categories=tuple(dict.fromkeys(c for c in categories if isinstance(c, str) and c)),
        doi=clean_text(item.get("doi")) or None,
        journal_ref=clean_text(item.get("journal_ref")) or None,
        comment=clean_text(item.get("comment")) or None,
    )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _code_link(item: Any) -> str | None:
    links = item.get("code_links") if isinstance(item, dict) else None
    found = [url for url in _strings(links) if url.startswith(("https://", "http://"))]
    return found[0] if found else None


def read_arxiv_json(text: str, path: Path | None = None) -> Batch:
    """Every record as a paper; unusable records (no id, no date, withdrawn) as problems."""
    batch = Batch()
    try:
        for line, item in json_items(text, LIST_KEY):
            try:
                entry = record_entry(item, line)
            except BadRecord as exc:
                batch.fail(exc.message, path, line, exc.hint)
                continue
            problem = entry_problem(entry)
            if problem:
                batch.fail(problem[0], path, line, problem[1])
                continue
            draft = entry_draft(entry)
            code = _code_link(item)
            if code:
                draft = replace(draft, links={**draft.links, "code": code})
            batch.records.append(Record(draft, path, line, entry.categories))
    except BadRecord as exc:
        batch.fail(exc.message, path, exc.line, exc.hint)
    return batch
