"""`paperboard check`: validate the content, then the built site's links."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.options import base_url_option, drafts_option, source_option
from generator.cli.reporting import report, user_errors
from generator.content.sources import require_project
from generator.errors import counted, errors_in

if TYPE_CHECKING:
    from generator.check.site_check import CheckReport


@click.command()
@source_option
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="The built site to check (default: site/ in the project).",
)
@base_url_option
@click.option("--external", is_flag=True, help="Also check links to other sites over HTTP.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for each external server.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PREFIX",
    help="Do not ask external URLs that start with PREFIX (repeatable).",
)
@drafts_option
@user_errors
def check(
    source: Path,
    output: Path | None,
    base_url: str | None,
    external: bool,
    timeout: float,
    exclude: tuple[str, ...],
    drafts: bool,
) -> None:
    """Validate the content like build --strict, then check the built site's links."""
    from generator.check.site_check import CheckOptions, check_site

    root = require_project(source)
    options = CheckOptions(root, output, base_url, external, timeout, drafts, exclude)
    result = check_site(options)
    report([*result.advice, *result.content, *result.site], root)
    click.secho(check_summary(result, external), fg="red" if result.failed else None)
    if result.failed:
        sys.exit(1)


def check_summary(result: CheckReport, external: bool) -> str:
    """One line: what was checked and how many problems there are."""
    outside = f"{result.external} external" + ("" if external else ", not asked (--external)")
    found = len(result.content) + len(errors_in(result.site))
    verdict = counted(found, "problem") if found else "no problems"
    pages, links = counted(result.pages, "page"), counted(result.links, "link")
    return f"Checked {pages} and {links} ({outside}): {verdict}"
