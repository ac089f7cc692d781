"""`paperboard serve`: a live build, rebuilt and reloaded on every change."""

from __future__ import annotations

from pathlib import Path

import click

from generator.build.builder import BuildOptions
from generator.cli.options import base_url_option, drafts_option, source_option
from generator.cli.reporting import user_errors
from generator.content.sources import require_project

SERVE_COLORS = {"info": None, "warning": "yellow", "error": "red"}


@click.command()
@source_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0 picks a free one).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser.")
@base_url_option
@drafts_option
@user_errors
def serve(
    source: Path, host: str, port: int, open_browser: bool, base_url: str | None, drafts: bool
) -> None:
    """Serve the site, rebuilding and reloading the browser on every change."""
    from generator.output.search_index import index_site
    from generator.serve.session import ServeOptions, serve_site

    build_options = BuildOptions(require_project(source), base_url=base_url, drafts=drafts)
    # The server's threads print without a click context, so they carry its colour choice.
    color = click.get_current_context().color
    serve_site(
        ServeOptions(build_options, host, port, open_browser),
        lambda level, text: click.secho(
            text, fg=SERVE_COLORS[level], err=level != "info", color=color
        ),
        after_reload=index_site,
    )
