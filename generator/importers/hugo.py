"""Import Hugo Academic / Hugo Blox (Wowchemy) publications: `publication/<slug>/index.md`.

Front matter in TOML (`+++`, Academic v4) or YAML: `title`, `date`,
`authors` (a list; `admin` stands for the site's owner and is dropped),
`publication` (Markdown, e.g. `*EMNLP 2023*`), `abstract`, `tags`,
`url_pdf`, `url_code`, `url_dataset` ... and `links: [{name, url}]`. A
`cite.bib` beside the file adds what the front matter lacks (arXiv id, DOI,
venue).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content.paper_file import PaperDraft
from generator.importers.bibtex import read_bibtex
from generator.importers.records import (
    BadRecord,
    as_date,
    clean_abstract,
    clean_names,
    clean_text,
    split_tags,
)
from generator.importers.sitefiles import SiteFile, named_links, strip_markdown
from generator.models import CitationFields
from generator.scholarly import PartialDate

URL_KEYS = {
    "url_pdf": "pdf",
    "url_code": "code",
    "url_dataset": "data",
    "url_project": "project",
    "url_slides": "slides",
    "url_video": "video",
    "url_poster": "poster",
    "url_source": "source",
    "url_preprint": "preprint",
}


def looks_like(meta: dict[str, Any]) -> bool:
    """Hugo publications carry `publication_types` or `url_*` keys."""
    return "publication_types" in meta or any(key in meta for key in URL_KEYS)


def _cite(path: Path) -> PaperDraft | None:
    cite = path.parent / "cite.bib"
    if path.name != "index.md" or not cite.is_file():
        return None
    batch = read_bibtex(cite.read_text(encoding="utf-8", errors="replace"), cite)
    return batch.records[0].draft if batch.records else None


def _links(meta: dict[str, Any]) -> tuple[dict[str, str], str | None]:
    listed = list(meta.get("links") or []) + list(meta.get("url_custom") or [])
    links, arxiv = named_links(listed, "name", "url")
    pairs = [{"name": kind, "url": meta.get(key)} for key, kind in URL_KEYS.items()]
    more, arxiv_more = named_links(pairs, "name", "url")
    doi = clean_text(meta.get("doi"))
    if doi:
        more.setdefault("doi", doi if doi.startswith("http") else f"https://doi.org/{doi}")
    return {**more, **links}, arxiv or arxiv_more


def hugo_draft(file: SiteFile) -> PaperDraft:
    """The paper of one publication file, completed from its cite.bib."""
    meta = file.meta
    cite = _cite(file.path)
    title = clean_text(meta.get("title")) or (cite.title if cite else "")
    if not title:
        raise BadRecord("the publication has no title", "add `title`", 1)
    written = as_date(meta.get("date"))
    date = PartialDate.of(written) if written else (cite.date if cite else None)
    if date is None:
        raise BadRecord(
            "the publication has no date", "add `date: 2024-03-21`", file.line_of("date")
        )
    links, arxiv = _links(meta)
    if cite:
        links = {**cite.links, **links}
    names = [a for a in meta.get("authors") or [] if str(a).strip().lower() != "admin"]
    venue = strip_markdown(str(meta.get("publication") or "")) or (cite.venue if cite else None)
    return PaperDraft(
        title=title,
        date=date,
        topics=split_tags(list(meta.get("tags") or []) + list(meta.get("categories") or [])),
        authors=clean_names(names) or (cite.authors if cite else ()),
        abstract=clean_abstract(meta.get("abstract")) or file.body.strip(),
        arxiv=arxiv or (cite.arxiv if cite else None),
        links=links,
        venue=venue or None,
        draft=meta.get("draft") is True,
        citation=cite.citation if cite else CitationFields(),
    )
