"""The build cache in `.paperboard-cache/`: what one build leaves for the next process.

It holds the parsed files (by path, with their stamp and content digest), the
related-papers index, the last site and the fingerprint of every page written,
so a re-build in a new process parses only changed files and renders only
changed pages. The file starts with a key (Paperboard's version, a stamp of
its code, Python's version, the project folder and the Markdown settings)
and a checksum of the rest: a cache from another version or setting, or a
damaged one, is deleted and the build starts from nothing. The folder holds a
`.gitignore` of `*`, so it is never committed, wherever the project lives.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .config import SiteConfig

CACHE_DIR = ".paperboard-cache"
CACHE_FILE = "build.pickle"
MAGIC = b"paperboard-cache\n"
_DIGEST = 32


@dataclass(frozen=True)
class Packed:
    """A part of the state kept pickled until a build needs it.

    The related-papers index is the largest part and only a build whose
    content changed uses it: a no-op build neither unpickles it nor imports
    NumPy and SciPy for it.
    """

    data: bytes

    def unpack(self) -> Any:
        """The object, or None when it cannot be read back (the build recomputes it)."""
        return _loads(self.data)


def pack(value: Any) -> Any:
    """`value` as a `Packed` (None and packed values stay as they are)."""
    if value is None or isinstance(value, Packed):
        return value
    return Packed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@dataclass
class CacheState:
    """Everything a build keeps for the next one."""

    entries: dict[Path, Any] = field(default_factory=dict)
    """Source path -> `incremental.Entry`."""
    related: Any = None
    """The `RelatedIndex`, `Packed` when read from the cache, None before the first build."""
    inputs: str = ""
    """Digest of everything the last build read; equal inputs give an equal site."""
    output: str = ""
    written: dict[str, str] = field(default_factory=dict)
    """Output file -> fingerprint, for the site in `output`."""
    site: Any = None
    problems: list[Any] = field(default_factory=list)
    """The diagnostics of loading `site` (warnings only: a failed build is not cached)."""
    done: str = ""
    """Digest of the inputs, theme and output of the last complete build."""
    pages: int = 0


def cache_key(config: SiteConfig) -> bytes:
    """What a cache is only valid for: this code, this Python, these settings."""
    parts = [__version__, code_stamp(), sys.version, str(config.root), repr(config.markdown)]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=_DIGEST).digest()


def code_stamp() -> str:
    """(name, mtime, size) of Paperboard's modules: an edited checkout invalidates the cache."""
    package = Path(__file__).resolve().parent
    stamps = []
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        stamps.append(f"{path.relative_to(package)}:{stat.st_mtime_ns}:{stat.st_size}")
    return ";".join(stamps)


def cache_path(root: Path) -> Path:
    """Where the cache of the project in `root` lives."""
    return root / CACHE_DIR / CACHE_FILE


def read_cache(root: Path, key: bytes) -> CacheState | None:
    """The cached state, or None (deleting the file) if it is missing, foreign or damaged."""
    path = cache_path(root)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 2 * _DIGEST
    body = data[head:]
    valid = (
        data.startswith(MAGIC)
        and data[len(MAGIC) : len(MAGIC) + _DIGEST] == key
        and data[len(MAGIC) + _DIGEST : head] == _checksum(body)
    )
    state = _unpickle(body) if valid else None
    if state is None:
        path.unlink(missing_ok=True)
    return state


def _unpickle(body: bytes) -> CacheState | None:
    state = _loads(body)
    return state if isinstance(state, CacheState) else None


def _loads(body: bytes) -> Any:
    """Unpickle, or None when the bytes do not load.

    The cyclic collector is off meanwhile, and the loaded objects are frozen
    (`gc.freeze`) after: they live as long as the build, and every later
    collection would otherwise walk their millions of objects again (0.25 s
    of a 10,000-paper no-op build).
    """
    gc.disable()
    try:
        value = pickle.loads(body)
    except Exception:
        return None
    finally:
        gc.enable()
    gc.freeze()
    return value


def write_cache(root: Path, key: bytes, state: CacheState) -> None:
    """Replace the cache atomically; a cache that cannot be written is skipped."""
    folder = root / CACHE_DIR
    gc.disable()
    try:
        kept = replace(state, related=pack(state.related))
        body = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        gc.enable()
    temporary = folder / f".{CACHE_FILE}.{os.getpid()}.tmp"
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# Paperboard's build cache: never commit it.\n*\n")
        with open(temporary, "wb") as out:
            out.write(MAGIC + key + _checksum(body))
            out.write(body)
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        temporary.unlink(missing_ok=True)


def _checksum(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST).digest()
