"""Time Paperboard's one-paper edit in-process: what `paperboard serve` does per save.

    python benchmarks/paperboard_edit.py PROJECT [--runs 5]

Builds PROJECT once with a live `Builder` (serve mode, into a temporary
folder), then edits one paper's abstract `--runs` times, timing each
`Builder.build()`, and freezing the heap after each build as `serve` does (so
the cyclic collector does not walk the whole site again). Prints one JSON
line: the median seconds, every run, and the pages rendered per edit. The
paper is restored afterwards.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build.builder import Builder, BuildOptions


def edit_times(root: Path, runs: int) -> dict[str, object]:
    """Build once, then time `runs` edits of the abstract of the middle paper."""
    papers = sorted((root / "content" / "papers").glob("*.md"))
    target = papers[len(papers) // 2]
    original = target.read_bytes()
    times: list[float] = []
    rendered: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        builder = Builder(BuildOptions(root), output=Path(tmp) / "live", live=True)
        builder.build()
        gc.freeze()
        try:
            for run in range(runs):
                target.write_bytes(original + f"\nEdited, run {run}.\n".encode())
                time.sleep(0.15)
                started = time.perf_counter()
                result = builder.build()
                times.append(time.perf_counter() - started)
                rendered.append(len(result.rendered))
                gc.freeze()
        finally:
            target.write_bytes(original)
    return {"median": statistics.median(times), "times": times, "rendered": rendered}


def main() -> None:
    """Parse the arguments and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(edit_times(args.project.resolve(), args.runs)))


if __name__ == "__main__":
    main()
