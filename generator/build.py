"""The build: config -> sources -> load -> assemble -> plan -> render -> write.

`Builder` is the only orchestrator. It remembers what it loaded (by file
stamp), the theme (by its files' stamps), the related-papers index, and the
fingerprint of every page it wrote; each build re-reads only changed files,
re-plans the whole site (cheap, pure), and renders only the pages whose
fingerprint moved. Correctness does not rest on a dependency graph: a page's
fingerprint covers everything it shows. Errors are collected as diagnostics
and raised together, before anything is written.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble import assemble
from .canonical import base_url_problems
from .config import CONFIG_FILE, SiteConfig, load_config
from .errors import BuildFailed, Diagnostic, error, errors_in, warnings_in
from .fingerprint import fingerprint
from .load import Loaded, duplicate_slugs, load_source
from .markdown import make_markdown
from .models import Paper, PaperRef, Site, Topic
from .output import MARKER, check_output, publish, write_in_place
from .plan import PageSpec, plan_site
from .related import RelatedIndex
from .render import render_pages
from .search import index_site
from .sources import Source, content_sources
from .theme import Theme, load_theme, theme_stamp

FileStamp = tuple[int, int, int]
EXTRA_FILES = {".nojekyll": b""}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line says about one build."""

    root: Path
    output: Path | None = None
    base_url: str | None = None
    strict: bool = False
    drafts: bool = False


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a finished build reports."""

    site: Site
    output: Path
    pages: int
    """Pages planned."""
    rendered: list[str]
    """Output files rendered (or written) by this build."""
    removed: list[str]
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def files(self) -> int:
        """How many files were rendered or written."""
        return len(self.rendered)


def output_dir(options: BuildOptions) -> Path:
    """`--output`, or `site/` in the project."""
    return (options.output or options.root / "site").resolve()


def fail_on(problems: list[Diagnostic], strict: bool) -> None:
    """Raise with every diagnostic if there are errors (or warnings, when strict)."""
    if errors_in(problems) or (strict and problems):
        raise BuildFailed(sorted(problems, key=_order))


def _order(d: Diagnostic) -> tuple[int, str, int]:
    return (d.severity != "error", str(d.path or ""), d.line or 0)


def _stamp(path: Path) -> FileStamp | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


RACY_NS = 100_000_000


@dataclass(frozen=True, slots=True)
class _Entry:
    """A loaded file and how to tell whether it changed since."""

    stamp: FileStamp | None
    digest: bytes
    loaded: Loaded
    read_at: int

    def trusted(self, stamp: FileStamp) -> bool:
        """Same stamp, and not written so close to our read that a change could hide.

        File systems keep mtimes in coarse ticks; as in git's "racy clean"
        rule, a file modified within a tick of our read is re-read and hashed.
        """
        return stamp == self.stamp and self.read_at - stamp[0] > RACY_NS


class Builder:
    """Builds a site again and again, doing only the work that changed.

    `live` is serve mode: files are replaced in place in a folder of its own.
    Otherwise each build publishes a complete new folder atomically, hard-linking
    the pages that did not change from the previous one.
    """

    def __init__(
        self,
        options: BuildOptions,
        output: Path | None = None,
        live: bool = False,
        finalize: Callable[[Path], None] | None = None,
    ) -> None:
        self.options = options
        self.output = (output or output_dir(options)).resolve()
        self.live = live
        self.finalize = finalize
        """Runs on the complete site folder before it goes live (the search index)."""
        self._config: SiteConfig | None = None
        self._config_stamp: FileStamp | None = None
        self._loaded: dict[Path, _Entry] = {}
        self._theme: Theme | None = None
        self._related = RelatedIndex()
        self._written: dict[str, str] = {}
        self.site: Site | None = None

    def build(self) -> BuildResult:
        """One build; raises BuildFailed (writing nothing) when any file has errors."""
        started = time.perf_counter()
        if not self.live:
            check_output(self.output, self.options.root)
        config = self.config()
        site, problems = self.load(config)
        theme = self._load_theme(config)
        specs = plan_site(site)
        prints = {spec.output: self._fingerprint(spec, theme) for spec in specs}
        todo = [spec for spec in specs if not self._unchanged(spec.output, prints)]
        pages, render_problems = render_pages(theme.env, todo)
        fail_on(render_problems, strict=False)
        files = {**self._changed_assets(theme, prints), **pages}
        removed = sorted(set(self._written) - set(prints))
        self._write(files, prints, removed)
        self._written = prints
        self.site = site
        return BuildResult(
            site=site,
            output=self.output,
            pages=len(specs),
            rendered=sorted(files),
            removed=removed,
            warnings=warnings_in(problems),
            seconds=time.perf_counter() - started,
        )

    def load(self, config: SiteConfig) -> tuple[Site, list[Diagnostic]]:
        """Read what changed, index the site, compute related papers."""
        sources, problems = content_sources(config)
        loaded = self._load_sources(config, sources, problems)
        papers = [item.item for item in loaded if isinstance(item.item, Paper)]
        topics = [item.item for item in loaded if isinstance(item.item, Topic)]
        site, site_problems = assemble(config, papers, topics, self.options.drafts)
        problems += [p for item in loaded for p in item.problems]
        problems += duplicate_slugs(loaded) + site_problems + base_url_problems(config)
        fail_on(problems, self.options.strict)
        return with_related(site, self._related), problems

    def config(self) -> SiteConfig:
        """The site config, read again when `paperboard.toml` changed."""
        stamp = _stamp(self.options.root / CONFIG_FILE)
        if self._config is None or stamp != self._config_stamp:
            config = load_config(self.options.root).with_base_url(self.options.base_url)
            if config != self._config:
                self._loaded.clear()
                self._theme = None
                self._written = {k: "" for k in self._written}
            self._config, self._config_stamp = config, stamp
        return self._config

    def _load_sources(
        self, config: SiteConfig, sources: list[Source], problems: list[Diagnostic]
    ) -> list[Loaded]:
        md = None
        fresh: dict[Path, _Entry] = {}
        for source in sources:
            stamp = _stamp(source.path)
            known = self._loaded.get(source.path)
            if known is not None and stamp is not None and known.trusted(stamp):
                fresh[source.path] = known
                continue
            try:
                data = source.path.read_bytes()
            except OSError as exc:
                problems.append(error(f"cannot read the file: {exc.strerror}", source.path))
                continue
            digest = hashlib.blake2b(data, digest_size=16).digest()
            if known is not None and known.digest == digest:
                fresh[source.path] = _Entry(stamp, digest, known.loaded, time.time_ns())
                continue
            md = md or make_markdown(config.markdown)
            loaded = load_source(source, data, md, config.root)
            fresh[source.path] = _Entry(stamp, digest, loaded, time.time_ns())
        self._loaded = fresh
        return [entry.loaded for entry in fresh.values()]

    def _load_theme(self, config: SiteConfig) -> Theme:
        if self._theme is None or self._theme.stamp != theme_stamp(config):
            self._theme = load_theme(config, dev=self.live)
        return self._theme

    def _unchanged(self, name: str, prints: dict[str, str]) -> bool:
        """Already written with this fingerprint (and, when publishing, still on disk)."""
        if self._written.get(name) != prints[name]:
            return False
        return self.live or (self.output / name).is_file()

    def _fingerprint(self, spec: PageSpec, theme: Theme) -> str:
        template = theme.digests.get(spec.template, "missing")
        return fingerprint(spec.url, template, theme.assets_digest, self._config, spec.context)

    def _changed_assets(self, theme: Theme, prints: dict[str, str]) -> dict[str, bytes]:
        files = {**theme.files, **EXTRA_FILES}
        for name, data in files.items():
            prints[name] = hashlib.blake2b(data, digest_size=16).hexdigest()
        return {name: data for name, data in files.items() if not self._unchanged(name, prints)}

    def _write(self, files: dict[str, bytes], prints: dict[str, str], removed: list[str]) -> None:
        if self.live:
            write_in_place(self.output, files, removed)
            if self.finalize is not None:
                self.finalize(self.output)
            return
        keep = [name for name in prints if name not in files]
        publish(self.output, files, self.finalize, keep)


def with_related(site: Site, index: RelatedIndex) -> Site:
    """Attach each paper's most similar papers, from the (incremental) index."""
    by_slug = {p.slug: p for p in site.papers}
    related = {
        slug: tuple(PaperRef(s, by_slug[s].title_html) for s in others)
        for slug, others in index.update(site.papers).items()
    }
    return replace(site, related=related)


def build_site(options: BuildOptions) -> BuildResult:
    """Build the whole site, with its search index, into the output folder, atomically."""
    return Builder(options, finalize=index_site).build()


def load_project(options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Read config and content only (for `check` and importers)."""
    builder = Builder(options)
    return builder.load(builder.config())


__all__ = ["MARKER", "BuildOptions", "BuildResult", "Builder", "build_site", "load_project"]
