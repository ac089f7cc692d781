"""The `paperboard` command: parse flags, call one library function, report.

Every failure the user can fix is a `PaperboardError`; it is printed as
`file:line: error: message (hint)` lines and exits 1. Nothing else is caught,
so a real bug still shows its traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__
from generator.build.builder import BuildOptions, build_site
from generator.errors import (
    Diagnostic,
    PaperboardError,
    counted,
    display_path,
    errors_in,
    warnings_in,
)
from generator.importers.formats import FILE_FORMATS, SITE_FORMATS

if TYPE_CHECKING:
    from generator.check.site_check import CheckReport

# The other commands import their modules when they run: `build`, run again and
# again, starts faster without them.

F = TypeVar("F", bound=Callable[..., Any])


def report(diagnostics: Iterable[Diagnostic], root: Path | None) -> None:
    """Print diagnostics to stderr, one line each."""
    for diagnostic in diagnostics:
        color = "red" if diagnostic.severity == "error" else "yellow"
        click.secho(diagnostic.format(root), fg=color, err=True)


def user_errors(func: F) -> F:
    """Turn a PaperboardError into its diagnostics and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PaperboardError as exc:
            root = kwargs.get("source")
            report(exc.diagnostics, Path(root).resolve() if root else None)
            found = exc.diagnostics
            if len(found) > 1:
                click.secho(
                    f"{counted(len(errors_in(found)), 'error')}, "
                    f"{counted(len(warnings_in(found)), 'warning')}; nothing was written",
                    fg="red",
                    err=True,
                )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


source_option = click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (holds paperboard.toml and content/).",
)
base_url_option = click.option(
    "--base-url", help="Where the site will be hosted; overrides base_url in paperboard.toml."
)
drafts_option = click.option("--drafts", is_flag=True, help="Include papers marked draft.")


@click.group()
@click.version_option(__version__, prog_name="paperboard")
def main() -> None:
    """Paperboard: a static site generator for research-paper listings."""


@main.command()
@source_option
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the site (default: site/ in the project).",
)
@base_url_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@drafts_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")
@click.option(
    "--no-cache", is_flag=True, help="Neither read nor write .paperboard-cache/ (a clean build)."
)
@user_errors
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    strict: bool,
    drafts: bool,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Build the site from content/ into site/."""
    root = source.resolve()
    options = BuildOptions(root, output, base_url, strict, drafts, cache=not no_cache, quiet=quiet)
    result = build_site(options)
    report(result.warnings, root)
    if not quiet:
        click.echo(
            f"Built {counted(len(result.site.papers), 'paper')}: "
            f"{counted(result.pages, 'page')} ({counted(result.files, 'file')} written) "
            f"into {result.output}, {counted(len(result.warnings), 'warning')}, "
            f"in {result.seconds:.2f} s"
        )


@main.command()
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
@user_errors
def init(directory: Path, force: bool, base_url: str | None) -> None:
    """Start a project in DIRECTORY: settings, an example paper and topic, a Pages workflow."""
    from generator.publish.scaffold import init_project

    result = init_project(directory, force, base_url)
    for path in result.created:
        click.echo(f"created  {path}")
    for path in result.kept:
        click.echo(f"kept     {path} (it was already there)")
    if result.base_url is None:
        click.echo("Set base_url in paperboard.toml to where the site will live (check needs it).")
    click.echo(f"Next: cd {directory} && paperboard build && paperboard check")


@main.command()
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

    root = source.resolve()
    options = DeployOptions(root, remote, branch, message, base_url, strict, force)
    result = deploy_site(options)
    report(result.warnings, root)
    click.echo(
        f"Deployed {result.files} files to {remote}/{branch} as {result.commit[:12]}, "
        f"built for {result.base_url}"
    )


@main.command()
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

    root = source.resolve()
    options = CheckOptions(root, output, base_url, external, timeout, drafts, exclude)
    result = check_site(options)
    report([*result.content, *result.site], root)
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


@main.command()
@click.argument("title")
@topic_option
@source_option
@user_errors
def new(title: str, topics: tuple[str, ...], source: Path) -> None:
    """Write content/papers/<slug>.md for TITLE with every field, the empty ones commented."""
    from generator.authoring.commands import new_paper

    root = source.resolve()
    path = new_paper(root, title, topics, dt.date.today())
    click.echo(f"created {display_path(path, root)}")


@main.command()
@click.argument("ids", nargs=-1, required=True)
@topic_option
@dry_run_option
@quiet_option
@source_option
@user_errors
def add(
    ids: tuple[str, ...], topics: tuple[str, ...], dry_run: bool, quiet: bool, source: Path
) -> None:
    """Add papers from arXiv by id (2403.01234, arXiv:2403.01234v2, an abs or pdf URL)."""
    from generator.authoring.arxiv_client import ArxivClient, ClientSettings
    from generator.authoring.commands import AuthoringOptions, add_from_arxiv
    from generator.authoring.report import echo_report, progress_bar

    root = source.resolve()
    client = ArxivClient(ClientSettings.from_env(os.environ))
    with progress_bar() as progress:
        result = add_from_arxiv(ids, AuthoringOptions(root, topics, dry_run), client, progress)
    echo_report(result, root, quiet)
    if result.failed:
        sys.exit(1)


@main.command(name="import")
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
@quiet_option
@source_option
@user_errors
def import_(
    files: tuple[Path, ...],
    site: Path | None,
    fmt: str | None,
    topics: tuple[str, ...],
    dry_run: bool,
    quiet: bool,
    source: Path,
) -> None:
    """Import papers from FILES (BibTeX, arXiv Atom or JSON, daily-arXiv or Hugging Face JSON,
    a plain listing) or from another site's folder (--from DIR)."""
    if bool(files) == (site is not None):
        raise click.UsageError("give either FILES or --from DIR")
    from generator.authoring.commands import AuthoringOptions, import_papers
    from generator.authoring.report import echo_report, progress_bar

    root = source.resolve()
    with progress_bar() as progress:
        options = AuthoringOptions(root, topics, dry_run)
        result = import_papers(site or files, options, fmt, dt.date.today(), progress)
    echo_report(result, root, quiet)
    if result.failed:
        sys.exit(1)


SERVE_COLORS = {"info": None, "warning": "yellow", "error": "red"}


@main.command()
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

    build_options = BuildOptions(source.resolve(), base_url=base_url, drafts=drafts)
    serve_site(
        ServeOptions(build_options, host, port, open_browser),
        lambda level, text: click.secho(text, fg=SERVE_COLORS[level], err=level != "info"),
        after_reload=index_site,
    )
