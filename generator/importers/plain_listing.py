"""Import a "plain listing": a page of paper titles and abstracts copied as plain text.

This is what copying a daily papers listing (such as Hugging Face Papers) out of
a browser gives: a few short header lines ("Subscribe", "Mar 21"), then for each
paper a title line and one abstract paragraph, separated by blank lines. Nothing
marks which line is which, so the parser tells them apart by length: an abstract
is a long paragraph, and a title is the short line just before one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.content.paper_file import PaperDraft
from generator.scholarly import PartialDate

# Longer than nearly every title (the seed's longest is 145 characters), far
# shorter than any real abstract (the seed's shortest is 1362).
ABSTRACT_MIN_CHARS = 200

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE_LINE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})$")
_CODE_URL = re.compile(
    # The scheme is optional ("code at github.com/x/y"), and a space after its colon
    # is tolerated: text extracted from PDFs often has "https: //github.com/...".
    r"(?<![\w.@/-])(?:(https?):\s?//)?"
    r"((?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org)/[^\s<>\"'`]+)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>'\""


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One paper of a listing; `line` (1-based, of the title) lets messages point into the file."""

    title: str
    abstract: str
    line: int


class ListingError(ValueError):
    """The text stops being a listing at `line`; raised rather than silently dropping a paper."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines, stripped, with their 1-based numbers.

    Splits on CRLF, CR and LF only: `str.splitlines` would also split inside an
    abstract at characters such as U+2028 and shift every later line number.
    """
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    return [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip()]


def _is_abstract(line: str) -> bool:
    return len(line) >= ABSTRACT_MIN_CHARS


def _first_title(lines: list[tuple[int, str]]) -> int | None:
    """Index of the first short line followed by an abstract: everything before is header."""
    for index in range(len(lines) - 1):
        if not _is_abstract(lines[index][1]) and _is_abstract(lines[index + 1][1]):
            return index
    return None


def parse_listing(text: str) -> list[ListingEntry]:
    """The papers of a listing, in order, titles and abstracts exactly as written.

    After the header, titles and abstracts must alternate; a title without an
    abstract, or a second paragraph, raises `ListingError` naming the line.
    """
    lines = _lines(text)
    index = _first_title(lines)
    entries: list[ListingEntry] = []
    while index is not None and index < len(lines):
        number, title = lines[index]
        if _is_abstract(title):
            raise ListingError("a long paragraph where a title was expected", number)
        if index + 1 == len(lines) or not _is_abstract(lines[index + 1][1]):
            raise ListingError(f"the title {title!r} is not followed by an abstract", number)
        entries.append(ListingEntry(title, lines[index + 1][1], number))
        index += 2
    return entries


def listing_date(text: str, year: int) -> dt.date | None:
    """The day of a "Mar 21" (or "March 21") header line; the listing never gives the year."""
    lines = _lines(text)
    end = _first_title(lines)
    for _, line in lines[:end]:
        match = _DATE_LINE.match(line)
        if not match:
            continue
        word = match.group(1).lower()
        months = [n for n, name in enumerate(_MONTHS, 1) if name.startswith(word)]
        if len(months) == 1:
            try:
                return dt.date(year, months[0], int(match.group(2)))
            except ValueError:
                continue
    return None


def code_links(abstract: str) -> dict[str, str]:
    """`{"code": url}` for the first code repository URL in an abstract, else `{}`."""
    for match in _CODE_URL.finditer(abstract):
        url = _trim(f"{(match.group(1) or 'https').lower()}://{match.group(2)}")
        if url.partition("://")[2].partition("/")[2]:  # a bare host is not a repository
            return {"code": url}
    return {}


def _trim(url: str) -> str:
    """Drop sentence punctuation after a URL, but keep a `)` that closes a `(` inside it."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def to_drafts(
    entries: Iterable[ListingEntry],
    date: dt.date,
    topics_for: Callable[[ListingEntry], tuple[str, ...]],
) -> list[PaperDraft]:
    """Paper drafts for `write_paper`; a listing has no authors or arXiv ids, so none are set."""
    return [
        PaperDraft(
            title=entry.title,
            date=PartialDate.of(date),
            topics=topics_for(entry),
            abstract=entry.abstract,
            links=code_links(entry.abstract),
        )
        for entry in entries
    ]
