"""The watcher: a real watchdog observer on a temporary project, synchronised by events."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from conftest import Project

from generator.config import load_config
from generator.serve.watch import Changes, Debouncer, Watcher, is_trigger, watched_folders

WAIT = 10.0
TREES = frozenset({PurePosixPath("content"), PurePosixPath("mytheme")})


@pytest.mark.parametrize(
    ("event", "path", "is_directory", "expected"),
    [
        ("modified", "content/papers/a.md", False, True),
        ("created", "content/papers/a.markdown", False, True),
        ("deleted", "content/topics/bias.md", False, True),
        ("moved", "content/papers/a.md", False, True),
        ("closed", "content/papers/a.md", False, True),
        ("opened", "content/papers/a.md", False, False),
        ("closed_no_write", "content/papers/a.md", False, False),
        ("modified", "paperboard.toml", False, True),
        ("modified", "mytheme/templates/base.html", False, True),
        ("modified", "mytheme/static/style.css", False, True),
        ("modified", "content/papers/.a.md.swp", False, False),
        ("modified", "content/papers/a.md~", False, False),
        ("modified", "content/papers/.#a.md", False, False),
        ("created", "content/papers/4913", False, False),
        ("modified", "content/papers/a.md.tmp", False, False),
        ("modified", "content/papers/notes.txt", False, False),
        ("created", "content/papers/a.webp", False, True),
        ("modified", "content/papers/art/a.PNG", False, True),
        ("modified", "content/papers/a.pdf", False, False),
        ("modified", "content/papers/.a.webp.123.tmp", False, False),
        ("modified", "content/papers/drafts/a.md", False, False),
        ("modified", "README.md", False, False),
        ("created", "content", True, True),
        ("deleted", "content/papers", True, True),
        ("moved", "mytheme/templates", True, True),
        ("modified", "content/papers", True, False),
        ("created", "site", True, False),
        ("created", "content/.git", True, False),
    ],
)
def test_which_events_trigger_a_rebuild(
    event: str, path: str, is_directory: bool, expected: bool
) -> None:
    assert is_trigger(event, PurePosixPath(path), is_directory, TREES) is expected


class Recorder:
    """The rebuild callable: records each burst and hands it to the test."""

    def __init__(self) -> None:
        self.bursts: queue.Queue[Changes] = queue.Queue()

    def __call__(self, changes: Changes) -> None:
        self.bursts.put(changes)

    def next(self) -> set[str]:
        return {str(path) for path in self.bursts.get(timeout=WAIT)}


def start_watcher(project: Project, quiet: float = 0.2) -> tuple[Watcher, Recorder]:
    """Quiet spells longer than the default keep bursts whole on a loaded machine."""
    recorder = Recorder()
    config = load_config(project.root)
    watcher = Watcher(lambda: watched_folders(config), recorder, threading.Event(), quiet)
    watcher.start()
    return watcher, recorder


@pytest.fixture
def watching(project: Project) -> Iterator[tuple[Project, Recorder]]:
    project.paper("alpha")
    watcher, recorder = start_watcher(project)
    yield project, recorder
    watcher.close()


def test_an_edit_becomes_one_burst_naming_the_file(watching: tuple[Project, Recorder]) -> None:
    project, recorder = watching
    project.paper("alpha", title="Edited")
    assert recorder.next() == {"content/papers/alpha.md"}


def test_editor_temporary_files_and_reads_are_ignored(
    watching: tuple[Project, Recorder],
) -> None:
    project, recorder = watching
    papers = project.root / "content/papers"
    for name in [".alpha.md.swp", "alpha.md~", "4913", "alpha.md.tmp", ".DS_Store"]:
        (papers / name).write_text("junk")
    os.symlink("nobody@host.1234", papers / ".#alpha.md")
    (papers / "alpha.md").read_bytes()
    project.write("paperboard.toml", 'title = "Sentinel"\n')
    assert recorder.next() == {"paperboard.toml"}


def test_an_atomic_save_by_rename_is_one_burst(watching: tuple[Project, Recorder]) -> None:
    project, recorder = watching
    papers = project.root / "content/papers"
    temporary = papers / ".alpha.md.swp"
    shutil.copy(papers / "alpha.md", temporary)
    temporary.write_text(temporary.read_text().replace("A Paper", "Saved"))
    os.replace(temporary, papers / "alpha.md")
    assert recorder.next() == {"content/papers/alpha.md"}


def test_a_git_checkout_of_500_files_is_one_rebuild(project: Project) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-C", str(project.root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    for index in range(500):
        project.paper(f"p{index}", title=f"Paper {index}")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "other"], check=True)
    for index in range(500):
        project.paper(f"p{index}", title=f"Other {index}")
    subprocess.run([*git, "commit", "-q", "-a", "-m", "two"], check=True)
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    watcher, recorder = start_watcher(project)
    try:
        subprocess.run([*git, "checkout", "-q", "other"], check=True)
        first = recorder.next()
        project.write("paperboard.toml", 'title = "Sentinel"\n')
        second = recorder.next()
    finally:
        watcher.close()
    assert {f"content/papers/p{index}.md" for index in range(500)} <= first
    assert second == {"paperboard.toml"}


def test_content_folder_made_after_start_is_watched(project: Project) -> None:
    shutil.rmtree(project.root / "content")
    watcher, recorder = start_watcher(project)
    try:
        project.paper("late")
        assert "content" in recorder.next()
        project.paper("later")
        assert "content/papers/later.md" in recorder.next()
    finally:
        watcher.close()


def test_theme_outside_the_project_is_classified_by_its_own_folders(
    project: Project, tmp_path: Path
) -> None:
    theme = tmp_path / "shared-theme"
    (theme / "templates").mkdir(parents=True)
    project.write("paperboard.toml", f'theme = "{theme}"\n')
    watcher, recorder = start_watcher(project)
    try:
        (theme / "templates" / "base.html").write_text("<html></html>")
        assert recorder.next() == {"shared-theme/templates/base.html"}
    finally:
        watcher.close()


def test_debouncer_hands_over_items_added_during_a_call_in_the_next_one() -> None:
    calls: queue.Queue[frozenset[int]] = queue.Queue()
    running, release = threading.Event(), threading.Event()

    def action(batch: frozenset[int]) -> None:
        calls.put(batch)
        running.set()
        release.wait(WAIT)

    stop = threading.Event()
    debouncer: Debouncer[int] = Debouncer(action, stop, quiet=0.05)
    debouncer.start()
    try:
        debouncer.add(range(100))
        assert running.wait(WAIT)
        debouncer.add([100, 101])
        release.set()
        assert calls.get(timeout=WAIT) == frozenset(range(100))
        assert calls.get(timeout=WAIT) == frozenset({100, 101})
    finally:
        stop.set()
        debouncer.join(WAIT)


def test_debouncer_survives_a_failing_action(capsys: pytest.CaptureFixture[str]) -> None:
    calls: queue.Queue[frozenset[str]] = queue.Queue()

    def action(batch: frozenset[str]) -> None:
        calls.put(batch)
        if "boom" in batch:
            raise RuntimeError("boom")

    stop = threading.Event()
    debouncer: Debouncer[str] = Debouncer(action, stop, quiet=0.01)
    debouncer.start()
    try:
        debouncer.add(["boom"])
        assert calls.get(timeout=WAIT) == {"boom"}
        debouncer.add(["fine"])
        assert calls.get(timeout=WAIT) == {"fine"}
    finally:
        stop.set()
        debouncer.join(WAIT)
    assert "RuntimeError: boom" in capsys.readouterr().err
