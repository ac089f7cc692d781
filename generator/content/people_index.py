"""Which spellings on papers are one person: the author profiles, applied to a site's papers.

Pure: `assemble` hands it the loaded profiles and asks it, for each paper,
which author page each name links to and whether it is a member's name. An
alias belongs to one profile; a second profile claiming it is warned about.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.frontmatter import excerpt
from generator.errors import Diagnostic, warning
from generator.models import Author, AuthorProfile, AuthorRef, Paper
from generator.urls import slugify


@dataclass(frozen=True, slots=True)
class People:
    """The profiles by slug, and the profile each spelling's slug belongs to."""

    profiles: Mapping[str, AuthorProfile]
    owner: Mapping[str, str]
    """slugify(spelling) -> the profile's slug."""

    @classmethod
    def of(cls, profiles: Iterable[AuthorProfile], root: Path, out: list[Diagnostic]) -> People:
        """Index the profiles; warn about a spelling two profiles claim (the first keeps it)."""
        by_slug = {p.slug: p for p in sorted(profiles, key=lambda p: p.slug)}
        owner: dict[str, str] = {slug: slug for slug in by_slug}
        for profile in by_slug.values():
            for spelling in profile.spellings:
                key = slugify(spelling)
                claimed = owner.setdefault(key, profile.slug)
                if claimed != profile.slug:
                    out.append(
                        warning(
                            f"`{excerpt(spelling)}` is already a name of "
                            f"content/authors/{claimed}.md; it stays theirs",
                            root / profile.source,
                            hint="list each spelling in one profile only",
                        )
                    )
        return cls(by_slug, owner)

    def ref(self, name: str) -> AuthorRef:
        """The author page a name on a paper links to, and what its profile says."""
        slug = slugify(name)
        profile = self.profiles.get(self.owner.get(slug, ""))
        if profile is None:
            return AuthorRef(slug)
        return AuthorRef(profile.slug, profile.member, profile.orcid)

    def apply(self, paper: Paper) -> Paper:
        """The paper with its `author_refs`; the digest moves only when a profile changes one."""
        refs = tuple(self.ref(name) for name in paper.authors)
        plain = all(
            ref == AuthorRef(slugify(n)) for ref, n in zip(refs, paper.authors, strict=True)
        )
        if plain:
            return replace(paper, author_refs=refs)
        text = "\0".join(f"{r.slug}\0{r.member}\0{r.orcid}" for r in refs)
        digest = hashlib.blake2b(f"{paper.digest}\0{text}".encode(), digest_size=16).hexdigest()
        return replace(paper, author_refs=refs, digest=digest)

    def author(self, slug: str, most_used: str, papers: tuple[Paper, ...]) -> Author:
        """An author page's subject: named as the profile names them, if there is one."""
        profile = self.profiles.get(slug)
        return Author(slug, profile.name if profile else most_used, papers, profile)

    def unused(self, authors: Mapping[str, Author], root: Path) -> list[Diagnostic]:
        """Profiles no paper names: most likely a spelling that differs from the papers'."""
        return [
            warning(
                f"no paper lists `{excerpt(profile.name)}` or one of its aliases",
                root / profile.source,
                hint="write the name as the papers spell it, or add that spelling to `aliases`",
            )
            for slug, profile in self.profiles.items()
            if slug not in authors
        ]

    def moved(self, papers: Sequence[Paper]) -> dict[str, str]:
        """Each alias slug a paper spells (its page before the merge) -> the profile's slug."""
        moved = {}
        for paper in papers:
            for name, ref in zip(paper.authors, paper.author_refs, strict=True):
                own = slugify(name)
                if own != ref.slug:
                    moved[own] = ref.slug
        return dict(sorted(moved.items()))
