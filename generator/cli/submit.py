"""`paperboard submit --from-issue FILE`: add the paper a reader's submission issue names."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from generator.cli.options import source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project

GITHUB_OUTPUT = "GITHUB_OUTPUT"


@click.command()
@click.option(
    "--from-issue",
    "issue",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The issue body, as GitHub writes a submission form (`### arXiv id or URL` ...).",
)
@click.option(
    "--result",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the outcome as JSON: status, message, path, arxiv, title, note.",
)
@source_option
@user_errors
def submit(issue: Path, result: Path | None, source: Path) -> None:
    """Add the paper a submission issue names, as `paperboard add` does.

    \b
    Exit status: 0 added, 1 arXiv failed, 3 already on the board,
    4 arXiv has no such paper, 5 not an arXiv id, 6 not a submission form.
    With GITHUB_OUTPUT set (in GitHub Actions) the outcome is also written there.
    """
    from generator.authoring.arxiv_client import ArxivClient, ClientSettings
    from generator.authoring.submit import github_output, submit_from_issue

    root = require_project(source)
    body = issue.read_text(encoding="utf-8", errors="replace")
    client = ArxivClient(ClientSettings.from_env(os.environ))
    outcome = submit_from_issue(body, root, client)
    if result is not None:
        result.write_text(json.dumps(outcome.as_json(), indent=2) + "\n", encoding="utf-8")
    if os.environ.get(GITHUB_OUTPUT):
        with open(os.environ[GITHUB_OUTPUT], "a", encoding="utf-8") as handle:
            handle.write(github_output(outcome))
    if outcome.status == "created":
        click.echo(outcome.message)
    else:
        click.secho(f"error: {outcome.message}", fg="red", err=True)
    sys.exit(outcome.exit_code)
