"""Render page specs with Jinja2, turning template errors into diagnostics."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from pathlib import Path

import jinja2

from .errors import Diagnostic, error
from .plan import PageSpec


def render_page(env: jinja2.Environment, spec: PageSpec) -> bytes:
    """One page's bytes. Raises jinja2 errors; `render_pages` reports them."""
    template = env.get_template(spec.template)
    return template.render(spec.context, page_url=spec.url).encode("utf-8")


def render_pages(
    env: jinja2.Environment, specs: Iterable[PageSpec]
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Render every spec; each broken template is reported once, with its line."""
    files: dict[str, bytes] = {}
    problems: dict[tuple[str, str], Diagnostic] = {}
    for spec in specs:
        try:
            files[spec.output] = render_page(env, spec)
        except jinja2.TemplateError as exc:
            diagnostic = template_error(exc, spec)
            problems.setdefault((diagnostic.message, str(diagnostic.path)), diagnostic)
    return files, list(problems.values())


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
