"""How `thumbnails` shows its report: a line per picture made or failed, and a summary."""

from __future__ import annotations

from pathlib import Path

import click

from generator.authoring.thumbnails import ThumbnailReport
from generator.errors import display_path


def thumbnails_summary(report: ThumbnailReport) -> str:
    """`2 made, 1 up to date, 1 kept, 3 without a PDF, 0 failed`."""
    return (
        f"{report.count('made')} made, {report.count('current')} up to date, "
        f"{report.count('kept')} kept (a picture is there), "
        f"{report.count('no-pdf')} without a PDF, {report.count('failed')} failed"
    )


def echo_thumbnails(report: ThumbnailReport, root: Path, quiet: bool) -> None:
    """Each picture written (unless quiet), every problem on stderr, then the summary."""
    if not quiet:
        for outcome in report.outcomes:
            if outcome.status == "made" and outcome.path is not None:
                click.echo(f"made {display_path(outcome.path, root)}")
    for problem in report.problems:
        click.secho(problem.format(root), fg="red", err=True)
    click.secho(thumbnails_summary(report), fg="red" if report.problems else None)
