"""Render page specs with Jinja2, turning template errors into diagnostics.

`render_into` renders many pages over several processes (`parallel`), each
placing its own pages on disk, so page bytes never cross a process boundary;
the same pages come out whatever the number of processes.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import Diagnostic, error
from generator.render.fragments import FragmentCache
from generator.render.parallel import Counter, fork_map, worker_count
from generator.render.progress import Progress
from generator.site.plan import PageSpec

Place = Callable[[str, bytes], bool]
"""place(output name, bytes) -> True when the file was (re)written."""


def render_page(env: jinja2.Environment, spec: PageSpec) -> bytes:
    """One page's bytes. Raises jinja2 errors; `render_into` reports them."""
    template = env.get_template(spec.template)
    return template.render(spec.context, page_url=spec.url).encode("utf-8")


def template_error(exc: jinja2.TemplateError, spec: PageSpec) -> Diagnostic:
    """Locate a template error: the file and line, from Jinja or from the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = Path(exc.filename) if exc.filename else None
        return error(f"template syntax: {exc.message}", path, exc.lineno, "fix the template")
    if isinstance(exc, jinja2.TemplateNotFound):
        return error(
            f"template `{exc.name}` not found",
            None,
            None,
            f"the page {spec.url or '/'} needs it; add it to your theme's templates/",
        )
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if "/templates/" in frame.filename.replace("\\", "/")
    ]
    where = frames[-1] if frames else None
    return error(
        f"template error while rendering {spec.url or '/'}: {exc}",
        Path(where.filename) if where else None,
        where.lineno if where else None,
        "fix the template",
    )


def render_into(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    place: Place,
    fragments: FragmentCache,
    progress: Progress,
    workers: int | None = None,
) -> tuple[list[str], list[Diagnostic]]:
    """Render and place every spec; return the files written and the template problems."""
    count = worker_count(len(specs), workers)
    counter = Counter(count)

    def work(indices: Sequence[int], done: Callable[[int], None]) -> tuple[Any, ...]:
        written: list[str] = []
        problems: dict[tuple[str, str], Diagnostic] = {}
        for number, index in enumerate(indices, 1):
            spec = specs[index]
            try:
                data = render_page(env, spec)
            except jinja2.TemplateError as exc:
                diagnostic = template_error(exc, spec)
                problems.setdefault((diagnostic.message, str(diagnostic.path)), diagnostic)
                continue
            if place(spec.output, data):
                written.append(spec.output)
            if number % 32 == 0:
                done(number)
                progress.update(counter.total(), len(specs))
        done(len(indices))
        return written, problems, fragments.take_new() if count > 1 else {}

    if count == 1:
        results = [work(range(len(specs)), lambda n: counter.set(0, n))]
    else:
        compile_all(env)
        results = fork_map(work, len(specs), count, counter)
    progress.finish()
    return _combine(results, fragments)


def compile_all(env: jinja2.Environment) -> None:
    """Compile every template once, before forking, so no process compiles them again."""
    for name in env.list_templates():
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue


def _combine(
    results: list[tuple[Any, ...]], fragments: FragmentCache
) -> tuple[list[str], list[Diagnostic]]:
    written: list[str] = []
    problems: dict[tuple[str, str], Diagnostic] = {}
    for names, found, new in results:
        written.extend(names)
        for key, diagnostic in found.items():
            problems.setdefault(key, diagnostic)
        fragments.merge(new)
    return sorted(written), list(problems.values())
