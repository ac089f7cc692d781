"""Topic files written for the topics that papers introduce: the one writer.

`import`, `add`, `fetch` and `topics suggest --apply` all end here, so every
topic a paper names has a `content/topics/<slug>.md` and the site passes
`build --strict` and `check`. A file that exists is never touched. A topic
given only because nothing better was known (`Uncategorized`, or the arXiv
category an import fell back to) is written with `placeholder: true`, which
tells `topics suggest --apply` that it may replace it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.urls import slugify


@dataclass(frozen=True, slots=True)
class TopicFile:
    """A topic file to write: its title as the input spelled it, and what finds it."""

    title: str
    keywords: tuple[str, ...] = ()
    placeholder: bool = False
    description: str = ""


def render_topic_file(topic: TopicFile) -> str:
    """The file's text: front matter (strings JSON-quoted, valid YAML) and a short body."""
    lines = ["---", f"title: {_quote(topic.title)}"]
    if topic.keywords:
        lines += ["keywords:", *(f"  - {_quote(k)}" for k in topic.keywords)]
    if topic.placeholder:
        lines.append("placeholder: true")
    lines.append("---")
    body = topic.description or "Papers about this topic."
    return "\n".join(lines) + "\n\n" + body + "\n"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_topic_files(content: Path, topics: Iterable[TopicFile]) -> list[Path]:
    """Create the topic files that do not exist yet (by slug); return the ones written."""
    folder = content / "topics"
    written: list[Path] = []
    for topic in topics:
        slug = slugify(topic.title)
        path = folder / f"{slug}.md"
        if not slug or path.exists() or path in written:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(render_topic_file(topic))
        written.append(path)
    return written


def introduced(topics: Sequence[str], placeholder: bool, command: str) -> list[TopicFile]:
    """The topic files one new paper's topics call for, described by the command that wrote it."""
    description = f"Papers that `paperboard {command}` brought in under this topic."
    if placeholder:
        description += (
            " A placeholder: `paperboard topics suggest --apply` replaces it with topics"
            " found in the papers."
        )
    return [TopicFile(t, placeholder=placeholder, description=description) for t in topics]
