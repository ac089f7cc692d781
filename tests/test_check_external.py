"""`check --external` against a real HTTP server on 127.0.0.1.

Statuses, timeouts, the cache and concurrency, all with real requests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import Project

from generator.check.external import ExternalOptions, check_urls
from generator.check.site_check import CheckOptions, check_site

BASE = "https://user.github.io/repo/"


@dataclass
class Web:
    """What the test server saw."""

    url: str
    release: threading.Event
    hits: Counter[str] = field(default_factory=Counter)
    barrier: threading.Barrier = field(default_factory=lambda: threading.Barrier(3, timeout=0.5))
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def make_handler(web: Web) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.answer(head=True)

        def do_GET(self) -> None:
            self.answer(head=False)

        def answer(self, head: bool) -> None:
            with web.lock:
                web.hits[f"{self.command} {self.path}"] += 1
            status = self.status_for(head)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def status_for(self, head: bool) -> int:
            if self.path == "/ok":
                return 200
            if self.path == "/no-head":
                return 405 if head else 200
            if self.path == "/rate":
                return 429
            if self.path == "/slow":
                web.release.wait(30)
                return 200
            if self.path.startswith("/together/"):
                return self.together()
            return 404

        def together(self) -> int:
            with web.lock:
                web.in_flight += 1
                web.most_in_flight = max(web.most_in_flight, web.in_flight)
            with contextlib.suppress(threading.BrokenBarrierError):
                web.barrier.wait()
            with web.lock:
                web.in_flight -= 1
            return 200

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[Web]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    release = threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    state = Web(f"http://127.0.0.1:{server.server_address[1]}", release)
    server.RequestHandlerClass = make_handler(state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    release.set()
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_statuses_are_told_apart(web: Web) -> None:
    urls = [f"{web.url}/ok", f"{web.url}/no-head", f"{web.url}/missing", f"{web.url}/rate"]
    urls.append(f"http://127.0.0.1:{closed_port()}/")
    outcomes = check_urls(urls, ExternalOptions(timeout=5))
    assert outcomes[urls[0]].ok and outcomes[urls[1]].ok
    assert web.hits["GET /no-head"] == 1 and web.hits["GET /ok"] == 0
    assert (outcomes[urls[2]].ok, outcomes[urls[2]].status) == (False, 404)
    assert outcomes[urls[3]].rate_limited
    assert not outcomes[urls[4]].ok and outcomes[urls[4]].status is None


def test_a_server_that_never_answers_times_out(web: Web) -> None:
    outcome = check_urls([f"{web.url}/slow"], ExternalOptions(timeout=0.5))[f"{web.url}/slow"]
    assert not outcome.ok and outcome.status is None
    assert "0.5 s" in outcome.reason


def test_requests_run_concurrently(web: Web) -> None:
    urls = [f"{web.url}/together/{n}" for n in range(3)]
    outcomes = check_urls(urls, ExternalOptions(per_host=4))
    assert all(o.ok for o in outcomes.values())
    assert web.most_in_flight == 3
    assert not web.barrier.broken


def test_one_host_gets_a_few_requests_at_a_time(web: Web) -> None:
    urls = [f"{web.url}/together/{n}" for n in range(3)]
    check_urls(urls, ExternalOptions(per_host=1, workers=8))
    assert web.most_in_flight == 1


def test_working_urls_are_cached_and_failures_asked_again(web: Web, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "links.json"
    options = ExternalOptions(cache=cache)
    urls = [f"{web.url}/ok", f"{web.url}/missing"]
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    check_urls(urls, options, now)
    again = check_urls(urls, options, now + dt.timedelta(days=1))
    assert again[urls[0]].cached and again[urls[0]].ok
    assert web.hits["HEAD /ok"] == 1
    assert web.hits["HEAD /missing"] == 2
    stale = check_urls(urls, options, now + dt.timedelta(days=30))
    assert not stale[urls[0]].cached
    assert web.hits["HEAD /ok"] == 2
    assert list(json.loads(cache.read_text())["urls"]) == [urls[0]]


def test_a_damaged_cache_is_ignored(web: Web, tmp_path: Path) -> None:
    cache = tmp_path / "links.json"
    cache.write_text("{not json", encoding="utf-8")
    outcome = check_urls([f"{web.url}/ok"], ExternalOptions(cache=cache))[f"{web.url}/ok"]
    assert outcome.ok and not outcome.cached


def test_check_external_reports_each_page_linking_to_a_dead_url(built: Project, web: Web) -> None:
    assert built.build("--base-url", BASE).exit_code == 0
    links = {
        "papers/alpha/index.html": ["/ok", "/missing", "/rate"],
        "papers/beta/index.html": ["/missing", "/no-head"],
    }
    for page, paths in links.items():
        path = built.root / "site" / page
        anchors = "".join(f'<a href="{web.url}{p}">x</a>\n' for p in paths)
        path.write_text(path.read_text().replace("</main>", anchors + "</main>"), "utf-8")
    site = built.root / "site"
    offline = check_site(CheckOptions(built.root, site, base_url=BASE))
    assert not offline.failed and web.hits == Counter()
    options = CheckOptions(
        built.root, site, base_url=BASE, external=True, timeout=5, exclude=("https:",)
    )
    report = check_site(options)
    assert report.failed
    dead = [p for p in report.site if p.severity == "error"]
    assert {p.path.relative_to(built.root / "site").as_posix() for p in dead if p.path} == set(
        links
    )
    assert all(f"{web.url}/missing" in p.message and "404" in p.message for p in dead)
    [slow_down] = [p for p in report.site if p.severity == "warning"]
    assert f"{web.url}/rate" in slow_down.message
    assert (built.root / ".paperboard-cache" / "external-links.json").is_file()
