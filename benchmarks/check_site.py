"""Time `paperboard check` (internal links only) on a synthetic corpus.

    python benchmarks/check_site.py [N] [--repeat R]

Makes a project of N papers with /work/shared/bench/make_corpus.py, builds it
once for a project page, then prints the median seconds of the whole check
(content validation included) and of the site part alone (reading and
parsing every page, resolving every link), with the pages and links counted.
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

from generator.build.builder import BuildOptions, build_site
from generator.check.site_check import (
    CheckOptions,
    check_links,
    check_site,
    page_problems,
    scan_site,
)
from generator.config import load_config

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"
BASE = "https://example.org/board/"


def median_seconds(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of `work` over `repeat` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def site_part(root: Path) -> int:
    """Scan and check the built site without validating the content; the problem count."""
    scan = scan_site(root / "site", load_config(root))
    problems = [p for page in scan.pages.values() for p in page_problems(scan, page)]
    links, _ = check_links(scan)
    return len(problems) + len(links)


def main() -> None:
    """Make the corpus, build it, time the check."""
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        papers = root / "content" / "papers"
        papers.parent.mkdir(parents=True)
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), str(papers), str(args.n), "-q"], check=True
        )
        (root / "paperboard.toml").write_text(f'base_url = "{BASE}"\n', encoding="utf-8")
        build_site(BuildOptions(root))
        whole_s, report = median_seconds(lambda: check_site(CheckOptions(root)), args.repeat)
        site_s, problems = median_seconds(lambda: site_part(root), args.repeat)
        print(f"{args.n} papers: {report.pages} pages, {report.links} links, {problems} problems")
        print(f"check (content + site): median {whole_s:.2f} s over {args.repeat} runs")
        print(
            f"site part alone:        median {site_s:.2f} s ({report.pages / site_s:.0f} pages/s)"
        )


if __name__ == "__main__":
    main()
