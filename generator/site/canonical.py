"""Absolute URLs and stable ids, for feeds, the sitemap and meta tags.

Feeds, sitemaps, Open Graph and Highwire tags need absolute URLs, but
`base_url` may be a bare path (`/` by default, `/repo/` for a project page).
The host then comes from `cname` when one is set (a custom domain is served
over https at its root). Without either, links fall back to root-relative
paths, the build warns once, and Atom ids become `tag:` URIs (RFC 4151) under
the reserved `.invalid` domain, so they are still valid, stable and unique
per site title and path until a real host is configured.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from generator import urls
from generator.config import CONFIG_FILE, SiteConfig
from generator.errors import Diagnostic, warning

TAG_AUTHORITY = "paperboard.invalid,2025"
"""Never owned by anyone (RFC 2606), so these tags cannot collide with a real site's."""
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def absolute_base(config: SiteConfig) -> str | None:
    """`https://host/path/` when the site's host is known, else None."""
    return _absolute_base(config.base_url, config.cname, config.base_path)


@functools.lru_cache(maxsize=64)
def _absolute_base(base_url: str, cname: str, base_path: str) -> str | None:
    parts = urlsplit(base_url)
    if parts.scheme and parts.netloc:
        return quote(base_url, safe=_URL_SAFE)
    cname = cname.strip()
    host = urlsplit(cname if "//" in cname else "//" + cname).netloc if cname else ""
    if host:
        return f"https://{quote(host, safe=_URL_SAFE)}{quote(base_path, safe=_URL_SAFE)}"
    return None


def absolute_url(config: SiteConfig, url: str) -> str:
    """A site-relative URL made absolute; root-relative when no host is known."""
    return _absolute_url(config.base_url, config.cname, config.base_path, url)


@functools.lru_cache(maxsize=1 << 17)
def _absolute_url(base_url: str, cname: str, base_path: str, url: str) -> str:
    """Cached on strings, whose hashes Python keeps: feeds and the sitemap ask often."""
    base = _absolute_base(base_url, cname, base_path)
    if base is None:
        return urls.href(base_path, url)
    return urls.absolute(base, url)


def stable_id(config: SiteConfig, url: str) -> str:
    """An Atom id: the absolute URL, or a `tag:` URI when no host is known."""
    if absolute_base(config) is not None:
        return absolute_url(config, url)
    site = urls.slugify(config.title) or "paperboard"
    return f"tag:{TAG_AUTHORITY}:{quote(site + config.base_path + url, safe='/-._~')}"


def base_url_problems(config: SiteConfig) -> list[Diagnostic]:
    """One warning when feeds and the sitemap cannot carry absolute URLs."""
    if absolute_base(config) is not None:
        return []
    path = config.root / CONFIG_FILE
    return [
        warning(
            f"base_url {config.base_url!r} has no host, so feeds, sitemap.xml and "
            "meta tags use root-relative links and feed ids are tag: URIs",
            path if path.is_file() else None,
            _setting_line(path, "base_url"),
            'set base_url = "https://user.github.io/repo/" or cname in paperboard.toml, '
            "or pass --base-url",
        )
    ]


def _setting_line(path: Path, key: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
