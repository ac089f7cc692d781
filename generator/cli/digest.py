"""`paperboard digest`: a day's or week's papers as an email, written out or sent."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from generator.cli.options import base_url_option, source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project


@click.command()
@click.option("--day", metavar="YYYY-MM-DD", help="The day's papers.")
@click.option("--week", metavar="YYYY-Www", help="The ISO week's papers, e.g. 2025-W12.")
@click.option("--latest", is_flag=True, help="The newest day on the board.")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write digest.eml, digest.html and digest.txt into this folder.",
)
@click.option("--send", is_flag=True, help="Send it over SMTP (PAPERBOARD_SMTP_*).")
@click.option("--from", "sender", help="The From address; default: digest.sender.")
@click.option("--to", "recipients", multiple=True, help="A recipient; default: digest.recipients.")
@base_url_option
@source_option
@user_errors
def digest(
    day: str | None,
    week: str | None,
    latest: bool,
    output: Path | None,
    send: bool,
    sender: str | None,
    recipients: tuple[str, ...],
    base_url: str | None,
    source: Path,
) -> None:
    """Make the email digest of a period: HTML and plain text, most upvoted first."""
    if sum((day is not None, week is not None, latest)) != 1:
        raise click.UsageError("give one of --day D, --week W or --latest")
    from generator.publish.digest_run import DigestRequest, run_digest

    request = DigestRequest(
        require_project(source), day, week, output, send, sender, recipients, base_url
    )
    for line in run_digest(request, dict(os.environ), dt.datetime.now(dt.UTC)):
        click.echo(line)
