"""Read the paper files of other static sites: YAML (`---`) or TOML (`+++`) front matter.

python-frontmatter splits and loads them; TOML goes through the standard
library's tomllib (python-frontmatter's own TOML handler needs another
package). Also here: what the site formats share, such as reading a list of
`{name, url}` links into Paperboard link kinds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from generator.content.arxiv_ids import find_arxiv_id
from generator.content.sources import is_debris
from generator.importers.records import BadRecord, clean_text

MARKDOWN = (".md", ".markdown")
COLLECTIONS = ("content/publication", "publication", "_publications", "_posts", "site/_posts")
"""Where the supported sites keep their papers, relative to the site's folder."""
_KIND_ALIASES = {
    "arxiv": "arxiv",
    "github": "code",
    "code": "code",
    "website": "project",
    "project page": "project",
    "homepage": "project",
    "dataset": "data",
    "supplementary pdf": "supplement",
    "supplementary material": "supplement",
    "supp": "supplement",
}


class _TomlHandler(BaseHandler):
    """Hugo's `+++` front matter, read with tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError("Paperboard only reads other sites' files")


@dataclass(frozen=True, slots=True)
class SiteFile:
    """A file of another site: its front matter, body and where each key is."""

    path: Path
    meta: dict[str, Any]
    body: str
    text: str

    def line_of(self, key: str) -> int:
        """The line of a top-level key (1 when it is not found)."""
        match = re.search(rf"^{re.escape(key)}\s*[:=]", self.text, re.MULTILINE)
        return self.text.count("\n", 0, match.start()) + 1 if match else 1


def read_site_file(path: Path) -> SiteFile:
    """Load one file; a file without front matter or with broken YAML/TOML raises BadRecord."""
    text = path.read_text(encoding="utf-8-sig")
    toml = text.lstrip().startswith("+++")
    handler = _TomlHandler() if toml else YAMLHandler()
    if not handler.detect(text.lstrip()):
        raise BadRecord("the file has no front matter", "papers start with `---` or `+++`", 1)
    try:
        meta, body = frontmatter.parse(text, handler=handler)
    except yaml.YAMLError as exc:
        # The quote or bracket that was never closed is more use than the end of the text.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", exc)
        raise BadRecord(f"invalid YAML: {problem}", "fix the YAML", line) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) + 1 if found else 1
        raise BadRecord(f"invalid TOML: {exc}", "fix the TOML", line) from None
    return SiteFile(path, dict(meta), body, text)


def site_files(folder: Path) -> list[Path]:
    """The paper files of a site: its publications folder if it has one, else every file."""
    base = next((folder / c for c in COLLECTIONS if (folder / c).is_dir()), folder)
    return sorted(
        path
        for path in base.rglob("*")
        if path.suffix in MARKDOWN
        and path.is_file()
        and path.name != "_index.md"
        and not any(is_debris(part) for part in path.relative_to(base).parts)
    )


def link_kind(name: str) -> str:
    """A link label as a front matter key: `Project page` -> `project`, `Open X` -> `open_x`."""
    text = clean_text(name).lower()
    if text in _KIND_ALIASES:
        return _KIND_ALIASES[text]
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "link"


def named_links(
    items: Iterable[Any], name_key: str, url_key: str
) -> tuple[dict[str, str], str | None]:
    """Links from `[{name, url}]` lists, and the arXiv id when one of them points to arXiv."""
    links: dict[str, str] = {}
    arxiv = None
    for item in items:
        if not isinstance(item, dict):
            continue
        url = clean_text(item.get(url_key))
        if not re.match(r"^https?://\S+$", url, re.IGNORECASE):
            continue
        kind = link_kind(str(item.get(name_key) or "link"))
        found = find_arxiv_id(url)
        if found and (kind == "arxiv" or "/abs/" in url):
            arxiv = arxiv or found
            continue
        links.setdefault(kind, url)
    return links, arxiv


def strip_markdown(text: str) -> str:
    """`*EMNLP 2023*` -> `EMNLP 2023`: venues in Hugo Academic are Markdown."""
    return clean_text(re.sub(r"(?<!\\)[*_`]", "", text))
