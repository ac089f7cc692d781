"""The `paperboard` command: parse flags, call one library function, report.

Every failure the user can fix is a `PaperboardError`; it is printed as
`file:line: error: message (hint)` lines and exits 1. Nothing else is caught,
so a real bug still shows its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .build import BuildOptions, build_site
from .errors import Diagnostic, PaperboardError, errors_in, warnings_in

F = TypeVar("F", bound=Callable[..., Any])


def report(diagnostics: Iterable[Diagnostic], root: Path | None) -> None:
    """Print diagnostics to stderr, one line each."""
    for diagnostic in diagnostics:
        color = "red" if diagnostic.severity == "error" else "yellow"
        click.secho(diagnostic.format(root), fg=color, err=True)


def user_errors(func: F) -> F:
    """Turn a PaperboardError into its diagnostics and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PaperboardError as exc:
            root = kwargs.get("source")
            report(exc.diagnostics, Path(root).resolve() if root else None)
            found = exc.diagnostics
            if len(found) > 1:
                click.secho(
                    f"{len(errors_in(found))} errors, {len(warnings_in(found))} warnings; "
                    "nothing was written",
                    fg="red",
                    err=True,
                )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


source_option = click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (holds paperboard.toml and content/).",
)
base_url_option = click.option(
    "--base-url", help="Where the site will be hosted; overrides base_url in paperboard.toml."
)
drafts_option = click.option("--drafts", is_flag=True, help="Include papers marked draft.")


@click.group()
@click.version_option(__version__, prog_name="paperboard")
def main() -> None:
    """Paperboard: a static site generator for research-paper listings."""


@main.command()
@source_option
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the site (default: site/ in the project).",
)
@base_url_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@drafts_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")
@user_errors
def build(
    source: Path, output: Path | None, base_url: str | None, strict: bool, drafts: bool, quiet: bool
) -> None:
    """Build the site from content/ into site/."""
    root = source.resolve()
    options = BuildOptions(root, output, base_url, strict, drafts)
    result = build_site(options)
    report(result.warnings, root)
    if not quiet:
        click.echo(
            f"Built {len(result.site.papers)} papers: {result.pages} pages "
            f"({result.files} files written) into {result.output}, "
            f"{len(result.warnings)} warnings, in {result.seconds:.2f} s"
        )
