"""The example paper `init` writes, found by its `example: true`, and removed on request.

After a first import the example would stay at the top of the home page, so
`import`, `add` and `fetch` offer to remove it (or do with `--replace-example`).
The example topic goes with it when no other paper names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.frontmatter import FrontMatterError, parse
from generator.content.sources import Source, scan_content
from generator.urls import slugify


@dataclass(frozen=True, slots=True)
class Examples:
    """The example files of a project: papers and the topics only they use."""

    papers: tuple[Path, ...] = ()
    topics: tuple[Path, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file that would be removed."""
        return (*self.papers, *self.topics)


@dataclass(slots=True)
class _Meta:
    example: bool = False
    topics: set[str] = field(default_factory=set)


def _read(source: Source) -> _Meta:
    """Whether the file says `example: true`, and the slugs of the topics it names."""
    try:
        meta = parse(source.path.read_bytes()).meta
    except (FrontMatterError, OSError):
        return _Meta()
    listed = meta.get("topics")
    topics = {slugify(str(t)) for t in listed} if isinstance(listed, list) else set()
    return _Meta(meta.get("example") is True, topics)


def find_examples(content: Path) -> Examples:
    """The papers marked `example: true`, and the marked topics no other paper uses."""
    papers = [(s.path, _read(s)) for s in scan_content(content, "paper")[0]]
    used = set().union(*(m.topics for _, m in papers if not m.example))
    topics = tuple(
        s.path for s in scan_content(content, "topic")[0] if s.name not in used and _read(s).example
    )
    return Examples(tuple(path for path, meta in papers if meta.example), topics)


def remove_examples(examples: Examples) -> list[Path]:
    """Delete the example files; return those removed (one gone already is not an error)."""
    removed = []
    for path in examples.files:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed
