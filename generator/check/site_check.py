"""`paperboard check`: find what readers would trip over before they do.

First the content is validated exactly as `build --strict` does. Then the
built site is read as GitHub Pages will serve it, under the base path: every
HTML page needs a title, one canonical link and unique ids; every internal
link, fragment and asset must resolve; every URL a feed, sitemap or robots.txt
lists must exist. It checks whatever the build wrote (new feeds or pages need
no new code here) and leaves the insides of the Pagefind index alone.
With `--external`, links to other sites are asked over HTTP too.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from generator.build.builder import Builder, BuildOptions, load_project, output_dir
from generator.build.interrupt import stop_signals_interrupt
from generator.build.strategy import Publish
from generator.check.external import ExternalOptions, check_urls
from generator.check.pagefacts import Link, Listing, Page, read_listing, read_page, read_robots
from generator.check.sitelinks import Resolved, SiteMap, needs_fragment_check
from generator.config import SiteConfig, load_config
from generator.errors import BuildFailed, Diagnostic, error, errors_in, warning
from generator.output.search_index import index_site
from generator.site.canonical import base_url_problems

SKIPPED_DIRS = ("pagefind/",)
"""Top-level folders whose files other tools generate: linked to, never parsed."""
CACHE_DIR = ".paperboard-cache"


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the command line says about one check."""

    root: Path
    output: Path | None = None
    base_url: str | None = None
    external: bool = False
    timeout: float = 10.0
    drafts: bool = False
    exclude: tuple[str, ...] = ()
    """External URLs starting with one of these are not asked (sites that refuse robots)."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything a check found."""

    content: list[Diagnostic]
    """What `build --strict` would refuse: any of these fails the check."""
    site: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    external: int = 0
    advice: list[Diagnostic] = field(default_factory=list)
    """Warnings about settings (a base URL without a host): shown, never a failure,
    since the published build gets its host from --base-url."""

    @property
    def failed(self) -> bool:
        """True when the check must exit non-zero."""
        return bool(self.content) or bool(errors_in(self.site))


@dataclass(frozen=True, slots=True)
class Scan:
    """A built site as read from disk."""

    output: Path
    sitemap: SiteMap
    pages: dict[str, Page]
    listings: list[Listing]
    problems: list[Diagnostic]


def check_site(options: CheckOptions) -> CheckReport:
    """Validate the content, then check the site it builds now (or the one `--output` names).

    Checking `site/` as it lies would check what the content said at the last
    build: a link broken since would pass, and a project never built could
    not be checked. So, as `zola check` does, the site is built first, with
    the cache, into a temporary folder that is deleted after.
    """
    config = load_config(options.root).with_base_url(options.base_url)
    build = BuildOptions(options.root, options.output, options.base_url, True, options.drafts)
    advice = base_url_problems(config)
    try:
        load_project(build)
        content: list[Diagnostic] = []
    except BuildFailed as exc:
        content = [d for d in exc.diagnostics if d not in advice]
    if options.output is not None or errors_in(content):
        return check_folder(options, config, output_dir(build), content, advice)
    with stop_signals_interrupt(), tempfile.TemporaryDirectory(prefix="paperboard-check-") as tmp:
        output = Path(tmp) / "site"
        fresh = replace(build, output=output, strict=False, quiet=True)
        builder = Builder(fresh, finalize=index_site)
        builder.strategy = Publish(output, options.root, cache=False, finalize=index_site)
        builder.build()
        return check_folder(options, config, output, content, advice)


def check_folder(
    options: CheckOptions,
    config: SiteConfig,
    output: Path,
    content: list[Diagnostic],
    advice: list[Diagnostic],
) -> CheckReport:
    """Check the built site in `output`."""
    if not (output / "index.html").is_file():
        hint = "run `paperboard build` first, or name the folder with --output"
        missing = [error(f"no built site in {output}", hint=hint)]
        return CheckReport(content, missing, advice=advice)
    scan = scan_site(output, config)
    mismatch = base_mismatch(scan)
    problems = scan.problems + [
        p for page in scan.pages.values() for p in page_problems(scan, page, not mismatch)
    ]
    if mismatch:
        return CheckReport(content, [*problems, mismatch], len(scan.pages), advice=advice)
    links, external = check_links(scan)
    problems += links
    if options.external:
        problems += check_external(external, options, config, scan.output)
    total = sum(len(p.links) for p in scan.pages.values())
    total += sum(len(item.links) for item in scan.listings)
    return CheckReport(content, problems, len(scan.pages), total, len(external), advice)


def scan_site(output: Path, config: SiteConfig) -> Scan:
    """Read every page, feed and sitemap of the built site."""
    files = sorted(_site_files(output))
    sitemap = SiteMap(config.base_url, frozenset(f for f, _ in files))
    pages: dict[str, Page] = {}
    listings: list[Listing] = []
    problems: list[Diagnostic] = []
    for file, parsed in files:
        if not parsed:
            continue
        path = output / file
        if file.endswith(".html"):
            pages[file] = read_page(file, path.read_bytes())
        elif file.endswith(".xml"):
            try:
                listing = read_listing(file, path.read_bytes())
            except etree.XMLSyntaxError as exc:
                problems.append(error(f"not well-formed XML: {exc.msg}", path, exc.lineno))
                continue
            listings += [listing] if listing else []
        elif file == "robots.txt":
            listings.append(read_robots(file, path.read_text(encoding="utf-8", errors="replace")))
    return Scan(output, sitemap, pages, listings, problems)


