"""The theme as one value: the Jinja environment, template digests and assets.

A theme is reloaded only when one of its files changes (its stamp moves);
then pages are re-rendered only where their template's digest moved.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import SiteConfig
from .fingerprint import fingerprint
from .sources import is_debris, static_files, theme_dirs
from .templates import make_env, template_digests

FINGERPRINTED = (".css", ".js")
Stamp = tuple[tuple[str, int, int], ...]


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

    @property
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
    return Theme(env, template_digests(env), assets, files, stamp)


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
