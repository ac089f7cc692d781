"""The build, as its steps: config -> restore cache -> sources -> refresh -> assemble ->
related -> plan -> fingerprint -> write -> save cache.

`Builder` runs them, again and again in `serve`, doing only the work that
changed: it re-reads only changed files, re-plans the whole site (cheap,
pure), and renders only the pages whose fingerprint moved. Correctness does
not rest on a dependency graph: a page's fingerprint covers everything it
shows. Errors are collected as diagnostics and raised together, before
anything is written. The steps are in `steps`; what differs between a
published and a live build is its `strategy`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build.cache import CacheState
from generator.build.refresh import FileStamp, file_stamp
from generator.build.steps import (
    Changes,
    PrintMemo,
    RefMemo,
    assemble_site,
    asset_files,
    asset_prints,
    changed_pictures,
    fail_on_content,
    find_changes,
    input_digest,
    picture_prints,
    read_pictures,
    read_sources,
    refresh_entries,
    related_index,
    restore_cache,
    with_related,
)
from generator.build.strategy import Finalize, Live, Publish, Render, Strategy
from generator.config import CONFIG_FILE, SiteConfig, load_config
from generator.content.sources import require_project
from generator.errors import Diagnostic, OutputRefused, os_problem, warnings_in
from generator.models import Site
from generator.output.lock import output_lock
from generator.output.search_index import index_site
from generator.output.staging import check_output
from generator.render.pages import Place, render_into
from generator.render.progress import Progress, Silent
from generator.render.theme import Theme, load_theme, theme_stamp
from generator.site.canonical import base_url_problems
from generator.site.fingerprint import fingerprint
from generator.site.plan import PageSpec, plan_site


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
    wait: bool = True
    """Wait for another build into the same output folder (`--no-wait`: refuse at once)."""


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


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """The site of the current content, its warnings, and the state that remembers both."""

    site: Site
    problems: tuple[Diagnostic, ...]
    state: CacheState


def output_dir(options: BuildOptions) -> Path:
    """`--output`, or `site/` in the project."""
    return (options.output or options.root / "site").resolve()


class Builder:
    """Builds a site again and again, doing only the work that changed.

    `live` is serve mode (the `Live` strategy): files are replaced in place in
    a folder of its own. Otherwise (`Publish`) each build publishes a complete
    new folder atomically, hard-linking the pages that did not change from the
    previous one, and leaves its state in `.paperboard-cache/` for the next
    process (unless `options.cache` is off).
    """

    def __init__(
        self,
        options: BuildOptions,
        output: Path | None = None,
        live: bool = False,
        finalize: Finalize | None = None,
    ) -> None:
        self.options = options
        folder = (output or output_dir(options)).resolve()
        self.strategy: Strategy = (
            Live(folder, finalize)
            if live
            else Publish(folder, options.root, options.cache, finalize)
        )
        self._config: tuple[SiteConfig, FileStamp | None] | None = None
        self._state: CacheState | None = None
        """None until restored: the cache is read by the first build only."""
        self._theme: Theme | None = None
        self._prints = PrintMemo()
        self._refs: RefMemo = {}
        self._notes: list[Diagnostic] = []
        """Said once, by the next build's result: why the cache was not used."""

    @property
    def output(self) -> Path:
        """The folder the site is written to."""
        return self.strategy.output

    def build(self) -> BuildResult:
        """One build; raises BuildFailed (writing nothing) when any file has errors."""
        started = time.perf_counter()
        self.strategy.prepare()
        config = self.config()
        loaded = self.load(config, self.restore(config))
        state, theme = loaded.state, self.theme(config)
        done = fingerprint(state.inputs, theme.stamp, str(self.output), self.strategy.kind)
        if done == state.done and all(map(self.strategy.present, state.written)):
            return self._result(loaded, state.pages, Changes.nothing(), started)
        specs = plan_site(loaded.site)
        assets = asset_files(theme)
        pictures = picture_prints(loaded.site)
        assets.update(changed_pictures(loaded.site, pictures, state.written, self.strategy.present))
        prints = {**self._prints.prints(specs, theme, config), **asset_prints(assets), **pictures}
        changes = find_changes(specs, assets, prints, state.written, self.strategy.present)
        if not changes.empty:
            self.strategy.write(changes, self._renderer(theme))
        self._state = state = replace(state, written=prints, done=done, pages=len(specs))
        self.strategy.save(config, state)
        return self._result(loaded, len(specs), changes, started)

    def config(self) -> SiteConfig:
        """The site config, read again when `paperboard.toml` changed."""
        stamp = file_stamp(self.options.root / CONFIG_FILE)
        if self._config is not None and stamp == self._config[1]:
            return self._config[0]
        config = load_config(self.options.root).with_base_url(self.options.base_url)
        if self._config is None or config != self._config[0]:
            self._prints.clear()
            self._theme = None
            if self._state is not None:
                self._state = self._state.for_new_config()
        self._config = (config, stamp)
        return config

    def restore(self, config: SiteConfig) -> CacheState:
        """The last build's state: this process's, or else what the cache folder holds."""
        if self._state is None:
            state, self._notes = restore_cache(config, self.options.cache)
            self._state = self.strategy.adopt(state)
        return self._state

    def load(self, config: SiteConfig, state: CacheState) -> LoadedSite:
        """Read what changed, index the site, compute related papers (or reuse all of it)."""
        drafts, strict, quiet = self.options.drafts, self.options.strict, self.options.quiet
        sources = read_sources(config)
        entries, sources = refresh_entries(state.entries, config, sources, self.options.workers)
        pictures = read_pictures(config, entries, state.images)
        self._state = state = replace(state, entries=entries, images=pictures.known)
        inputs = input_digest(config, entries, sources, drafts, strict, pictures)
        if inputs == state.inputs and state.site is not None:
            fail_on_content(state.problems, config, strict, quiet)
            return LoadedSite(state.site, state.problems, state)
        assembled = assemble_site(config, entries, sources, drafts, pictures)
        fail_on_content(assembled.problems, config, strict, quiet)
        index = related_index(state.related)
        site = with_related(assembled.site, index, self._refs)
        problems = assembled.problems
        self._state = state = replace(
            state, related=index, site=site, inputs=inputs, problems=problems
        )
        return LoadedSite(site, problems, state)

    def theme(self, config: SiteConfig) -> Theme:
        """The theme, loaded again when one of its files changed."""
        if self._theme is None or self._theme.stamp != theme_stamp(config):
            self._theme = load_theme(config, dev=self.strategy.dev_theme)
        return self._theme

    def _renderer(self, theme: Theme) -> Render:
        """Render pages with `theme`, over the configured processes, showing progress."""
        progress = Silent() if self.options.quiet else Progress()
        workers = self.options.workers

        def render(place: Place, specs: Sequence[PageSpec]) -> tuple[list[str], list[Diagnostic]]:
            return render_into(theme.env, specs, place, theme.fragments, progress, workers)

        return render

    def _result(
        self, loaded: LoadedSite, pages: int, changes: Changes, started: float
    ) -> BuildResult:
        theme = self._theme.problems if self._theme is not None else ()
        warnings = [*self._notes, *theme, *warnings_in(loaded.problems)]
        self._notes = []
        advice = [w for w in base_url_problems(loaded.site.config) if w in warnings]
        seconds = time.perf_counter() - started
        written, removed = changes.written, changes.removed
        return BuildResult(
            loaded.site, self.output, pages, written, removed, warnings, seconds, advice
        )


def build_site(options: BuildOptions, on_wait: Callable[[str], None] | None = None) -> BuildResult:
    """Build the whole site, with its search index, into the output folder, atomically.

    The output's lock is held throughout: a second build into the same folder
    waits (telling `on_wait`) or, without `options.wait`, is refused. The
    folder is checked before the lock file is made beside it (a refused
    `--output` leaves nothing behind) and again under the lock. The site being
    replaced lends its search index when no paper page changed.
    """
    require_project(options.root)
    output = output_dir(options)
    check_output(output, options.root, load_config(options.root).theme_dir)
    try:
        with output_lock(output, options.wait, on_wait):
            finalize = functools.partial(index_site, previous=output)
            return Builder(options, finalize=finalize).build()
    except OSError as exc:
        raise OutputRefused([os_problem(exc, f"writing the site into {output}")]) from None


def load_project(options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Read config and content only (for `check` and importers)."""
    builder = Builder(options)
    config = builder.config()
    loaded = builder.load(config, builder.restore(config))
    return loaded.site, list(loaded.problems)


__all__ = ["BuildOptions", "BuildResult", "Builder", "build_site", "load_project", "output_dir"]