def _site_files(output: Path) -> Iterator[tuple[str, bool]]:
    """(relative path, should it be parsed) for every file of the site."""
    for folder, dirs, names in os.walk(output):
        relative = Path(folder).relative_to(output).as_posix()
        prefix = "" if relative == "." else relative + "/"
        skipped = prefix.startswith(SKIPPED_DIRS)
        dirs.sort()
        for name in names:
            yield prefix + name, not skipped


def page_problems(scan: Scan, page: Page, resolve: bool = True) -> Iterator[Diagnostic]:
    """A page's own faults: no title, not one canonical link, repeated ids."""
    path = scan.output / page.file
    if not page.title:
        yield error("the page has no <title>", path, hint="give every page a <title> in <head>")
    if not page.canonicals:
        yield error(
            'the page has no <link rel="canonical">',
            path,
            hint="search engines and feed readers use it to name the page",
        )
    elif len(page.canonicals) > 1:
        yield error("the page has several canonical links", path, page.canonicals[1].line)
    for link in page.canonicals[:1] if resolve else ():
        resolved = scan.sitemap.resolve(link.href, page.file)
        if resolved.kind != "internal":
            yield error(
                f"the canonical link {link.href} is not a page of this site",
                path,
                link.line,
                f"it should be this page's URL under {scan.sitemap.base_url}",
            )
    for element_id, line, first in page.duplicate_ids:
        yield error(
            f'duplicate id "{element_id}"',
            path,
            line,
            f"first used on line {first}; ids must be unique in a page",
        )


def base_mismatch(scan: Scan) -> Diagnostic | None:
    """One clear error, instead of a thousand broken links, when the base URLs differ."""
    home = scan.pages.get("index.html")
    if home is None or not home.canonicals:
        return None
    resolved = scan.sitemap.resolve(home.canonicals[0].href, "index.html")
    if resolved.kind == "internal" and resolved.file == "index.html":
        return None
    return error(
        f"the site in {scan.output.name}/ was built for {home.canonicals[0].href}, "
        f"but the check expects {scan.sitemap.base_url}",
        scan.output / "index.html",
        home.canonicals[0].line,
        "pass the same --base-url to build and check",
    )


ExternalUses = dict[str, list[tuple[str, Link]]]


def check_links(scan: Scan) -> tuple[list[Diagnostic], ExternalUses]:
    """Resolve every internal link; collect the external ones by URL."""
    problems: list[Diagnostic] = []
    external: ExternalUses = defaultdict(list)
    resolve = _memo(scan.sitemap)
    for page in scan.pages.values():
        for link in page.links:
            resolved = resolve(link.href, page.file)
            if resolved.kind == "external":
                external[resolved.url].append((page.file, link))
            else:
                problems += _link_problems(scan, page.file, link, resolved)
    for listing in scan.listings:
        for link in listing.links:
            resolved = scan.sitemap.resolve(link.href, listing.file)
            if resolved.kind == "external" and not listing.kind.startswith("sitemap"):
                external[resolved.url].append((listing.file, link))
            else:
                problems += _listed_problems(scan, listing, link, resolved)
    return problems, external


def _memo(sitemap: SiteMap) -> Callable[[str, str], Resolved]:
    """`sitemap.resolve`, remembered: most links repeat on every page (nav, footer, assets)."""
    seen: dict[tuple[str, str], Resolved] = {}

    def resolve(href: str, file: str) -> Resolved:
        absolute = href.startswith("/") or ":" in href.split("/", 1)[0]
        key = (href, "" if absolute else file)
        if key not in seen:
            seen[key] = sitemap.resolve(href, file)
        return seen[key]

    return resolve


def _link_problems(scan: Scan, file: str, link: Link, resolved: Resolved) -> list[Diagnostic]:
    what = "missing asset" if link.asset else "broken link"
    if resolved.kind == "missing":
        hint = f"no file for it in {scan.output.name}/"
        return [error(f"{what} {link.href}", scan.output / file, link.line, hint)]
    if resolved.kind == "outside":
        hint = f"the site lives under {scan.sitemap.base_path}; make links with url() in templates"
        message = f"{what} {link.href} leads out of the site"
        return [error(message, scan.output / file, link.line, hint)]
    if needs_fragment_check(resolved):
        target = scan.pages.get(resolved.file)
        if target is not None and resolved.fragment not in target.ids:
            hint = f'{resolved.file} has no element with id="{resolved.fragment}"'
            message = f"missing fragment {link.href}"
            return [error(message, scan.output / file, link.line, hint)]
    return []


def _listed_problems(
    scan: Scan, listing: Listing, link: Link, resolved: Resolved
) -> list[Diagnostic]:
    if resolved.kind in ("internal", "ignored"):
        return []
    reason = "no such page" if resolved.kind == "missing" else "not a page of this site"
    return [
        error(
            f"the {listing.kind} lists {link.href}: {reason}",
            scan.output / listing.file,
            link.line,
            f"every URL must be under {scan.sitemap.base_url} and exist in the site",
        )
    ]


def check_external(
    uses: ExternalUses, options: CheckOptions, config: SiteConfig, output: Path
) -> list[Diagnostic]:
    """Ask each external URL once; report it on every page that links to it."""
    settings = ExternalOptions(
        timeout=options.timeout, cache=config.root / CACHE_DIR / "external-links.json"
    )
    asked = [url for url in uses if not url.startswith(options.exclude)]
    outcomes = check_urls(asked, settings)
    problems: list[Diagnostic] = []
    for url, outcome in outcomes.items():
        if outcome.ok:
            continue
        make = warning if outcome.rate_limited else error
        for file, link in uses[url]:
            problems.append(
                make(f"external link {link.href}: {outcome.reason}", output / file, link.line)
            )
    return problems
