"""The flags several commands share, so each means the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

source_option = click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (holds paperboard.toml and content/).",
)
base_url_option = click.option(
    "--base-url", help="Where the site will be hosted; overrides base_url in paperboard.toml."
)
drafts_option = click.option("--drafts", is_flag=True, help="Include papers marked draft.")
replace_example_option = click.option(
    "--replace-example",
    is_flag=True,
    help="Remove the example paper `init` wrote (front matter `example: true`) before adding.",
)
