"""`serve` over real HTTP on 127.0.0.1, with a real watcher and builder.

Every wait is on an event the server sends (the reload stream) or a line it
prints; nothing sleeps and hopes.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, parse_html, text_of
from live_helpers import WAIT, EventStream, ServeProcess, request

from generator.build.builder import BuildOptions
from generator.cli import main
from generator.errors import PaperboardError, error
from generator.serve.http_server import host_allowed, locate, origin_allowed
from generator.serve.session import ServeError, ServeOptions, remove_stale, serve_site

BASE = "https://example.org/repo/"


@dataclass
class Live:
    """A running `serve_site` and what it printed."""

    url: str
    folder: Path
    log: list[tuple[str, str]] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])

    def get(self, path: str, **headers: str):  # type: ignore[no-untyped-def]
        return request(self.url, path, headers)

    def errors_since(self, start: int) -> list[str]:
        return [text for level, text in self.log[start:] if level != "info"]


@contextmanager
def serving(
    project: Project,
    base_url: str | None = BASE,
    after_reload: Callable[[Path, threading.Event], None] | None = None,
) -> Iterator[Live]:
    """Run `serve_site` on a free port in a thread; stop it and check it ended."""
    started: queue.Queue[tuple[str, Path]] = queue.Queue()
    log: list[tuple[str, str]] = []
    stop = threading.Event()
    options = ServeOptions(BuildOptions(project.root, base_url=base_url), "127.0.0.1", 0)
    thread = threading.Thread(
        target=serve_site,
        args=(options, lambda level, text: log.append((level, text)), stop),
        kwargs={
            "ready": lambda url, folder: started.put((url, folder)),
            "after_reload": after_reload,
        },
        daemon=True,
    )
    thread.start()
    url, folder = started.get(timeout=WAIT)
    try:
        yield Live(url, folder, log)
    finally:
        stop.set()
        thread.join(WAIT)
    assert not thread.is_alive()
    assert not folder.exists()


def h1(response) -> str:  # type: ignore[no-untyped-def]
    return text_of(response.html().xpath("//main//h1")[0])


def test_pages_are_served_under_the_base_path_with_the_reload_script(built: Project) -> None:
    with serving(built) as live:
        page = live.get("/repo/papers/alpha/")
        assert page.status == 200
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert h1(page).startswith("Alpha")
        assert page.version()
        on_disk = (live.folder / "papers/alpha/index.html").read_bytes()
        assert parse_html(on_disk).xpath("//script[@data-paperboard-live]") == []
        links = page.html().xpath("//a/@href")
        assert links and all(not h.startswith("/") or h.startswith("/repo/") for h in links)
        css = page.html().xpath("//link[@rel='stylesheet']/@href")[0]
        stylesheet = live.get(css)
        assert stylesheet.status == 200
        assert stylesheet.headers["Content-Type"] == "text/css; charset=utf-8"


def test_redirects_to_the_base_path_and_to_the_folder_slash(built: Project) -> None:
    with serving(built) as live:
        root = live.get("/")
        assert (root.status, root.headers["Location"]) == (302, "/repo/")
        folder = live.get("/repo/papers/alpha")
        assert (folder.status, folder.headers["Location"]) == (301, "/repo/papers/alpha/")


def test_missing_pages_get_the_sites_404_page_with_status_404(built: Project) -> None:
    with serving(built) as live:
        expected = live.get("/repo/404.html")
        for path in [
            "/repo/papers/nope/",
            "/elsewhere/",
            "/repo/.paperboard-site",
            "/repo/.nojekyll",
        ]:
            missing = live.get(path)
            assert missing.status == 404, path
            assert h1(missing) == h1(expected)
            assert missing.version()


@pytest.mark.parametrize(
    "path",
    [
        "/repo/../../../../etc/passwd",
        "/repo/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/repo/papers/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/repo/out/passwd",
        "/repo/outside.html",
        "/repo/%00/index.html",
    ],
)
def test_nothing_outside_the_live_folder_is_served(built: Project, path: str) -> None:
    with serving(built) as live:
        os.symlink("/etc", live.folder / "out")
        os.symlink("/etc/hostname", live.folder / "outside.html")
        response = live.get(path)
        assert response.status == 404
        assert b"root:" not in response.body


def test_other_host_names_are_refused_dns_rebinding(built: Project) -> None:
    with serving(built) as live:
        port = live.port
        assert live.get("/repo/", Host=f"localhost:{port}").status == 200
        assert live.get("/repo/", Host=f"127.0.0.1:{port}").status == 200
        for host in [f"attacker.example:{port}", "attacker.example", f"127.0.0.1.nip.io:{port}"]:
            assert live.get("/repo/", Host=host).status == 403, host
            assert live.get("/__paperboard/events?version=x", Host=host).status == 403


def test_a_request_without_host_header_is_refused(built: Project) -> None:
    with serving(built) as live, socket.create_connection(("127.0.0.1", live.port), WAIT) as s:
        s.sendall(b"GET /repo/ HTTP/1.0\r\n\r\n")
        status_line = s.makefile("rb").readline()
    assert status_line.split()[1] == b"403"


def test_the_reload_channel_refuses_other_origins(built: Project) -> None:
    with serving(built) as live:
        version = live.get("/repo/").version()
        evil = EventStream(live.url, version, {"Origin": "http://attacker.example"})
        assert evil.response.status == 403
        evil.close()
        same = EventStream(live.url, "stale", {"Origin": f"http://127.0.0.1:{live.port}"})
        assert same.response.status == 200
        assert same.next() == ("reload", "")
        same.close()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("app.localhost", True),
        ("10.1.2.3:8000", True),
        ("evil.example:8000", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
        (None, False),
        ("127.0.0.1:notaport", False),
    ],
)
def test_host_allowed(header: str | None, expected: bool) -> None:
    assert host_allowed(header, "127.0.0.1") is expected


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (None, True),
        ("http://127.0.0.1:8000", True),
        ("http://127.0.0.1:8001", False),
        ("http://evil.example", False),
        ("null", False),
        ("https://127.0.0.1:8000", False),
    ],
)
def test_origin_allowed(origin: str | None, expected: bool) -> None:
    assert origin_allowed(origin, "127.0.0.1:8000") is expected


def test_locate_maps_paths_to_files_under_the_base(tmp_path: Path) -> None:
    (tmp_path / "papers/x").mkdir(parents=True)
    (tmp_path / "papers/x/index.html").write_text("x")
    (tmp_path / "index.html").write_text("home")
    assert locate(tmp_path, "/r/", "/r/").file == tmp_path / "index.html"
    assert locate(tmp_path, "/r/", "/r/papers/x/").file == tmp_path / "papers/x/index.html"
    assert locate(tmp_path, "/r/", "/r//papers//x/").file == tmp_path / "papers/x/index.html"
    assert locate(tmp_path, "/r/", "/r/papers/x").location == "/r/papers/x/"
    assert locate(tmp_path, "/r/", "/r").location == "/r/"
    assert locate(tmp_path, "/r/", "/papers/x/").status == 404
    assert locate(tmp_path, "/r/", "/r/papers/y/").status == 404
    assert locate(tmp_path, "/r/", "/r/papers/x/../x/").status == 404


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_edit_reloads_break_shows_error_fix_clears_it(built: Project) -> None:
    users_site = tree(built.root / "site")
    with serving(built) as live:
        page = live.get("/repo/papers/alpha/")
        stream = EventStream(live.url, page.version())
        built.paper("alpha", title="Alpha Edited", topics=("Fairness",))
        assert stream.next() == ("reload", "")
        page = live.get("/repo/papers/alpha/")
        assert h1(page) == "Alpha Edited"

        stream = EventStream(live.url, page.version())
        start = len(live.log)
        path = built.root / "content/papers/alpha.md"
        good = path.read_text()
        path.write_text(good.replace("date: 2025-03-21", "date: 2025-02-30"))
        name, text = stream.next()
        assert name == "build-error"
        assert text.splitlines() == live.errors_since(start)
        assert text.startswith("content/papers/alpha.md:")
        assert h1(live.get("/repo/papers/alpha/")) == "Alpha Edited"

        again = EventStream(live.url, page.version())
        assert again.next() == ("build-error", text)
        again.close()

        path.write_text(good.replace("Alpha Edited", "Alpha Fixed"))
        assert stream.next() == ("reload", "")
        page = live.get("/repo/papers/alpha/")
        assert h1(page) == "Alpha Fixed"
        stream = EventStream(live.url, page.version())
        built.paper("gamma", title="Gamma Again", topics=("bias",))
        assert stream.next() == ("reload", "")
    assert tree(built.root / "site") == users_site


def test_a_template_error_is_shown_and_its_fix_reloads(built: Project) -> None:
    built.write("paperboard.toml", 'theme = "mytheme"\n')
    footer = built.write("mytheme/templates/partials/nav.html", "<nav>Mine</nav>\n")
    with serving(built) as live:
        page = live.get("/repo/")
        assert "Mine" in text_of(page.html().xpath("//nav")[0])
        stream = EventStream(live.url, page.version())
        footer.write_text("<nav>\n{% if %}</nav>\n")
        name, text = stream.next()
        assert name == "build-error"
        assert "mytheme/templates/partials/nav.html:2:" in text
        footer.write_text("<nav>Fixed</nav>\n")
        assert stream.next() == ("reload", "")
        assert "Fixed" in text_of(live.get("/repo/").html().xpath("//nav")[0])


def test_a_broken_project_at_start_still_serves_and_recovers(project: Project) -> None:
    path = project.paper("alpha", title="Alpha")
    good = path.read_text()
    path.write_text(good.replace("title:", "title: [unclosed"))
    with serving(project, base_url=None) as live:
        missing = live.get("/papers/alpha/")
        assert missing.status == 404
        stream = EventStream(live.url, missing.version())
        assert stream.next() == ("build-error", "\n".join(live.errors_since(0)))
        path.write_text(good)
        assert stream.next() == ("reload", "")
        assert h1(live.get("/papers/alpha/")) == "Alpha"


def test_port_in_use_names_the_port_and_the_option(project: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        options = ServeOptions(BuildOptions(project.root), "127.0.0.1", port)
        with pytest.raises(ServeError) as caught:
            serve_site(options, lambda level, text: None, threading.Event())
        result = CliRunner().invoke(
            main, ["serve", "--source", str(project.root), "--port", str(port)]
        )
    message = caught.value.diagnostics[0].format()
    assert str(port) in message and "--port" in message
    assert result.exit_code == 1
    assert f"port {port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "stop_signal",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
    ids=["ctrl-c", "terminate", "terminal-closed"],
)
def test_a_stop_signal_ends_serve_and_deletes_its_live_folder(
    built: Project, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    server = ServeProcess(built.root, env={"TMPDIR": str(tmp_path)})
    try:
        assert request(server.url, "/").status == 200
        assert list(tmp_path.glob("paperboard-serve-*"))
        server.process.send_signal(stop_signal)
        assert server.process.wait(timeout=1.0) == 0
        assert not list(tmp_path.glob("paperboard-serve-*"))
    finally:
        server.close()


def test_live_folders_of_killed_servers_are_removed_at_start(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"paperboard-serve-{dead.pid}-x1"
    mine = tmp_path / f"paperboard-serve-{os.getpid()}-x2"
    other = tmp_path / "something-else-1"
    for folder in (stale, mine, other):
        (folder / "site").mkdir(parents=True)
    remove_stale(tmp_path)
    assert not stale.exists()
    assert mine.exists() and other.exists()


def test_after_reload_runs_off_the_rebuild_thread_and_its_failure_is_a_warning(
    built: Project,
) -> None:
    calls: queue.Queue[tuple[Path, str, bool]] = queue.Queue()

    def index(folder: Path, stop: threading.Event) -> None:
        page = (folder / "papers/alpha/index.html").read_bytes()
        calls.put((folder, threading.current_thread().name, b"Alpha Later" in page))
        if calls.qsize() == 1:
            raise PaperboardError([error("the index could not be written")])

    with serving(built, after_reload=index) as live:
        folder, thread, _ = calls.get(timeout=WAIT)
        assert (folder, thread) == (live.folder, "paperboard-after-reload")
        stream = EventStream(live.url, live.get("/repo/papers/alpha/").version())
        built.paper("alpha", title="Alpha Later")
        assert stream.next() == ("reload", "")
        assert calls.get(timeout=WAIT)[2]
        assert ("warning", "error: the index could not be written") in live.log


def test_a_path_too_long_for_the_file_system_is_a_404(built: Project) -> None:
    with serving(built) as live:
        response = live.get("/repo/" + "a" * 5000 + "/")
        assert response.status == 404
        assert h1(response) == h1(live.get("/repo/404.html"))
