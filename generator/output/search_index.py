"""Full-text search: a Pagefind index of the paper pages, written into the site.

Pagefind (https://pagefind.app) splits its index into small chunks that the
browser fetches per query, so search works on GitHub Pages with no server and
stays fast at 50,000 papers. Paper pages say what is indexed with
`data-pagefind-*` attributes (title, authors, topics and abstract; filters for
topic and year). Listing pages repeat those papers, so only paper pages are
read.

The binary that `pagefind[bin]` installs is run directly, found by the
`pagefind` package. Its asyncio service wrapper waits forever when the binary
dies in the middle of a request, and polls every 100 ms per message; a
subprocess either finishes or fails with its own message.

Pagefind re-reads every paper page each time (about a third of a 10,000-paper
cold build). When a published build changed no paper page, as when only a
listing, a template of listings or the date-dependent pages changed, the
previous site's bundle still describes every indexed page byte for byte: it
is hard-linked into the new site instead (`reuse_bundle`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable

from generator.errors import PaperboardError, error

Completed = subprocess.CompletedProcess[str]
PAPER_PAGES = "papers/*/index.html"
"""The pages that are indexed, as a glob relative to the site folder."""
BUNDLE = "pagefind"
"""The folder, inside the site, that holds the index and `pagefind.js`."""
INSTALL_HINT = "install it with: pip install 'pagefind[bin]'"
STOP_POLL = 0.05
"""Seconds between looks at the stop event while Pagefind runs."""
FULL = 1 << 20
"""Free bytes below which a failed index is blamed on the disk."""
NEARLY_FULL = 64 << 10
"""Free bytes below which even a successful Pagefind run is taken to have run out of space."""


class SearchFailed(PaperboardError):
    """Pagefind could not index the site; the previous site stays in place."""


def index_site(
    folder: Path, stop: threading.Event | None = None, previous: Path | None = None
) -> None:
    """Write a fresh `pagefind/` bundle into a complete site folder.

    A site without papers gets no bundle (Pagefind refuses an empty index);
    the search page says so. When `stop` is set (serve is stopping), Pagefind
    is killed and reaped at once: left running, it would write into a folder
    being deleted and outlive `serve`. `previous` is the site this one
    replaces: its bundle is reused when it indexed the very same page files.
    """
    shutil.rmtree(folder / BUNDLE, ignore_errors=True)
    pages = sorted(folder.glob(PAPER_PAGES))
    if not pages:
        return
    binary = get_executable()
    if binary is None:
        raise _failed("cannot build the search index: Pagefind is not installed", INSTALL_HINT)
    if previous is not None and reuse_bundle(folder, previous, pages, binary):
        return
    command = [str(binary), "--site", ".", "--glob", PAPER_PAGES, "--output-subdir", BUNDLE]
    try:
        done = _run(command, folder, stop)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _failed(f"cannot run Pagefind at {binary}: {reason}", INSTALL_HINT) from None
    if done.returncode != 0:
        said = _one_line(done.stderr + "\n" + done.stdout) or "no message"
        raise _failed(
            f"Pagefind failed (exit status {done.returncode}) while indexing the site: {said}",
            _hint(said, folder),
        )
    if _filled_the_disk(folder / BUNDLE):
        raise _failed(
            "Pagefind ran out of space while writing the search index",
            _hint("no space left", folder),
        )
    indexed_pages(folder / BUNDLE)


def _filled_the_disk(bundle: Path) -> bool:
    """Whether Pagefind left the disk full: it can exit 0 with a file cut short.

    A disk with less free space than one of its fragments left after the index
    was written cannot be trusted to hold the whole index.
    """
    try:
        return shutil.disk_usage(bundle).free < NEARLY_FULL
    except OSError:
        return False


def reuse_bundle(folder: Path, previous: Path, pages: list[Path], binary: Path) -> bool:
    """Hard-link `previous`'s bundle into `folder` when it indexed these very files.

    A published build hard-links each page whose bytes did not change from the
    previous site, so the same inode means the same bytes Pagefind read last
    time; a page written anew (changed, or copied across devices) has a new
    inode and the index is built again. The bundle must also come from the
    Pagefind that is installed now, and be whole (its entry file readable).
    """
    old = previous / BUNDLE
    try:
        if not old.is_dir() or indexed_pages(old) != len(pages):
            return False
        if sorted(previous.glob(PAPER_PAGES)) != [previous / p.relative_to(folder) for p in pages]:
            return False
        if not all(os.path.samefile(p, previous / p.relative_to(folder)) for p in pages):
            return False
        version = _bundle_version(old)
        if not version or version != _binary_version(binary):
            return False
        _link_tree(old, folder / BUNDLE)
    except (OSError, ValueError, SearchFailed, subprocess.SubprocessError):
        shutil.rmtree(folder / BUNDLE, ignore_errors=True)
        return False
    return True


def _bundle_version(bundle: Path) -> str:
    """The Pagefind version that wrote a bundle, as its entry file says."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return str(entry.get("version", "")) if isinstance(entry, dict) else ""


def _binary_version(binary: Path) -> str:
    """The installed Pagefind's version (`pagefind --version` prints `pagefind 1.5.2`)."""
    done = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout.strip().rpartition(" ")[2]


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file under `source` into the same place under `target`."""
    for base, _, names in os.walk(source):
        into = target / Path(base).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(os.path.join(base, name), into / name)


def _run(command: list[str], folder: Path, stop: threading.Event | None) -> Completed:
    """Run Pagefind in `folder`; kill it as soon as `stop` is set."""
    with subprocess.Popen(
        [*command, "--silent"],  # --silent still prints errors
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    ) as process:
        while True:
            try:
                out, err = process.communicate(timeout=STOP_POLL)
                break
            except subprocess.TimeoutExpired:
                if stop is not None and stop.is_set():
                    process.kill()
                    process.communicate()
                    raise _failed("the search index was not written: serve stopped", "") from None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _hint(said: str, folder: Path) -> str:
    """What to do about a failed index: the disk's fault is not the install's."""
    lowered = said.lower()
    try:
        full = shutil.disk_usage(folder).free < FULL
    except OSError:
        full = False
    if full or "no space left" in lowered or "os error 28" in lowered:
        return f"the disk holding {folder.parent} is full: free some space, or use --output"
    if "read-only file system" in lowered or "os error 30" in lowered:
        return "that file system is read-only: choose a writable folder with --output"
    return "run the build again; if it keeps failing, reinstall 'pagefind[bin]'"


def indexed_pages(bundle: Path) -> int:
    """How many pages a written bundle holds; fails when the bundle is unusable."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _failed(
            f"Pagefind wrote no usable index into {bundle.name}/ ({exc})",
            _hint(str(exc), bundle.parent),
        ) from None


def _one_line(output: str, limit: int = 300) -> str:
    """Pagefind's message, joined into one line (the CLI prints one line per problem)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [i for i, line in enumerate(lines) if line.startswith("Error")]
    text = " ".join(lines[errors[0] :] if errors else lines[-3:])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _failed(message: str, hint: str) -> SearchFailed:
    return SearchFailed([error(message, hint=hint)])
