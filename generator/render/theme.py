"""The theme as one value: the Jinja environment, template digests and assets.

A theme is reloaded only when one of its files changes (its stamp moves);
then pages are re-rendered only where their template's digest moved.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from generator.config import SiteConfig
from generator.content.sources import is_debris, static_files, theme_dirs, theme_problems
from generator.errors import Diagnostic
from generator.render.environment import make_env, template_digests
from generator.render.fragments import FragmentCache, memoize_fragments
from generator.site.fingerprint import fingerprint

FINGERPRINTED = (".css", ".js")
Stamp = tuple[tuple[str, int, int], ...]
PURE_GLOBALS = ("url", "abs_url", "asset", "paper_url", "topic_url", "author_url")
"""Template functions of one string whose result depends on nothing else: memoized."""


@dataclass(frozen=True)
class Theme:
    """Everything rendering needs from the theme folders."""

    env: jinja2.Environment
    digests: dict[str, str]
    """Template name -> digest of it and everything it includes or extends."""
    assets: dict[str, str]
    """Static name -> fingerprinted name (`style.css` -> `style.1a2b3c4d5e.css`)."""
    files: dict[str, bytes]
    """Output path -> bytes of every static file."""
    stamp: Stamp
    problems: tuple[Diagnostic, ...] = ()
    """Theme files not read: links out of the theme, special files (warnings)."""
    fragments: FragmentCache = field(default_factory=FragmentCache)
    """Rendered cards, kept as long as this theme (and so this config) is current."""

    @cached_property
    def assets_digest(self) -> str:
        """Changes when any asset's name changes (every page links the stylesheet)."""
        return fingerprint(self.assets)


def theme_stamp(config: SiteConfig) -> Stamp:
    """(path, mtime, size) of every theme file: cheap to compare on each rebuild."""
    entries = []
    for folder in theme_dirs(config):
        for base, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not is_debris(d))
            for name in sorted(names):
                if is_debris(name):
                    continue
                path = os.path.join(base, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                entries.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def load_theme(config: SiteConfig, dev: bool = False) -> Theme:
    """Read the static files and make the environment."""
    stamp = theme_stamp(config)
    assets, files = static_assets(config)
    env = make_env(config, theme_dirs(config), assets, dev=dev)
    memoize_globals(env)
    problems = tuple(theme_problems(config))
    theme = Theme(env, template_digests(env), assets, files, stamp, problems)
    memoize_fragments(env, theme.fragments)
    return theme


def memoize_globals(env: jinja2.Environment, names: tuple[str, ...] = PURE_GLOBALS) -> None:
    """Remember the URL helpers' results: a page calls them dozens of times."""
    for name in names:
        function = env.globals.get(name)
        if callable(function):
            env.globals[name] = _memo(function)


def _memo(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    results: dict[Any, Any] = {}

    def memoized(argument: Any) -> Any:
        try:
            return results[argument]
        except KeyError:
            value = results[argument] = function(argument)
            return value
        except TypeError:
            return function(argument)

    return memoized


def static_assets(config: SiteConfig) -> tuple[dict[str, str], dict[str, bytes]]:
    """Theme static files: name -> fingerprinted name, and output path -> bytes."""
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for name, path in static_files(config):
        data = Path(path).read_bytes()
        final = name
        if path.suffix in FINGERPRINTED:
            digest = hashlib.blake2b(data, digest_size=5).hexdigest()
            final = f"{name[: -len(path.suffix)]}.{digest}{path.suffix}"
        names[name] = final
        files["static/" + final] = data
    return names, files
