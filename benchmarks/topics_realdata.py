"""Issue 18's figures: two real bibliographies imported, then `topics suggest --apply`.

In a fresh `init` project: `import --replace-example` of d2l.bib and akhirsch
main.bib, `topics suggest`, `topics suggest --apply`, `build --strict`, `check`,
each as its own process (the wall time a user waits). Prints the median time
of each command over the runs, then, from the last run, papers per topic
before and after, the share left in Uncategorized and the proposal itself.

    python benchmarks/topics_realdata.py [--runs 3] [REALDATA]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.urls import slugify  # noqa: E402  (after the path is set)

REALDATA = REPO.parent / "shared" / "realdata"
BIBS = ("d2l-bib/d2l.bib", "akhirsch-bibliography/main.bib")


def paperboard(root: Path, *args: str) -> tuple[str, float]:
    """Run one command in the project; its output and wall time."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"paperboard {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout, elapsed


def topic_counts(root: Path) -> Counter[str]:
    """Papers per topic, by the titles of the topic files (a paper counted once per topic)."""
    titles = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["title"]
        for p in (root / "content" / "topics").glob("*.md")
    }
    counts: Counter[str] = Counter()
    for paper in (root / "content" / "papers").glob("*.md"):
        meta = yaml.safe_load(paper.read_text(encoding="utf-8").split("---\n")[1])
        for topic in dict.fromkeys(meta["topics"]):
            counts[titles.get(slugify(str(topic)), str(topic))] += 1
    return counts


def one_run(realdata: Path, scratch: Path) -> Figures:
    """Init, import, suggest, apply, build and check in a fresh folder."""
    root = scratch / "site"
    paperboard(scratch, "init", str(root))
    inputs = [str(realdata / b) for b in BIBS]
    figures = Figures()
    _, figures.times["import"] = paperboard(root, "import", "--replace-example", "-q", *inputs)
    figures.before = topic_counts(root)
    figures.proposal, figures.times["suggest"] = paperboard(root, "topics", "suggest")
    _, figures.times["suggest --apply"] = paperboard(root, "topics", "suggest", "--apply")
    figures.after = topic_counts(root)
    figures.papers = len(list((root / "content" / "papers").glob("*.md")))
    base = ("--base-url", "https://example.org/papers/")
    _, figures.times["build --strict"] = paperboard(root, "build", "--strict", *base)
    _, figures.times["check"] = paperboard(root, "check", *base)
    return figures


@dataclass
class Figures:
    """What one run measured."""

    times: dict[str, float] = field(default_factory=dict)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    proposal: str = ""
    papers: int = 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("realdata", nargs="?", type=Path, default=REALDATA)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            runs.append(one_run(args.realdata, Path(scratch)))
    print(f"median seconds over {args.runs} runs (each command its own process):")
    for command in runs[0].times:
        values = [r.times[command] for r in runs]
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {command:<16} {statistics.median(values):7.2f}  (runs: {shown})")
    last = runs[-1]
    for name, counts in (("before", last.before), ("after", last.after)):
        print(f"papers per topic {name} `topics suggest --apply` ({len(counts)} topics):")
        for topic, count in counts.most_common():
            print(f"  {count:5d}  {topic}")
    left = last.after.get("Uncategorized", 0)
    print(f"Uncategorized: {left} of {last.papers} papers ({100 * left / last.papers:.1f}%)")
    print("the proposal `topics suggest` printed:")
    print(last.proposal.rstrip())


if __name__ == "__main__":
    main()
