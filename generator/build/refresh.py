"""Which content files changed since the last build, and loading the ones that did.

A file is trusted unchanged when its stamp (mtime, size, inode) is the one we
saw, except within a tick of our read (git's "racy clean" rule); otherwise it
is read and hashed, and parsed again only if its bytes changed. Parsing many
files is split over processes (`parallel`): `load_source` is a pure function
of the bytes, so the result does not depend on how the work was split.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.content.load import Loaded, load_source
from generator.content.markdown import make_markdown
from generator.content.sources import Source
from generator.errors import Diagnostic, error
from generator.render.parallel import deal, fork_map, worker_count

FileStamp = tuple[int, int, int]
RACY_NS = 100_000_000


def file_stamp(path: Path) -> FileStamp | None:
    """(mtime_ns, size, inode), or None when the file cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@dataclass(frozen=True, slots=True)
class Entry:
    """A loaded file and how to tell whether it changed since."""

    stamp: FileStamp | None
    digest: bytes
    loaded: Loaded
    read_at: int

    def trusted(self, stamp: FileStamp) -> bool:
        """Same stamp, and not written so close to our read that a change could hide.

        File systems keep mtimes in coarse ticks; as in git's "racy clean"
        rule, a file modified within a tick of our read is re-read and hashed.
        """
        return stamp == self.stamp and self.read_at - stamp[0] > RACY_NS


@dataclass(frozen=True, slots=True)
class _Pending:
    source: Source
    stamp: FileStamp | None
    digest: bytes
    data: bytes


def refresh(
    known: Mapping[Path, Entry],
    config: SiteConfig,
    sources: Sequence[Source],
    problems: list[Diagnostic],
    workers: int | None = None,
) -> dict[Path, Entry]:
    """An entry for every readable source: reused when unchanged, parsed otherwise."""
    fresh: dict[Path, Entry] = {}
    pending: list[_Pending] = []
    for source in sources:
        stamp = file_stamp(source.path)
        old = known.get(source.path)
        if old is not None and stamp is not None and old.trusted(stamp):
            fresh[source.path] = old
            continue
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            problems.append(error(f"cannot read the file: {exc.strerror}", source.path))
            continue
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if old is not None and old.digest == digest:
            fresh[source.path] = Entry(stamp, digest, old.loaded, time.time_ns())
        else:
            fresh[source.path] = old or _placeholder(source)
            pending.append(_Pending(source, stamp, digest, data))
    now = time.time_ns()
    for item, loaded in zip(pending, parse_all(config, pending, workers), strict=True):
        fresh[item.source.path] = Entry(item.stamp, item.digest, loaded, now)
    return fresh


def _placeholder(source: Source) -> Entry:
    """Keeps the sources' order in the dict until the parsed entry replaces it."""
    return Entry(None, b"", Loaded(source, "", None, ()), 0)


def parse_all(
    config: SiteConfig, pending: Sequence[_Pending], workers: int | None = None
) -> list[Loaded]:
    """Parse every pending file, over several processes when there are many."""
    if not pending:
        return []
    md = make_markdown(config.markdown)
    root = config.root

    def work(indices: Sequence[int], done: Callable[[int], None]) -> list[Loaded]:
        return [load_source(pending[i].source, pending[i].data, md, root) for i in indices]

    workers = worker_count(len(pending), workers)
    if workers == 1:
        return work(range(len(pending)), lambda n: None)
    shares = fork_map(work, len(pending), workers)
    result: list[Loaded | None] = [None] * len(pending)
    for indices, loaded in zip(deal(len(pending), workers), shares, strict=True):
        for index, item in zip(indices, loaded, strict=True):
            result[index] = item
    return [item for item in result if item is not None]
