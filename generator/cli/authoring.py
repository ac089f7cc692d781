"""`paperboard new`, `add` and `import`: write paper files into content/papers/."""

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
from generator.errors import display_path
from generator.importers.formats import FILE_FORMATS, SITE_FORMATS

topic_option = click.option(
    "--topic", "topics", multiple=True, help="A topic for the paper(s); repeat for several."
)
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Show what would happen; write nothing."
)
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Print only problems and the summary."
)
FORMATS = [*FILE_FORMATS, *SITE_FORMATS]


@click.command()
@click.argument("title")
@topic_option
@source_option
@user_errors
def new(title: str, topics: tuple[str, ...], source: Path) -> None:
    """Write content/papers/<slug>.md for TITLE with every field, the empty ones commented."""
    from generator.authoring.commands import new_paper

    root = require_project(source)
    path = new_paper(root, title, topics, dt.date.today())
    click.echo(f"created {display_path(path, root)}")


@click.command()
@click.argument("ids", nargs=-1, required=True)
@topic_option
@dry_run_option
@replace_example_option
@quiet_option
@source_option
@user_errors
def add(
    ids: tuple[str, ...],
    topics: tuple[str, ...],
    dry_run: bool,
    replace_example: bool,
    quiet: bool,
    source: Path,
) -> None:
    """Add papers from arXiv by id (2403.01234, arXiv:2403.01234v2, an abs or pdf URL)."""
    from generator.authoring.arxiv_client import ArxivClient, ClientSettings
    from generator.authoring.commands import AuthoringOptions, add_from_arxiv
    from generator.authoring.report import echo_report, progress_bar

    root = require_project(source)
    client = ArxivClient(ClientSettings.from_env(os.environ))
    with progress_bar() as progress:
        result = add_from_arxiv(
            ids, AuthoringOptions(root, topics, dry_run, command="add"), client, progress
        )
    echo_report(result, root, quiet)
    settle_example(root, replace_example, dry_run, added=bool(result.created))
    if result.failed:
        sys.exit(1)


@click.command(name="import")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Another static site's folder (Jekyll, Hugo Academic/Blox, PMLR) to import from.",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Skip detection: the input's format."
)
@topic_option
@dry_run_option
@replace_example_option
@quiet_option
@source_option
@user_errors
def import_(
    files: tuple[Path, ...],
    site: Path | None,
    fmt: str | None,
    topics: tuple[str, ...],
    dry_run: bool,
    replace_example: bool,
    quiet: bool,
    source: Path,
) -> None:
    """Import papers from FILES (BibTeX, arXiv Atom or JSON, daily-arXiv or Hugging Face JSON,
    a plain listing) or from another site's folder (--from DIR)."""
    if bool(files) == (site is not None):
        raise click.UsageError("give either FILES or --from DIR")
    from generator.authoring.commands import AuthoringOptions, import_papers
    from generator.authoring.report import echo_report, progress_bar

    root = require_project(source)
    with progress_bar() as progress:
        options = AuthoringOptions(root, topics, dry_run)
        result = import_papers(site or files, options, fmt, dt.date.today(), progress)
    echo_report(result, root, quiet)
    settle_example(root, replace_example, dry_run, added=bool(result.created))
    if result.failed:
        sys.exit(1)
