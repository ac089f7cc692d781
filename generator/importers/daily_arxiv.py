"""Import the tables of "daily arXiv" sites: `{topic: {arxiv_id: "|**date**|**title**|...|"}}`.

Many GitHub projects (cv-arxiv-daily and its forks) keep a JSON file whose
values are Markdown table rows: `|**2021-10-14**|**Title**|First Author
et.al.|[2110.07546](http://arxiv.org/abs/2110.07546)|null|`, the last cell a
code link or `null`. A paper listed under several topics is one paper with
all of them. The rows carry no abstract and only the first author.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..arxiv_ids import find_arxiv_id
from ..paperfile import PaperDraft
from .records import BadRecord, Batch, Record, clean_names, clean_text

_ROW = re.compile(
    r"^\|\*\*(?P<date>[^*|]+)\*\*\|\*\*(?P<title>.*)\*\*\|(?P<authors>[^|]*)\|"
    r"\[(?P<id>[^\]]+)\]\((?P<url>[^)]*)\)\|(?P<code>.*)\|\s*$"
)
_ET_AL = re.compile(r"\s*\bet\.?\s*al\.?$", re.IGNORECASE)
_LINK = re.compile(r"\((https?://[^)\s]+)\)")
_KEY = re.compile(r'"([^"\\]+)"\s*:\s*"\|')


def looks_like(head: str) -> bool:
    """A JSON object whose values hold `|**date**|**title**|` rows."""
    return head.startswith("{") and '"|**' in head


def row_draft(row: Any, topics: tuple[str, ...]) -> PaperDraft:
    """The paper of one table row, with every topic that lists it."""
    found = _ROW.match(row) if isinstance(row, str) else None
    if found is None:
        raise BadRecord(
            "the row is not |**date**|**title**|authors|[id](url)|code|",
            "keep the file as the daily-arxiv tool wrote it",
        )
    try:
        date = dt.date.fromisoformat(found["date"].strip())
    except ValueError:
        raise BadRecord(f"the date {found['date']!r} is not YYYY-MM-DD") from None
    title = clean_text(found["title"])
    arxiv = find_arxiv_id(found["id"]) or find_arxiv_id(found["url"])
    if not title or not arxiv:
        raise BadRecord("the row has no title or no arXiv id")
    code = _LINK.search(found["code"])
    return PaperDraft(
        title=title,
        date=date,
        topics=topics,
        authors=clean_names([_ET_AL.sub("", found["authors"])]),
        arxiv=arxiv,
        links={"code": code[1]} if code else {},
    )


def read_daily_arxiv(text: str, path: Path | None = None) -> Batch:
    """Every paper of every topic's table; a paper under several topics once."""
    batch = Batch()
    try:
        tables = json.loads(text)
    except json.JSONDecodeError as exc:
        batch.fail(f"invalid JSON: {exc.msg}", path, exc.lineno, "fix the file or save it again")
        return batch
    if not isinstance(tables, dict):
        batch.fail("the file is not a JSON object of topics", path, 1, "")
        return batch
    rows: dict[str, Any] = {}
    topics: dict[str, list[str]] = {}
    for topic, table in tables.items():
        for key, row in (table or {}).items() if isinstance(table, dict) else ():
            rows.setdefault(str(key), row)
            topics.setdefault(str(key), []).append(clean_text(topic))
    lines = _key_lines(text)
    for key, row in rows.items():
        line = lines.get(key)
        try:
            draft = row_draft(row, tuple(dict.fromkeys(topics[key])))
        except BadRecord as exc:
            batch.fail(f"{key}: {exc.message}", path, line, exc.hint)
        else:
            batch.records.append(Record(draft, path, line))
    return batch


def _key_lines(text: str) -> dict[str, int]:
    """The line where each row's key first appears (the files are often one line)."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for found in _KEY.finditer(text):
        line += text.count("\n", position, found.start())
        position = found.start()
        lines.setdefault(found[1], line)
    return lines
