"""Write the site atomically, into folders the build created and nowhere else.

A build writes into a fresh sibling folder and swaps it into place only when
complete (an atomic exchange where Linux offers it), so readers and a killed
build see either the old site or the new one. A marker file says "Paperboard
made this folder"; a folder without it is never replaced or deleted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from generator.config import default_theme_dir
from generator.errors import OutputRefused, error
from generator.output.atomic import write_atomic

MARKER = ".paperboard-site"
MARKER_TEXT = b"This folder was written by Paperboard; a build may replace it.\n"
_TMP_PREFIX = ".paperboard-tmp-"


def check_output(output: Path, root: Path, theme: Path | None = None) -> None:
    """Refuse an output folder the build must not replace.

    Inside a theme (the configured one, `themes/`, or the default theme) the
    build would write over templates and static files, or read its own output
    as theme files next time, so those folders are refused like `content/`.
    """
    output = output.resolve()
    root = root.resolve()
    home = Path.home().resolve()
    protected = {root, root / "content", home, Path(output.anchor)}
    themes = [root / "themes", default_theme_dir().resolve(), *([theme.resolve()] if theme else [])]
    reason = ""
    if output in protected or output in root.parents or output in home.parents:
        reason = "it is the project, its content, your home folder or one of their parents"
    elif _inside(output, root / "content"):
        reason = "it lies inside content/"
    elif any(_inside(output, folder) or output in folder.parents for folder in themes):
        reason = "it lies inside a theme folder, or holds one: the build would overwrite it"
    elif output.is_file():
        reason = "it is a file"
    elif output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        reason = f"it is not empty and was not made by Paperboard (it has no {MARKER} file)"
    if reason:
        raise OutputRefused(
            [
                error(
                    f"refusing to write the site into {output}: {reason}",
                    hint="choose another --output, or empty that folder first",
                )
            ]
        )


def safe_relative(name: str) -> PurePosixPath:
    """A relative path that stays inside its folder; raises ValueError otherwise."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise ValueError(f"unsafe output path {name!r}")
    return path


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write each file under `folder`, creating parents."""
    made: set[Path] = set()
    for name, data in files.items():
        target = folder.joinpath(*safe_relative(name).parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)


def link_files(source: Path, target: Path, names: Iterable[str]) -> None:
    """Hard-link each named file of `source` into `target` (copy across devices)."""
    made: set[Path] = set()
    for name in names:
        relative = safe_relative(name).parts
        old, new = source.joinpath(*relative), target.joinpath(*relative)
        if new.parent not in made:
            new.parent.mkdir(parents=True, exist_ok=True)
            made.add(new.parent)
        try:
            os.link(old, new)
        except FileNotFoundError:
            raise OutputRefused(
                [error(f"{name} disappeared from {source} during the build", hint="build again")]
            ) from None
        except OSError:
            shutil.copy2(old, new)


def write_in_place(folder: Path, files: Mapping[str, bytes], remove: Iterable[str]) -> None:
    """Serve mode: replace each changed file atomically, delete the dropped ones.

    Each file is swapped by rename, so the server never sends half a page.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_bytes(MARKER_TEXT)
    for name, data in files.items():
        target = folder.joinpath(*safe_relative(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    for name in remove:
        target = folder.joinpath(*safe_relative(name).parts)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def publish(
    output: Path,
    files: Mapping[str, bytes],
    finalize: Callable[[Path], None] | None = None,
    keep: Iterable[str] = (),
    fill: Callable[[Path], None] | None = None,
) -> None:
    """Write a complete site next to `output`, then swap it into place.

    Files named in `keep` are unchanged since the last build: they are
    hard-linked from the current site instead of written again. `fill` writes
    more files into the staging folder (the builder renders pages straight
    into it). `finalize` runs on the complete staging folder before the swap
    (the search index is built there), so its failure, like `fill`'s, also
    leaves the old site in place.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    mounted = output.is_dir() and os.path.ismount(output)
    beside = output if mounted else output.parent
    staging = beside / f"{_TMP_PREFIX}{output.name}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    (staging / MARKER).write_bytes(owner_marker(output))
    try:
        write_files(staging, files)
        if fill is not None:
            fill(staging)
        link_files(output, staging, keep)
        if finalize is not None:
            finalize(staging)
        # The site's marker names no owner (sites in two folders stay equal). Only a
        # build of this output, which the lock holds off, takes a folder so named.
        (staging / MARKER).write_bytes(MARKER_TEXT)
        if mounted:
            replace_contents(staging, output)
        else:
            keep_mode(output, staging)
            swap_into_place(staging, output)
    finally:
        if staging.exists():
            _remove_marked(staging)


def keep_mode(output: Path, staging: Path) -> None:
    """Give the new folder the old one's permissions: a `site/` the user made 0700 stays so.

    The staging folder is made with the umask's mode (0755 for most), so a
    swap would otherwise widen a folder the user had closed (issue 14).
    """
    try:
        mode = output.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        os.chmod(staging, stat.S_IMODE(mode))


def swap_into_place(staging: Path, output: Path) -> None:
    """Make `staging` the new `output`; the old one goes away after the swap."""
    if output.exists() and _exchange(staging, output):
        _remove_marked(staging)
        return
    if output.exists():
        old = output.parent / f"{_TMP_PREFIX}{output.name}-old-{uuid.uuid4().hex[:8]}"
        output.rename(old)
        staging.rename(output)
        _remove_marked(old)
    else:
        staging.rename(output)


def replace_contents(staging: Path, output: Path) -> None:
    """Move the staging folder's contents into `output`, which stays (a mount point).

    A mount point (a Docker volume, a bind mount) cannot be renamed (EBUSY),
    so its staging folder is made inside it and the entries move by rename,
    on the same file system. Readers can see a mix while the entries move:
    the one case where the swap is not atomic.
    """
    old = output / f"{_TMP_PREFIX}{output.name}-old-{uuid.uuid4().hex[:8]}"
    old.mkdir()
    (old / MARKER).write_bytes(MARKER_TEXT)
    for entry in os.scandir(output):
        if not entry.name.startswith(_TMP_PREFIX):
            os.replace(entry.path, old / entry.name)
    for entry in os.scandir(staging):
        os.replace(entry.path, output / entry.name)
    staging.rmdir()
    _remove_marked(old)


def owner_marker(output: Path) -> bytes:
    """The marker of a staging folder: which output it is for, and which process writes it."""
    return MARKER_TEXT + f"owner: {os.getpid()} {output.name}\n".encode()


def remove_leftovers(output: Path) -> None:
    """Delete the staging folders of killed builds into `output` (marked ours, owner gone).

    A staging folder of a running build (another output's, or a build of an
    older version that took no lock) is left alone: its owner is alive.
    """
    inside = [output] if output.is_dir() and os.path.ismount(output) else []
    for folder in [output.parent, *inside]:
        for path in folder.glob(f"{_TMP_PREFIX}{output.name}-*"):
            if path.is_dir() and not path.is_symlink() and _abandoned(path, output.name):
                _remove_marked(path)


def _abandoned(path: Path, name: str) -> bool:
    """The folder's marker names `name` and a process that is gone.

    A marker naming no owner is an old site swapped out (its build removes it
    next) or a staging folder of an older version: it is `name`'s only when
    the folder's name says so exactly (`site-b`'s folders also start `site-`).
    """
    try:
        text = (path / MARKER).read_text("utf-8", "replace")
    except OSError:
        return True
    for line in text.splitlines():
        if line.startswith("owner: "):
            pid_text, _, owned = line.removeprefix("owner: ").partition(" ")
            return owned == name and pid_text.isdigit() and not _alive(int(pid_text))
    return re.fullmatch(rf"{re.escape(_TMP_PREFIX + name)}-(old-)?[^-]+", path.name) is not None


def _alive(pid: int) -> bool:
    """A process `pid` exists (signal 0 checks without sending anything)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_marked(path: Path) -> None:
    """Delete a folder of ours, the marker last: a removal killed halfway is finished later.

    Deleting the marker first (as one rmtree may) would leave a folder that no
    later build may touch, because nothing says it is ours any more.
    """
    marker = path / MARKER
    if marker.is_file():
        for child in os.scandir(path):
            if child.name == MARKER:
                continue
            if child.is_dir(follow_symlinks=False):
                shutil.rmtree(child.path, ignore_errors=True)
            else:
                Path(child.path).unlink(missing_ok=True)
        if all(child.name == MARKER for child in os.scandir(path)):
            marker.unlink(missing_ok=True)
    if path.is_dir() and not any(path.iterdir()):
        path.rmdir()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2(RENAME_EXCHANGE), where available."""
    libc_name = ctypes.util.find_library("c")
    if os.name != "posix" or not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
