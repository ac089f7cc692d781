"""`paperboard thumbnails`: a picture of each paper's first page, beside the paper file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.cli.options import source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project


@click.command()
@click.option(
    "--no-download", is_flag=True, help="Use only the PDFs beside the papers; fetch nothing."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
@source_option
@user_errors
def thumbnails(no_download: bool, quiet: bool, source: Path) -> None:
    """Make <slug>.webp from the first page of each paper's PDF, for papers without a picture."""
    from generator.authoring.arxiv_client import ArxivClient, ClientSettings
    from generator.authoring.thumbnail_report import echo_thumbnails
    from generator.authoring.thumbnails import make_thumbnails

    root = require_project(source)
    client = None if no_download else ArxivClient(ClientSettings.from_env(os.environ))
    result = make_thumbnails(root, client, dict(os.environ))
    echo_thumbnails(result, root, quiet)
    if result.problems:
        sys.exit(1)
