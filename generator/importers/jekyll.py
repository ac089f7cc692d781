"""Import a Jekyll collection of papers, one file per paper (the ml4code survey's layout).

Front matter: `title`, `authors` as ONE comma-separated string, `year`,
`conference` or `journal`, `tags`, `additional_links: [{name, url}]`; the body
is the abstract. Blog-style posts (`_posts/2017-04-27-Title.md`) work too:
their date comes from the file name when the front matter has none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.content.paper_file import PaperDraft
from generator.importers.records import BadRecord, as_date, clean_names, clean_text, split_tags
from generator.importers.sitefiles import SiteFile, named_links
from generator.scholarly import PartialDate

_POST_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")


def looks_like(meta: dict[str, Any]) -> bool:
    """Jekyll is the fallback: any front matter with a title."""
    return "title" in meta


def split_authors(value: Any) -> tuple[str, ...]:
    """`"A. Smith, B. Jones and C. Wu."` or a list, as names."""
    if isinstance(value, list):
        return clean_names(value)
    text = clean_text(value).rstrip(".") if value else ""
    return clean_names(re.split(r",|;|\band\b", text))


def _date(file: SiteFile) -> PartialDate:
    """`date`, else the post's file-name date, else `year` (which stays a year)."""
    found = as_date(file.meta.get("date")) if file.meta.get("date") else None
    if found:
        return PartialDate.of(found)
    match = _POST_DATE.match(file.path.name)
    if match:
        try:
            return PartialDate.of(dt.date(*(int(part) for part in match.groups())))
        except ValueError:
            pass
    year = re.match(r"\d{4}", str(file.meta.get("year") or ""))
    if year:
        return PartialDate(int(year.group()))
    raise BadRecord("the paper has no `year` or `date`", "add `year: 2024`", file.line_of("title"))


def jekyll_draft(file: SiteFile) -> PaperDraft:
    """The paper one collection file describes."""
    meta = file.meta
    title = clean_text(meta.get("title"))
    if not title:
        raise BadRecord("the paper has no title", "add `title: ...`", 1)
    links, arxiv = named_links(meta.get("additional_links") or [], "name", "url")
    venue = clean_text(meta.get("conference") or meta.get("journal") or "") or None
    return PaperDraft(
        title=title,
        date=_date(file),
        topics=split_tags(meta.get("tags")),
        authors=split_authors(meta.get("authors") or meta.get("author")),
        abstract=file.body.strip(),
        arxiv=arxiv,
        links=links,
        venue=venue,
    )
