"""Paperboard against Hugo and Pelican on the same synthetic corpus, in one run.

    python benchmarks/compare.py [--sizes 1000,10000,50000] [--runs 3] [--work DIR]

For each size it generates the corpus in Paperboard's, Hugo's and Pelican's
format (once; kept in --work), then measures whole processes: Paperboard's
cold build (no output, no cache), its no-op re-build, its one-paper edit in
serve mode (in-process, as `paperboard serve` runs it), Hugo's cold build and
`hugo server` edit, and Pelican's cold build (not above --pelican-max papers).
It prints medians, peak memory, and each goal of the speed issue with the
measured ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from hugo_edit import hugo_edit_times
from report import Table, print_goals, print_table
from tools import (
    Figure,
    Run,
    hugo_binary,
    hugo_version,
    make_corpus,
    measure,
    package_version,
    pelican_command,
    summarize,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def repeat(runs: int, prepare: Callable[[], None], command: list[str], cwd: Path | None) -> Figure:
    """Median of `runs` processes, calling `prepare` before each."""
    results: list[Run] = []
    for _ in range(runs):
        prepare()
        results.append(measure(command, cwd))
    return summarize(results)


def wipe(*paths: Path) -> Callable[[], None]:
    """A `prepare` step that deletes folders: a cold start."""

    def prepare() -> None:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)

    return prepare


def nothing() -> None:
    """A `prepare` step for warm runs."""


def paperboard(table: Table, size: int, work: Path, runs: int, search: bool) -> None:
    """Cold, no-op and edit figures for Paperboard."""
    project = make_corpus(work / f"paper-{size}", size, "paper")
    cache = project / ".paperboard-cache"
    rows = [("pages", [sys.executable, str(HERE / "paperboard_pages.py"), str(project)])]
    if search:
        cli = [sys.executable, "-m", "generator", "build", "-q", "--source", str(project)]
        rows.append(("build", [*cli, "--output"]))
    for name, command in rows:
        out = work / f"out-paperboard-{name}-{size}"
        command = [*command, str(out)]
        table.add(f"paperboard {name}: cold", size, repeat(runs, wipe(out, cache), command, REPO))
        table.add(f"paperboard {name}: no-op", size, repeat(runs, nothing, command, REPO))
        shutil.rmtree(out, ignore_errors=True)
    edit = [sys.executable, str(HERE / "paperboard_edit.py"), str(project), "--runs", str(runs)]
    done = subprocess.run(edit, cwd=REPO, capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    table.add("paperboard: one-paper edit", size, Figure(figures["median"], 0, runs))


def hugo(table: Table, size: int, work: Path, runs: int, edits: bool) -> None:
    """Cold build and `hugo server` edit figures for Hugo."""
    binary = hugo_binary()
    if binary is None:
        return
    site = make_corpus(work / f"hugo-{size}", size, "hugo")
    out, cache = work / f"out-hugo-{size}", work / f"hugo-cache-{size}"
    command = [binary, "--source", str(site), "--destination", str(out), "--cacheDir", str(cache)]
    table.add("hugo: cold", size, repeat(runs, wipe(out, cache, site / "resources"), command, None))
    shutil.rmtree(out, ignore_errors=True)
    if edits:
        times = sorted(hugo_edit_times(binary, site, runs))
        table.add("hugo server: one-paper edit", size, Figure(times[len(times) // 2], 0, runs))


def pelican(table: Table, size: int, work: Path, runs: int) -> None:
    """Cold build figures for Pelican."""
    command = pelican_command()
    if command is None:
        return
    site = make_corpus(work / f"pelican-{size}", size, "pelican")
    out = work / f"out-pelican-{size}"
    full = [*command, "content", "-s", "pelicanconf.py", "-o", str(out), "-q"]
    table.add("pelican: cold", size, repeat(runs, wipe(out), full, site))
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    """Parse the arguments, measure every tool at every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/paperboard-bench"))
    parser.add_argument("--pelican-max", type=int, default=10000, help="largest Pelican run")
    parser.add_argument("--no-search", action="store_true", help="skip `paperboard build`")
    parser.add_argument("--no-hugo-server", action="store_true", help="skip `hugo server`")
    parser.add_argument("--only", default="paperboard,hugo,pelican", help="tools to run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tools = set(args.only.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    table = Table(sizes)
    for size in sizes:
        print(f"measuring {size:,} papers ...", file=sys.stderr, flush=True)
        if "paperboard" in tools:
            paperboard(table, size, args.work, args.runs, not args.no_search)
        if "hugo" in tools:
            hugo(table, size, args.work, args.runs, not args.no_hugo_server)
        if "pelican" in tools and size <= args.pelican_max:
            pelican(table, size, args.work, args.runs)
    binary = hugo_binary()
    versions = {
        "hugo": hugo_version(binary) if binary else "not installed",
        "pelican": package_version("pelican"),
        "paperboard": package_version("paperboard"),
    }
    print_table(table, versions, args.runs)
    print_goals(table)


if __name__ == "__main__":
    main()
