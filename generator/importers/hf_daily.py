"""Import Hugging Face daily papers: the JSON list `huggingface.co/api/daily_papers` returns.

Each item is `{"paper": {"id", "title", "summary", "authors": [{"name"}],
"publishedAt", "upvotes", "githubRepo", "projectPage", "submittedOnDailyAt", ...},
"publishedAt", ...}`. `submittedOnDailyAt` (missing from early files) is the day the
paper was listed, so it becomes `listed`.
Saved copies are not always clean: some hold Python reprs of the records
(single quotes, `False`) instead of JSON objects, or wrap the list in
`{"data": [...]}`. Each item is decoded on its own, so a bad one is reported
with its line and the others still import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.content.arxiv_ids import find_arxiv_id
from generator.content.paper_file import PaperDraft
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
from generator.scholarly import PartialDate


def record_draft(item: Any) -> PaperDraft:
    """The paper of one daily-papers item."""
    if isinstance(item, str):
        raise BadRecord(
            "the record is a string (a Python repr of the record?), not a JSON object",
            "save the API response as JSON",
        )
    paper = item.get("paper") if isinstance(item, dict) else None
    if not isinstance(paper, dict):
        raise BadRecord("the record has no `paper` object", "each item needs a `paper` object")
    title = clean_text(paper.get("title") or item.get("title"))
    if not title:
        raise BadRecord("the paper has no title")
    arxiv = find_arxiv_id(str(paper.get("id", "")))
    links = {
        kind: url
        for kind, url in (("code", paper.get("githubRepo")), ("project", paper.get("projectPage")))
        if isinstance(url, str) and url.startswith(("https://", "http://"))
    }
    upvotes = paper.get("upvotes")
    names = [a.get("name") for a in paper.get("authors") or [] if isinstance(a, dict)]
    return PaperDraft(
        title=title,
        date=PartialDate.of(_date(paper.get("publishedAt") or item.get("publishedAt"))),
        topics=(),
        authors=clean_names(names),
        abstract=clean_abstract(paper.get("summary") or item.get("summary")),
        arxiv=arxiv,
        links=links,
        upvotes=upvotes if isinstance(upvotes, int) and upvotes >= 0 else None,
        listed=as_date(paper.get("submittedOnDailyAt") or ""),
    )


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise BadRecord(f"`publishedAt` {value!r} is not a date") from None


def read_hf_daily(text: str, path: Path | None = None) -> Batch:
    """Every item of the list as a record; unreadable items as problems."""
    batch = Batch()
    try:
        for line, item in json_items(text):
            try:
                batch.records.append(Record(record_draft(item), path, line))
            except BadRecord as exc:
                batch.fail(exc.message, path, line, exc.hint)
    except BadRecord as exc:
        batch.fail(exc.message, path, exc.line, exc.hint)
    return batch
