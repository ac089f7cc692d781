"""The `paperboard` command: parse flags, call one library function, report.

One module per command or close group of commands; each is a thin call into
the library. `reporting` prints what went wrong, `options` holds the shared
flags. The commands import their library modules when they run, except
`build`: run again and again, it starts faster without the others.

The top of the stack: it may import any layer, and no layer imports it.
"""

from __future__ import annotations

import os

import click

from generator import __version__
from generator.cli.authoring import add, import_, new
from generator.cli.build import build
from generator.cli.check import check
from generator.cli.digest import digest
from generator.cli.fetch import fetch
from generator.cli.people import authors
from generator.cli.publish import deploy, init
from generator.cli.reporting import color_setting
from generator.cli.serve import serve
from generator.cli.submit import submit
from generator.cli.thumbnails import thumbnails
from generator.cli.topics import topics

EPILOG = """\b
Exit status: 0 when all went well; 1 when the command found problems (errors in
the content, a failed check, a folder init or deploy refused); 2 for a usage
error (an unknown option, a missing argument, a value of the wrong kind).
\b
Colour: NO_COLOR=1 turns it off; it is off anyway when the output is not a terminal.
Shell completion (bash; zsh and fish likewise, with zsh_source or fish_source):
  eval "$(_PAPERBOARD_COMPLETE=bash_source paperboard)"
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="paperboard")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Paperboard: a static site generator for research-paper listings."""
    ctx.color = color_setting(os.environ)


for command in (
    build,
    init,
    deploy,
    check,
    new,
    add,
    import_,
    submit,
    fetch,
    topics,
    digest,
    serve,
    thumbnails,
):
    main.add_command(command)
main.add_command(authors)
