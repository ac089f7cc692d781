"""What every importer returns: drafts with their place in the input, and the problems.

An importer never stops at a bad record: it reports the record (file, line,
reason, how to fix it) and goes on, so one broken entry costs one paper, not
the import.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.paper_file import PaperDraft
from generator.errors import Diagnostic, error


@dataclass(frozen=True, slots=True)
class Record:
    """One paper read from an input, before topics are settled and duplicates checked."""

    draft: PaperDraft
    path: Path | None
    line: int | None
    categories: tuple[str, ...] = ()
    """arXiv categories, primary first: a hint for suggesting topics."""


@dataclass(slots=True)
class Batch:
    """The records an input gave and the diagnostics of those it could not read."""

    records: list[Record] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        """Append another batch's records and problems."""
        self.records.extend(other.records)
        self.problems.extend(other.problems)

    def fail(self, message: str, path: Path | None, line: int | None, hint: str = "") -> None:
        """Report a record that is skipped."""
        self.problems.append(error(message, path, line, hint))


class BadRecord(ValueError):
    """A record that cannot become a paper; `hint` says how to fix the input."""

    def __init__(self, message: str, hint: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


def as_date(value: Any) -> dt.date | None:
    """A date from YAML/TOML dates, datetimes or ISO strings; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def clean_text(value: object) -> str:
    """A single line of text: whitespace runs (hard wraps included) become one space."""
    return " ".join(str(value).split()) if value is not None else ""


def clean_abstract(value: object) -> str:
    """Paragraphs kept, hard line wraps inside them joined."""
    if value is None:
        return ""
    paragraphs = re.split(r"\n\s*\n", str(value).replace("\r\n", "\n").strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def clean_names(names: list[object]) -> tuple[str, ...]:
    """Author names, whitespace-collapsed, without empties or repeats, in order."""
    cleaned = (clean_text(name).strip(" ,.;") for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if _has_word(name)))


def split_tags(value: object) -> tuple[str, ...]:
    """Tags from a list, or from one string separated by commas or semicolons."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value))
    return tuple(dict.fromkeys(t for t in (clean_text(i) for i in items) if _has_word(t)))


def _has_word(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in text)


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[\s,]*")


def json_items(text: str, key: str = "") -> Iterator[tuple[int, Any]]:
    """(line, value) for each element of the top-level list, or of a `{"data": [...]}`.

    With `key`, the list is the one that follows `"key":`. Each element is
    decoded on its own, so one bad element is one error, with its line, and
    the others still import.
    """
    named = text.find(f'"{key}"') if key else -1
    start = text.find("[", max(named, 0))
    head = text[:start].strip() if start >= 0 else text.strip()
    if start < 0 or (head and not head.startswith("{")):
        raise BadRecord("the file is not a JSON list of papers", "save the API response as is", 1)
    position = start + 1
    line = text.count("\n", 0, position) + 1
    while True:
        gap = _SPACE.match(text, position)
        assert gap is not None  # `[\s,]*` matches the empty string
        line += text.count("\n", position, gap.end())
        position = gap.end()
        if position >= len(text) or text[position] == "]":
            return
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            where = text.count("\n", 0, exc.pos) + 1
            raise BadRecord(
                f"invalid JSON: {exc.msg}", "fix the file or save it again", where
            ) from None
        yield line, value
        line += text.count("\n", position, end)
        position = end
