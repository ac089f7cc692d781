"""One build at a time per output folder: an `fcntl.flock` on a file beside it.

Two builds into one folder (an editor's build-on-save, `serve` plus a manual
build, CI matrix jobs sharing a workspace) would each publish a staging
folder over the other's. The lock is held for the whole build, from the
check of the output folder to the swap; the kernel drops it when its holder
exits, even on `kill -9`, so a lock is never stale. The file stays: deleting
it would let a third build lock a new file while the second holds the old.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputRefused, error


def lock_path(output: Path) -> Path:
    """The lock file of `output`: hidden, beside it (inside it would be published)."""
    return output.parent / f".{output.name}.paperboard-lock"


@contextmanager
def output_lock(
    output: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock of `output`; wait for its holder, or with `wait=False` refuse.

    An OSError making the lock (a read-only or full disk) is the caller's to report.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(output), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, output, wait, on_wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, output: Path, wait: bool, on_wait: Callable[[str], None] | None) -> None:
    """Take the lock at once if free; otherwise say who holds it, then wait or refuse."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    holder = _holder(fd)
    if not wait:
        raise OutputRefused(
            [
                error(
                    f"another build ({holder}) is writing into {output}",
                    hint="wait for it to finish, or run without --no-wait to wait for it",
                )
            ]
        )
    if on_wait is not None:
        on_wait(f"Waiting for another build ({holder}) to finish writing into {output}...")
    fcntl.flock(fd, fcntl.LOCK_EX)


def _holder(fd: int) -> str:
    """`pid 1234`, as the holder wrote it into the lock file (it may not have yet)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f"pid {text}" if text.isdigit() else "pid unknown"
