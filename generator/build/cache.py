"""The build cache in `.paperboard-cache/`: what one build leaves for the next process.

It holds the parsed files (by path, with their stamp and content digest), the
related-papers index, the last site and the fingerprint of every page written,
so a re-build in a new process parses only changed files and renders only
changed pages. The related-papers index has a file of its own, read only by
a build whose content changed. Each file starts with a key (Paperboard's
version, a stamp of its code, Python's version, the project folder and the
Markdown settings) and a checksum of the rest: a cache from another version
or setting, or a damaged one, is deleted and the build starts from nothing. The folder holds a
`.gitignore` of `*`, so it is never committed, wherever the project lives.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from generator import __version__
from generator.build.refresh import Entry
from generator.config import SiteConfig
from generator.content.thumbnails import ImageCache
from generator.errors import Diagnostic
from generator.models import Site
from generator.output.atomic import open_atomic

if TYPE_CHECKING:
    from generator.site.related import RelatedIndex

CACHE_DIR = ".paperboard-cache"
CACHE_FILE = "build.pickle"
RELATED_FILE = "related.pickle"
MAGIC = b"paperboard-cache\n"
_DIGEST = 32


@dataclass(frozen=True, slots=True)
class Packed:
    """The related-papers index, left in its own file until a build needs it.

    It is the largest part of the state, and only a build whose content
    changed uses it: a no-op build neither reads it nor imports NumPy and
    SciPy for it. `digest` is its file's checksum when this state was written,
    so a file replaced since is not trusted.
    """

    path: str
    key: bytes
    digest: bytes

    def unpack(self) -> RelatedIndex | None:
        """The index, or None when its file is gone or changed (the build recomputes it)."""
        from generator.site.related import RelatedIndex

        index = _read_framed(Path(self.path), self.key, self.digest)
        return index if isinstance(index, RelatedIndex) else None


@dataclass(frozen=True, slots=True)
class CacheState:
    """Everything a build keeps for the next one, in memory (serve) and on disk.

    A value: each step of a build returns a new one. The one mutable part is
    the related-papers index, which updates itself in place (it is large, and
    an edit changes a few of its rows).
    """

    entries: Mapping[Path, Entry] = field(default_factory=dict)
    """Source path -> the file as last loaded, and how to tell whether it changed."""
    related: RelatedIndex | Packed | None = None
    """The related-papers index; `Packed` when read from the cache, None before the first build."""
    inputs: str = ""
    """Digest of everything the last build read; equal inputs give an equal site."""
    output: str = ""
    """The folder `written` describes."""
    written: Mapping[str, str] = field(default_factory=dict)
    """Output file -> fingerprint, for the site in `output`."""
    site: Site | None = None
    """The site of `inputs`, related papers attached."""
    problems: tuple[Diagnostic, ...] = ()
    """The diagnostics of loading `site` (warnings only: a failed build is not cached)."""
    done: str = ""
    """Digest of the inputs, theme and output of the last complete build."""
    pages: int = 0
    """Pages planned by the last complete build."""
    images: ImageCache = field(default_factory=dict)
    """Thumbnail path -> its size and digest, by stamp (see `content.thumbnails`)."""

    def without_output(self) -> CacheState:
        """This state for another output folder: every file there must be written again."""
        return replace(self, written={}, done="")

    def for_new_config(self) -> CacheState:
        """This state after the config changed: parse every file, rewrite every page.

        The names written stay (with no fingerprint), so pages the new config
        no longer has are still removed.
        """
        return replace(self, entries={}, written=dict.fromkeys(self.written, ""))


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
    state = _read_framed(path, key)
    if not isinstance(state, CacheState):
        path.unlink(missing_ok=True)
        return None
    return state


def write_cache(root: Path, key: bytes, state: CacheState) -> None:
    """Replace the cache atomically; a cache that cannot be written is skipped."""
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# Paperboard's build cache: never commit it.\n*\n")
    except OSError:
        return
    related = state.related
    if related is not None and not isinstance(related, Packed):
        side = folder / RELATED_FILE
        digest = _write_framed(side, key, related)
        related = Packed(str(side), key, digest) if digest else None
    _write_framed(folder / CACHE_FILE, key, replace(state, related=related))


def _write_framed(path: Path, key: bytes, value: object) -> bytes | None:
    """Pickle `value` into `path` after a header (magic, key, checksum); the checksum or None.

    The pickle streams into the file through the checksum, so the state is
    never also held as one big bytes object (~100 MB at 10,000 papers).
    """
    gc.disable()
    try:
        with open_atomic(path) as out:
            out.write(MAGIC + key + bytes(_DIGEST))
            hashing = _Hashing(out)
            pickle.dump(value, hashing, protocol=pickle.HIGHEST_PROTOCOL)
            digest = hashing.digest.digest()
            out.seek(len(MAGIC) + len(key))
            out.write(digest)
    except OSError:
        return None
    finally:
        gc.enable()
    return digest


class _Hashing:
    """A file-like writer that checksums what passes through it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.blake2b(digest_size=_DIGEST)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)


def _read_framed(path: Path, key: bytes, digest: bytes | None = None) -> object:
    """Unpickle what `_write_framed` wrote, or None if it is missing, foreign or damaged.

    The result is whatever was pickled (`object`): each caller checks its type.

    The body is checksummed in chunks first, then unpickled from the file:
    nothing is trusted before the checksum matched, and the file is never held
    whole in memory. The cyclic collector is off meanwhile, and the loaded
    objects are frozen (`gc.freeze`) after: they live as long as the build,
    and every later collection would otherwise walk their millions of objects
    again (0.25 s of a 10,000-paper no-op build).
    """
    head = len(MAGIC) + 2 * _DIGEST
    try:
        with open(path, "rb") as file:
            header = file.read(head)
            stored = header[len(MAGIC) + _DIGEST :]
            if header[: len(MAGIC) + _DIGEST] != MAGIC + key or digest not in (None, stored):
                return None
            checksum = hashlib.blake2b(digest_size=_DIGEST)
            while chunk := file.read(1 << 20):
                checksum.update(chunk)
            if checksum.digest() != stored:
                return None
            file.seek(head)
            gc.disable()
            try:
                value = pickle.load(file)
            finally:
                gc.enable()
    except Exception:
        return None
    gc.freeze()
    return value
