"""Offer to remove `init`'s example paper before papers are added: the prompt or the hint."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import display_path


def settle_example(root: Path, replace: bool, dry_run: bool, *, added: bool) -> None:
    """Remove the example with `--replace-example` or a yes at the prompt; else print a hint.

    It runs after the papers are added and only when some were (`added`), so a failed
    lookup or an import that found nothing new never leaves the project empty. The
    prompt appears only when stdin is a terminal, so scripts and CI never wait.
    """
    from generator.authoring.examples import find_examples, remove_examples
    from generator.config import load_config

    if not added:
        return
    examples = find_examples(load_config(root).content_dir)
    if not examples.papers:
        return
    shown = ", ".join(display_path(p, root) for p in examples.files)
    if dry_run:
        if replace:
            click.echo(f"would remove the example {shown}")
        return
    if not replace and sys.stdin.isatty():
        replace = click.confirm(f"Remove the example {shown}?", default=True)
    elif not replace:
        click.echo(
            f"hint: the example {shown} is still there; delete it, or add --replace-example",
            err=True,
        )
    if replace:
        for path in remove_examples(examples):
            click.echo(f"removed the example {display_path(path, root)}")
