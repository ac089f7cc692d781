"""Check that two Paperboards build the same site from one project, byte for byte.

    python benchmarks/same_output.py PROJECT --baseline SRC [--work DIR]

SRC is another checkout's source tree (e.g. `git archive main | tar -x -C SRC`).
The project is copied twice; each copy is built cold with search (`paperboard
build -q`; warnings are not shown), one by SRC's code and one by this
checkout's, and the two sites are compared: every file outside `pagefind/`
must be byte-identical. Pagefind names its chunks differently from run to
run, so its bundle is compared by what it holds: the page count and every
page's record (URL, text, meta, filters: the decoded fragments). Then both
copies get the same edit that changes no paper page (a description for the
first topic), are built again and compared again: this is where a build may
reuse the previous search index instead of running Pagefind. Prints the
seconds of each build; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import html

REPO = Path(__file__).resolve().parents[1]
LAUNCH = "import sys; sys.path.insert(0, sys.argv.pop(1)); from generator.cli import main; main()"


def build(source: Path, project: Path) -> float:
    """Build `project` with the Paperboard in `source`; the seconds it took."""
    command = [sys.executable, "-c", LAUNCH, str(source), "build", "-q", "--source", str(project)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the build of {project} with {source} failed:\n{done.stderr}")
    return time.perf_counter() - started


def pages(site: Path) -> dict[str, bytes]:
    """Every file of the site outside the search bundle."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def records(site: Path) -> tuple[int, list[str]]:
    """The bundle's page count and its pages' records, decoded and sorted."""
    bundle = site / "pagefind"
    if not bundle.is_dir():
        return 0, []
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    count = sum(int(language["page_count"]) for language in entry["languages"].values())
    found = []
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        found.append(json.dumps(json.loads(data), sort_keys=True))
    return count, sorted(found)


def compare(first: Path, second: Path) -> list[str]:
    """What differs between two sites (nothing, when they are the same)."""
    a, b = pages(first), pages(second)
    problems = [f"only in one site: {name}" for name in sorted(a.keys() ^ b.keys())]
    same_names = sorted(a.keys() & b.keys())
    problems += [f"different bytes: {name}" for name in same_names if a[name] != b[name]]
    (count_a, records_a), (count_b, records_b) = records(first), records(second)
    if count_a != count_b:
        problems.append(f"search index: {count_a} pages against {count_b}")
    if records_a != records_b:
        problems.append("search index: the pages' records differ")
    print(f"  {len(a)} files compared, {count_a} pages in the search index")
    return problems


def describe_first_topic(project: Path) -> None:
    """Give the first topic a description file: its page changes, no paper page does."""
    first = min((project / "site" / "topics").glob("*/index.html"))
    title = " ".join(html.parse(str(first)).xpath("//h1")[0].text_content().split())
    topic = project / "content" / "topics" / f"{first.parent.name}.md"
    topic.parent.mkdir(parents=True, exist_ok=True)
    topic.write_text(f'---\ntitle: "{title}"\n---\n\nA description, added.\n', encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--baseline", type=Path, required=True, help="the other source tree")
    parser.add_argument("--work", type=Path, default=Path(tempfile.mkdtemp(prefix="pb-same-")))
    args = parser.parse_args()
    copies = {"baseline": args.work / "baseline", "this": args.work / "this"}
    sources = {"baseline": args.baseline.resolve(), "this": REPO}
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.project / "content", copy / "content")
        if (args.project / "paperboard.toml").is_file():
            shutil.copy(args.project / "paperboard.toml", copy / "paperboard.toml")
    problems = []
    for step in ("cold build", "after a topic description"):
        for name, copy in copies.items():
            if step != "cold build":
                describe_first_topic(copy)
            print(f"{step}, {name}: {build(sources[name], copy):.2f} s")
        found = compare(copies["baseline"] / "site", copies["this"] / "site")
        problems += [f"{step}: {problem}" for problem in found]
    print("\n".join(problems[:20]) if problems else "same output")
    shutil.rmtree(args.work, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
