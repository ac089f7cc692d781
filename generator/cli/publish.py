"""`paperboard init` and `paperboard deploy`: start a project, publish its site."""

from __future__ import annotations

import shlex
from pathlib import Path, PurePosixPath

import click

from generator.cli.options import base_url_option, source_option
from generator.cli.reporting import report, user_errors
from generator.content.sources import require_project


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Add the missing files to a folder that is not empty (never overwrites).",
)
@click.option(
    "--base-url",
    help="Where the site will live; default: the GitHub Pages URL of the folder's origin remote.",
)
@click.option(
    "--requirement",
    metavar="SPEC",
    help="What the Pages workflow installs (requirements.txt); default: this release, "
    "paperboard==VERSION. A git+https://...@TAG URL for a fork, or a path.",
)
@click.option(
    "--daily",
    is_flag=True,
    help="Also a daily fetch-and-publish workflow, a paper submission issue form and its "
    "workflow, and a [[sources]] table.",
)
@user_errors
def init(
    directory: Path, force: bool, base_url: str | None, requirement: str | None, daily: bool
) -> None:
    """Start a project in DIRECTORY: settings, an example paper and topic, a Pages workflow."""
    from generator.config import LOCAL_PREVIEW_URL
    from generator.publish.scaffold import init_project

    result = init_project(directory, force, base_url, requirement, daily)
    for path in result.created:
        click.echo(f"created  {path}")
    for path in result.kept:
        click.echo(f"kept     {path} (it was already there)")
    if result.base_url is None:
        click.echo(
            f"base_url is {LOCAL_PREVIEW_URL}, where `paperboard serve` previews the site; "
            "the Pages workflow builds for the published URL."
        )
    if daily and PurePosixPath("paperboard.toml") in result.kept:
        click.echo("paperboard.toml was kept: add a [[sources]] table to it for the daily fetch.")
    click.echo(f"Next: {next_steps(directory, result.root)}")


def next_steps(directory: Path, root: Path) -> str:
    """The commands to run next; no `cd` when the project is the current folder."""
    steps = "paperboard build && paperboard check"
    if root == Path.cwd().resolve():
        return steps
    return f"cd {shlex.quote(str(directory))} && {steps}"


@click.command()
@source_option
@click.option("--remote", default="origin", show_default=True, help="The git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="The branch to publish.")
@click.option("-m", "--message", help="The commit subject; {sha} and {version} are filled in.")
@base_url_option
@click.option("--strict", is_flag=True, help="Uncommitted changes and warnings are errors.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace the remote branch even if someone pushed to it meanwhile.",
)
@user_errors
def deploy(
    source: Path,
    remote: str,
    branch: str,
    message: str | None,
    base_url: str | None,
    strict: bool,
    force: bool,
) -> None:
    """Build the site and push it as a new commit on a branch (gh-pages)."""
    from generator.publish.deploy import DeployOptions
    from generator.publish.deploy import deploy as deploy_site

    root = require_project(source)
    options = DeployOptions(root, remote, branch, message, base_url, strict, force)
    result = deploy_site(options)
    report(result.warnings, root)
    click.echo(
        f"Deployed {result.files} files to {remote}/{branch} as {result.commit[:12]}, "
        f"built for {result.base_url}"
    )
