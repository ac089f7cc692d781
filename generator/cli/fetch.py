"""`paperboard fetch`: bring in the new papers of the `[[sources]]` in paperboard.toml."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from generator.cli.examples import settle_example
from generator.cli.options import replace_example_option, source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project


@click.command()
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@replace_example_option
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
@source_option
@user_errors
def fetch(dry_run: bool, replace_example: bool, quiet: bool, source: Path) -> None:
    """Fetch the papers of each [[sources]] (hf-daily, arxiv, feed); write the new ones.

    A paper already present only gets its new upvotes. Exit status 1 when a
    source could not be reached (what the others gave is kept).
    """
    from generator.authoring.fetch import Clients
    from generator.authoring.fetch import fetch as fetch_papers
    from generator.authoring.report import echo_report

    root = require_project(source)
    result = fetch_papers(root, Clients.from_env(os.environ), dt.date.today(), dry_run)
    for fetched in result.sources:
        failed = f", {fetched.failed} request(s) failed" if fetched.failed else ""
        click.echo(f"{fetched.source.label()}: {fetched.found} papers{failed}")
    echo_report(result.report, root, quiet)
    settle_example(root, replace_example, dry_run, added=bool(result.report.created))
    if result.report.failed:
        sys.exit(1)
