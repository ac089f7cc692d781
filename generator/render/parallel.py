"""Split work over forked processes: this one and `workers - 1` children.

Why fork: the children inherit the loaded site, the Jinja environment and its
compiled templates for free, so only item indices go in and small results
come out (through a pipe, pickled). Items are dealt out in interleaved chunks
so every process gets a similar mix of cheap and expensive pages, and the
result is the same whatever the number of processes: each item is computed by
the same pure function. A shared counter (anonymous shared memory) tells the
parent how many items every process has finished, for the progress display.
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R")
CHUNK = 32
MIN_ITEMS = 400
"""Below this, forking costs more than it saves (and edits stay in-process)."""


class WorkerCrashed(RuntimeError):
    """A child process raised: its traceback, as text."""


def worker_count(items: int, requested: int | None = None) -> int:
    """How many processes pay off for `items` items on this machine (or as `requested`)."""
    if requested is not None:
        return max(1, min(requested, items)) if hasattr(os, "fork") else 1
    if items < MIN_ITEMS or not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def deal(count: int, workers: int, chunk: int = CHUNK) -> list[list[int]]:
    """Item indices for each process, in interleaved chunks."""
    shares: list[list[int]] = [[] for _ in range(workers)]
    for start in range(0, count, chunk):
        shares[(start // chunk) % workers].extend(range(start, min(start + chunk, count)))
    return shares


class Counter:
    """One finished-items counter per process, in memory the children share."""

    def __init__(self, slots: int) -> None:
        self._memory = mmap.mmap(-1, 8 * slots)
        self._slots = slots

    def set(self, slot: int, value: int) -> None:
        """Record that process `slot` has finished `value` items."""
        struct.pack_into("q", self._memory, 8 * slot, value)

    def total(self) -> int:
        """Items finished by every process together."""
        return sum(struct.unpack_from("q", self._memory, 8 * i)[0] for i in range(self._slots))


Work = Callable[[Sequence[int], Callable[[int], None]], R]
"""work(indices, done) -> result; calls done(n) after finishing n items."""


def fork_map(work: Work[R], count: int, workers: int, counter: Counter | None = None) -> list[R]:
    """Run `work` on each process's share of `count` items; results in process order."""
    shares = deal(count, workers)
    children = [_spawn(work, shares[slot], slot, counter) for slot in range(1, workers)]
    try:
        own = work(shares[0], _reporter(counter, 0))
    finally:
        reports = [_collect(pid, reader) for pid, reader in children]
    for ok, value in reports:
        if isinstance(value, OSError):
            raise value
        if not ok:
            raise WorkerCrashed(value)
    return [own, *(value for _, value in reports)]


def _reporter(counter: Counter | None, slot: int) -> Callable[[int], None]:
    if counter is None:
        return lambda done: None
    return lambda done: counter.set(slot, done)


def _spawn(
    work: Work[R], indices: list[int], slot: int, counter: Counter | None
) -> tuple[int, int]:
    reader, writer = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(reader)
        try:
            payload = pickle.dumps((True, work(indices, _reporter(counter, slot))), protocol=5)
        except OSError as exc:  # a full disk in a child is the user's to fix, not a crash
            payload = pickle.dumps((False, exc))
        except BaseException:
            payload = pickle.dumps((False, traceback.format_exc()))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> tuple[bool, Any]:
    """Read a child's report and reap it; (False, message) when it failed."""
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return False, f"a build process died (status {status}) before it reported"
    return pickle.loads(data)  # type: ignore[no-any-return]
