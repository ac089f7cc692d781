"""Render a repeated fragment once per distinct input: a paper's card, for one.

A paper's card appears on the home page, on each of its topics' pages and on
each of its authors' pages: about eight times at 10,000 papers. The card
template's output depends only on the variables it reads, so its render
function is wrapped to remember the output by the values of exactly those
variables (a paper by its digest). Templates keep using a plain
`{% include %}`, so themes and page fingerprints are unaffected; a fragment
that reads anything that cannot be keyed (a loop, a mutable value) is simply
rendered each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2 import meta

from generator.models import Paper

FRAGMENTS = ("partials/paper_card.html",)
Key = tuple[Any, ...]
_MISSING = "\0missing"
_UNKEYABLE = object()


class FragmentCache:
    """Rendered fragments by (template, key), and which ones are new since `take_new`."""

    def __init__(self) -> None:
        self.entries: dict[Key, str] = {}
        self._new: list[Key] = []

    def get(self, key: Key, render: Callable[[], str]) -> str:
        """The cached output, or render and remember it."""
        hit = self.entries.get(key)
        if hit is None:
            hit = self.entries[key] = render()
            self._new.append(key)
        return hit

    def take_new(self) -> dict[Key, str]:
        """Entries added since the last call (what a worker process sends back)."""
        new = {key: self.entries[key] for key in self._new}
        self._new = []
        return new

    def merge(self, entries: dict[Key, str]) -> None:
        """Adopt entries rendered by another process."""
        self.entries.update(entries)


def memoize_fragments(
    env: jinja2.Environment, cache: FragmentCache, names: tuple[str, ...] = FRAGMENTS
) -> None:
    """Wrap each fragment template's render function so it consults `cache`."""
    for name in names:
        try:
            template = env.get_template(name)
            free = free_variables(env, name)
        except jinja2.TemplateError:
            continue
        if free is not None:
            template.root_render_func = _memoized(env, name, template.root_render_func, free, cache)


def _memoized(
    env: jinja2.Environment,
    name: str,
    original: Callable[[Any], Iterator[str]],
    free: tuple[str, ...],
    cache: FragmentCache,
) -> Callable[[Any], Iterator[str]]:
    globals_ = env.globals

    def root(context: Any) -> Iterator[str]:
        parts: list[Any] = [name]
        for var in free:
            value = context.get(var, _MISSING)
            if var in globals_ and value is globals_[var]:
                continue
            token = _token(value)
            if token is _UNKEYABLE:
                yield from original(context)
                return
            parts.append((var, token))
        yield cache.get(tuple(parts), lambda: "".join(original(context)))

    return root


def _token(value: Any) -> Any:
    """A hashable stand-in for a value whose equality means equal output, or _UNKEYABLE."""
    kind = type(value)
    if kind is Paper:
        return ("paper", value.digest)
    if value is None or kind in (str, int, float, bool, dt.date) or isinstance(value, str):
        return value
    if kind is tuple:
        tokens = tuple(_token(item) for item in value)
        return _UNKEYABLE if any(t is _UNKEYABLE for t in tokens) else tokens
    return _UNKEYABLE


def free_variables(env: jinja2.Environment, name: str) -> tuple[str, ...] | None:
    """Every variable the template and what it includes read; None if an include is dynamic."""
    seen: set[str] = set()
    free: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        assert env.loader is not None
        source = env.loader.get_source(env, current)[0]
        tree = env.parse(source)
        free |= meta.find_undeclared_variables(tree)
        for ref in meta.find_referenced_templates(tree):
            if ref is None:
                return None
            stack.append(ref)
    return tuple(sorted(free))
