"""Time the machine-readable outputs (feeds, JSON API, BibTeX, sitemap) on a corpus.

    python benchmarks/discovery_outputs.py [N] [--repeat R]

Makes a synthetic project of N papers with /work/shared/bench/make_corpus.py
(the whole site's build time is measured elsewhere), loads it once, then for
each planner prints the median seconds to plan, fingerprint and render its
files (a fresh theme each time, so no cached entry), and how many files and
megabytes it makes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build.builder import BuildOptions, load_project
from generator.render.pages import render_into
from generator.render.progress import Silent
from generator.render.theme import load_theme
from generator.site.fingerprint import fingerprint
from generator.site.plan import plan_api, plan_bibtex, plan_feeds, plan_indexing, plan_site

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"
PLANNERS = {
    "feeds": plan_feeds,
    "api": plan_api,
    "bibtex": plan_bibtex,
    "sitemap": lambda site: plan_indexing(site, plan_site(site, summaries=())),
}


def median_seconds(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of `work` over `repeat` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def render_to_memory(site: Any, specs: list[Any]) -> dict[str, bytes]:
    """Render `specs` in this process with a fresh theme (so no cached fragment)."""
    theme = load_theme(site.config)
    files: dict[str, bytes] = {}

    def place(name: str, data: bytes) -> bool:
        files[name] = data
        return True

    render_into(theme.env, specs, place, theme.fragments, Silent(), workers=1)
    return files


def main() -> None:
    """Make the corpus, load it, time each planner."""
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        papers = root / "content" / "papers"
        papers.parent.mkdir(parents=True)
        command = [sys.executable, str(MAKE_CORPUS), str(papers), str(args.n), "-q"]
        subprocess.run(command, check=True)
        (root / "paperboard.toml").write_text('base_url = "https://example.org/board/"\n')
        site, _ = load_project(BuildOptions(root))
        print(f"{len(site.papers)} papers, {len(site.topics)} topics, {len(site.authors)} authors")
        print(f"{'outputs':<10}{'files':>8}{'MB':>8}{'plan s':>9}{'print s':>9}{'render s':>10}")
        for name, planner in PLANNERS.items():
            plan_s, specs = median_seconds(lambda p=planner: list(p(site)), args.repeat)
            print_s, _ = median_seconds(
                lambda s=specs: [fingerprint(x.url, x.context) for x in s], args.repeat
            )
            render_s, files = median_seconds(lambda s=specs: render_to_memory(site, s), args.repeat)
            size = sum(len(data) for data in files.values()) / 1e6
            print(
                f"{name:<10}{len(files):>8}{size:>8.1f}{plan_s:>9.2f}{print_s:>9.2f}{render_s:>10.2f}"
            )


if __name__ == "__main__":
    main()
