"""Import the tables of "daily arXiv" sites, from their JSON file or their README.

Many GitHub projects (cv-arxiv-daily and its forks) keep a JSON file
`{topic: {arxiv_id: row}}` and render it as a README of one `## Topic` table
each. A row is `|**2021-10-14**|**Title**|First Author et.al.|[2110.07546](http://arxiv.org/abs/2110.07546)|null|`,
the last cell a code link or `null`. A paper listed under several topics is
one paper with all of them. The rows carry no abstract and only the first
author.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from generator.content.arxiv_ids import find_arxiv_id
from generator.content.paper_file import PaperDraft
from generator.importers.records import BadRecord, Batch, Record, clean_names, clean_text
from generator.scholarly import PartialDate

_ROW = re.compile(
    r"^\|\*\*(?P<date>[^*|]+)\*\*\|\*\*(?P<title>.*)\*\*\|(?P<authors>[^|]*)\|"
    r"\[(?P<id>[^\]]+)\]\((?P<url>[^)]*)\)\|(?P<code>.*)\|\s*$"
)
_ET_AL = re.compile(r"\s*\bet\.?\s*al\.?$", re.IGNORECASE)
_LINK = re.compile(r"\((https?://[^)\s]+)\)")
_MARKDOWN_ROW = re.compile(r"^\|\*\*\d{4}-\d{2}-\d{2}\*\*\|", re.MULTILINE)
_HEADING = re.compile(r"^##\s+(.+?)\s*$")
_KEY = re.compile(r'"([^"\\]+)"\s*:\s*"\|')


def looks_like(head: str) -> bool:
    """The JSON file (values hold `|**date**|**title**|` rows) or a README of such tables."""
    return (head.startswith("{") and '"|**' in head) or bool(_MARKDOWN_ROW.search(head))


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
        date=PartialDate.of(date),
        topics=topics,
        authors=clean_names([_ET_AL.sub("", found["authors"])]),
        arxiv=arxiv,
        links={"code": code[1]} if code else {},
    )


Row = tuple[str, Any, str, int | None]
"""(key, row, topic, line): one table row under one topic."""


def read_daily_arxiv(text: str, path: Path | None = None) -> Batch:
    """Every paper of every topic's table; a paper under several topics once."""
    batch = Batch()
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        try:
            rows = _json_rows(text)
        except BadRecord as exc:
            batch.fail(exc.message, path, exc.line, exc.hint)
            return batch
    else:
        rows = _markdown_rows(text)
    first: dict[str, tuple[Any, int | None]] = {}
    topics: dict[str, list[str]] = {}
    for key, row, topic, line in rows:
        first.setdefault(key, (row, line))
        topics.setdefault(key, []).append(topic)
    for key, (row, line) in first.items():
        try:
            draft = row_draft(row, tuple(dict.fromkeys(t for t in topics[key] if t)))
        except BadRecord as exc:
            batch.fail(f"{key}: {exc.message}", path, line, exc.hint)
        else:
            batch.records.append(Record(draft, path, line))
    return batch


def _json_rows(text: str) -> list[Row]:
    try:
        tables = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "fix the file or save it again"
        raise BadRecord(f"invalid JSON: {exc.msg}", hint, exc.lineno) from None
    if not isinstance(tables, dict):
        raise BadRecord("the file is not a JSON object of topics", "", 1)
    lines = _key_lines(text)
    return [
        (str(key), row, clean_text(topic), lines.get(str(key)))
        for topic, table in tables.items()
        if isinstance(table, dict)
        for key, row in table.items()
    ]


def _markdown_rows(text: str) -> list[Row]:
    """Rows of the README's tables, each under the `## Topic` heading above it."""
    rows: list[Row] = []
    topic = ""
    for number, line in enumerate(text.splitlines(), 1):
        heading = _HEADING.match(line)
        if heading:
            topic = clean_text(heading[1])
        elif _MARKDOWN_ROW.match(line):
            found = _ROW.match(line)
            key = (find_arxiv_id(found["id"]) if found else None) or f"row at line {number}"
            rows.append((key, line, topic, number))
    return rows


def _key_lines(text: str) -> dict[str, int]:
    """The line where each row's key first appears (the files are often one line)."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for found in _KEY.finditer(text):
        line += text.count("\n", position, found.start())
        position = found.start()
        lines.setdefault(found[1], line)
    return lines
