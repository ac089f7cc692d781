"""Builds at the same time: one at a time per output folder, never in each other's way.

Real `paperboard build` processes on a 300-paper corpus (made with
../shared/bench/make_corpus.py): two into one folder 0.05 s apart (an editor's
build-on-save beside a manual build), two into sibling folders, a build that
finds the lock held by someone else, and staging folders of live and dead
owners.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO
from shared_data import shared_path

from generator.output.lock import lock_path
from generator.output.staging import MARKER, MARKER_TEXT, remove_leftovers

PAPERS = 300
pytestmark = pytest.mark.slow


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("concurrent")
    papers = root / "content" / "papers"
    papers.mkdir(parents=True)
    make_corpus = shared_path("bench", "make_corpus.py")
    subprocess.run([sys.executable, str(make_corpus), "-q", str(papers), str(PAPERS)], check=True)
    (root / "paperboard.toml").write_text('base_url = "https://example.org/repo/"\n')
    return root


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "generator", "build", "--source", str(root), *args]
    return subprocess.Popen(
        command, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    """The exit status and the error lines (the corpus's topic warnings left out)."""
    _, stderr = process.communicate(timeout=600)
    lines = [line for line in stderr.splitlines(True) if ": warning: topic `" not in line]
    return process.returncode, "".join(lines)


def assert_whole(site: Path) -> None:
    """What the issue saw vanish: the marker, .nojekyll, every stylesheet and script."""
    assert (site / MARKER).is_file()
    assert (site / ".nojekyll").is_file()
    static = {path.suffix for path in (site / "static").rglob("*") if path.is_file()}
    assert {".css", ".js"} <= static
    assert (site / "index.html").is_file()
    assert len(list((site / "papers").iterdir())) == PAPERS
    assert not list(site.parent.glob(".paperboard-tmp-*"))


def test_two_builds_into_one_folder_both_publish_a_whole_site(corpus: Path) -> None:
    first = start(corpus, "-q", "--no-cache")
    time.sleep(0.05)
    second = start(corpus, "-q", "--no-cache")
    assert finish(first)[0] == 0
    assert finish(second)[0] == 0
    assert_whole(corpus / "site")
    third = start(corpus, "-q")
    assert finish(third) == (0, "")
    assert_whole(corpus / "site")


def test_builds_into_sibling_folders_leave_each_other_alone(corpus: Path) -> None:
    out = corpus / "out"
    first = start(corpus, "-q", "--no-cache", "--output", str(out / "a"))
    time.sleep(0.05)
    second = start(corpus, "-q", "--no-cache", "--output", str(out / "b"))
    assert finish(first) == (0, "")
    assert finish(second) == (0, "")
    assert_whole(out / "a")
    assert_whole(out / "b")


def hold_lock(output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(output), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def test_no_wait_refuses_naming_the_holder(corpus: Path) -> None:
    fd = hold_lock(corpus / "held")
    try:
        code, stderr = finish(start(corpus, "-q", "--no-wait", "--output", str(corpus / "held")))
    finally:
        os.close(fd)
    assert code == 1
    assert stderr.count("\n") == 1
    assert f"another build (pid {os.getpid()}) is writing into" in stderr
    assert not (corpus / "held").exists()


def test_a_second_build_waits_for_the_first_and_says_so(corpus: Path) -> None:
    fd = hold_lock(corpus / "waited")
    process = start(corpus, "-q", "--output", str(corpus / "waited"))
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith(f"Waiting for another build (pid {os.getpid()})")
        assert not (corpus / "waited").exists()
    finally:
        os.close(fd)
    assert finish(process)[0] == 0
    assert_whole(corpus / "waited")


def staging(parent: Path, name: str, owner: str) -> Path:
    folder = parent / name
    folder.mkdir()
    (folder / MARKER).write_bytes(MARKER_TEXT + owner.encode())
    (folder / "index.html").write_text("half a site")
    return folder


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_are_removed_only_when_their_owner_is_gone(tmp_path: Path) -> None:
    live = staging(tmp_path, ".paperboard-tmp-site-live", f"owner: {os.getppid()} site\n")
    dead = staging(tmp_path, ".paperboard-tmp-site-dead", f"owner: {dead_pid()} site\n")
    other = staging(tmp_path, ".paperboard-tmp-site-b-other", f"owner: {dead_pid()} site-b\n")
    remove_leftovers(tmp_path / "site")
    assert (live / "index.html").is_file()
    assert not dead.exists()
    assert (other / "index.html").is_file()
