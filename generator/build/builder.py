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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.build.cache import CacheState, Packed, cache_key, read_cache, write_cache
from generator.build.refresh import FileStamp, file_stamp, refresh
from generator.config import CONFIG_FILE, SiteConfig, load_config
from generator.content.assemble import assemble
from generator.content.load import duplicate_slugs
from generator.content.sources import content_sources
from generator.errors import BuildFailed, Diagnostic, errors_in, warnings_in
from generator.models import Paper, PaperRef, Site, Topic
from generator.output.page_writer import Live, Staging
from generator.output.search_index import index_site
from generator.output.staging import MARKER, check_output, publish, write_in_place
from generator.render.pages import render_into
from generator.render.progress import Progress, Silent
from generator.render.theme import Theme, load_theme, theme_stamp
from generator.site.canonical import base_url_problems
from generator.site.fingerprint import fingerprint
from generator.site.plan import PageSpec, plan_site

if TYPE_CHECKING:
    from generator.site.related import RelatedIndex

EXTRA_FILES = {".nojekyll": b""}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line says about one build."""

    root: Path
    output: Path | None = None
    base_url: str | None = None
    strict: bool = False
    drafts: bool = False
    cache: bool = True
    """Read and write `.paperboard-cache/` (`--no-cache` turns it off)."""
    quiet: bool = False
    """No progress display."""
    workers: int | None = None
    """Processes that load and render (None: as many as pay off on this machine)."""


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
    advice: list[Diagnostic] = field(default_factory=list)
    """The warnings about settings rather than content (a base URL without a host)."""

    @property
    def files(self) -> int:
        """How many files were rendered or written."""
        return len(self.rendered)

    def reported(self, quiet: bool) -> list[Diagnostic]:
        """The warnings to print: `-q` keeps the problems in the content, not the advice."""
        return [w for w in self.warnings if not (quiet and w in self.advice)]


def output_dir(options: BuildOptions) -> Path:
    """`--output`, or `site/` in the project."""
    return (options.output or options.root / "site").resolve()


def fail_on(problems: list[Diagnostic], strict: bool) -> None:
    """Raise with every diagnostic if there are errors (or warnings, when strict)."""
    if errors_in(problems) or (strict and problems):
        raise BuildFailed(sorted(problems, key=_order))


def _order(d: Diagnostic) -> tuple[int, str, int]:
    return (d.severity != "error", str(d.path or ""), d.line or 0)


class Builder:
    """Builds a site again and again, doing only the work that changed.

    `live` is serve mode: files are replaced in place in a folder of its own.
    Otherwise each build publishes a complete new folder atomically, hard-linking
    the pages that did not change from the previous one, and leaves its state
    in `.paperboard-cache/` for the next process (unless `options.cache` is off).
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
        self._theme: Theme | None = None
        self._state = CacheState()
        self._restored = not options.cache
        self._memo: dict[str, tuple[str, Mapping[str, Any], str]] = {}
        """Output -> (template and assets digest, context, fingerprint) of the last plan."""
        self._refs: RefMemo = {}
        self.site: Site | None = None

    def build(self) -> BuildResult:
        """One build; raises BuildFailed (writing nothing) when any file has errors."""
        started = time.perf_counter()
        if not self.live:
            check_output(self.output, self.options.root)
        config = self.config()
        site, problems = self.load(config)
        theme = self._load_theme(config)
        done = fingerprint(self._state.inputs, theme.stamp, str(self.output), self.live)
        if done == self._state.done and self._intact():
            return self._result(site, self._state.pages, [], [], problems, started)
        specs = plan_site(site)
        prints = {spec.output: self._fingerprint(spec, theme) for spec in specs}
        todo = [spec for spec in specs if not self._unchanged(spec.output, prints)]
        assets = self._changed_assets(theme, prints)
        removed = sorted(set(self._state.written) - set(prints))
        if todo or assets or removed or not self._intact():
            self._write(theme, todo, assets, prints, removed)
        self._state.written = prints
        self._state.done, self._state.pages = done, len(specs)
        self._save(config)
        rendered = sorted([*assets, *(spec.output for spec in todo)])
        return self._result(site, len(specs), rendered, removed, problems, started)

    def _result(
        self,
        site: Site,
        pages: int,
        rendered: list[str],
        removed: list[str],
        problems: list[Diagnostic],
        started: float,
    ) -> BuildResult:
        self.site = site
        seconds = time.perf_counter() - started
        warnings = warnings_in(problems)
        advice = [w for w in base_url_problems(site.config) if w in warnings]
        return BuildResult(site, self.output, pages, rendered, removed, warnings, seconds, advice)

    def load(self, config: SiteConfig) -> tuple[Site, list[Diagnostic]]:
        """Read what changed, index the site, compute related papers."""
        self._restore(config)
        state = self._state
        sources, problems = content_sources(config)
        state.entries = refresh(state.entries, config, sources, problems, self.options.workers)
        inputs = self._inputs(config, problems)
        if inputs == state.inputs and state.site is not None:
            self._fail_on(state.problems, config)
            return state.site, list(state.problems)
        loaded = [entry.loaded for entry in state.entries.values()]
        papers = [item.item for item in loaded if isinstance(item.item, Paper)]
        topics = [item.item for item in loaded if isinstance(item.item, Topic)]
        site, site_problems = assemble(config, papers, topics, self.options.drafts)
        problems += [p for item in loaded for p in item.problems]
        problems += duplicate_slugs(loaded) + site_problems + base_url_problems(config)
        self._fail_on(problems, config)
        state.site = with_related(site, self._related(), self._refs)
        state.inputs, state.problems = inputs, problems
        return state.site, list(problems)

    def _fail_on(self, problems: list[Diagnostic], config: SiteConfig) -> None:
        """`fail_on`; with `-q` (and without `--strict`) the base-URL advice is left out."""
        if errors_in(problems) and self.options.quiet and not self.options.strict:
            advice = base_url_problems(config)
            problems = [p for p in problems if p not in advice]
        fail_on(problems, self.options.strict)

    def _related(self) -> RelatedIndex:
        """The related-papers index: unpacked from the cache, or new (imported only when needed)."""
        related = self._state.related
        if isinstance(related, Packed):
            related = related.unpack()
        if related is None:
            from generator.site.related import RelatedIndex

            related = RelatedIndex()
        index: RelatedIndex = related
        self._state.related = index
        return index

    def _inputs(self, config: SiteConfig, problems: list[Diagnostic]) -> str:
        """Everything the site is a function of: equal inputs, equal site."""
        files = [(str(path), entry.digest.hex()) for path, entry in self._state.entries.items()]
        options = (self.options.drafts, self.options.strict)
        return fingerprint(config, options, files, [d.format(None) for d in problems])

    def _restore(self, config: SiteConfig) -> None:
        """Adopt the state the last build left in the cache folder (once)."""
        if self._restored:
            return
        self._restored = True
        state = read_cache(config.root, cache_key(config))
        if state is None:
            return
        if state.output != str(self.output) or self.live:
            state.written, state.done = {}, ""
        self._state = state

    def _save(self, config: SiteConfig) -> None:
        """Leave the state for the next process (publishing builds only: serve edits stay fast)."""
        if self.options.cache and not self.live:
            self._state.output = str(self.output)
            write_cache(config.root, cache_key(config), self._state)

    def config(self) -> SiteConfig:
        """The site config, read again when `paperboard.toml` changed."""
        stamp = file_stamp(self.options.root / CONFIG_FILE)
        if self._config is None or stamp != self._config_stamp:
            config = load_config(self.options.root).with_base_url(self.options.base_url)
            if config != self._config:
                self._memo.clear()
                self._state.entries.clear()
                self._theme = None
                self._state.written = {k: "" for k in self._state.written}
            self._config, self._config_stamp = config, stamp
        return self._config

    def _load_theme(self, config: SiteConfig) -> Theme:
        if self._theme is None or self._theme.stamp != theme_stamp(config):
            self._theme = load_theme(config, dev=self.live)
        return self._theme

    def _intact(self) -> bool:
        """Every file of the last build is still there (serve mode owns its folder)."""
        if self.live:
            return True
        out = str(self.output)
        return all(os.path.isfile(os.path.join(out, name)) for name in self._state.written)

    def _unchanged(self, name: str, prints: dict[str, str]) -> bool:
        """Already written with this fingerprint (and, when publishing, still on disk)."""
        if self._state.written.get(name) != prints[name]:
            return False
        return self.live or (self.output / name).is_file()

    def _fingerprint(self, spec: PageSpec, theme: Theme) -> str:
        """The page's fingerprint, reused when its context equals the last build's.

        Equal contexts give equal fingerprints, and comparing is cheap: unchanged
        papers are the same objects as last time, so tuples of them compare by
        identity in C instead of being walked again.
        """
        key = theme.digests.get(spec.template, "missing") + theme.assets_digest
        memo = self._memo.get(spec.output)
        if memo is not None and memo[0] == key and memo[1] == spec.context:
            return memo[2]
        value = fingerprint(spec.url, key, self._config, spec.context)
        self._memo[spec.output] = (key, spec.context, value)
        return value

    def _changed_assets(self, theme: Theme, prints: dict[str, str]) -> dict[str, bytes]:
        files = {**theme.files, **EXTRA_FILES}
        for name, data in files.items():
            prints[name] = hashlib.blake2b(data, digest_size=16).hexdigest()
        return {name: data for name, data in files.items() if not self._unchanged(name, prints)}

    def _write(
        self,
        theme: Theme,
        todo: list[PageSpec],
        assets: dict[str, bytes],
        prints: dict[str, str],
        removed: list[str],
    ) -> None:
        """Render the pages straight into place, then make the new site current."""
        progress = Silent() if self.options.quiet else Progress()
        if self.live:
            sink = Live(self.output)
            written, problems = render_into(
                theme.env, todo, sink.place, theme.fragments, progress, self.options.workers
            )
            if problems:
                sink.abort(written)
                fail_on(problems, strict=False)
            write_in_place(self.output, assets, removed)
            sink.commit(written)
            if self.finalize is not None:
                self.finalize(self.output)
            return

        def fill(staging: Path) -> None:
            sink = Staging(staging, self.output)
            _, problems = render_into(
                theme.env, todo, sink.place, theme.fragments, progress, self.options.workers
            )
            fail_on(problems, strict=False)

        rendered = {spec.output for spec in todo} | set(assets)
        keep = [name for name in prints if name not in rendered]
        publish(self.output, assets, self.finalize, keep, fill=fill)


RefMemo = dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[PaperRef, ...]]]


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


def build_site(options: BuildOptions) -> BuildResult:
    """Build the whole site, with its search index, into the output folder, atomically."""
    return Builder(options, finalize=index_site).build()


def load_project(options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Read config and content only (for `check` and importers)."""
    builder = Builder(options)
    return builder.load(builder.config())


__all__ = ["MARKER", "BuildOptions", "BuildResult", "Builder", "build_site", "load_project"]
