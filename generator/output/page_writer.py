"""Put rendered pages on disk, writing only the files whose bytes changed.

Rendering processes place their own pages, so page bytes never travel
between processes. Two ways to place a page:

- `Staging`, for publishing: the page goes into the new site folder; if the
  current site has the same bytes under the same name, it is hard-linked
  instead (same inode, same mtime: a `git diff` of `gh-pages` stays small).
- `Live`, for serve mode: a page whose bytes equal the file already served is
  left alone; any other is written beside its target, and `commit` renames
  them all into place once every page rendered, so a failed build changes
  nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.output.atomic import commit_pending, discard_pending, write_pending
from generator.output.staging import safe_relative


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


class Staging:
    """Place pages in a staging folder, linking the ones the current site already has."""

    def __init__(self, folder: Path, current: Path | None) -> None:
        self.folder = str(folder)
        self.current = str(current) if current is not None and current.is_dir() else None
        self._made: set[str] = set()

    def place(self, name: str, data: bytes) -> bool:
        """Put one page in place; True when its bytes were written (not linked)."""
        relative = "/".join(safe_relative(name).parts)
        target = os.path.join(self.folder, relative)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        if self.current is not None:
            old = os.path.join(self.current, relative)
            if _same_bytes(Path(old), data):
                try:
                    os.link(old, target)
                    return False
                except OSError:
                    pass
        with open(target, "wb") as out:
            out.write(data)
        return True


class Live:
    """Place pages beside the served files; `commit` swaps them in."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def place(self, name: str, data: bytes) -> bool:
        """Stage one page; False when the served file already has these bytes."""
        target = self.folder.joinpath(*safe_relative(name).parts)
        if _same_bytes(target, data):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        write_pending(target, data)
        return True

    def commit(self, names: list[str]) -> None:
        """Rename each staged page over its target (each swap is atomic)."""
        for name in names:
            commit_pending(self.folder.joinpath(*safe_relative(name).parts))

    def abort(self, names: list[str]) -> None:
        """Delete staged pages after a failed build."""
        for name in names:
            discard_pending(self.folder.joinpath(*safe_relative(name).parts))
