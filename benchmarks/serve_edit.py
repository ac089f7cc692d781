"""Time `paperboard serve` end to end: from a saved file to the page on disk and the reload.

    python benchmarks/serve_edit.py [--papers 10000] [--repeat 5] [--work DIR]

Makes a synthetic project of N papers with /work/shared/bench/make_corpus.py
(kept in --work between runs) plus a user theme overriding `paper.html`, and
runs `serve_site` in this process on a free port: the real watcher, builder
and HTTP server. Then it edits one paper's abstract, then its topics, then
the `paper.html` template, `--repeat` times each, and for each edit measures
from the moment the write returned:

- page on disk: the edited paper's own page replaced in the live folder
  (seen by a watchdog observer on that page's folder);
- reload sent: the `reload` Server-Sent Event received by a client that
  connected to `/__paperboard/events` before the write, as a browser would;
  it is sent after every file of the rebuild is written.

It prints the median (and min/max) milliseconds per kind of edit, the first
build, and the time `serve` takes to stop and delete its live folder.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from live_helpers import EventStream, request  # noqa: E402
from watchdog.events import FileSystemEvent, FileSystemEventHandler  # noqa: E402
from watchdog.observers import Observer  # noqa: E402

from generator.build.builder import BuildOptions  # noqa: E402
from generator.config import default_theme_dir  # noqa: E402
from generator.serve.session import ServeOptions, serve_site  # noqa: E402

MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
TIMEOUT = 120.0


def make_project(work: Path, papers: int) -> Path:
    """The corpus (made once per size) and a theme whose `paper.html` we may edit."""
    root = work / f"serve-{papers}"
    if not (root / "content" / "papers").is_dir():
        command = [sys.executable, str(MAKE_CORPUS), str(root / "content" / "papers"), str(papers)]
        subprocess.run([*command, "--format", "paper", "-q"], check=True)
    (root / "paperboard.toml").write_text('theme = "mytheme"\n')
    templates = root / "mytheme" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    shutil.copy(default_theme_dir() / "templates" / "paper.html", templates / "paper.html")
    return root


class PageLanded(FileSystemEventHandler):
    """Records when one output file is replaced (the build renames it into place)."""

    def __init__(self, target: Path) -> None:
        self.target = str(target)
        self.landed = threading.Event()
        self.at = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Stamp the first move or write onto the target."""
        hit = str(getattr(event, "dest_path", "")) == self.target or (
            event.event_type in ("created", "modified") and str(event.src_path) == self.target
        )
        if hit and not self.landed.is_set():
            self.at = time.perf_counter()
            self.landed.set()


@dataclass
class Server:
    """A running serve_site, its URL, live folder and printed lines."""

    url: str
    folder: Path
    stop: threading.Event
    thread: threading.Thread
    log: list[str] = field(default_factory=list)


@contextmanager
def serving(root: Path) -> Iterator[Server]:
    """Start serve_site in a thread; yield when the first build is served."""
    ready: list[tuple[str, Path]] = []
    started, stop = threading.Event(), threading.Event()
    log: list[str] = []

    def on_ready(url: str, folder: Path) -> None:
        ready.append((url, folder))
        started.set()

    options = ServeOptions(BuildOptions(root), "127.0.0.1", 0)
    thread = threading.Thread(
        target=serve_site,
        args=(options, lambda level, text: log.append(f"{level}: {text}"), stop, on_ready),
        daemon=True,
    )
    thread.start()
    if not started.wait(TIMEOUT):
        raise SystemExit("serve did not start")
    yield Server(*ready[0], stop, thread, log)
    stop.set()
    thread.join(TIMEOUT)


def time_edit(server: Server, page_url: str, edit: Callable[[], None]) -> tuple[float, float]:
    """Milliseconds from the write to the page on disk, and to the reload event."""
    page = request(server.url, "/" + page_url)
    version = re.search(rb'data-version="([^"]+)"', page.body)
    assert version, "the page carries no reload script"
    stream = EventStream(server.url, version.group(1).decode())
    landed = PageLanded(server.folder / page_url / "index.html")
    observer = Observer()
    observer.schedule(landed, str(server.folder / page_url))
    observer.start()
    try:
        edit()
        written = time.perf_counter()
        event = stream.next()
        reloaded = time.perf_counter()
        assert event[0] == "reload", f"expected a reload, got {event}: {server.log[-3:]}"
        assert landed.landed.wait(TIMEOUT), "the page never changed on disk"
    finally:
        stream.close()
        observer.stop()
        observer.join()
    return (landed.at - written) * 1000, (reloaded - written) * 1000


def edits(paper: Path, template: Path, repeat: int) -> Iterator[tuple[str, Callable[[], None]]]:
    """(kind, edit) pairs, each changing the file so a rebuild is due; restores both files.

    Every edit writes bytes the file did not hold just before, even when an
    earlier, interrupted run left its own edit behind.
    """
    original = paper.read_text()
    head, _, body = original.partition("\n---\n")
    topics = re.findall(r"^topics:\n((?:  - .*\n)+)", head + "\n", re.M)[0]
    base = template.read_text()
    try:
        for run in range(repeat):
            yield "abstract", lambda r=run: paper.write_text(f"{head}\n---\n\nEdit {r}. {body}")
        for run in range(repeat):
            swapped = '  - "Fairness"\n' if run % 2 == 0 else '  - "Robotics"\n  - "Theory"\n'
            yield "topics", lambda s=swapped: paper.write_text(original.replace(topics, s))
        for run in range(repeat):
            marked = base.replace("{% block content %}", f"{{% block content %}}<!-- {run} -->", 1)
            yield "template", lambda m=marked: template.write_text(m)
    finally:
        paper.write_text(original)
        template.write_text(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/paperboard-bench"))
    args = parser.parse_args()
    root = make_project(args.work, args.papers)
    paper = sorted((root / "content" / "papers").glob("*.md"))[0]
    template = root / "mytheme" / "templates" / "paper.html"
    started = time.perf_counter()
    results: dict[str, list[tuple[float, float]]] = {}
    with serving(root) as server:
        first_build = time.perf_counter() - started
        for kind, edit in edits(paper, template, args.repeat):
            results.setdefault(kind, []).append(time_edit(server, f"papers/{paper.stem}/", edit))
        stopping = time.perf_counter()
    stopped = time.perf_counter() - stopping
    print(f"{args.papers} papers; first build and start: {first_build:.1f} s")
    print(f"{'edit':<10}{'page on disk ms':>22}{'reload sent ms':>22}")
    for kind, runs in results.items():
        print(f"{kind:<10}{_spread([r[0] for r in runs]):>22}{_spread([r[1] for r in runs]):>22}")
    print(f"stop (Ctrl-C path, incl. deleting the live folder): {stopped * 1000:.0f} ms")


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


if __name__ == "__main__":
    main()
