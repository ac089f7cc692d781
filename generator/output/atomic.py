"""Replace a file atomically: write a temporary file beside it, then rename it over.

A rename within one folder is atomic, so a reader (the HTTP server of
`serve`, the next build reading its cache) sees the old file or the new one,
never half of either; a write that fails deletes its temporary file and
leaves the target as it was. Nothing is fsync'ed: every file written this
way (site pages, caches) can be made again by building again, and none of
the writes this replaced paid for it.

Two forms: `write_atomic` and `open_atomic` write and rename in one go, under
a name unique to this process and thread; `write_pending` and
`commit_pending` split the two, so that every page of a live rebuild is
rendered (by several processes, under one agreed name) before any of them
replaces what is served.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

PENDING = "paperboard-new"
"""The tag of a written but not yet committed file: `.index.html.paperboard-new.tmp`."""


def temporary_for(target: Path, tag: str) -> Path:
    """The temporary file for `target`: hidden, in the same folder, so the rename is atomic."""
    return target.with_name(f".{target.name}.{tag}.tmp")


@contextmanager
def open_atomic(target: Path) -> Iterator[BinaryIO]:
    """A binary file to write; on a clean exit it replaces `target`, on an error it is deleted."""
    temporary = temporary_for(target, f"{os.getpid()}-{threading.get_ident()}")
    try:
        with open(temporary, "wb") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` in one step."""
    with open_atomic(target) as out:
        out.write(data)


def write_pending(target: Path, data: bytes) -> None:
    """Write `data` beside `target`, for `commit_pending` to swap in later."""
    temporary = temporary_for(target, PENDING)
    try:
        temporary.write_bytes(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def commit_pending(target: Path) -> None:
    """Replace `target` with what `write_pending` wrote for it."""
    os.replace(temporary_for(target, PENDING), target)


def discard_pending(target: Path) -> None:
    """Delete what `write_pending` wrote for `target` (a build that failed)."""
    temporary_for(target, PENDING).unlink(missing_ok=True)
