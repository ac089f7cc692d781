"""Import PMLR proceedings posts (`_posts/<date>-<id>.md`, citeproc-style YAML).

Front matter: `title`, `abstract`, `author: [{given, family}]`,
`issued: {date-parts: [[y, m, d]]}`, `container-title`, `pdf`, and
`extras: [{label, link}]` or `supplementary`. PMLR posts have no tags, so
topics come from `--topic` or are suggested.
"""

from __future__ import annotations

from typing import Any

from generator.content.paper_file import PaperDraft
from generator.importers.records import BadRecord, as_date, clean_abstract, clean_names, clean_text
from generator.importers.sitefiles import SiteFile, named_links
from generator.scholarly import PartialDate


def looks_like(meta: dict[str, Any]) -> bool:
    """citeproc keys: `container-title`, `issued`, or authors as `{given, family}` maps."""
    authors = meta.get("author")
    as_maps = isinstance(authors, list) and any(isinstance(a, dict) for a in authors)
    return "container-title" in meta or "issued" in meta or as_maps


def _name(author: Any) -> str:
    if isinstance(author, dict):
        return " ".join(clean_text(author.get(k)) for k in ("given", "family") if author.get(k))
    return clean_text(author)


def _issued(meta: dict[str, Any]) -> PartialDate | None:
    """CSL `issued.date-parts`: `[[2018, 4]]` is April 2018, and stays a month."""
    issued = meta.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        parts = parts[0]
    if isinstance(parts, list) and parts and all(isinstance(p, int) for p in parts):
        try:
            return PartialDate(*parts[:3])
        except (ValueError, TypeError):
            return None
    return None


def pmlr_draft(file: SiteFile) -> PaperDraft:
    """The paper of one proceedings post."""
    meta = file.meta
    title = clean_text(meta.get("title"))
    if not title:
        raise BadRecord("the post has no title", "add `title`", 1)
    written = as_date(meta.get("date"))
    date = _issued(meta) or (PartialDate.of(written) if written else None)
    if date is None:
        raise BadRecord("the post has no `issued` or `date`", "add `date: 2018-03-31`", 1)
    pairs = [{"label": "pdf", "link": meta.get("pdf")}]
    pairs += [{"label": "supplement", "link": meta.get("supplementary")}]
    links, arxiv = named_links(pairs + list(meta.get("extras") or []), "label", "link")
    return PaperDraft(
        title=title,
        date=date,
        topics=(),
        authors=clean_names([_name(a) for a in meta.get("author") or []]),
        abstract=clean_abstract(meta.get("abstract")) or file.body.strip(),
        arxiv=arxiv,
        links=links,
        venue=clean_text(meta.get("container-title")) or None,
    )
