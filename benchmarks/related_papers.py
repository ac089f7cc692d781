"""Time the related-papers index on a synthetic corpus: from scratch, and after one edit.

    python benchmarks/related_papers.py [N] [--repeat R]

Makes a project of N papers (default 10,000) with
/work/shared/bench/make_corpus.py, loads it once, then prints the median
seconds of R runs (default 3) of:

- a fresh `RelatedIndex` over every paper (what a cold build pays), split into
  reading the words and the rest (idf, vectors, the top-k product);
- `update` after one paper's abstract changed (what `serve` pays per edit);
- `update` after one paper was added.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build.builder import BuildOptions, load_project
from generator.models import Paper
from generator.site.related import RelatedIndex, paper_terms

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def load(count: int, work: Path) -> list[Paper]:
    """The papers of a fresh synthetic project of `count` papers."""
    papers = work / "content" / "papers"
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(papers), str(count), "--format", "paper", "-q"],
        check=True,
    )
    site, _ = load_project(BuildOptions(work, cache=False))
    return list(site.papers)


def edited(index: RelatedIndex, papers: list[Paper]) -> Callable[[], object]:
    """Change one abstract (differently each call) and update the index."""
    middle = len(papers) // 2
    counter = iter(range(10**9))

    def run() -> object:
        changed = list(papers)
        paper = changed[middle]
        changed[middle] = replace(paper, text=f"{paper.text} edit {next(counter)}")
        return index.update(changed)

    return run


def added(index: RelatedIndex, papers: list[Paper]) -> float:
    """Seconds to update the index of `papers` after one paper was added."""
    index.update(papers)
    extra = replace(papers[0], slug="an-added-paper", text=papers[0].text + " added")
    started = time.perf_counter()
    index.update([*papers, extra])
    return time.perf_counter() - started


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        papers = load(args.papers, Path(tmp))
    print(f"{len(papers):,} papers, median of {args.repeat} runs")
    words = median_seconds(lambda: [paper_terms(p) for p in papers], args.repeat)
    fresh = median_seconds(lambda: RelatedIndex().update(papers), args.repeat)
    print(f"  fresh index, every paper:  {fresh:7.3f} s  (reading the words: {words:.3f} s)")
    index = RelatedIndex()
    index.update(papers)
    edit = median_seconds(edited(index, papers), args.repeat)
    print(f"  one abstract edited:       {edit:7.3f} s")
    add = statistics.median(added(index, papers) for _ in range(args.repeat))
    print(f"  one paper added:           {add:7.3f} s")


if __name__ == "__main__":
    main()
