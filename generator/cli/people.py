"""`paperboard authors`: list likely duplicate authors, with the line that would merge each."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project


@click.command()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Show only the N likeliest pairs (the count is of all of them).",
)
@source_option
@user_errors
def authors(limit: int | None, source: Path) -> None:
    """List likely duplicate authors ("Geoffrey E. Hinton" and "G. Hinton"), likeliest
    first, each with the `aliases` line of content/authors/<slug>.md that would merge
    them. Nothing is written: merge a pair by adding that line."""
    from generator.authoring.author_duplicates import find_duplicates, report_lines
    from generator.build.builder import BuildOptions, load_project

    root = require_project(source)
    site, _ = load_project(BuildOptions(root, quiet=True))
    pairs = find_duplicates(site)
    for line in report_lines(pairs, limit):
        click.echo(line)
    shown = f"; the {limit} likeliest shown" if limit is not None and limit < len(pairs) else ""
    click.echo(f"{len(pairs)} likely duplicate {'pair' if len(pairs) == 1 else 'pairs'}{shown}")
