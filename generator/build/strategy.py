"""How a published build and a live (`serve`) build differ: one strategy value each.

The orchestrator asks its strategy every question whose answer depends on the
kind of build, and nothing else does. `Publish` and `Live` answer:

- may the output folder be written? Only one Paperboard made / always (serve's own).
- which cached fingerprints still hold? Those of the same output folder / none.
- is a file of the last build unchanged? Same fingerprint and still on disk /
  same fingerprint (nobody else writes the live folder).
- how are files written? A staging folder swapped in / in place, each file atomic.
- is the cache saved? Yes, unless `--no-cache` / never (serve edits stay fast).
- which theme? The published one / the dev one (`dev` in templates: the
  live-reload script; templates reloaded when they change).
- what does the build's digest include? Its `kind`, beside inputs, theme and folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from generator.build.cache import CacheState, cache_key, write_cache
from generator.build.steps import Changes, fail_on
from generator.config import SiteConfig
from generator.errors import Diagnostic
from generator.output.page_writer import Live as LiveWriter
from generator.output.page_writer import Staging
from generator.output.staging import check_output, publish, write_in_place
from generator.render.pages import Place
from generator.site.plan import PageSpec

Render = Callable[[Place, Sequence[PageSpec]], tuple[list[str], list[Diagnostic]]]
"""Render pages, handing each one's bytes to `place`; the files placed and the problems."""
Finalize = Callable[[Path], None]
"""Runs on the complete site folder before it goes live (the search index)."""


class Strategy(Protocol):
    """What kind of build this is: where files go, how, and what is kept."""

    @property
    def output(self) -> Path:
        """The folder the site is served or published from."""

    @property
    def kind(self) -> str:
        """A name for the kind of build, part of the build's digest."""

    @property
    def dev_theme(self) -> bool:
        """Load the theme for development (templates reloaded when they change)."""

    def prepare(self) -> None:
        """Refuse to start when the output folder is not the build's to write."""

    def adopt(self, state: CacheState) -> CacheState:
        """The part of a restored cache that still describes this build's output."""

    def present(self, name: str) -> bool:
        """The last build's file `name` is still in the output folder."""

    def write(self, changes: Changes, render: Render) -> None:
        """Render and write the changes, then make them current; raise BuildFailed first."""

    def save(self, config: SiteConfig, state: CacheState) -> None:
        """Leave `state` for the next process, if this kind of build does."""


@dataclass(frozen=True, slots=True)
class Publish:
    """A complete new folder each build, swapped in atomically; the state is cached.

    Pages that did not change are hard-linked from the previous site.
    """

    output: Path
    root: Path
    """The project, which the output folder must not be or contain."""
    cache: bool = True
    finalize: Finalize | None = None
    kind: str = "publish"
    dev_theme: bool = False

    def prepare(self) -> None:
        """Refuse an output folder Paperboard did not make."""
        check_output(self.output, self.root)

    def adopt(self, state: CacheState) -> CacheState:
        """Keep the fingerprints only when the cache describes this output folder."""
        return state if state.output == str(self.output) else state.without_output()

    def present(self, name: str) -> bool:
        """A file can vanish from a published folder between builds."""
        return os.path.isfile(os.path.join(self.output, name))

    def write(self, changes: Changes, render: Render) -> None:
        """Render the pages straight into a staging folder, then swap it into place."""

        def fill(staging: Path) -> None:
            _, problems = render(Staging(staging, self.output).place, changes.pages)
            fail_on(problems, strict=False)

        publish(self.output, changes.assets, self.finalize, changes.kept, fill=fill)

    def save(self, config: SiteConfig, state: CacheState) -> None:
        """Write the cache for the next process (unless `--no-cache`)."""
        if self.cache:
            write_cache(config.root, cache_key(config), replace(state, output=str(self.output)))


@dataclass(frozen=True, slots=True)
class Live:
    """Serve mode: files replaced in place, in a folder of its own; nothing is cached.

    Each changed page is written beside its target and all are renamed into
    place once every page rendered, so a failed build changes nothing served.
    """

    output: Path
    finalize: Finalize | None = None
    kind: str = "live"
    dev_theme: bool = True

    def prepare(self) -> None:
        """The live folder is serve's own: nothing to check."""

    def adopt(self, state: CacheState) -> CacheState:
        """Keep the parsed files, not the fingerprints: the live folder starts empty."""
        return state.without_output()

    def present(self, name: str) -> bool:
        """Only this process writes the live folder: what it wrote is there."""
        return True

    def write(self, changes: Changes, render: Render) -> None:
        """Stage the pages beside the served files, then swap each into place."""
        sink = LiveWriter(self.output)
        written, problems = render(sink.place, changes.pages)
        if problems:
            sink.abort(written)
            fail_on(problems, strict=False)
        write_in_place(self.output, changes.assets, changes.removed)
        sink.commit(written)
        if self.finalize is not None:
            self.finalize(self.output)

    def save(self, config: SiteConfig, state: CacheState) -> None:
        """Serve never writes the cache: writing it would slow every edit."""
