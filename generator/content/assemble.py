"""Turn loaded papers and topics into one indexed `Site`. Pure: no I/O.

This is where cross-file facts are decided: a topic's title, which spellings
are one topic, which author pages exist, and duplicate arXiv ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from generator.config import SiteConfig
from generator.content.frontmatter import excerpt
from generator.content.people_index import People
from generator.errors import Diagnostic, warning
from generator.models import AuthorProfile, Paper, Site, Topic, TopicRef, newest_first


def assemble(
    config: SiteConfig,
    papers: Sequence[Paper],
    topics: Iterable[Topic],
    drafts: bool = False,
    profiles: Iterable[AuthorProfile] = (),
) -> tuple[Site, list[Diagnostic]]:
    """Index the papers; return the site and the cross-file warnings."""
    root = config.root
    problems: list[Diagnostic] = []
    kept = [p for p in papers if drafts or not p.draft]
    topic_map = {t.slug: t for t in topics}
    topic_map.update(_implied_topics(kept, topic_map, root, problems))
    problems.extend(_duplicate_arxiv(kept, root))
    people = People.of(profiles, root, problems)
    resolved = newest_first([people.apply(_resolve(p, topic_map)) for p in kept])
    by_topic: dict[str, list[Paper]] = defaultdict(list)
    by_author: dict[str, list[Paper]] = defaultdict(list)
    by_month: dict[str, list[Paper]] = defaultdict(list)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for paper in resolved:
        for ref in paper.topics:
            by_topic[ref.slug].append(paper)
        for name, author in zip(paper.authors, paper.author_refs, strict=True):
            if not by_author[author.slug] or by_author[author.slug][-1] is not paper:
                by_author[author.slug].append(paper)
            names[author.slug][name] += 1
        by_month[paper.month].append(paper)
    ordered_topics = dict(sorted(topic_map.items(), key=lambda kv: (kv[1].title.casefold(), kv[0])))
    authors = {
        slug: people.author(slug, _most_common(names[slug]), tuple(by_author[slug]))
        for slug in sorted(by_author)
    }
    problems.extend(people.unused(authors, root))
    site = Site(
        config=config,
        papers=resolved,
        topics=ordered_topics,
        by_topic={slug: tuple(by_topic.get(slug, ())) for slug in ordered_topics},
        authors=authors,
        by_month={m: tuple(by_month[m]) for m in sorted(by_month, reverse=True)},
        moved_authors=people.moved(resolved),
    )
    return site, problems


def _implied_topics(
    papers: Sequence[Paper], known: dict[str, Topic], root: Path, out: list[Diagnostic]
) -> dict[str, Topic]:
    """Topics used by papers: warn about spellings, and about topics without a file."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    first_use: dict[str, Paper] = {}
    for paper in papers:
        for ref in paper.topics:
            spellings[ref.slug][ref.title] += 1
            first_use.setdefault(ref.slug, paper)
    implied = {}
    for slug, counts in sorted(spellings.items()):
        names = sorted(name for name in counts if name != slug)
        path = root / first_use[slug].source
        if len(names) > 1:
            listed = ", ".join(f"`{excerpt(n)}`" for n in names)
            out.append(
                warning(
                    f"topic spellings {listed} are one topic ({slug})",
                    path,
                    hint="write them the same way everywhere",
                )
            )
        if slug not in known:
            title = _most_common(Counter({n: counts[n] for n in names}) or counts)
            implied[slug] = Topic(slug, title)
            out.append(
                warning(
                    f"topic `{excerpt(title)}` has no file content/topics/{slug}.md",
                    path,
                    hint=f"create content/topics/{slug}.md with a title and a description",
                )
            )
    return implied


def _resolve(paper: Paper, topics: dict[str, Topic]) -> Paper:
    refs = tuple(dict.fromkeys(TopicRef(r.slug, topics[r.slug].title) for r in paper.topics))
    if refs == paper.topics:
        return paper
    titles = "\0".join(r.title for r in refs)
    digest = hashlib.blake2b(f"{paper.digest}\0{titles}".encode(), digest_size=16).hexdigest()
    return replace(paper, topics=refs, digest=digest)


def _duplicate_arxiv(papers: Sequence[Paper], root: Path) -> list[Diagnostic]:
    seen: dict[str, Paper] = {}
    problems = []
    for paper in sorted(papers, key=lambda p: p.source):
        if not paper.arxiv:
            continue
        key = re.sub(r"v\d+$", "", paper.arxiv)
        if key in seen:
            problems.append(
                warning(
                    f"arXiv id {key} is also in {seen[key].source}",
                    root / paper.source,
                    hint="remove one of the two files",
                )
            )
        else:
            seen[key] = paper
    return problems


def _most_common(counts: Counter[str]) -> str:
    """The most used spelling; ties go to the alphabetically first."""
    return min(counts, key=lambda name: (-counts[name], name))
