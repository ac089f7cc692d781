"""Watch the project's inputs and turn each burst of file events into one call.

A thin adapter over watchdog. Which events matter is decided by the pure
`is_trigger`, built on `sources.classify`, so what starts a rebuild and what
the build reads never disagree. Events are only triggers: every rebuild scans
the folders again, so a lost or merged event can never leave a page stale.
An editor's atomic save or a `git checkout` touching 500 files arrives as a
burst; `Debouncer` waits for a short quiet spell and hands over the whole
burst at once.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Generic, TypeVar

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from generator.config import SiteConfig
from generator.content.sources import classify, is_debris, theme_dirs

T = TypeVar("T")
Changes = frozenset[PurePosixPath]

QUIET = 0.025
"""Seconds without a new event that end a burst: longer than the gaps inside an
atomic save or a checkout, short enough not to be felt."""
LONGEST = 2.0
"""A burst that never goes quiet is still handed over after this many seconds."""
IDLE_POLL = 0.2
"""How often an idle worker looks at its stop event."""
FILE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})
FOLDER_EVENTS = frozenset({"created", "deleted", "moved"})
EVENT_FILTER = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""Never opens and reads: the build reads every input, and must not wake itself."""


def is_trigger(
    event_type: str, relative: PurePosixPath, is_directory: bool, trees: frozenset[PurePosixPath]
) -> bool:
    """Whether one event should start a rebuild.

    A file counts when the build reads it (`classify`). A folder counts when it
    appears, goes or moves inside (or as) one of the watched `trees`, since its
    files may come and go without events of their own.
    """
    if not is_directory:
        return event_type in FILE_EVENTS and classify(relative) is not None
    if event_type not in FOLDER_EVENTS or any(is_debris(part) for part in relative.parts):
        return False
    return any(relative == tree or tree in relative.parents for tree in trees)


@dataclass(frozen=True, slots=True)
class Watched:
    """A folder to watch, and the project-relative name its paths are classified under."""

    folder: Path
    label: PurePosixPath
    recursive: bool = True


def watched_folders(config: SiteConfig) -> list[Watched]:
    """`paperboard.toml` (the project folder, not recursive), `content/` and the themes."""
    root = config.root
    folders = [
        Watched(root, PurePosixPath(), False),
        Watched(config.content_dir, PurePosixPath("content")),
    ]
    for theme in theme_dirs(config):
        try:
            label = PurePosixPath(theme.relative_to(root).as_posix())
        except ValueError:
            label = PurePosixPath(theme.name)
        folders.append(Watched(theme, label))
    return folders


class Debouncer(Generic[T]):
    """Collect items from any thread; run `action` once per burst, on a thread of its own.

    Items that arrive while `action` runs form the next burst. An exception in
    `action` is reported and the worker carries on.
    """

    def __init__(
        self,
        action: Callable[[frozenset[T]], None],
        stop: threading.Event,
        quiet: float = QUIET,
        longest: float = LONGEST,
        name: str = "paperboard-debounce",
    ) -> None:
        self.action = action
        self.stop = stop
        self.quiet = quiet
        self.longest = longest
        self._items: set[T] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    def add(self, items: Iterable[T]) -> None:
        """Queue items for the next call."""
        with self._lock:
            self._items.update(items)
        self._wake.set()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the worker to finish (after `stop` is set)."""
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self.stop.is_set():
            if not self._wake.wait(IDLE_POLL):
                continue
            batch = self._settle()
            if batch and not self.stop.is_set():
                self._fire(batch)

    def _settle(self) -> frozenset[T]:
        """Wait until no item came for `quiet` seconds (or `longest` passed); take them all."""
        deadline = time.monotonic() + self.longest
        while True:
            self._wake.clear()
            if self.stop.wait(self.quiet):
                return frozenset()
            if not self._wake.is_set() or time.monotonic() >= deadline:
                break
        with self._lock:
            batch = frozenset(self._items)
            self._items.clear()
        return batch

    def _fire(self, batch: frozenset[T]) -> None:
        try:
            self.action(batch)
        except Exception:
            print("paperboard: internal error, still watching:", file=sys.stderr)
            traceback.print_exc()


class Watcher(FileSystemEventHandler):
    """Watch the folders `folders()` names; call `on_change` with each burst's paths.

    `folders` is asked again after every burst, so a folder that appears
    later (or a theme named by an edited config) is watched from then on.
    """

    def __init__(
        self,
        folders: Callable[[], list[Watched]],
        on_change: Callable[[Changes], None],
        stop: threading.Event,
        quiet: float = QUIET,
    ) -> None:
        self.folders = folders
        self.on_change = on_change
        self.stop = stop
        self._current: list[Watched] = []
        self._watches: dict[Path, tuple[ObservedWatch, int]] = {}
        self._observer: BaseObserver = Observer(timeout=0.1)
        self._debouncer: Debouncer[PurePosixPath] = Debouncer(self._burst, stop, quiet)

    def start(self) -> None:
        """Begin watching; events from now on are reported."""
        self.refresh()
        self._observer.start()
        self._debouncer.start()

    def close(self, timeout: float = 0.5) -> None:
        """Stop watching and let the worker end (a build in progress is not waited for)."""
        self.stop.set()
        self._observer.stop()
        self._observer.join(timeout)
        self._debouncer.join(timeout)

    def refresh(self) -> None:
        """Watch folders that appeared or were replaced; drop those that went."""
        self._current = sorted(self.folders(), key=lambda w: len(w.folder.parts), reverse=True)
        for watched in self._current:
            inode = _inode(watched.folder)
            known = self._watches.get(watched.folder)
            if known is not None and known[1] != inode:
                self._unschedule(watched.folder)
                known = None
            if known is None and inode is not None:
                watch = self._observer.schedule(
                    self,
                    str(watched.folder),
                    recursive=watched.recursive,
                    event_filter=EVENT_FILTER,
                )
                self._watches[watched.folder] = (watch, inode)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Keep the project-relative paths of events that matter."""
        trees = frozenset(w.label for w in self._current if w.recursive)
        found = []
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            relative = self.relative(os.fsdecode(raw)) if raw else None
            if relative is not None and is_trigger(
                event.event_type, relative, event.is_directory, trees
            ):
                found.append(relative)
        if found:
            self._debouncer.add(found)

    def relative(self, path: str) -> PurePosixPath | None:
        """The path as `classify` names it, from the innermost watched folder holding it."""
        target = Path(path)
        for watched in self._current:
            if target == watched.folder or watched.folder in target.parents:
                inner = target.relative_to(watched.folder).as_posix()
                return watched.label / inner if inner != "." else watched.label
        return None

    def _burst(self, changes: Changes) -> None:
        """Watch new folders first (their files count from now), then again after the
        rebuild, which may have read a config naming another theme."""
        self.refresh()
        try:
            self.on_change(changes)
        finally:
            if not self.stop.is_set():
                self.refresh()

    def _unschedule(self, folder: Path) -> None:
        watch, _ = self._watches.pop(folder)
        with contextlib.suppress(KeyError):
            self._observer.unschedule(watch)


def _inode(folder: Path) -> int | None:
    """The folder's inode (a re-created folder needs a new watch), or None if absent."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return found.st_ino if stat.S_ISDIR(found.st_mode) else None
