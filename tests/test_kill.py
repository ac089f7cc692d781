"""A build killed with SIGKILL leaves the old site or the new one, never a mix.

A real `paperboard build` process rebuilds a synthetic corpus (made with
../shared/bench/make_corpus.py) over an older site and is killed at
several points: after a random delay, as soon as its staging folder
appears, while the search index is being written, and right after the swap.
Each time `site/` must be file for file the old site or the new one, and the
next build must succeed and clean up.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO
from shared_data import shared_path
from sitecheck import SEARCH_BUNDLE, snapshot

OLD_PAPERS = 80
NEW_PAPERS = 8
POLL = 0.0005

pytestmark = pytest.mark.slow


def site_tree(site: Path) -> dict[str, str]:
    """The site's files and digests; Pagefind's bundle only has to be whole.

    Pagefind names its index files by content hashes that differ from run to
    run, so its folder is checked for consistency instead of compared.
    """
    tree = {name: d for name, d in snapshot(site).items() if not name.startswith(SEARCH_BUNDLE)}
    entry = json.loads((site / SEARCH_BUNDLE / "pagefind-entry.json").read_bytes())
    for language in entry["languages"].values():
        assert (site / SEARCH_BUNDLE / f"pagefind.{language['hash']}.pf_meta").is_file()
    return tree


@dataclass
class Corpus:
    """A project whose content is the new version, and the two sites it was built as."""

    root: Path
    old_state: Path
    """A copy of what the build from the old content left: the site, and any cache."""
    old: dict[str, str]
    new: dict[str, str]
    seconds: float
    """How long the new build took once."""

    @property
    def site(self) -> Path:
        return self.root / "site"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "generator", "build", "--source", str(self.root), "-q"]

    def build(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(), env=env(), capture_output=True, text=True, check=False, timeout=300
        )


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    make_corpus = shared_path("bench", "make_corpus.py")
    base = tmp_path_factory.mktemp("kill")
    generated = base / "generated"
    total = str(OLD_PAPERS + NEW_PAPERS)
    subprocess.run([sys.executable, str(make_corpus), str(generated), total, "-q"], check=True)
    files = sorted(generated.glob("*.md"))
    root = base / "proj"
    papers = root / "content" / "papers"
    papers.mkdir(parents=True)
    (root / "paperboard.toml").write_text('base_url = "https://example.org/repo/"\n')
    for path in files[:OLD_PAPERS]:
        shutil.copy(path, papers / path.name)
    corpus = Corpus(root, base / "old-state", {}, {}, 0.0)
    assert corpus.build().returncode == 0
    corpus.old = site_tree(corpus.site)
    corpus.old_state.mkdir()
    for path in build_state(corpus):
        copy(path, corpus.old_state / path.name)
    for path in files[OLD_PAPERS:]:
        shutil.copy(path, papers / path.name)
    first = papers / files[0].name
    first.write_text(first.read_text().replace('title: "', 'title: "Revised ', 1))
    started = time.perf_counter()
    assert corpus.build().returncode == 0
    corpus.seconds = time.perf_counter() - started
    corpus.new = site_tree(corpus.site)
    assert corpus.old.keys() != corpus.new.keys()
    return corpus


def staging(corpus: Corpus) -> list[Path]:
    return list(corpus.root.glob(".paperboard-tmp-*"))


def build_state(corpus: Corpus) -> list[Path]:
    """What builds leave in the project: everything but the content and the settings."""
    return [p for p in corpus.root.iterdir() if p.name not in ("content", "paperboard.toml")]


def copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target)


def reset(corpus: Corpus) -> None:
    """Put the project back as the old build left it, with the new content."""
    for path in build_state(corpus):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in corpus.old_state.iterdir():
        copy(path, corpus.root / path.name)


def kill_when(corpus: Corpus, happened: Callable[[], bool]) -> tuple[bool, bool]:
    """Start a build over the site; SIGKILL it once `happened()`. (seen, killed)."""
    process = subprocess.Popen(
        corpus.command(), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    seen = False
    while process.poll() is None and not seen:
        seen = happened()
        time.sleep(POLL)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return seen, process.returncode == -signal.SIGKILL


def check_whole_and_recovers(corpus: Corpus) -> str:
    """`site/` is the old or the new site; the next build succeeds and cleans up."""
    tree = site_tree(corpus.site)
    state = "old" if tree == corpus.old else "new" if tree == corpus.new else "mixed"
    assert state != "mixed", sorted(set(tree.items()) ^ set(corpus.new.items()))[:10]
    result = corpus.build()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert site_tree(corpus.site) == corpus.new
    assert staging(corpus) == []
    return state


@pytest.mark.parametrize("seed", [1, 2])
def test_killed_after_a_random_delay(corpus: Corpus, seed: int) -> None:
    reset(corpus)
    deadline = time.monotonic() + random.Random(seed).uniform(0.1, corpus.seconds)
    kill_when(corpus, lambda: time.monotonic() >= deadline)
    check_whole_and_recovers(corpus)


def test_killed_as_soon_as_the_staging_folder_appears(corpus: Corpus) -> None:
    reset(corpus)
    seen, killed = kill_when(corpus, lambda: bool(staging(corpus)))
    assert seen and killed
    assert staging(corpus), "the killed build left its staging folder for the next to remove"
    assert check_whole_and_recovers(corpus) == "old"


def test_killed_while_the_search_index_is_written(corpus: Corpus) -> None:
    reset(corpus)
    seen, killed = kill_when(
        corpus, lambda: any((path / SEARCH_BUNDLE).exists() for path in staging(corpus))
    )
    assert seen and killed
    assert check_whole_and_recovers(corpus) == "old"


def test_killed_right_after_the_swap(corpus: Corpus) -> None:
    reset(corpus)
    old_folder = corpus.site.stat().st_ino
    seen, _ = kill_when(corpus, lambda: corpus.site.stat().st_ino != old_folder)
    assert seen
    assert check_whole_and_recovers(corpus) == "new"


def test_a_killed_cleanup_is_finished_by_the_next_build(tmp_path: Path) -> None:
    leftover = tmp_path / ".paperboard-tmp-site-dead"
    for folder in range(40):
        (leftover / f"d{folder}").mkdir(parents=True)
        for number in range(100):
            (leftover / f"d{folder}" / f"{number}.html").write_bytes(b"x")
    (leftover / ".paperboard-site").write_bytes(b"")
    script = "from pathlib import Path; from generator.output.staging import remove_leftovers; "
    script += f"remove_leftovers(Path({str(tmp_path / 'site')!r}))"
    process = subprocess.Popen([sys.executable, "-c", script], env=env())
    marker = leftover / ".paperboard-site"

    def unmarked_but_full() -> bool:
        try:
            return not marker.exists() and any(leftover.iterdir())
        except FileNotFoundError:  # the cleanup removed the folder between the two looks
            return False

    while process.poll() is None and not unmarked_but_full():
        time.sleep(POLL / 5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not leftover.exists() or marker.exists() or not any(leftover.iterdir())
    subprocess.run([sys.executable, "-c", script], env=env(), check=True)
    assert not leftover.exists()
