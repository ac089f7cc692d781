"""The `paperboard` command: parse flags, call one library function, report.

One module per command or close group of commands; each is a thin call into
the library. `reporting` prints what went wrong, `options` holds the shared
flags. The commands import their library modules when they run, except
`build`: run again and again, it starts faster without the others.

The top of the stack: it may import any layer, and no layer imports it.
"""

from __future__ import annotations

import click

from generator import __version__
from generator.cli.authoring import add, import_, new
from generator.cli.build import build
from generator.cli.check import check
from generator.cli.publish import deploy, init
from generator.cli.serve import serve


@click.group()
@click.version_option(__version__, prog_name="paperboard")
def main() -> None:
    """Paperboard: a static site generator for research-paper listings."""


for command in (build, init, deploy, check, new, add, import_, serve):
    main.add_command(command)
