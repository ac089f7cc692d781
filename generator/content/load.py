"""Read paper and topic files into models, collecting every problem on the way.

`load_paper` is a pure function of a file's bytes (plus the parser), which is
what lets later stages cache it by content hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from generator.content.frontmatter import FrontMatterError, parse
from generator.content.markdown import render_markdown
from generator.content.mathml import inline_html, inline_text
from generator.content.names import AuthorList
from generator.content.people import AUTHOR_FIELDS, author_profile
from generator.content.sources import Source
from generator.content.validate import LINK_KINDS, PAPER_FIELDS, TOPIC_FIELDS, check_fields
from generator.errors import Diagnostic, error, warning
from generator.models import (
    CITATION_KEYS,
    AuthorProfile,
    CitationFields,
    Link,
    Paper,
    Topic,
    TopicRef,
)
from generator.urls import is_slug, slugify


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one file gave: a model (or None) and its problems."""

    source: Source
    slug: str
    item: Paper | Topic | AuthorProfile | None
    problems: tuple[Diagnostic, ...]


def slug_for(source: Source) -> tuple[str, list[Diagnostic]]:
    """The slug is the file name; other names are slugified, with a warning.

    A name that slugifies to itself is accepted as it is, so a name in a script
    without ASCII letters (`日本語.md`) builds without a warning it could
    never silence.
    """
    slug = slugify(source.name)
    if is_slug(source.name) or slug == source.name:
        return source.name, []
    if not slug:
        return "", [
            error(
                "the file name has no letters or digits",
                source.path,
                None,
                "rename it, e.g. my-paper.md",
            )
        ]
    return slug, [
        warning(
            f"the file name is not a slug; its page is {source.kind}s/{slug}/",
            source.path,
            hint=f"rename it to {slug}{source.path.suffix}",
        )
    ]


def load_source(source: Source, data: bytes, md: MarkdownIt, root: Path) -> Loaded:
    """Load one paper or topic file from its bytes."""
    slug, problems = slug_for(source)
    try:
        document = parse(data)
    except FrontMatterError as exc:
        problems.append(error(exc.message, source.path, exc.line, exc.hint))
        return Loaded(source, slug, None, tuple(problems))
    fields = {"paper": PAPER_FIELDS, "author": AUTHOR_FIELDS}.get(source.kind, TOPIC_FIELDS)
    values, field_problems = check_fields(document.meta, fields, source.path)
    problems.extend(field_problems)
    rendered = render_markdown(md, document.body)
    problems.extend(
        warning(message, source.path, document.body_line + line, "check the TeX")
        for line, message in rendered.problems
    )
    if not slug or any(p.severity == "error" for p in problems):
        return Loaded(source, slug, None, tuple(problems))
    relpath = _relative(source.path, root)
    if source.kind == "author":
        line = document.meta.lines.get("orcid")
        profile, more = author_profile(slug, relpath, values, rendered.html, source.path, line)
        return Loaded(source, slug, profile, tuple(problems + more))
    if source.kind == "topic":
        topic = Topic(
            slug, values["title"], rendered.html, relpath, tuple(values.get("keywords", ()))
        )
        return Loaded(source, slug, topic, tuple(problems))
    title_html, math_problems = inline_html(values["title"])
    title_line = document.meta.lines.get("title")
    problems.extend(warning(p, source.path, title_line, "check the TeX") for p in math_problems)
    authors = values.get("authors", AuthorList())
    paper = Paper(
        slug=slug,
        source=relpath,
        title=values["title"],
        title_html=title_html,
        title_text=inline_text(values["title"]),
        authors=authors.names,
        date=values["date"],
        topics=tuple(TopicRef(slugify(name), name) for name in values["topics"]),
        links=_links(values.get("arxiv"), values.get("links", {})),
        abstract_html=rendered.html,
        summary=rendered.summary,
        text=rendered.text,
        digest=paper_digest(relpath, slug, data),
        arxiv=values.get("arxiv"),
        venue=values.get("venue"),
        upvotes=values.get("upvotes"),
        draft=values.get("draft", False),
        listed=values.get("listed"),
        thumbnail_ref=values.get("thumbnail"),
        author_names=authors.parts,
        et_al=authors.et_al,
        citation=CitationFields(**{key: values.get(key) for key in CITATION_KEYS}),
        venue_short=values.get("venue_short"),
        selected=values.get("selected", False),
    )
    return Loaded(source, slug, paper, tuple(problems))


def paper_digest(relpath: str, slug: str, data: bytes) -> str:
    """Covers all a paper shows: its bytes, and its slug (a rename changes links)."""
    return hashlib.blake2b(f"{relpath}\0{slug}\0".encode() + data, digest_size=16).hexdigest()


def _links(arxiv: str | None, links: dict[str, str]) -> tuple[Link, ...]:
    result = []
    if arxiv:
        result.append(Link("arxiv", "arXiv", f"https://arxiv.org/abs/{arxiv}"))
        if "pdf" not in links:
            result.append(Link("pdf", "PDF", f"https://arxiv.org/pdf/{arxiv}"))
    for kind, url in links.items():
        result.append(Link(kind, LINK_KINDS.get(kind, kind.replace("_", " ").title()), url))
    return tuple(result)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def duplicate_slugs(loaded: Iterable[Loaded]) -> list[Diagnostic]:
    """Two files of one kind whose slugs collide: an error naming both."""
    seen: dict[tuple[str, str], Loaded] = {}
    problems = []
    for item in loaded:
        key = (item.source.kind, item.slug)
        if not item.slug:
            continue
        if key in seen:
            first = seen[key].source.path
            problems.append(
                error(
                    f"this file and {first.name} both give the page "
                    f"{item.source.kind}s/{item.slug}/",
                    item.source.path,
                    hint="rename one of them",
                )
            )
        else:
            seen[key] = item
    return problems
