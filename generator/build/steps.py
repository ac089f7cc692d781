"""The steps of a build, each a function from typed inputs to a typed result.

`Builder.build` calls them in order; none of them knows whether the build is
published or live (that is `strategy`), and none writes a file. Two small
memos live across the builds of one process: `PrintMemo` (a page whose
context did not change keeps its fingerprint without hashing it again) and
`RefMemo` (an unchanged list of related papers stays the same object, which
the fingerprint memo then compares by identity).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.build.cache import CacheState, Packed, cache_key, load_cache
from generator.build.refresh import Entry, refresh
from generator.config import SiteConfig
from generator.content.assemble import assemble
from generator.content.avatars import attach_avatars, avatar_digest, read_avatars
from generator.content.load import duplicate_slugs
from generator.content.sources import Source, content_sources
from generator.content.thumbnails import ImageCache, Pictures, attach_thumbnails, read_images
from generator.errors import BuildFailed, Diagnostic, errors_in
from generator.models import AuthorProfile, Paper, PaperRef, Site, Thumbnail, Topic
from generator.render.theme import Theme
from generator.site.canonical import base_url_problems
from generator.site.fingerprint import fingerprint
from generator.site.plan import PageSpec

if TYPE_CHECKING:
    from generator.site.related import RelatedIndex

EXTRA_FILES = {".nojekyll": b""}
"""Files every site gets besides its pages and the theme's static files."""


def fail_on(problems: Sequence[Diagnostic], strict: bool) -> None:
    """Raise with every diagnostic if there are errors (or warnings, when strict)."""
    if errors_in(list(problems)) or (strict and problems):
        raise BuildFailed(sorted(problems, key=_order))


def _order(d: Diagnostic) -> tuple[int, str, int]:
    return (d.severity != "error", str(d.path or ""), d.line or 0)


def fail_on_content(
    problems: Sequence[Diagnostic], config: SiteConfig, strict: bool, quiet: bool
) -> None:
    """`fail_on` for loading; with `-q` (and without `--strict`) the base-URL advice is left out.

    `-q` means problems only, and a base URL without a host is advice about a
    setting, not a problem in the content.
    """
    if errors_in(list(problems)) and quiet and not strict:
        advice = base_url_problems(config)
        problems = [p for p in problems if p not in advice]
    fail_on(problems, strict)


def restore_cache(config: SiteConfig, enabled: bool) -> tuple[CacheState, list[Diagnostic]]:
    """The state the last build left in `.paperboard-cache/`, or a fresh one and why."""
    if not enabled:
        return CacheState(), []
    state, note = load_cache(config.root, cache_key(config))
    return state or CacheState(), [note] if note else []


@dataclass(frozen=True, slots=True)
class Sources:
    """The content files found, and the problems of finding and reading them."""

    files: Sequence[Source]
    problems: tuple[Diagnostic, ...]


def read_sources(config: SiteConfig) -> Sources:
    """Every paper and topic file of the project."""
    files, problems = content_sources(config)
    return Sources(files, tuple(problems))


def refresh_entries(
    known: Mapping[Path, Entry], config: SiteConfig, sources: Sources, workers: int | None
) -> tuple[dict[Path, Entry], Sources]:
    """An entry per source (parsing only what changed), and the sources with read errors added."""
    problems = list(sources.problems)
    entries = refresh(known, config, sources.files, problems, workers)
    return entries, Sources(sources.files, tuple(problems))


def read_pictures(config: SiteConfig, entries: Mapping[Path, Entry], known: ImageCache) -> Pictures:
    """The papers' local thumbnails and the authors' avatars: size and digest, read again
    only where a stamp moved."""
    items = [e.loaded.item for e in entries.values()]
    papers = [item for item in items if isinstance(item, Paper)]
    pictures = read_images(papers, config.root, config.content_dir, known)
    profiles = [item for item in items if isinstance(item, AuthorProfile)]
    if not profiles:
        return pictures
    avatars, problems = read_avatars(profiles, config.root, config.content_dir, known)
    fresh = {**pictures.known, **{str(config.root / i.path): i for i in avatars.values()}}
    return replace(pictures, avatars=avatars, problems=(*pictures.problems, *problems), known=fresh)


def input_digest(
    config: SiteConfig,
    entries: Mapping[Path, Entry],
    sources: Sources,
    drafts: bool,
    strict: bool,
    pictures: Pictures | None = None,
) -> str:
    """Everything the site is a function of: equal inputs, equal site."""
    files = [(str(path), entry.digest.hex()) for path, entry in entries.items()]
    problems = [d.format(None) for d in sources.problems]
    if pictures is None:
        return fingerprint(config, (drafts, strict), files, problems)
    shown = [(slug, info.path, info.digest) for slug, info in pictures.found.items()]
    shown += [("@author", avatar_digest(pictures.avatars), "")] if pictures.avatars else []
    problems += [d.format(None) for d in pictures.problems]
    return fingerprint(config, (drafts, strict), files, problems, shown)


@dataclass(frozen=True, slots=True)
class Assembled:
    """A site and every diagnostic found while loading it."""

    site: Site
    problems: tuple[Diagnostic, ...]


def assemble_site(
    config: SiteConfig,
    entries: Mapping[Path, Entry],
    sources: Sources,
    drafts: bool,
    pictures: Pictures | None = None,
) -> Assembled:
    """Index the loaded papers (with their thumbnails) and topics, collecting every problem."""
    loaded = [entry.loaded for entry in entries.values()]
    papers = [item.item for item in loaded if isinstance(item.item, Paper)]
    topics = [item.item for item in loaded if isinstance(item.item, Topic)]
    profiles = [item.item for item in loaded if isinstance(item.item, AuthorProfile)]
    if pictures is not None:
        papers = attach_thumbnails(papers, pictures.found)
        profiles = attach_avatars(profiles, pictures.avatars)
    site, site_problems = assemble(config, papers, topics, drafts, profiles)
    problems = [*sources.problems, *(p for item in loaded for p in item.problems)]
    problems += pictures.problems if pictures is not None else ()
    problems += duplicate_slugs(loaded) + site_problems + base_url_problems(config)
    return Assembled(site, tuple(problems))


