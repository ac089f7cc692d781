"""The build: config -> sources -> load -> assemble -> plan -> render -> publish.

This is the only orchestrator; each step is a function of the previous
step's value. Errors are collected as diagnostics and raised together, before
anything is written.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import assemble
from .config import SiteConfig, load_config
from .errors import BuildFailed, Diagnostic, error, errors_in, warnings_in
from .load import Loaded, duplicate_slugs, load_source
from .markdown import make_markdown
from .models import Paper, Site, Topic
from .output import MARKER, check_output, publish
from .plan import plan_site
from .render import render_pages
from .sources import content_sources, static_files, theme_dirs
from .templates import make_env

FINGERPRINTED = (".css", ".js")


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
    files: int
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def output_dir(options: BuildOptions) -> Path:
    """`--output`, or `site/` in the project."""
    return (options.output or options.root / "site").resolve()


def load_project(options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Read config and content; raise BuildFailed when any file has errors."""
    config = load_config(options.root).with_base_url(options.base_url)
    sources, problems = content_sources(config)
    md = make_markdown(config.markdown)
    loaded = []
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            problems.append(error(f"cannot read the file: {exc.strerror}", source.path))
            continue
        loaded.append(load_source(source, data, md, config.root))
    site, site_problems = assemble_loaded(config, loaded, options.drafts)
    problems += [p for item in loaded for p in item.problems]
    problems += duplicate_slugs(loaded) + site_problems
    fail_on(problems, options.strict)
    return site, problems


def assemble_loaded(
    config: SiteConfig, loaded: list[Loaded], drafts: bool
) -> tuple[Site, list[Diagnostic]]:
    """Index the files that loaded cleanly."""
    papers = [item.item for item in loaded if isinstance(item.item, Paper)]
    topics = [item.item for item in loaded if isinstance(item.item, Topic)]
    return assemble(config, papers, topics, drafts)


def fail_on(problems: list[Diagnostic], strict: bool) -> None:
    """Raise with every diagnostic if there are errors (or warnings, when strict)."""
    if errors_in(problems) or (strict and problems):
        raise BuildFailed(sorted(problems, key=_order))


def _order(d: Diagnostic) -> tuple[int, str, int]:
    return (d.severity != "error", str(d.path or ""), d.line or 0)


def static_assets(config: SiteConfig) -> tuple[dict[str, str], dict[str, bytes]]:
    """Theme static files: name -> fingerprinted name, and output path -> bytes."""
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for name, path in static_files(config):
        data = path.read_bytes()
        final = name
        if path.suffix in FINGERPRINTED:
            digest = hashlib.blake2b(data, digest_size=5).hexdigest()
            final = f"{name[: -len(path.suffix)]}.{digest}{path.suffix}"
        names[name] = final
        files["static/" + final] = data
    return names, files


def render_site(site: Site, assets: Mapping[str, str]) -> dict[str, bytes]:
    """Plan and render every page; raise BuildFailed on template errors."""
    env = make_env(site.config, theme_dirs(site.config), assets)
    files, problems = render_pages(env, plan_site(site))
    fail_on(problems, strict=False)
    return files


def build_site(options: BuildOptions) -> BuildResult:
    """Build the whole site into the output folder, atomically."""
    started = time.perf_counter()
    output = output_dir(options)
    check_output(output, options.root)
    site, problems = load_project(options)
    assets, files = static_assets(site.config)
    pages = render_site(site, assets)
    files.update(pages)
    files[".nojekyll"] = b""
    files.pop(MARKER, None)
    publish(output, files)
    return BuildResult(
        site=site,
        output=output,
        pages=len(pages),
        files=len(files),
        warnings=warnings_in(problems),
        seconds=time.perf_counter() - started,
    )
