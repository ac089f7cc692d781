"""The build cache in `.paperboard-cache/`: what one build leaves for the next process.

It holds the parsed files (by path, with their stamp and content digest), the
related-papers index, the last site and the fingerprint of every page written,
so a re-build in a new process parses only changed files and renders only
changed pages. The related-papers index has a file of its own, read only by
a build whose content changed. Each file starts with a key (Paperboard's
version, a stamp of its code, Python's version, the project folder and the
Markdown settings) and a MAC of the rest, keyed with a secret of this user's
kept outside the project (`secret`): a cache from another version or setting,
a damaged one, or one this user's Paperboard did not write (which unpickling
could make run code) is deleted unread and the build starts from nothing. The folder holds a
`.gitignore` of `*`, so it is never committed, wherever the project lives.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import hmac
import os
import pickle
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from generator import __version__
from generator.build.refresh import Entry
from generator.build.secret import secret_key
from generator.config import SiteConfig
from generator.content.thumbnails import ImageCache
from generator.errors import Diagnostic, warning
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

        index, _ = _read_framed(Path(self.path), self.key, self.digest)
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
    """(name, mtime, size) of Paperboard's modules: an edited checkout invalidates the cache.

    Every module of the package counts, not only this layer's: the cache holds
    pickled models, and a model with a new field cannot be unpickled from an old one.
    """
    package = Path(__file__).resolve().parents[1]
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
    return load_cache(root, key)[0]


def load_cache(root: Path, key: bytes) -> tuple[CacheState | None, Diagnostic | None]:
    """The cached state, or None and (unless there was no cache) one line saying why not.

    A cache that is not this build's to trust (forged, copied from elsewhere,
    cut short, of another version, or not a build state at all) is deleted,
    never unpickled, and the build starts from nothing.
    """
    path = cache_path(root)
    if (root / CACHE_DIR).is_symlink():
        note = warning(
            "the build cache was not used: the cache folder is a symbolic link",
            root / CACHE_DIR,
            hint="delete the link; the next build makes a real folder",
        )
        return None, note
    state, reason = _read_framed(path, key)
    if isinstance(state, CacheState):
        return state, None
    if state is not None:
        reason = "it holds something other than a build state"
    if not reason:
        return None, None
    with contextlib.suppress(OSError):
        if path.is_file() and not path.is_symlink():
            path.unlink()
    note = warning(
        f"the build cache was not used: {reason}",
        path,
        hint="nothing to do: this build starts from nothing and writes a new one",
    )
    return None, note


def write_cache(root: Path, key: bytes, state: CacheState) -> None:
    """Replace the cache atomically; a cache that cannot be written is skipped."""
    folder = root / CACHE_DIR
    if folder.is_symlink():  # never write where a link points (a restored CI cache, say)
        return
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
    secret = secret_key()
    if secret is None:
        return None
    gc.disable()
    try:
        with open_atomic(path) as out:
            out.write(MAGIC + key + bytes(_DIGEST))
            hashing = _Hashing(out, secret)
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

    def __init__(self, out: BinaryIO, secret: bytes) -> None:
        self.out = out
        self.digest = hashlib.blake2b(digest_size=_DIGEST, key=secret)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)


def _read_framed(path: Path, key: bytes, digest: bytes | None = None) -> tuple[object, str]:
    """Unpickle what `_write_framed` wrote; else None and why ("" when there is no file).

    The result is whatever was pickled (`object`): each caller checks its type.

    The body's MAC (BLAKE2b keyed with this user's secret) is computed in
    chunks first, then the body is unpickled from the file: nothing is
    unpickled before the MAC matched, and the file is never held whole in
    memory. The cyclic collector is off meanwhile, and the loaded objects are
    frozen (`gc.freeze`) after: they live as long as the build, and every
    later collection would otherwise walk their millions of objects again
    (0.25 s of a 10,000-paper no-op build).
    """
    try:
        file = _open_regular(path)
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        return None, f"it cannot be read ({exc.strerror or exc})"
    secret = secret_key()
    if secret is None:
        file.close()
        return None, ""
    with file:
        reason = _verify(file, key, digest, secret)
        if reason:
            return None, reason
        file.seek(len(MAGIC) + 2 * _DIGEST)
        gc.disable()
        try:
            value = pickle.load(file)
        except Exception:
            return None, "it is damaged"
        finally:
            gc.enable()
    gc.freeze()
    return value, ""


def _open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading only if it is a regular file (a FIFO would block the build)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file")
    return os.fdopen(fd, "rb")


def _verify(file: BinaryIO, key: bytes, digest: bytes | None, secret: bytes) -> str:
    """Why the file is not to be trusted, or "" when its header and MAC match."""
    header = file.read(len(MAGIC) + 2 * _DIGEST)
    if len(header) < len(MAGIC) + 2 * _DIGEST:
        return "it is cut short"
    if not header.startswith(MAGIC):
        return "it is not a Paperboard build cache"
    stored = header[len(MAGIC) + _DIGEST :]
    if header[len(MAGIC) : len(MAGIC) + _DIGEST] != key:
        return "it was made by another version of Paperboard or Python, or other settings"
    mac = hashlib.blake2b(digest_size=_DIGEST, key=secret)
    while chunk := file.read(1 << 20):
        mac.update(chunk)
    if not hmac.compare_digest(mac.digest(), stored) or digest not in (None, stored):
        return "its signature does not match (it was damaged, forged or made by another user)"
    return ""
