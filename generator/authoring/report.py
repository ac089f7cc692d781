"""How `add` and `import` show their report: one line per paper, a summary, a progress bar.

Problems go to stderr as `file:line: error: reason (fix)` lines, like the
build's. The progress bar appears only when stderr is a terminal and the
input is long, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from generator.authoring.commands import Progress, Report
from generator.errors import display_path

PROGRESS_MIN = 50
"""Records below which a progress bar is not worth drawing."""


def summary_line(report: Report) -> str:
    """`3 created, 1 skipped as duplicate, 2 failed` (with `would be` in a dry run)."""
    created = "would be created" if report.dry_run else "created"
    updated = f" ({len(report.updated)} with new upvotes)" if report.updated else ""
    return (
        f"{len(report.created)} {created}, {len(report.duplicates)} skipped as duplicate"
        f"{updated}, {len(report.failed)} failed"
    )


def echo_report(report: Report, root: Path, quiet: bool) -> None:
    """Print each paper's outcome (unless quiet), the problems, and the summary."""
    if not quiet:
        verb = "would create" if report.dry_run else "created"
        for outcome in report.outcomes:
            where = display_path(outcome.path, root)
            if outcome.status == "created":
                click.echo(f"{verb} {where}")
            elif outcome.status == "updated":
                click.echo(f"updated upvotes of {where}")
            else:
                click.echo(f"skipped {outcome.title!r}: already in {where} ({outcome.reason})")
    for path in report.topic_files:
        click.echo(f"created topic {display_path(path, root)}")
    for problem in report.problems:
        color = "red" if problem.severity == "error" else "yellow"
        click.secho(problem.format(root), fg=color, err=True)
    click.secho(summary_line(report), fg="red" if report.failed else None)


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A progress callback that draws a bar on a terminal's stderr, and nothing elsewhere."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if total < PROGRESS_MIN or not sys.stderr.isatty():
                state["bar"] = None
            else:
                state["bar"] = click.progressbar(length=total, label="Writing", file=sys.stderr)
                state["bar"].__enter__()
        if state["bar"] is not None:
            state["bar"].update(done - state.get("done", 0))
        state["done"] = done

    try:
        yield update
    finally:
        if state.get("bar") is not None:
            state["bar"].__exit__(None, None, None)
