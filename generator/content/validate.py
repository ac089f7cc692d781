"""Front matter checks: a table of (field, required, checker).

A checker takes the YAML value and returns the clean value, or raises
`Invalid` with a message and a hint. `check_fields` runs the whole table and
collects every problem with its line, so one run reports them all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.checks import Invalid, check_text, source_text
from generator.content.checks import describe as _describe
from generator.content.dois import check_doi
from generator.content.frontmatter import LineDict, excerpt
from generator.content.names import check_authors
from generator.content.safe_yaml import HugeNumber
from generator.errors import Diagnostic, error, warning
from generator.models import CITATION_KEYS
from generator.scholarly import PartialDate
from generator.urls import slugify

ARXIV_NEW = re.compile(
    r"^(?:(?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.\d{4}|(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})"
    r"(?:v[1-9]\d*)?$"
)
"""YYMM.NNNN (April 2007 to 2014) or YYMM.NNNNN (since 2015), then an optional version."""
ARXIV_OLD = re.compile(r"^[a-z]+(-[a-z]+)*(\.[A-Z]{2})?/\d{7}(v[1-9]\d*)?$")
LINK_KINDS = {
    "pdf": "PDF",
    "code": "Code",
    "project": "Project",
    "data": "Data",
    "video": "Video",
    "doi": "DOI",
    "slides": "Slides",
    "poster": "Poster",
}


def check_date(value: Any) -> PartialDate:
    """A day, a month (`2025-03`) or a year (`2025`), kept at the precision written.

    A YAML date or datetime keeps its own calendar day; a quoted ISO date or
    date-time is read the same way.
    """
    if isinstance(value, dt.datetime):
        return PartialDate.of(value.date())
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(source_text(value))
    if isinstance(value, str) and not isinstance(value, HugeNumber):
        with contextlib.suppress(ValueError):
            return PartialDate.parse(value)
        with contextlib.suppress(ValueError):
            return PartialDate.of(dt.datetime.fromisoformat(value.strip()).date())
    raise Invalid(
        f"must be a date such as 2025-03-21, 2025-03 or 2025, not {_describe(value)}",
        "write `date: YYYY-MM-DD`, or `YYYY-MM` or `YYYY` when only the month or year is known",
    )


def check_listed(value: Any) -> dt.date:
    """The day a paper joined the board: always a whole date, never only a year or month."""
    try:
        day = check_date(value)
    except Invalid:
        day = None
    if day is None or day.precision != "day":
        raise Invalid(
            f"must be the day the paper was listed, such as 2025-03-21, not {_describe(value)}",
            "write `listed: YYYY-MM-DD`, or remove the line",
        )
    return day.first_day


IMAGE_SUFFIXES = (".webp", ".png", ".jpg", ".jpeg", ".gif", ".avif")
"""Pictures a browser shows in an `<img>`: what a `thumbnail` may be."""


def check_thumbnail(value: Any) -> str:
    """An http(s) image URL, or an image path relative to the paper file, inside content/."""
    text = check_text(value)
    if re.match(r"^https?://", text, re.IGNORECASE):
        return check_url(text)
    if re.match(r"^[a-zA-Z][\w+.-]*:|^/|\\", text):
        raise Invalid(
            f"`{excerpt(text)}` is neither an http(s) URL nor a relative path",
            "write a path beside the paper, such as my-paper.webp, or a full https:// URL",
        )
    if not text.lower().endswith(IMAGE_SUFFIXES):
        raise Invalid(
            f"`{excerpt(text)}` is not an image a browser shows",
            "use a " + ", ".join(IMAGE_SUFFIXES) + " file",
        )
    return text


def check_arxiv(value: Any) -> str:
    """An arXiv id, new style (2403.01234v2) or old style (hep-th/9901001)."""
    text = str(source_text(value)).strip()
    text = re.sub(r"^arxiv:\s*", "", text, flags=re.IGNORECASE)
    if ARXIV_NEW.match(text) or ARXIV_OLD.match(text):
        return text
    hint = 'quote it: arxiv: "2401.10000"'
    if not isinstance(value, float):
        hint = "write it like 2403.01234, 2403.01234v2 or hep-th/9901001"
    raise Invalid(f"`{excerpt(text)}` is not an arXiv id", hint)


def check_topics(value: Any) -> tuple[str, ...]:
    """At least one topic, each a name or a slug."""
    if isinstance(value, str):
        raise Invalid("must be a list", "write `topics:` then one `  - Topic name` line per topic")
    if not isinstance(value, list) or not value:
        raise Invalid("must list at least one topic", "write `topics:` then `  - Topic name`")
    topics = []
    for item in value:
        if isinstance(item, (list, dict)):
            raise Invalid(
                f"has an entry that is {_describe(item)}", "each topic is one name on its own line"
            )
        name = check_text(item)
        if not slugify(name):
            raise Invalid(f"`{name}` has no letters or digits", "use a name such as Fairness")
        topics.append(name)
    return tuple(dict.fromkeys(topics))


def check_keywords(value: Any) -> tuple[str, ...]:
    """Words or phrases that suggest a topic for imported papers; may be empty."""
    if not isinstance(value, list):
        hint = "write `keywords: [bias, parity]`, one keyword or phrase each"
        raise Invalid("must be a list", hint)
    words = []
    for item in value:
        if isinstance(item, (list, dict)):
            raise Invalid(f"has an entry that is {_describe(item)}", "each keyword is one phrase")
        words.append(check_text(item))
    return tuple(dict.fromkeys(words))


def check_url(value: Any) -> str:
    """An absolute http(s) URL."""
    url = check_text(value)
    if re.match(r"^https?://[^\s/?#]+", url, re.IGNORECASE):
        return url
    scheme = re.match(r"^([a-zA-Z][\w+.-]*):", url)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise Invalid(f"`{excerpt(scheme.group(1))}:` links are not allowed", "use an http(s) URL")
    raise Invalid(
        f"`{excerpt(url)}` is not an absolute URL", "write the full URL, starting with https://"
    )


def check_links(value: Any) -> dict[str, str]:
    """A mapping from link kind to URL."""
    if not isinstance(value, dict):
        raise Invalid("must be a mapping such as `pdf: https://...`, one per line")
    links = {}
    for kind, url in value.items():
        try:
            links[str(kind)] = check_doi(url) if kind == "doi" else check_url(url)
        except Invalid as exc:
            raise Invalid(f"`{excerpt(kind)}`: {exc.message}", exc.hint) from None
    return links


MAX_UPVOTES = 2**53 - 1
"""The largest count JavaScript reads exactly from papers.json; beyond it a count
(`0xfff...`, too long even to print) is refused rather than rounded."""


def check_upvotes(value: Any) -> int:
    """A whole number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(
            f"must be a whole number >= 0, not {_describe(value)}", "write e.g. `upvotes: 12`"
        )
    if value > MAX_UPVOTES:
        raise Invalid(
            f"must be a whole number from 0 to {MAX_UPVOTES}, not {_describe(value)}",
            "write e.g. `upvotes: 12`",
        )
    return int(value)


