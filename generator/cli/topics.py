"""`paperboard topics suggest`: print the topics found in the papers; `--apply` uses them."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project

SAMPLES = 3


@click.group()
def topics() -> None:
    """Work with the site's topics."""


@topics.command()
@click.option("--count", type=click.IntRange(2, 50), help="How many topics to look for.")
@click.option("--apply", "apply_", is_flag=True, help="Write the topic files and papers' topics.")
@source_option
@user_errors
def suggest(count: int | None, apply_: bool, source: Path) -> None:
    """Cluster the papers by their words and propose topics for the placeholder ones.

    Papers whose topics are placeholders (Uncategorized, a topic file with
    `placeholder: true`) get the topic found; topics a person chose stay.
    """
    from generator.authoring.topic_apply import apply, propose
    from generator.config import load_config
    from generator.errors import display_path

    root = require_project(source)
    content = load_config(root).content_dir
    proposal = propose(content, count)
    for cluster in proposal.clusters:
        click.secho(f"{cluster.title} ({len(cluster.members)} papers)", bold=True)
        click.echo(f"  keywords: {', '.join(cluster.keywords)}")
        for index in cluster.members[:SAMPLES]:
            click.echo(f"  - {proposal.papers[index].text.title}")
    was, left = proposal.unsorted(applied=False), proposal.unsorted(applied=True)
    changes = len(proposal.changed())
    click.echo(
        f"{len(proposal.clusters)} topics; {changes} of {len(proposal.papers)} papers change; "
        f"papers with only a placeholder topic: {was} -> {left}"
    )
    if not apply_:
        if changes:
            click.echo("run again with --apply to write them")
        return
    result = apply(content, proposal)
    for path in result.topic_files:
        click.echo(f"created topic {display_path(path, root)}")
    for path in result.removed:
        click.echo(f"removed unused placeholder topic {display_path(path, root)}")
    click.echo(f"updated the topics of {len(result.papers)} papers")