def related_index(known: RelatedIndex | Packed | None) -> RelatedIndex:
    """The related-papers index: unpacked from the cache, or new (imported only when needed)."""
    index = known.unpack() if isinstance(known, Packed) else known
    if index is None:
        from generator.site.related import RelatedIndex

        index = RelatedIndex()
    return index


RefMemo = dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[PaperRef, ...]]]
"""Paper slug -> (related slugs, their titles, the refs made of them) of the last build."""


def with_related(site: Site, index: RelatedIndex, memo: RefMemo | None = None) -> Site:
    """Attach each paper's most similar papers, from the (incremental) index.

    `memo` keeps last build's tuples of refs: an unchanged list is then the
    same object, which page fingerprints compare by identity.
    """
    memo = {} if memo is None else memo
    titles = {p.slug: p.title_html for p in site.papers}
    related = {}
    for slug, others in index.update(site.papers).items():
        shown = tuple(titles[s] for s in others)
        known = memo.get(slug)
        if known is None or known[0] != others or known[1] != shown:
            known = (others, shown, tuple(map(PaperRef, others, shown)))
            memo[slug] = known
        related[slug] = known[2]
    return replace(site, related=related)


class PrintMemo:
    """Each page's last (template and assets digest, context, fingerprint), by output file.

    Equal contexts give equal fingerprints, and comparing is cheap: unchanged
    papers are the same objects as last time, so tuples of them compare by
    identity in C instead of being walked again.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, Mapping[str, Any], str]] = {}

    def clear(self) -> None:
        """Forget every page (the config changed: it is part of every fingerprint)."""
        self._last.clear()

    def prints(self, specs: Sequence[PageSpec], theme: Theme, config: SiteConfig) -> dict[str, str]:
        """Output file -> fingerprint of every page, reused where the context is unchanged."""
        return {spec.output: self._print(spec, theme, config) for spec in specs}

    def _print(self, spec: PageSpec, theme: Theme, config: SiteConfig) -> str:
        key = theme.digests.get(spec.template, "missing") + theme.assets_digest
        last = self._last.get(spec.output)
        if last is not None and last[0] == key and last[1] == spec.context:
            return last[2]
        value = fingerprint(spec.url, key, config, spec.context)
        self._last[spec.output] = (key, spec.context, value)
        return value


def asset_files(theme: Theme) -> dict[str, bytes]:
    """The static files of the theme and `EXTRA_FILES`, by output name."""
    return {**theme.files, **EXTRA_FILES}


def copied_images(site: Site) -> dict[str, Thumbnail]:
    """Output name -> each local picture the site copies: thumbnails, then avatars."""
    pictures = [p.thumbnail for p in site.papers]
    pictures += [a.profile.avatar for a in site.authors.values() if a.profile is not None]
    return {t.src: t for t in pictures if t is not None and t.source is not None}


def picture_prints(site: Site) -> dict[str, str]:
    """Output name -> digest of each local picture the site copies (without reading it)."""
    return {name: picture.digest for name, picture in copied_images(site).items()}


def changed_pictures(
    site: Site,
    prints: Mapping[str, str],
    written: Mapping[str, str],
    present: Callable[[str], bool],
) -> dict[str, bytes]:
    """The bytes of the pictures to copy: only those not already in the output as they are."""
    sources = {name: picture.source for name, picture in copied_images(site).items()}
    return {
        name: (site.config.root / str(sources[name])).read_bytes()
        for name, digest in prints.items()
        if written.get(name) != digest or not present(name)
    }


def asset_prints(files: Mapping[str, bytes]) -> dict[str, str]:
    """Output name -> digest of its bytes."""
    return {name: hashlib.blake2b(data, digest_size=16).hexdigest() for name, data in files.items()}


@dataclass(frozen=True, slots=True)
class Changes:
    """What a build must do to the output folder."""

    pages: list[PageSpec]
    """Pages to render."""
    assets: dict[str, bytes]
    """Static files to write."""
    removed: list[str]
    """Files of the last build this one no longer has."""
    kept: list[str]
    """Files unchanged since the last build."""

    @classmethod
    def nothing(cls) -> Changes:
        """No change at all (a build whose inputs, theme and output are the last build's)."""
        return cls([], {}, [], [])

    @property
    def empty(self) -> bool:
        """Nothing to render, write or remove."""
        return not (self.pages or self.assets or self.removed)

    @property
    def written(self) -> list[str]:
        """Every file rendered or written, sorted."""
        return sorted([*self.assets, *(spec.output for spec in self.pages)])


def find_changes(
    specs: Sequence[PageSpec],
    assets: Mapping[str, bytes],
    prints: Mapping[str, str],
    written: Mapping[str, str],
    present: Callable[[str], bool],
) -> Changes:
    """Compare this build's fingerprints with the last build's (and with what is `present`)."""

    def unchanged(name: str) -> bool:
        return written.get(name) == prints[name] and present(name)

    pages = [spec for spec in specs if not unchanged(spec.output)]
    changed = {name: data for name, data in assets.items() if not unchanged(name)}
    removed = sorted(set(written) - set(prints))
    rendered = {spec.output for spec in pages} | set(changed)
    kept = [name for name in prints if name not in rendered]
    return Changes(pages, changed, removed, kept)
