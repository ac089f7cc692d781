"""Suggest topics for a new paper: the site's own topics first, then arXiv's categories.

A topic file may list `keywords:`; a paper whose title or abstract contains
one of them (as whole words), or whose arXiv category is one of them (a
keyword may be `cs.CV`), or whose category's name is the topic's, gets that
topic. Only when none of the site's topics fits is the primary category's
name proposed as a new topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.content.frontmatter import FrontMatterError, parse
from generator.content.sources import scan_content
from generator.urls import slugify

MAX_SUGGESTIONS = 3
MIN_SCORE = 2
"""A keyword in the title, twice in the abstract, or a matching category: one mention is chance."""
FALLBACK_TOPIC = "Uncategorized"
"""What a paper gets when nothing else is known: `topics` is required, and this is easy to find."""

ARXIV_CATEGORIES = {
    "cs.AI": "Artificial Intelligence",
    "cs.CL": "Computation and Language",
    "cs.CR": "Cryptography and Security",
    "cs.CV": "Computer Vision",
    "cs.CY": "Computers and Society",
    "cs.DB": "Databases",
    "cs.DC": "Distributed Computing",
    "cs.DS": "Data Structures and Algorithms",
    "cs.GR": "Graphics",
    "cs.GT": "Game Theory",
    "cs.HC": "Human-Computer Interaction",
    "cs.IR": "Information Retrieval",
    "cs.IT": "Information Theory",
    "cs.LG": "Machine Learning",
    "cs.LO": "Logic in Computer Science",
    "cs.MA": "Multiagent Systems",
    "cs.MM": "Multimedia",
    "cs.NE": "Neural and Evolutionary Computing",
    "cs.NI": "Networking",
    "cs.PL": "Programming Languages",
    "cs.RO": "Robotics",
    "cs.SD": "Sound",
    "cs.SE": "Software Engineering",
    "cs.SI": "Social and Information Networks",
    "eess.AS": "Audio and Speech Processing",
    "eess.IV": "Image and Video Processing",
    "eess.SP": "Signal Processing",
    "eess.SY": "Systems and Control",
    "math.OC": "Optimization and Control",
    "math.ST": "Statistics Theory",
    "q-bio.NC": "Neurons and Cognition",
    "quant-ph": "Quantum Physics",
    "stat.AP": "Applied Statistics",
    "stat.ME": "Statistical Methodology",
    "stat.ML": "Machine Learning",
}
"""The usual categories of papers listed with Paperboard; others are named by their code."""


@dataclass(frozen=True, slots=True)
class TopicWords:
    """A topic of the site and what finds it."""

    slug: str
    names: frozenset[str]
    """Its slug, its title's slug and its keywords' slugs: matched against category names."""
    pattern: re.Pattern[str] | None
    """Its title and keywords as whole words, for titles and abstracts."""


def topic_words(slug: str, title: str, keywords: Sequence[str]) -> TopicWords:
    """The matcher of one topic."""
    phrases = [p for p in (title, *keywords) if p.strip()]
    alternatives = "|".join(re.escape(p.strip()) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if alternatives else None
    names = frozenset({slug, *(slugify(p) for p in phrases)})
    return TopicWords(slug, names, pattern)


def load_topic_words(content: Path) -> list[TopicWords]:
    """The topics of `content/` the build reads; files that do not parse are left out.

    `init`'s example topic (`example: true`) is left out too: its keywords are a
    demonstration, and matching "learning" gave most of an imported bibliography
    the example's topic.
    """
    found: list[TopicWords] = []
    for source in scan_content(content, "topic")[0]:
        try:
            meta = parse(source.path.read_bytes()).meta
        except (FrontMatterError, OSError):
            continue
        if meta.get("example") is True:
            continue
        listed = meta.get("keywords")
        keywords = listed if isinstance(listed, list) else []
        title = str(meta.get("title") or source.name)
        found.append(topic_words(source.name, title, [str(k) for k in keywords]))
    return found


def category_name(code: str) -> str:
    """`cs.CV` -> `Computer Vision`; an unknown category keeps its code."""
    return ARXIV_CATEGORIES.get(code, code)


def suggest_topics(
    title: str, abstract: str, categories: Sequence[str], topics: Sequence[TopicWords]
) -> tuple[str, ...]:
    """Up to three topics for a paper; the empty tuple when nothing is known about it."""
    wanted = {slugify(c) for c in categories} | {slugify(category_name(c)) for c in categories}
    scores: dict[str, int] = {}
    for topic in topics:
        score = 3 * len(topic.names & wanted)
        if topic.pattern is not None:
            score += 2 * len(topic.pattern.findall(title)) + len(topic.pattern.findall(abstract))
        if score >= MIN_SCORE:
            scores[topic.slug] = score
    if scores:
        ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
        return tuple(ranked[:MAX_SUGGESTIONS])
    return (category_name(categories[0]),) if categories else ()
