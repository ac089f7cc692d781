"""`paperboard serve`: build into a folder of its own, serve it, rebuild on change.

The pieces are thin and separate: `Watcher` turns file events into bursts,
`LiveBuilder` runs the incremental `Builder` for each burst and tells the
terminal and the browsers (`LiveState`), and the HTTP server sends the live
folder. A broken file is an error shown in both places, never the end of the
loop; the last good pages stay served.

Slow follow-up work (the search index) is not done in the rebuild: pass
`after_reload`, and it runs on the live folder in the background, once per
burst of reloads, after the browsers were told.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import shutil
import tempfile
import threading
import traceback
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.build.builder import Builder, BuildOptions, BuildResult
from generator.build.interrupt import stop_signals_interrupt
from generator.config import SiteConfig, load_config
from generator.errors import Diagnostic, PaperboardError, counted, error
from generator.serve.http_server import LiveServer, make_server
from generator.serve.livereload import LiveState
from generator.serve.watch import Changes, Debouncer, Watcher, watched_folders

Level = Literal["info", "warning", "error"]
Log = Callable[[Level, str], None]
LIVE_PREFIX = "paperboard-serve-"
SHM_NEEDS = 1 << 30
"""Free bytes `/dev/shm` must have to hold the live folder (10,000 papers take ~600 MB)."""
AFTER_RELOAD_QUIET = 1.0
STOP_JOIN = 1.0
"""Seconds a stop waits for the search index task, which kills Pagefind when told to."""
"""Seconds of calm before `after_reload` runs: indexing 10,000 papers takes seconds."""


class ServeError(PaperboardError):
    """The server cannot start (the port is taken, the address is wrong)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What the command line says about `serve`."""

    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False


class LiveBuilder:
    """The rebuild callable: one build per burst, reported to the terminal and browsers."""

    def __init__(
        self,
        builder: Builder,
        state: LiveState,
        log: Log,
        after_reload: Callable[[BuildResult], None] | None = None,
    ) -> None:
        self.builder = builder
        self.state = state
        self.log = log
        self.after_reload = after_reload
        self.config = _initial_config(builder.options)
        """The last config that loaded: where to serve and what to watch."""
        self._lock = threading.Lock()
        self._warnings: list[Diagnostic] = []

    def __call__(self, changes: Changes) -> None:
        """Build once; a failure shows its diagnostics and keeps the last good pages."""
        with self._lock:
            try:
                result = self.builder.build()
            except PaperboardError as exc:
                root = self.builder.options.root
                self._failed([(d.severity, d.format(root)) for d in exc.diagnostics])
                return
            except Exception:
                self._failed(
                    [("error", f"internal error, please report it:\n{traceback.format_exc()}")]
                )
                return
            finally:
                self._refresh_config()
                # The site's objects live as long as serve: freezing them keeps the
                # cyclic collector from walking millions of them in the next rebuild
                # (a 0.1-0.3 s pause at 10,000 papers).
                gc.freeze()
            self._succeeded(result, changes)

    def _failed(self, lines: list[tuple[Level, str]]) -> None:
        """Print each problem; show them all, in the same words, over the pages."""
        for level, line in lines:
            self.log(level, line)
        self.state.failed("\n".join(line for _, line in lines))

    def _succeeded(self, result: BuildResult, changes: Changes) -> None:
        root = self.builder.options.root
        if result.warnings != self._warnings:
            for warning in result.warnings:
                self.log("warning", warning.format(root))
            self._warnings = result.warnings
        if not self.state.built(bool(result.rendered or result.removed)):
            return
        self.log("info", _summary(result, changes))
        if self.after_reload is not None:
            self.after_reload(result)

    def _refresh_config(self) -> None:
        with contextlib.suppress(PaperboardError):
            self.config = self.builder.config()


def _summary(result: BuildResult, changes: Changes) -> str:
    """One line per build: what changed and what was written."""
    written = f"{counted(len(result.rendered), 'file')} written, {len(result.removed)} removed"
    took = f"in {result.seconds * 1000:.0f} ms"
    if not changes:
        papers, pages = counted(len(result.site.papers), "paper"), counted(result.pages, "page")
        return f"Built {papers}: {pages}, {written}, {took}"
    names = sorted(str(change) for change in changes)
    what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{what} changed: {written} {took}; browsers reloaded"


def _initial_config(options: BuildOptions) -> SiteConfig:
    """The config for the first watch list, or the defaults when it is broken."""
    try:
        return load_config(options.root).with_base_url(options.base_url)
    except PaperboardError:
        return SiteConfig(root=options.root)


def serve_site(
    options: ServeOptions,
    log: Log,
    stop: threading.Event | None = None,
    ready: Callable[[str, Path], None] | None = None,
    after_reload: Callable[[Path, threading.Event], None] | None = None,
) -> None:
    """Serve until `stop` is set, Ctrl-C, SIGTERM or SIGHUP; `ready` gets the URL and the folder."""
    stop = stop or threading.Event()
    parent = live_parent()
    remove_stale(parent)
    with (
        stop_signals_interrupt(),
        tempfile.TemporaryDirectory(
            prefix=f"{LIVE_PREFIX}{os.getpid()}-", dir=parent, ignore_cleanup_errors=True
        ) as tmp,
    ):
        folder = Path(tmp) / "site"
        state = LiveState()
        builder = Builder(options.build, output=folder, live=True)
        background, join_background = _background(after_reload, folder, stop, log)
        live = LiveBuilder(builder, state, log, background)
        server = _bind(options, folder, state, lambda: live.config.base_path)
        watcher = Watcher(lambda: watched_folders(live.config), live, stop)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        try:
            watcher.start()
            live(frozenset())
            thread.start()
            url = site_url(server, live.config.base_path)
            log("info", f"Serving {url} (rebuilds on every change; Ctrl-C to stop)")
            if ready is not None:
                ready(url, folder)
            if options.open_browser:
                webbrowser.open(url)
            stop.wait()
        except KeyboardInterrupt:
            log("info", "Stopped.")
        finally:
            stop.set()
            state.close()
            watcher.close()
            if thread.is_alive():
                server.shutdown()
            server.server_close()
            join_background()


def live_parent() -> Path:
    """Where the live folder goes: memory (`/dev/shm`) when it has room, else the temp folder.

    Like `hugo server` rendering to memory: every rebuild replaces files and
    a stop deletes thousands, which on a disk mounted with `discard` takes
    seconds (2.4 s per 1,000 files here). `TMPDIR`, when set, wins.
    """
    shm = Path("/dev/shm")
    if "TMPDIR" not in os.environ and shm.is_dir() and os.access(shm, os.W_OK):
        with contextlib.suppress(OSError):
            if shutil.disk_usage(shm).free >= SHM_NEEDS:
                return shm
    return Path(tempfile.gettempdir())


def remove_stale(parent: Path) -> None:
    """Delete live folders left by a `serve` that was killed (its process is gone)."""
    for path in parent.glob(f"{LIVE_PREFIX}*"):
        pid = path.name[len(LIVE_PREFIX) :].split("-")[0]
        if pid.isdigit() and path.is_dir() and not path.is_symlink() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _background(
    task: Callable[[Path, threading.Event], None] | None,
    folder: Path,
    stop: threading.Event,
    log: Log,
) -> tuple[Callable[[BuildResult], None] | None, Callable[[], None]]:
    """Run `task(folder)` off the rebuild thread, once per burst of reloads.

    Its user-fixable failures are printed as warnings: the pages still serve.
    """
    if task is None:
        return None, lambda: None

    def run(_: frozenset[str]) -> None:
        if stop.is_set():
            return
        try:
            task(folder, stop)
        except PaperboardError as exc:
            for diagnostic in exc.diagnostics:
                log("warning", diagnostic.format())

    debouncer: Debouncer[str] = Debouncer(
        run, stop, quiet=AFTER_RELOAD_QUIET, name="paperboard-after-reload"
    )
    debouncer.start()
    return lambda _result: debouncer.add(["reload"]), lambda: debouncer.join(STOP_JOIN)


def _bind(
    options: ServeOptions, folder: Path, state: LiveState, base_path: Callable[[], str]
) -> LiveServer:
    """Listen on the address, or say plainly why not."""
    host, port = options.host, options.port
    try:
        return make_server(host, port, folder, state, base_path)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = f"port {port} is already in use on {host}"
            hint = f"stop the other server, or choose another port with --port {port + 1}"
        elif exc.errno == errno.EACCES:
            message = f"not allowed to listen on port {port}"
            hint = "ports below 1024 need privileges; choose another with --port"
        else:
            message = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
            hint = "check --host (an address of this machine, e.g. 127.0.0.1) and --port"
        raise ServeError([error(message, hint=hint)]) from None


def site_url(server: LiveServer, base_path: str) -> str:
    """The address to open: the bound port, under the base path."""
    host, port = server.server_address[:2]
    name = str(host)
    if name in ("0.0.0.0", "::"):
        name = "localhost"
    elif ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}{base_path}"
