"""`paperboard build`: render content/ into site/.

`build` is run again and again, so this module imports only the builder; the
other commands import their library modules when they run.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.build.builder import BuildOptions, build_site
from generator.cli.options import base_url_option, drafts_option, source_option
from generator.cli.reporting import report, user_errors
from generator.content.sources import require_project
from generator.errors import counted


@click.command()
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
@click.option(
    "--no-cache", is_flag=True, help="Neither read nor write .paperboard-cache/ (a clean build)."
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="If another build is writing into the same output, exit 1 instead of waiting.",
)
@user_errors
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    strict: bool,
    drafts: bool,
    quiet: bool,
    no_cache: bool,
    no_wait: bool,
) -> None:
    """Build the site from content/ into site/."""
    root = require_project(source)
    options = BuildOptions(
        root, output, base_url, strict, drafts, cache=not no_cache, quiet=quiet, wait=not no_wait
    )
    result = build_site(options, on_wait=lambda message: click.echo(message, err=True))
    report(result.reported(quiet), root)
    if not quiet:
        click.echo(
            f"Built {counted(len(result.site.papers), 'paper')}: "
            f"{counted(result.pages, 'page')} ({counted(result.files, 'file')} written) "
            f"into {result.output}, {counted(len(result.warnings), 'warning')}, "
            f"in {result.seconds:.2f} s"
        )
