"""Where a `serve` rebuild spends its time, per kind of edit (cProfile).

    python benchmarks/serve_profile.py [--papers 10000] [--repeat 3] [--work DIR]

Uses the project of `serve_edit.py`, builds it once with a live `Builder`
(in memory, as `serve` does), then applies the same edits (abstract, topics,
template) and profiles each `Builder.build()`. For each kind it prints the
median wall time without the profiler, the share of each pipeline stage
(cumulative time of the stage's function, under the profiler), and the
functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_edit import edits, make_project

from generator.build.builder import Builder, BuildOptions
from generator.serve.session import live_parent

STAGES = [
    ("sources (scan, stat)", "sources.py", "content_sources"),
    ("load changed files", "refresh.py", "refresh"),
    ("assemble Site", "assemble.py", "assemble"),
    ("related papers", "steps.py", "with_related"),
    ("plan every page", "plan.py", "plan_site"),
    ("fingerprint every page", "steps.py", "prints"),
    ("render changed pages", "pages.py", "render_into"),
    ("write changed files", "staging.py", "write_in_place"),
]


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each stage's function."""
    found: dict[str, float] = defaultdict(float)
    for (filename, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        for label, module, name in STAGES:
            if filename.endswith(module) and function == name:
                found[label] += row[3]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/paperboard-bench"))
    args = parser.parse_args()
    root = make_project(args.work, args.papers)
    paper = sorted((root / "content" / "papers").glob("*.md"))[0]
    template = root / "mytheme" / "templates" / "paper.html"
    with tempfile.TemporaryDirectory(dir=live_parent()) as tmp:
        builder = Builder(BuildOptions(root), output=Path(tmp) / "site", live=True)
        started = time.perf_counter()
        first = builder.build()
        seconds = time.perf_counter() - started
        print(f"{args.papers} papers, {first.pages} pages; first build {seconds:.1f} s")
        wall: dict[str, list[float]] = defaultdict(list)
        profiles: dict[str, cProfile.Profile] = {}
        for kind, edit in edits(paper, template, args.repeat * 2):
            edit()
            if len(wall[kind]) < args.repeat:
                started = time.perf_counter()
                builder.build()
                wall[kind].append(time.perf_counter() - started)
            else:
                profile = profiles.setdefault(kind, cProfile.Profile())
                profile.runcall(builder.build)
        builder.build()
    for kind, profile in profiles.items():
        stats = pstats.Stats(profile)
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"\n== {kind}: median {statistics.median(wall[kind]) * 1000:.0f} ms without profiler")
        for label, seconds in stage_times(stats).items():
            print(f"   {label:<24}{seconds / total:>6.0%}")
        stats.sort_stats("tottime").print_stats(8)


if __name__ == "__main__":
    main()
