"""Is this paper already here? The same arXiv id (any version), DOI, or normalized title.

The index is built from the paper files the build reads (the content scanner of
`sources`), with the project's own front matter reader and field checks, and
grows as an import writes files, so a paper listed twice in one input is
written once. A DOI shared by two different titles is not taken as one paper:
real bibliographies hold such slips (a proceedings' DOI given to two of its
papers), and dropping one would lose a paper, so both are kept and
`doi_clash` names the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.arxiv_ids import base_id
from generator.content.checks import Invalid, check_text
from generator.content.dois import parse_doi
from generator.content.frontmatter import FrontMatterError, parse
from generator.content.mathml import inline_text
from generator.content.paper_file import PaperDraft
from generator.content.sources import scan_content
from generator.content.validate import check_arxiv, check_links

REASONS = {"arxiv": "same arXiv id", "doi": "same DOI", "title": "same title"}


def normal_title(title: str) -> str:
    """Letters and digits only, accents and case folded: "Pre-Training" ~ "pretraining"."""
    folded = unicodedata.normalize("NFKD", inline_text(title).replace("ß", "ss"))
    return "".join(c for c in folded.casefold() if c.isalnum())


def normal_doi(url_or_doi: str) -> str:
    """`https://doi.org/10.1/X` and `doi:10.1/x` alike (DOIs are case-insensitive)."""
    return (parse_doi(url_or_doi) or url_or_doi.strip()).lower()


def paper_keys(title: str, arxiv: str | None, links: Mapping[str, str]) -> list[tuple[str, str]]:
    """The identities of one paper, strongest first."""
    keys = []
    if arxiv:
        keys.append(("arxiv", base_id(arxiv)))
    if links.get("doi"):
        keys.append(("doi", normal_doi(links["doi"])))
    title_key = normal_title(title)
    if title_key:
        keys.append(("title", title_key))
    return keys


@dataclass(slots=True)
class PaperIndex:
    """Every identity of the papers present, to the file that holds it."""

    known: dict[tuple[str, str], Path] = field(default_factory=dict)
    titles: dict[Path, str] = field(default_factory=dict)
    """The title of each file indexed, for telling a DOI clash from a duplicate."""

    def find(self, draft: PaperDraft) -> tuple[Path, str] | None:
        """(the file, why) when the draft's paper is already present."""
        for key in paper_keys(draft.title, draft.arxiv, draft.links):
            path = self.known.get(key)
            if path is not None and not (key[0] == "doi" and self._other_title(path, draft)):
                return path, REASONS[key[0]]
        return None

    def doi_clash(self, draft: PaperDraft) -> tuple[Path, str] | None:
        """(the file, its title) of another paper with the draft's DOI, if any."""
        doi = draft.links.get("doi")
        path = self.known.get(("doi", normal_doi(doi))) if doi else None
        if path is None or not self._other_title(path, draft):
            return None
        return path, self.titles[path]

    def add(self, draft: PaperDraft, path: Path) -> None:
        """Record a paper just written."""
        self._add(paper_keys(draft.title, draft.arxiv, draft.links), path, draft.title)

    def _add(self, keys: Iterable[tuple[str, str]], path: Path, title: str) -> None:
        self.titles.setdefault(path, title)
        for key in keys:
            self.known.setdefault(key, path)

    def _other_title(self, path: Path, draft: PaperDraft) -> bool:
        title = self.titles.get(path)
        return title is not None and normal_title(title) != normal_title(draft.title)


def index_papers(content: Path) -> PaperIndex:
    """Index the paper files of `content/`; files that do not parse are left out."""
    index = PaperIndex()
    for source in scan_content(content, "paper")[0]:
        keys, title = _file_keys(source.path)
        if keys:
            index._add(keys, source.path, title)
    return index


def _file_keys(path: Path) -> tuple[list[tuple[str, str]], str]:
    try:
        meta = parse(path.read_bytes()).meta
    except (FrontMatterError, OSError):
        return [], ""
    title = _checked(check_text, meta.get("title")) or ""
    arxiv = _checked(check_arxiv, meta.get("arxiv"))
    links = _checked(check_links, meta.get("links")) or {}
    return paper_keys(title, arxiv, links), title


def _checked(check: Callable[[Any], Any], value: Any) -> Any:
    if value is None:
        return None
    try:
        return check(value)
    except Invalid:
        return None
