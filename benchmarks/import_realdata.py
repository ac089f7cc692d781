"""Import every real corpus of ../shared/realdata into a temporary project and report.

Prints, per corpus: records created, skipped as duplicate, failed, and the
seconds taken (read + dedupe + write). The ~2,000-entry BibTeX files are
imported 3 times into fresh folders and the median is printed.

    python benchmarks/import_realdata.py [REALDATA]
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.authoring.commands import AuthoringOptions, Report, import_papers

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
TODAY = dt.date(2026, 1, 1)
TIMED = ("jgrey4296-bibliography/main/2025.bib", "cmlbib/data/nips/nips2020.bib")


def sources(root: Path) -> list[tuple[str, list[Path]]]:
    """(corpus name, inputs) for every corpus; an input is a file or a site folder."""
    bibs = sorted(p for p in root.glob("*/**/*.bib") if "content/publication" not in str(p))
    arxiv = root / "arxiv-py-fixtures/tests/fixtures"
    hf = root / "hf-daily-paper-newsletter-chinese/Paper_metadata_download"
    corpora = [(str(p.relative_to(root)), [p]) for p in bibs if "cmlbib" not in str(p)]
    corpora.append(("cmlbib/data (42 files)", [p for p in bibs if "cmlbib" in str(p)]))
    corpora.append(
        (
            "arxiv-py-fixtures (25 Atom)",
            sorted(arxiv.rglob("*.json")) + sorted(arxiv.rglob("*.xml")),
        )
    )
    corpora.append(("hf-daily (580 JSON)", sorted(hf.glob("*.json"))))
    records = sorted((root / "shiyibihua-arxiv-daily").glob("data/*/arxiv.json"))
    corpora.append(("shiyibihua arXiv JSON (data/*/arxiv.json)", records))
    tables = root / "cv-arxiv-daily/docs/cv-arxiv-daily.json"
    corpora.append(("cv-arxiv-daily tables (JSON)", [tables]))
    readme = root / "cv-arxiv-daily/README.md"
    corpora.append(("cv-arxiv-daily README (Markdown tables)", [readme]))
    for site in (
        "ml4code",
        "copenlu-academic-kickstart",
        "cdmuir-hugoblox",
        "pmlr-v84",
        "pmlr-v22",
        "papers-I-read",
        "shiyibihua-arxiv-daily/docs/cs-GR",
    ):
        corpora.append((f"{site}/ (site)", [root / site]))
    return [(name, paths) for name, paths in corpora if all(p.exists() for p in paths) and paths]


def atom_body(path: Path, scratch: Path) -> Path:
    """arxiv.py records HTTP responses as JSON `{url, status_code, body}`: keep the body."""
    if path.suffix != ".json":
        return path
    out = scratch / (path.stem + ".xml")
    out.write_text(json.loads(path.read_text(encoding="utf-8"))["body"], encoding="utf-8")
    return out


def run(paths: list[Path], prepare: Callable[[Path, Path], Path]) -> tuple[Report, float]:
    """Import all inputs of a corpus at once into one fresh project."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        inputs = [prepare(path, Path(scratch)) for path in paths]
        started = time.perf_counter()
        report = import_papers(inputs, AuthoringOptions(root), today=TODAY)
        return report, time.perf_counter() - started


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else REALDATA
    if not root.is_dir():
        sys.exit(f"no real data at {root}")
    print(f"{'corpus':48} {'created':>8} {'dup':>6} {'failed':>7} {'warn':>5} {'seconds':>8}")
    for name, paths in sources(root):
        prepare = atom_body if "arxiv-py" in name else (lambda p, _s: p)
        report, seconds = run(paths, prepare)
        label = name
        if name in TIMED:
            seconds = statistics.median([seconds] + [run(paths, prepare)[1] for _ in range(2)])
            label += " (median of 3)"
        warnings = len(report.problems) - len(report.failed)
        print(
            f"{label:48} {len(report.created):>8} {len(report.duplicates):>6} "
            f"{len(report.failed):>7} {warnings:>5} {seconds:>8.2f}"
        )


if __name__ == "__main__":
    main()
