"""What every importer returns: drafts with their place in the input, and the problems.

An importer never stops at a bad record: it reports the record (file, line,
reason, how to fix it) and goes on, so one broken entry costs one paper, not
the import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
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

    def __post_init__(self) -> None:
        # Every importer's drafts pass here, so none can carry a control
        # character into a paper file (which the build would then refuse).
        if _MAYBE.search(repr(self.draft)):  # repr escapes every character to clean
            object.__setattr__(self, "draft", visible(self.draft))


_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
"""Removed from imported text: controls (ESC starts a terminal sequence, NUL ends C
strings), bidi overrides and isolates that make text read other than it is, and
noncharacters. None carries meaning in a title or an abstract."""
_INVISIBLE = re.compile(rf"(?<=[ \t]){_INVISIBLE.pattern}+[ \t]*|{_INVISIBLE.pattern}+")
"""With the spaces after it when spaces come before, so `a \u202e b` becomes `a b`."""
_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_SPACES = re.compile("[\x0b\x0c]")
"""A vertical tab or a form feed (a PDF's page break) separates words: a space."""
_MAYBE = re.compile(r"\\[xuUr]")
"""In a repr, the escapes of what `visible` changes (a TeX `\\xi` too: then it looks)."""
_NEEDS = re.compile(f"{_INVISIBLE.pattern}|{_BREAKS.pattern}|{_SPACES.pattern}")


def visible(value: Any) -> Any:
    """`value` with every string in it (dataclass fields, tuples, mappings) made visible.

    What needs no change is returned as it is (the same object), so the common
    clean record costs a few regex searches and no copies.
    """
    if isinstance(value, str):
        if not _NEEDS.search(value):
            return value
        clean = _INVISIBLE.sub("", _SPACES.sub(" ", _BREAKS.sub("\n", value)))
        return clean.strip(" \t")
    if isinstance(value, tuple):
        items = tuple(visible(item) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, Mapping):
        pairs = {visible(k): visible(v) for k, v in value.items()}
        return value if pairs == value else pairs
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in value.__dataclass_fields__:
            old = getattr(value, name)
            new = visible(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


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
_LENIENT = json.JSONDecoder(parse_int=lambda digits: int(digits) if len(digits) < 4300 else digits)
"""For an element with an integer past Python's conversion limit: kept as its digits,
so a reader that wants a number leaves that field out and the record still imports."""


def _decode(text: str, position: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError:
        raise
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return _LENIENT.raw_decode(text, position)


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
            value, end = _decode(text, position)
        except json.JSONDecodeError as exc:
            where = text.count("\n", 0, exc.pos) + 1
            raise BadRecord(
                f"invalid JSON: {exc.msg}", "fix the file or save it again", where
            ) from None
        yield line, value
        line += text.count("\n", position, end)
        position = end
