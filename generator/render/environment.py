"""The Jinja2 environment: the user's theme first, autoescape on, a few filters.

Everything a template needs from the build arrives as a value (the config,
the asset names); there is no module state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2 import meta

from generator import urls
from generator.config import SiteConfig
from generator.render import template_globals
from generator.render.theme_loader import ThemeLoader
from generator.scholarly import PartialDate
from generator.site import canonical

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
"""English month names, whatever the machine's locale (`strftime("%B")` follows it)."""


def make_env(
    config: SiteConfig, theme_dirs: list[Path], assets: Mapping[str, str], dev: bool = False
) -> jinja2.Environment:
    """One environment per build. `assets` maps a static name to its fingerprinted name."""
    env = jinja2.Environment(
        loader=ThemeLoader(theme_dirs),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "svg"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=dev,
    )
    base_path = config.base_path
    env.globals.update(
        config=config,
        dev=dev,
        url=lambda url: urls.href(base_path, url),
        abs_url=lambda url: canonical.absolute_url(config, url),
        asset=lambda name: urls.href(base_path, "static/" + assets.get(name, name)),
        paper_url=urls.paper_url,
        topic_url=urls.topic_url,
        author_url=lambda name: urls.author_url(urls.slugify(name)),
        home_url=urls.home_url,
        **template_globals.template_globals(config),
    )
    env.filters.update(date=format_date, month_name=month_name, isodate=_isodate)
    return env


def format_date(value: PartialDate | dt.date) -> str:
    """21 March 2025, March 2025 or 2025: unambiguous in every locale, and only what is known."""
    if isinstance(value, dt.date):
        value = PartialDate.of(value)
    if value.month is None:
        return str(value.year)
    month = MONTH_NAMES[value.month - 1]
    return f"{value.day} {month} {value.year}" if value.day else f"{month} {value.year}"


def month_name(period: str) -> str:
    """An archive period: `2025-03` -> March 2025, `2025` -> 2025."""
    return format_date(PartialDate.parse(period))


def _isodate(value: PartialDate | dt.date) -> str:
    return value.isoformat()


def template_digests(env: jinja2.Environment) -> dict[str, str]:
    """A digest per template that changes when it or anything it includes changes."""
    loader = env.loader
    assert loader is not None
    sources: dict[str, str] = {}
    for name in loader.list_templates():
        sources[name] = loader.get_source(env, name)[0]
    direct = {name: _references(env, source) for name, source in sources.items()}
    digests = {}
    for name in sources:
        closure = _closure(name, direct)
        blob = "\0".join(f"{n}\0{sources[n]}" for n in sorted(closure) if n in sources)
        digests[name] = hashlib.blake2b(blob.encode(), digest_size=16).hexdigest()
    return digests


def _references(env: jinja2.Environment, source: str) -> set[str]:
    """Templates a source includes or extends; every template when one is dynamic."""
    try:
        found = set(meta.find_referenced_templates(env.parse(source)))
    except jinja2.TemplateSyntaxError:
        return set()
    if None in found:
        return set(env.list_templates())
    return {name for name in found if name is not None}


def _closure(name: str, direct: Mapping[str, set[str]]) -> set[str]:
    seen = {name}
    stack = [name]
    while stack:
        for ref in direct.get(stack.pop(), ()):
            if ref not in seen:
                seen.add(ref)
                stack.append(ref)
    return seen
