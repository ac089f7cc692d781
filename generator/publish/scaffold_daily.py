"""`paperboard init --daily`: the files that let the board keep itself up to date.

Beside what `init` writes: the daily workflow (fetch, commit the new papers,
build, check, deploy), the "Submit a paper" issue form and the workflow that
turns a submission into a pull request, and a `[[sources]]` table appended
to `paperboard.toml`. They live in the skeleton's `daily/` folder, which a
plain `init` leaves out.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import PurePosixPath

DAILY_FOLDER = "daily"
"""The skeleton folder of `--daily`'s files."""
SOURCES_FILE = "sources.toml"
"""In that folder: the text appended to `paperboard.toml`."""


def daily_files(skeleton: Traversable, config: bytes) -> dict[PurePosixPath, bytes]:
    """`--daily`'s files by project path, and `paperboard.toml` (`config`) with the sources."""
    folder = skeleton / DAILY_FOLDER
    files = {
        PurePosixPath("." + relpath.parts[0], *relpath.parts[1:]): item.read_bytes()
        for relpath, item in _walk(folder, PurePosixPath())
        if relpath.parts[0] == "github"
    }
    sources = (folder / SOURCES_FILE).read_bytes()
    files[PurePosixPath("paperboard.toml")] = config.rstrip(b"\n") + b"\n" + sources
    return files


def daily_sources() -> list[PurePosixPath]:
    """The skeleton paths of `--daily`'s files (what the wheel must carry)."""
    skeleton = resources.files("generator.skeleton")
    return [
        PurePosixPath(DAILY_FOLDER) / p for p, _ in _walk(skeleton / DAILY_FOLDER, PurePosixPath())
    ]


def _walk(
    folder: Traversable, prefix: PurePosixPath
) -> Iterator[tuple[PurePosixPath, Traversable]]:
    for item in folder.iterdir():
        if item.name in ("__init__.py", "__pycache__"):
            continue
        if item.is_dir():
            yield from _walk(item, prefix / item.name)
        else:
            yield prefix / item.name, item