def check_bool(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, not {_describe(value)}")
    return value


@dataclass(frozen=True, slots=True)
class Field:
    """One front matter key."""

    required: bool
    check: Callable[[Any], Any]
    example: str = ""
    """A line to add when it is missing or empty."""


ENTRY_TYPES = frozenset(
    "article book booklet inbook incollection inproceedings conference manual mastersthesis "
    "misc phdthesis proceedings techreport unpublished online report thesis software dataset "
    "patent collection periodical".split()
)
"""BibTeX's entry types and biblatex's common ones."""


def check_type(value: Any) -> str:
    """A BibTeX entry type, as BibTeX names it (any case)."""
    text = check_text(value).lower().lstrip("@")
    if text not in ENTRY_TYPES:
        close = difflib.get_close_matches(text, ENTRY_TYPES, n=1)
        hint = f"did you mean `{close[0]}`?" if close else "e.g. article, inproceedings, book"
        raise Invalid(f"`{excerpt(text)}` is not a BibTeX entry type", hint)
    return text


CITATION_FIELDS: dict[str, Field] = {
    key: Field(False, check_type if key == "type" else check_text) for key in CITATION_KEYS
}
"""`type`, `journal`, `volume`, `pages` ...: kept for citations, shown by none of the pages."""

PAPER_FIELDS: dict[str, Field] = {
    "title": Field(True, check_text, 'title: "The paper\'s title"'),
    "authors": Field(False, check_authors),
    "date": Field(True, check_date, "date: 2025-03-21"),
    "arxiv": Field(False, check_arxiv),
    "topics": Field(True, check_topics, "topics: [Fairness]"),
    "links": Field(False, check_links),
    "venue": Field(False, check_text),
    "upvotes": Field(False, check_upvotes),
    "draft": Field(False, check_bool),
    "venue_short": Field(False, check_text),
    "selected": Field(False, check_bool),
    "listed": Field(False, check_listed),
    "thumbnail": Field(False, check_thumbnail),
    "example": Field(False, check_bool),
    **CITATION_FIELDS,
}

TOPIC_FIELDS: dict[str, Field] = {
    "title": Field(True, check_text, 'title: "Preference Optimization"'),
    "keywords": Field(False, check_keywords),
    "example": Field(False, check_bool),
    "placeholder": Field(False, check_bool),
}


def check_fields(
    meta: LineDict, fields: dict[str, Field], path: Path
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Check every field; return the clean values and all the problems."""
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in meta.items():
        line = meta.lines.get(key)
        field = fields.get(key)
        if field is None:
            close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "known: " + ", ".join(fields)
            problems.append(warning(f"unknown field `{excerpt(key)}` is ignored", path, line, hint))
            continue
        if value is None:
            if field.required:
                problems.append(error(f"`{key}` is empty", path, line, _example(key, field)))
            continue
        try:
            values[key] = field.check(value)
        except Invalid as exc:
            problems.append(error(f"`{key}` {exc.message}", path, line, exc.hint))
    for key, field in fields.items():
        if field.required and key not in meta:
            problems.append(error(f"`{key}` is missing", path, 2, _example(key, field)))
    return values, problems


def _example(key: str, field: Field) -> str:
    return f"add a line `{field.example}`" if field.example else f"give `{key}` a value"
