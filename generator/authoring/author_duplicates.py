"""Likely duplicate authors: one person spelled two ways ("Geoffrey E. Hinton", "G. Hinton").

Pure, over an assembled `Site` (profiles already applied, so names a profile
merged are one author here). Two author pages are a likely pair when their
family names are the same (accents and case aside) and their given names are
compatible: the first given names agree, or one is the other's initial, and
the other given names of the shorter appear, in order, in the longer. Two
names on one paper are two people, never a pair. Co-authors both names
share raise the confidence. Nothing is merged: each pair comes with the
`aliases` line that would merge it, for a person to check and write.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from generator.content.names import yaml_name
from generator.models import Author, Site
from generator.scholarly import PersonName

_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class AuthorName:
    """An author page and the name parts most of its papers give."""

    slug: str
    display: str
    family: str
    """Folded for comparison: "Schölkopf" and "Scholkopf" are one family name."""
    given: tuple[str, ...]
    papers: int
    profile: str | None
    """The profile's file (content/authors/<slug>.md), when the author has one."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two author pages that are likely one person."""

    keep: AuthorName
    """The spelling that stays the page's name (its profile's, or the most used)."""
    alias: AuthorName
    same_given: bool
    """The first given names are spelled out and equal (not only an initial)."""
    shared_coauthors: int

    @property
    def score(self) -> int:
        """Higher is likelier: a spelled-out given name, then each shared co-author (to 3)."""
        return (2 if self.same_given else 1) + min(self.shared_coauthors, 3)

    @property
    def aliases_line(self) -> str:
        """The front matter line of the kept name's profile that would merge the pair."""
        return f"aliases: [{yaml_name(self.alias.display)}]"

    @property
    def profile_file(self) -> str:
        """Where the line goes."""
        return self.keep.profile or f"content/authors/{self.keep.slug}.md"


def fold(text: str) -> str:
    """Case and accents aside: `Schölkopf` -> `scholkopf`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def compatible(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Given names that can be one person's: `geoffrey e` ~ `geoffrey` ~ `g`; not `g` ~ `h`."""
    if not one or not other or not _same(one[0], other[0]):
        return False
    short, long = sorted((one[1:], other[1:]), key=len)
    rest = iter(long)
    return all(any(_same(token, candidate) for candidate in rest) for token in short)


def _same(a: str, b: str) -> bool:
    """One given name: equal, or one is a one-letter initial of the other."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def find_duplicates(site: Site) -> list[Duplicate]:
    """Every likely pair, likeliest first."""
    names = _author_names(site)
    coauthors, together = _coauthors(site)
    by_family: dict[str, list[AuthorName]] = defaultdict(list)
    for name in names.values():
        if name.family and name.given:
            by_family[name.family].append(name)
    pairs = []
    for group in by_family.values():
        for one, other in combinations(sorted(group, key=lambda n: n.slug), 2):
            if (one.slug, other.slug) in together or not compatible(one.given, other.given):
                continue
            if one.profile and other.profile:
                continue
            shared = coauthors[one.slug] & coauthors[other.slug] - {one.slug, other.slug}
            keep, alias = _order(one, other)
            same = len(one.given[0]) > 1 and one.given[0] == other.given[0]
            pairs.append(Duplicate(keep, alias, same, len(shared)))
    return sorted(pairs, key=lambda d: (-d.score, -d.keep.papers - d.alias.papers, d.keep.slug))


def _order(one: AuthorName, other: AuthorName) -> tuple[AuthorName, AuthorName]:
    """The profile's name stays; else a spelled-out given name over an initial ("Vladimir
    Vapnik", not "V. Vapnik"), then the spelling with more papers, then the longer one."""

    def rank(name: AuthorName) -> tuple[bool, int, int]:
        return (len(name.given[0]) > 1, name.papers, len(name.display))

    if other.profile or (not one.profile and rank(other) > rank(one)):
        return other, one
    return one, other


def _author_names(site: Site) -> dict[str, AuthorName]:
    """Each author page's most common name parts."""
    parts: dict[str, Counter[PersonName]] = defaultdict(Counter)
    for paper in site.papers:
        if len(paper.author_names) != len(paper.author_refs):
            continue
        for name, ref in zip(paper.author_names, paper.author_refs, strict=True):
            if not name.literal:
                parts[ref.slug][name] += 1
    found = {}
    for slug, counts in parts.items():
        author = site.authors.get(slug)
        if author is None:
            continue
        name = min(counts, key=lambda n: (-counts[n], n.display))
        found[slug] = _author_name(author, name)
    return found


def _author_name(author: Author, name: PersonName) -> AuthorName:
    given = tuple(_TOKEN.findall(fold(name.given)))
    profile = author.profile.source if author.profile else None
    display = author.profile.name if author.profile else author.name
    family = fold(name.family_name)
    return AuthorName(author.slug, display, family, given, len(author.papers), profile)


def _coauthors(site: Site) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """Each author's co-authors, and the pairs of authors who share a paper."""
    coauthors: dict[str, set[str]] = defaultdict(set)
    together: set[tuple[str, str]] = set()
    for paper in site.papers:
        slugs = sorted({ref.slug for ref in paper.author_refs})
        for slug in slugs:
            coauthors[slug].update(slugs)
        if len(slugs) <= 40:
            together.update(combinations(slugs, 2))
    return coauthors, together


def report_lines(pairs: Sequence[Duplicate], limit: int | None = None) -> Iterator[str]:
    """What `paperboard authors` prints: each pair, why, and the line that would merge it."""
    for pair in pairs[:limit]:
        why = "same given name" if pair.same_given else "initials agree"
        if pair.shared_coauthors:
            plural = "s" if pair.shared_coauthors != 1 else ""
            why += f", {pair.shared_coauthors} shared co-author{plural}"
        yield (
            f"{pair.keep.display} ({pair.keep.papers}) ~ {pair.alias.display} "
            f"({pair.alias.papers}): {why}"
        )
        yield f"    {pair.profile_file}: {pair.aliases_line}"
