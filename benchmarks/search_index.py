"""What the search index adds to a clean build: median of 3 builds with and without it.

Usage:
    python benchmarks/search_index.py [N] [--runs 3] [--work DIR]

Makes an N-paper project with the shared synthetic corpus generator (once, in
--work), then alternates clean builds without the index (a Builder with no
finalize step) and with it (`build_site`, as `paperboard build` runs), each
into a fresh output folder. Also times Pagefind alone on a built site.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build.builder import Builder, BuildOptions, build_site
from generator.errors import PaperboardError
from generator.output.search_index import BUNDLE, index_site, indexed_pages

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"


def make_project(root: Path, papers: int) -> Path:
    """A project whose content/papers holds the synthetic corpus (made once)."""
    folder = root / "content" / "papers"
    if not folder.is_dir() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(MAKE_CORPUS), str(folder), str(papers), "--format", "paper"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return root


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", type=int, nargs="?", default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pb-search")
    args = parser.parse_args()
    root = make_project(args.work / f"project-{args.papers}", args.papers)
    site = args.work / "site"
    options = BuildOptions(root, output=site)
    without, with_index, pagefind_alone = [], [], []
    for _ in range(args.runs):
        shutil.rmtree(site, ignore_errors=True)
        without.append(timed(lambda: Builder(options).build()))
        pagefind_alone.append(timed(lambda: index_site(site)))
        shutil.rmtree(site, ignore_errors=True)
        with_index.append(timed(lambda: build_site(options)))
    pages = indexed_pages(site / BUNDLE)
    size = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
    plain, full = statistics.median(without), statistics.median(with_index)
    print(f"{args.papers} papers, {pages} pages indexed, bundle {size / 1e6:.1f} MB")
    print(f"clean build without the search index: median {plain:.2f} s of {args.runs}")
    print(f"clean build with the search index:    median {full:.2f} s of {args.runs}")
    print(f"added by search: {full - plain:+.2f} s")
    print(f"Pagefind alone on the built site:     median {statistics.median(pagefind_alone):.2f} s")


if __name__ == "__main__":
    try:
        main()
    except PaperboardError as exc:
        problems = exc.diagnostics
        sys.exit("\n".join([d.format() for d in problems[:3]] + [f"{len(problems)} problems"]))
