"""`paperboard topics suggest`: propose topics for the collection, and with `--apply` use them.

Only placeholder topics are replaced: `Uncategorized`, a topic whose file says
`placeholder: true` (what `import` writes for the topics it falls back to),
or an arXiv category's name with no topic file at all (imports made before
topic files were written). A topic a person chose stays. Applying rewrites
only the `topics:` entry of a paper file; every other byte is kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.topic_clusters import Cluster, PaperText, cluster_papers
from generator.authoring.topic_files import TopicFile, write_topic_files
from generator.authoring.topic_suggest import ARXIV_CATEGORIES, FALLBACK_TOPIC
from generator.content.frontmatter import FrontMatterError, parse
from generator.content.sources import scan_content
from generator.urls import slugify


@dataclass(frozen=True, slots=True)
class PaperTopics:
    """One paper file as clustering and applying see it."""

    path: Path
    text: PaperText
    topics: tuple[str, ...]
    """As the file spells them."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """The topics found, and the topics each paper would have."""

    clusters: list[Cluster]
    papers: list[PaperTopics]
    placeholders: frozenset[str]
    """Slugs of the topics that may be replaced."""
    after: list[tuple[str, ...]] = field(default_factory=list)
    """Each paper's topics once applied, in the order of `papers`."""

    def counts(self, applied: bool) -> Counter[str]:
        """Papers per topic (by title as spelled), before or after applying."""
        listed = self.after if applied else [p.topics for p in self.papers]
        return Counter(t for topics in listed for t in dict.fromkeys(topics))

    def unsorted(self, applied: bool) -> int:
        """Papers whose topics are all placeholders, before or after applying."""
        listed = self.after if applied else [p.topics for p in self.papers]
        return sum(all(slugify(t) in self.placeholders for t in topics) for topics in listed)

    def changed(self) -> list[tuple[PaperTopics, tuple[str, ...]]]:
        """The papers whose topics change, with their new topics."""
        return [(p, new) for p, new in zip(self.papers, self.after, strict=True) if new != p.topics]


def read_papers(content: Path, placeholders: frozenset[str]) -> list[PaperTopics]:
    """Every paper file that parses, sorted by name (so the proposal is the same each run).

    A paper's chosen topics are its keywords: a BibTeX `keywords` field becomes topics.
    """
    papers = []
    for source in scan_content(content, "paper")[0]:
        try:
            document = parse(source.path.read_bytes())
        except (FrontMatterError, OSError):
            continue
        meta, body = document.meta, document.body
        listed = meta.get("topics")
        topics = tuple(str(t) for t in listed) if isinstance(listed, list) else ()
        chosen = tuple(t for t in topics if slugify(t) not in placeholders)
        venue = str(meta.get("venue") or "")
        text = PaperText(str(meta.get("title") or ""), body, venue, chosen)
        papers.append(PaperTopics(source.path, text, topics))
    return papers


def placeholder_slugs(content: Path) -> frozenset[str]:
    """The topics `--apply` may replace: see the module's docstring."""
    files = {s.name: _marked_placeholder(s.path) for s in scan_content(content, "topic")[0]}
    categories = {slugify(n) for n in ARXIV_CATEGORIES.values()} | {
        slugify(c) for c in ARXIV_CATEGORIES
    }
    marked = {slug for slug, placeholder in files.items() if placeholder}
    return frozenset({slugify(FALLBACK_TOPIC), *marked, *(categories - files.keys())})


def propose(content: Path, count: int | None = None) -> Proposal:
    """Cluster every paper; give each paper with a placeholder topic its cluster's topic."""
    placeholders = placeholder_slugs(content)
    papers = read_papers(content, placeholders)
    clusters = cluster_papers([p.text for p in papers], count)
    chosen = {i: c.title for c in clusters for i in c.members}
    after = [new_topics(p.topics, placeholders, chosen.get(i)) for i, p in enumerate(papers)]
    return Proposal(clusters, papers, placeholders, after)


def new_topics(
    topics: Sequence[str], placeholders: frozenset[str], found: str | None
) -> tuple[str, ...]:
    """The placeholders replaced by the topic found; topics a person chose kept, in order."""
    if found is None or not any(slugify(t) in placeholders for t in topics):
        return tuple(topics)
    kept = [t for t in topics if slugify(t) not in placeholders]
    if slugify(found) not in {slugify(t) for t in kept}:
        kept.append(found)
    return tuple(kept)


@dataclass(slots=True)
class Applied:
    """What `--apply` wrote."""

    papers: list[Path] = field(default_factory=list)
    topic_files: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    """Placeholder topic files no paper names any more."""


def apply(content: Path, proposal: Proposal) -> Applied:
    """Write the topic files, then each changed paper's `topics:` entry (nothing else)."""
    used = proposal.counts(applied=True)
    files = [
        TopicFile(c.title, c.keywords, description=_description(c))
        for c in proposal.clusters
        if used[c.title]
    ]
    result = Applied(topic_files=write_topic_files(content, files))
    for paper, topics in proposal.changed():
        data = paper.path.read_bytes()
        paper.path.write_bytes(replace_topics(data, topics))
        result.papers.append(paper.path)
    still = {slugify(t) for t in used}
    for source in scan_content(content, "topic")[0]:
        if source.name not in still and _marked_placeholder(source.path):
            source.path.unlink()
            result.removed.append(source.path)
    return result


def _marked_placeholder(path: Path) -> bool:
    """True for a topic file that says `placeholder: true`: one a person wrote stays."""
    try:
        return parse(path.read_bytes()).meta.get("placeholder") is True
    except (FrontMatterError, OSError):
        return False


def _description(cluster: Cluster) -> str:
    *most, last = cluster.keywords or ("these words",)
    words = f"{', '.join(most)} and {last}" if most else last
    return f"Papers on {words}."


_TOPICS_LINE = re.compile(rb"^topics[ \t]*:(.*?)(\r?\n)", re.M)


def replace_topics(data: bytes, topics: Sequence[str]) -> bytes:
    """The file with its `topics:` entry holding `topics`; every other byte as it was.

    The entry is the `topics:` line and the lines under it that are indented
    or start a list item; a flow list (`topics: [A, B]`) is that one line.
    """
    end = _front_matter_end(data)
    match = _TOPICS_LINE.search(data, 0, end)
    if match is None:
        raise ValueError("the front matter has no `topics:` line")
    newline = match.group(2)
    stop = match.end()
    while stop < end:
        line_end = data.find(b"\n", stop, end)
        line = data[stop : (line_end if line_end >= 0 else end)]
        if line[:1] not in (b" ", b"\t", b"-") or not line.strip():
            break
        stop = line_end + 1 if line_end >= 0 else end
    items = b"".join(b"  - " + _quote(t) + newline for t in topics)
    return data[: match.start()] + b"topics:" + newline + items + data[stop:]


def _front_matter_end(data: bytes) -> int:
    """Where the closing `---` line starts (the whole file if it has none)."""
    start = data.find(b"\n") + 1
    closing = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M).search(data, start)
    return closing.start() if closing else len(data)


def _quote(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode("utf-8")
