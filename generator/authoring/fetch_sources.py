"""The `[[sources]]` of `paperboard.toml`: what `fetch` asks for, checked before it asks.

    [[sources]]
    kind = "hf-daily"        # the Hugging Face daily papers: `days = N` (default 1)
    days = 3                 #   or one `date = 2025-03-21`
    [[sources]]
    kind = "arxiv"           # an arXiv API search, newest first
    query = "cat:cs.CL AND abs:preference"
    max = 50
    [[sources]]
    kind = "feed"            # any Atom or RSS feed
    url = "https://rss.arxiv.org/rss/cs.CL"
    topics = ["NLP"]         # optional, for every source: added to each paper

A mistake names the file, the line of its `[[sources]]` and the fix, and
nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import CONFIG_FILE, SiteConfig
from generator.errors import ConfigError, Diagnostic, error

KINDS = ("hf-daily", "arxiv", "feed")
KEYS = {
    "hf-daily": {"kind", "days", "date", "topics"},
    "arxiv": {"kind", "query", "max", "topics"},
    "feed": {"kind", "url", "topics"},
}
DEFAULT_MAX = 50


@dataclass(frozen=True, slots=True)
class Source:
    """One `[[sources]]` table, checked."""

    kind: str
    number: int
    """Its place in the file, from 1: how messages name it."""
    topics: tuple[str, ...] = ()
    days: int = 1
    date: dt.date | None = None
    query: str = ""
    most: int = DEFAULT_MAX
    url: str = ""

    def label(self) -> str:
        """How the report names the source."""
        if self.kind == "arxiv":
            return f"arxiv {self.query!r}"
        if self.kind == "feed":
            return f"feed {self.url}"
        return f"hf-daily {self.date}" if self.date else f"hf-daily (last {self.days} days)"

    def days_asked(self, today: dt.date) -> list[dt.date]:
        """The days of a `hf-daily` source, oldest first."""
        if self.date is not None:
            return [self.date]
        return [today - dt.timedelta(days=back) for back in range(self.days - 1, -1, -1)]


def read_sources(config: SiteConfig) -> list[Source]:
    """Every source of the config; a ConfigError listing each mistake."""
    path = config.root / CONFIG_FILE
    lines = _table_lines(path)
    problems: list[Diagnostic] = []
    sources = []
    for number, table in enumerate(config.sources, 1):
        line = lines[number - 1] if number <= len(lines) else None
        try:
            sources.append(_source(table, number))
        except ValueError as exc:
            message, _, hint = str(exc).partition("|")
            problems.append(error(f"[[sources]] #{number}: {message}", path, line, hint))
    if problems:
        raise ConfigError(problems)
    if not sources:
        hint = 'add a [[sources]] table with kind = "hf-daily", "arxiv" or "feed"'
        raise ConfigError([error("no sources to fetch from", path, hint=hint)])
    return sources


def _table_lines(path: Path) -> list[int]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [
        text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^\s*\[\[sources\]\]", text, re.M)
    ]


def _source(table: dict[str, Any], number: int) -> Source:
    kind = table.get("kind")
    if kind not in KINDS:
        raise ValueError(f"`kind` is {kind!r}|write kind = " + ", ".join(f'"{k}"' for k in KINDS))
    unknown = sorted(set(table) - KEYS[kind])
    if unknown:
        raise ValueError(
            f"unknown key `{unknown[0]}` for kind {kind}|known: " + ", ".join(sorted(KEYS[kind]))
        )
    topics = table.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
        raise ValueError('`topics` must be a list of names|write topics = ["NLP"]')
    common = {"kind": kind, "number": number, "topics": tuple(t.strip() for t in topics)}
    if kind == "hf-daily":
        return Source(**common, days=_whole(table, "days", 1), date=_date(table.get("date")))
    if kind == "arxiv":
        query = table.get("query")
        if not isinstance(query, str) or not query.strip():
            raise ValueError('`query` is missing|write query = "cat:cs.CL AND abs:preference"')
        return Source(**common, query=query.strip(), most=_whole(table, "max", DEFAULT_MAX))
    url = table.get("url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ValueError(f'`url` {url!r} is not an http(s) URL|write url = "https://..."')
    return Source(**common, url=url)


def _whole(table: dict[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"`{key}` must be a whole number of at least 1, not {value!r}|")
    return value


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise ValueError(f"`date` must be a day such as 2025-03-21, not {value!r}|write it unquoted")
